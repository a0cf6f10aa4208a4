"""The publish path (scripts/build) never carries a local address into a published build."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess

import brotli
import pytest

from tests.conftest import PDF_SITE_URL, ROOT, copy_project, run_in


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
