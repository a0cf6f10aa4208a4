"""PDFs made from unchanged inputs are kept (pdfbuild/inputs.py): `serve` restarted with the same
content answers in seconds; any change to what the PDFs are made from makes them again."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from macros import pdf_files
from pdfbuild.inputs import inputs_hash
from pdfbuild.meta import load_build_info
from tests.conftest import PDF_SITE_URL, copy_project, run_in

KINDS = ("arbejdsark", "printpakke", "bog")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("reuse") / "project")


def digest(project: Path, monkeypatch, site_url: str = PDF_SITE_URL) -> str:
    monkeypatch.setenv("SITE_URL", site_url)
    return inputs_hash(project, load_build_info(project), KINDS)


def test_the_hash_follows_what_the_pdfs_are_made_from(project, monkeypatch):
    before = digest(project, monkeypatch)
    # What builds write into docs/ and hidden files are no input.
    for generated in ("docs/pdf/x.pdf", "docs/pagefind/x.js", "docs/assets/javascripts/ark/x.js", "docs/.pdf-new-1/x"):
        (project / generated).parent.mkdir(parents=True, exist_ok=True)
        (project / generated).write_text("x")
    assert digest(project, monkeypatch) == before
    sheet = next((project / "data" / "arbejdsark").glob("*.yml"))
    text = sheet.read_text(encoding="utf-8")
    for changed in (sheet, project / "docs" / "index.md", project / "overrides" / "assets" / "strings" / "da.json"):
        original = changed.read_bytes()
        changed.write_bytes(original + b"\n")
        assert digest(project, monkeypatch) != before, f"{changed.relative_to(project)} is not an input"
        changed.write_bytes(original)
    assert sheet.read_text(encoding="utf-8") == text and digest(project, monkeypatch) == before
    assert digest(project, monkeypatch, "https://example.org/andet/") != before, "the printed address is an input"


def fake_build(out: Path, stored: str) -> dict[str, bytes]:
    """A folder as a finished build leaves it, with `stored` as the inputs' hash."""
    out.mkdir()
    manifest = {"files": {"a.pdf": {"kind": "arbejdsark", "pages": 1, "bytes": 3, "fields": 0}}}
    (out / pdf_files.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    (out / "a.pdf").write_bytes(b"pdf")
    (out / pdf_files.INPUTS).write_text(stored + "\n", encoding="utf-8")
    return {p.name: p.read_bytes() for p in out.iterdir()}


def run_pdfbuild(project: Path, out: Path) -> subprocess.CompletedProcess:
    return run_in(project, [sys.executable, "-m", "pdfbuild", "--out", str(out), "--quiet"], PDF_SITE_URL, timeout=60)


def test_unchanged_inputs_keep_the_pdfs(project, monkeypatch, tmp_path):
    out = tmp_path / "pdf"
    files = fake_build(out, digest(project, monkeypatch))
    result = run_pdfbuild(project, out)
    assert result.returncode == 0, result.stdout
    assert "PDFs unchanged" in result.stdout and "Making PDFs" not in result.stdout, result.stdout
    assert {p.name: p.read_bytes() for p in out.iterdir()} == files


@pytest.mark.parametrize("damage", ["other hash", "missing pdf", "no hash"])
def test_changed_inputs_or_a_missing_pdf_are_not_kept(project, monkeypatch, tmp_path, damage):
    from pdfbuild.build import unchanged

    out = tmp_path / "pdf"
    fake_build(out, "0" * 64 if damage == "other hash" else digest(project, monkeypatch))
    if damage == "missing pdf":
        (out / "a.pdf").unlink()
    if damage == "no hash":
        (out / pdf_files.INPUTS).unlink()
    monkeypatch.setenv("SITE_URL", PDF_SITE_URL)
    assert unchanged(out, root=project, kinds=KINDS) is None
