"""The answer journeys in Firefox (issue 26): type and reload, export, the share link with its code,
in Debian's firefox-esr over WebDriver BiDi (tests/engines/firefox_journeys.mjs, puppeteer-core)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.firefox
HERE = Path(__file__).resolve().parent


def test_firefox_journeys(site_url):
    firefox = shutil.which("firefox-esr") or "/usr/bin/firefox-esr"
    if not Path(firefox).exists():
        pytest.fail("firefox-esr not found: run ./scripts/bootstrap --test (it installs it)")
    run = subprocess.run(
        ["node", str(HERE / "firefox_journeys.mjs"), site_url, firefox],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        cwd=HERE.parents[1],
    )
    assert run.returncode == 0, run.stderr[-3000:] + run.stdout[-1000:]
