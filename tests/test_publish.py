"""The publish path (scripts/build) never carries a local address into a published build."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.conftest import ROOT


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
