"""The publish path (scripts/build) never carries a local address into a published build."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import brotli
import pytest

from macros import pdf_files
from tests.conftest import PDF_SITE_URL, copy_project, run_in
from tests.support import ROOT


def snapshot() -> dict[str, float]:
    """Every file under docs/ and site/ with its modification time."""
    return {str(p): p.stat().st_mtime_ns for top in ("docs", "site") for p in (ROOT / top).rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    "site_url", [None, "", "http://127.0.0.1:8000/", "http://localhost:8000/parat/", "http://[::1]/"]
)
def test_build_refuses_without_a_public_site_url(tmp_path, site_url):
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    if site_url is not None:
        env["SITE_URL"] = site_url
    before = snapshot()
    out = tmp_path / "site"
    result = subprocess.run(
        [str(ROOT / "scripts" / "build"), "-d", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr and "Nothing was built" in result.stderr, result.stderr
    assert ("local address" in result.stderr) == bool(site_url), result.stderr
    assert not out.exists()
    assert snapshot() == before, "scripts/build wrote files before refusing"


@pytest.mark.pdf
@pytest.mark.slow
def test_the_published_site_ships_minified_scripts_and_stylesheets(pdf_dir, tmp_path):
    """scripts/build publishes what the benchmark measures: its PDF step runs scripts/bootstrap, whose
    plain scripts/vendor removes the minified copies (for `serve`); they must still be in the site.
    Text files have precompressed .gz and .br siblings with the same content (scripts/precompress)."""
    project = copy_project(tmp_path / "project")
    shutil.copy2(ROOT / "scripts" / "build", project / "scripts" / "build")  # copy_project leaves out "build"s
    shutil.copytree(pdf_dir, project / "docs" / "pdf")  # unchanged inputs: the PDF step keeps them
    out = tmp_path / "site"
    publish = {"CONTACT_EMAIL": "tilgaengelighed@example.dk"}  # scripts/build refuses a placeholder
    result = run_in(project, [str(project / "scripts" / "build"), str(out)], PDF_SITE_URL, timeout=900, env=publish)
    assert result.returncode == 0, result.stdout
    assets = ROOT / "overrides" / "assets"
    sources = sorted([*(assets / "javascripts").rglob("*.js"), *(assets / "stylesheets").rglob("*.css")])
    assert len(sources) > 20
    for source in sources:
        built = (out / source.relative_to(ROOT / "overrides")).read_text(encoding="utf-8")
        text = source.read_text(encoding="utf-8")
        # Every one of them opens with a comment (its docstring), which esbuild drops, and is shorter.
        opening = re.match(r"\s*(?:/\*+|//)\s*(.{20})", text)
        assert opening, f"{source.name}: no opening comment to check"
        assert opening.group(1) not in built, f"{source.name} is published unminified"
        if "@import" in text:  # a bundle (screen.css, printing.css): one file with what it imports
            assert "@import" not in built, f"{source.name} is published unbundled"
        else:
            assert len(built) < 0.9 * len(text), f"{source.name} is published unminified"
    for page in (out / "index.html", out / "assets" / "stylesheets" / "screen.css"):
        assert gzip.decompress((page.parent / (page.name + ".gz")).read_bytes()) == page.read_bytes()
        assert brotli.decompress((page.parent / (page.name + ".br")).read_bytes()) == page.read_bytes()


# --- The rehearsal: scripts/build --preview ---------------------------------------------------------

STEPS = (
    "build_pdfs",
    "vendor",
    "build_site",
    "build_search",
    "build_css",
    "build_offline",
    "precompress",
)  # vendor --minify after build_pdfs


def _stubbed_build(tmp_path: Path) -> Path:
    """scripts/build in a folder of its own, its steps replaced by stubs that log their arguments and
    the addresses they were given (a real run makes every PDF: minutes)."""
    scripts = tmp_path / "project" / "scripts"
    scripts.mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "build", scripts / "build")
    for step in STEPS:
        (scripts / step).write_text(
            '#!/usr/bin/env bash\necho "$(basename "$0") $* SITE_URL=$SITE_URL CONTACT_EMAIL=$CONTACT_EMAIL"'
            ' >> "$(dirname "$0")/../log"\n'
            '[ "$(basename "$0")" != build_site ] || mkdir -p "$1"\n',
            encoding="utf-8",
        )
        (scripts / step).chmod(0o755)
    return scripts.parent


def _build(project: Path, args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "CONTACT_EMAIL", "WAS_URL")}
    return subprocess.run(
        [str(project / "scripts" / "build"), *args],
        cwd=project,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_preview_builds_for_a_local_address_and_says_it_is_not_for_publishing(tmp_path):
    project = _stubbed_build(tmp_path)
    out = tmp_path / "preview"
    result = _build(project, ["--preview", str(out)])
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert "NOT FOR PUBLISHING" in lines[0] and "NOT FOR PUBLISHING" in lines[-1], result.stderr
    log = (project / "log").read_text(encoding="utf-8").splitlines()
    assert [line.split()[0] for line in log] == list(STEPS)  # exactly the publish path
    assert all("SITE_URL=http://127.0.0.1:8000/parat/ CONTACT_EMAIL=kontakt@example.invalid" in line for line in log)
    assert "NOT FOR PUBLISHING" in (out / "PREVIEW-NOT-FOR-PUBLISHING.txt").read_text(encoding="utf-8")


def test_preview_takes_the_address_given_and_the_publish_build_still_refuses_it(tmp_path):
    project = _stubbed_build(tmp_path)
    local = {"SITE_URL": "http://localhost:8123/p/", "CONTACT_EMAIL": "kontakt@example.invalid"}
    assert _build(project, ["--preview", str(tmp_path / "preview")], **local).returncode == 0
    assert "SITE_URL=http://localhost:8123/p/" in (project / "log").read_text(encoding="utf-8")
    (project / "log").unlink()
    refused = _build(project, [str(tmp_path / "site")], **local)
    assert refused.returncode == 2 and "build --preview" in refused.stderr
    assert not (project / "log").exists() and not (tmp_path / "site").exists()
    bad = _build(project, ["--preview", str(tmp_path / "x")], SITE_URL="127.0.0.1:8000")
    assert bad.returncode == 2 and "Nothing was built" in bad.stderr and not (project / "log").exists()


# --- build_site and the PDFs serve left in docs/pdf/ --------------------------------------------------


def _manifest(folder: Path, site_url: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"version": "1", "date": "2026-12-01", "site_url": site_url, "files": {}})
    (folder / pdf_files.MANIFEST).write_text(text, encoding="utf-8")
    return folder


def test_pdfs_made_for_another_address_are_named(tmp_path):
    pdf = _manifest(tmp_path / "pdf", "http://127.0.0.1:8000/")
    note = pdf_files.foreign_pdfs(pdf, "https://www.example.dk/parat/")
    assert note and "http://127.0.0.1:8000/" in note and "https://www.example.dk/parat/" in note
    assert pdf_files.foreign_pdfs(pdf, "http://127.0.0.1:8000") is None  # the same address
    assert pdf_files.foreign_pdfs(tmp_path / "none", "https://www.example.dk/") is None  # no PDFs


@pytest.mark.slow
def test_build_site_says_when_it_copies_pdfs_made_for_another_address(tmp_path):
    project = copy_project(tmp_path / "project")
    _manifest(project / "docs" / pdf_files.PDF_DIR, "http://127.0.0.1:8000/")
    result = run_in(project, ["scripts/build_site", str(tmp_path / "site")], "https://www.example.dk/parat/", 600)
    assert result.returncode == 0, result.stdout
    assert (
        "scripts/build_site: note: the PDFs copied from docs/pdf/ were made for http://127.0.0.1:8000/" in result.stdout
    )


def _editable_target() -> str:
    """Where the shared .venv's editable install of the project points (its .pth file's text)."""
    [pth] = (ROOT / ".venv").glob("lib/python*/site-packages/__editable__.*.pth")
    return pth.read_text(encoding="utf-8")


def test_bootstrap_in_a_copy_leaves_the_shared_installs_alone(tmp_path):
    """A test's copy of the project links the project's .venv/ and node_modules/: when its
    pyproject.toml and package-lock.json differ from what they were installed from, its
    scripts/bootstrap (run by build_pdfs) must not reinstall them: `npm ci` would empty the shared
    node_modules/ under the other tests, `pip install -e .` point the shared .venv at the copy."""
    project = copy_project(tmp_path / "project")
    for name in ("pyproject.toml", "package-lock.json"):
        original = (project / name).read_text(encoding="utf-8")
        (project / name).write_text(original + "\n", encoding="utf-8")  # stale stamps
    before = (_editable_target(), (ROOT / "node_modules" / ".lock.sha").read_text(encoding="utf-8"))
    try:
        result = run_in(project, [str(project / "scripts" / "bootstrap")], PDF_SITE_URL, timeout=300)
        assert result.returncode == 0, result.stdout
        assert "Installing" not in result.stdout, result.stdout
        assert (_editable_target(), (ROOT / "node_modules" / ".lock.sha").read_text(encoding="utf-8")) == before
    finally:
        if _editable_target() != before[0]:  # repair what a failure did to the shared .venv
            subprocess.run(
                [str(ROOT / ".venv/bin/python"), "-m", "pip", "install", "-q", "--no-deps", "-e", str(ROOT)], check=True
            )
