"""The meeting pack ("Mødepakke", issue 24) on the route page, under a sub-path: sheets from several
steps, copies of each, one PDF made in the browser (a cover with the sheets and their QR codes,
then the copies), checked with pypdfium2 (text, rendered QR codes) and pypdf. Offline it is made
in tests/browser/test_offline.py; what goes in and the page numbers: tests/js/meetingpack.test.mjs."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp

PICK = {"trin-1-refleksion": 3, "trin-4-risikoanalyse": 2, "bevar-gejsten-nye-ideer": 1}


def make_pack(page, copies: dict[str, object]):
    form = page.locator("[data-ark-moedepakke]")
    form.locator("input[type=number]").first.wait_for()
    page.wait_for_function("() => document.querySelector('[data-ark-moedepakke]').dataset.bound === '1'")
    for sheet, n in copies.items():
        form.locator(f'input[name="{sheet}"]').fill(str(n))
    return form


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() for p in PdfReader(path).pages]


@pytest.fixture
def pack_page(browser, sub_path_site):
    ctx = browser.new_context(base_url=sub_path_site, accept_downloads=True, locale="da-DK")
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("partnerskabsruten/")
    yield page
    ctx.close()
    assert errors == []


def test_a_pack_has_a_cover_with_qr_codes_then_the_copies(pack_page, built_site, sub_path_site):
    from pypdf import PdfReader

    form = make_pack(pack_page, {**PICK, "trin-2-refleksion": 0})  # a 0 leaves a sheet out
    with pack_page.expect_download() as download:
        form.locator("button[type=submit]").click()
    path = Path(download.value.path())
    assert download.value.suggested_filename == "moedepakke.pdf"

    blank = {sheet: PdfReader(built_site / "pdf" / f"{sheet}.pdf") for sheet in PICK}
    texts = pdf_pages(path)
    assert len(texts) == 1 + sum(n * len(blank[s].pages) for s, n in PICK.items())
    assert f"{len(PICK)} ark, {len(texts)} sider" in form.locator(".ark-status").inner_text()

    # The copies, in the site's order, each page as the blank PDF's.
    at = 1
    starts = {}
    for sheet, n in PICK.items():  # PICK is in the site's order
        starts[sheet] = at + 1
        own = [p.extract_text() for p in blank[sheet].pages]
        for _ in range(n):
            assert texts[at : at + len(own)] == own, sheet
            at += len(own)

    # The cover: every sheet's title, copies, first page and address; a QR code of each address.
    cover = " ".join(texts[0].split())
    for sheet, n in PICK.items():
        assert f"{n} eksemplar" in cover and f"fra side {starts[sheet]}" in cover, sheet
        assert f"{sub_path_site}arbejdsark/{sheet}/" in cover.replace(" ", ""), sheet
    assert "trin-2-refleksion" not in cover

    import pypdfium2 as pdfium

    image = pdfium.PdfDocument(str(path))[0].render(scale=3).to_pil().convert("L")
    codes = sorted(c.text for c in zxingcpp.read_barcodes(image))
    assert codes == sorted(f"{sub_path_site}arbejdsark/{sheet}/" for sheet in PICK)


@pytest.mark.parametrize(
    ("copies", "message"),
    [
        ({"trin-4-risikoanalyse": 99}, "Skriv et helt tal fra 1 til 40 ved ”Risikoanalyse”"),
        ({"trin-4-risikoanalyse": "2.5"}, "Skriv et helt tal fra 1 til 40 ved ”Risikoanalyse”"),
        ({}, "Vælg mindst ét arbejdsark"),
    ],
)
def test_a_wrong_number_or_nothing_picked_makes_no_pack(pack_page, copies, message):
    form = make_pack(pack_page, copies)
    downloads: list = []
    pack_page.on("download", lambda d: downloads.append(d))
    form.locator("button[type=submit]").click()
    pack_page.wait_for_function(
        "m => document.querySelector('[data-ark-moedepakke] .ark-status').textContent.includes(m)", arg=message
    )
    assert downloads == []


def test_mit_partnerskab_offers_it_too(page, built_site):
    from pypdf import PdfReader

    page.goto("arbejdsark/")
    form = make_pack(page, {"trin-3-foer-moedet": 2})
    with page.expect_download() as download:
        form.locator("button[type=submit]").click()
    one = len(PdfReader(built_site / "pdf" / "trin-3-foer-moedet.pdf").pages)
    assert len(pdf_pages(Path(download.value.path()))) == 1 + 2 * one
