"""The suite tests what it builds itself: the session's project copy leaves out everything earlier
builds left in docs/ (PDFs, a broken manifest, minified modules, a search index), and the site the
tests read holds exactly the PDFs this run made (tests/conftest.py: copy_project, pdf_dir, built_site)."""

from __future__ import annotations

import filecmp
import json

from tests.conftest import ROOT, copy_project

# What a stale or broken earlier build may have left in the working tree's docs/.
LEFT_BEHIND = {
    "docs/pdf/manifest.json": "{ not json",
    "docs/pdf/trin-1-refleksion.pdf": "%PDF-1.7 stale",
    "docs/pdf/et-fjernet-ark.pdf": "%PDF-1.7 of a removed worksheet",
    "docs/assets/javascripts/ark/main.js": "/* stale minified copy */",
    "docs/pagefind/pagefind-entry.json": "{}",
    "docs/assets/arbejdsark/kontrakt.json": "{}",
    "docs/assets/vendor/docx/docx.esm.js": "/* an old library */",
}


def test_the_copy_a_session_builds_leaves_out_what_earlier_builds_left(tmp_path):
    source = copy_project(tmp_path / "working-tree")
    for rel, text in LEFT_BEHIND.items():
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_text(text, encoding="utf-8")
    copy = copy_project(tmp_path / "copy", source=source)
    assert [rel for rel in LEFT_BEHIND if (copy / rel).exists()] == []
    assert not (copy / "docs" / "pdf").exists()
    assert (copy / "docs" / "trin-1.md").read_bytes() == (ROOT / "docs" / "trin-1.md").read_bytes()
    assert (copy / "mkdocs.yml").is_file() and (copy / "data" / "arbejdsark").is_dir()
    assert (copy / ".venv").resolve() == (ROOT / ".venv").resolve()


def test_the_built_site_holds_exactly_the_pdfs_this_run_made(built_site, pdf_dir, tmp_path_factory):
    assert pdf_dir.is_relative_to(tmp_path_factory.getbasetemp().parent), "the PDFs are not this run's"
    made = sorted(p.name for p in pdf_dir.iterdir())
    assert sorted(p.name for p in (built_site / "pdf").iterdir()) == made
    match, mismatch, errors = filecmp.cmpfiles(pdf_dir, built_site / "pdf", made, shallow=False)
    assert mismatch == errors == [], f"the site's PDFs differ from this run's: {mismatch + errors}"
    listed = json.loads((pdf_dir / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert sorted(listed) == sorted(n for n in made if n.endswith(".pdf"))
