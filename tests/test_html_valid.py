"""The Nu Html Checker (npm vnu-jar, run with Java) on every built page: no errors in our markup.

Messages caused by Material for MkDocs' own templates are suppressed here, each with its reason;
everything else (our templates, macros, overrides, Markdown) must be valid.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

MATERIAL_MESSAGES = {
    r"^Attribute “autocomplete” is only allowed when the input type is": (
        'Material\'s base.html puts autocomplete="off" on its drawer/search/toc toggle checkboxes '
        "(to stop Firefox restoring their state); browsers ignore it, the checker does not allow it"
    ),
    r"^Bad value “” for attribute “tabindex” on element “label”": (
        'Material\'s partials/nav-item.html writes tabindex="" on section labels of the navigation'
    ),
}


def run_vnu(site: Path) -> list[dict]:
    java = shutil.which("java")
    if not java:
        pytest.fail("Java is missing: run ./scripts/test (it installs default-jre-headless)")
    if not VNU.exists():
        pytest.fail("node_modules/vnu-jar is missing: run ./scripts/test (it runs npm ci)")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return json.loads(result.stderr or '{"messages": []}')["messages"]


def is_material(message: str) -> bool:
    return any(re.search(pattern, message) for pattern in MATERIAL_MESSAGES)


@pytest.fixture(scope="module")
def messages(built_site):
    return run_vnu(built_site)


def test_no_html_errors_in_our_markup(messages, built_site):
    ours = [m for m in messages if not is_material(m["message"])]
    report = [
        f"{m['url'].split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']} — {m.get('extract', '').strip()[:120]}"
        for m in ours
    ]
    assert not report, "HTML errors:\n" + "\n".join(report)


def test_suppressed_material_messages_still_occur(messages):
    """If Material fixes its markup, drop the suppression (a stale suppression could hide ours)."""
    for pattern in MATERIAL_MESSAGES:
        assert any(re.search(pattern, m["message"]) for m in messages), f"no longer emitted: {pattern}"


@pytest.mark.slow  # runs the Nu Html Checker (Java) in a subprocess
def test_the_checker_finds_errors(tmp_path):
    """The checker really runs: a page with a duplicate id fails."""
    (tmp_path / "bad.html").write_text(
        '<!DOCTYPE html><html lang="da"><head><title>x</title></head><body><p id="a"></p><p id="a"></p></body></html>',
        encoding="utf-8",
    )
    assert any("Duplicate ID" in m["message"] for m in run_vnu(tmp_path))
