"""Copies of the answers made in the browser (overrides/assets/javascripts/ark/exports.js).

The functions are driven directly in a page of the built site (a dynamic import() of the module,
so these tests do not depend on the buttons), the bytes come back as base64 and are read with
pypdf, pypdfium2 and python-docx. The session's site holds the worksheet PDFs and the vendored
libraries (tests/conftest.py: built_site).
"""

from __future__ import annotations

import base64
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from macros.content import load_content
from macros.contract import sheet_contract
from tests.support import ROOT

PNG_DIR = ROOT / "test-results" / "copies"  # page renderings to look at (not committed)

LONG = (
    "Vi ønsker et partnerskab, hvor frivillige og medarbejdere mødes „på lige fod“ – også når det "
    "går stærkt. Æbler, øl og ål hører med til sommerfesten i Århus.\n"
    "Anden linje: vi måler på trivsel, fastholdelse og læring – hver tredje måned.\n"
    "Tredje linje med ÆØÅ og et tegn uden for WinAnsi → ≤ 5."
)
RISK = "trin-4-risikoanalyse"
CHECK = "trin-3-foer-moedet"
# The risk PDF's blank rows are egen-1 … egen-PRINTED (the contract); rows after them go on "Flere rækker".
PRINTED = sheet_contract(load_content(ROOT), RISK).rows.printed
BEYOND = (PRINTED + 1, PRINTED + 2)
RISK_ANSWERS = {
    "positiv-omtale": "Sandsynligt",
    "egen-1--tekst": LONG,
    "egen-1": "Usandsynligt",
    "egen-2--tekst": "Leverandøren trækker sig",
    f"egen-{BEYOND[0]}--tekst": "Tredje egne udsagn: pressen skriver om økonomien",
    f"egen-{BEYOND[0]}": "Meget sandsynligt",
    f"egen-{BEYOND[1]}--tekst": "Fjerde række – frivillige føler sig overset",
    f"egen-{BEYOND[1]}": "Sandsynligt",
}
CHECK_ANSWERS = {
    "research-af-moedeltagerne": "1",
    "research-af-moedeltagerne--note": "Vi har læst årsrapporten – „grøn omstilling“ fylder.",
}


@pytest.fixture(scope="module", autouse=True)
def _inputs_exist(built_site):
    for rel in (f"pdf/{RISK}.pdf", "assets/vendor/pdf-lib/pdf-lib.esm.min.js", "assets/vendor/docx/docx.esm.js"):
        assert (built_site / rel).is_file(), f"the session's site has no {rel}"


# Runs in the page: import the module from the site, read the published contract, call `body`.
CALL = """async ([body, args]) => {
  const root = new URL(JSON.parse(document.getElementById("__config").textContent).base, location.href);
  const ex = await import(new URL("assets/javascripts/ark/exports.js", root).href);
  const doc = await import(new URL("assets/javascripts/ark/core/document.js", root).href);
  const C = await (await fetch(new URL("assets/arbejdsark/kontrakt.json", root))).json();
  const out = await (new Function("ex", "doc", "C", "root", "args", "return (async () => {" + body + "})()"))(ex, doc, C, root, args);
  const bytes = out instanceof Blob ? new Uint8Array(await out.arrayBuffer()) : out;
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}"""


def call(page, body: str, args=None) -> bytes:
    return base64.b64decode(page.evaluate(CALL, [body, args]))


def open_step(page, path="trin-4/"):
    page.goto(path)
    page.wait_for_load_state("networkidle")


def vendor_requests(context) -> list[str]:
    return [u for u in context.requests if "/assets/vendor/" in u]


def radio_value(field) -> str | None:
    """A WeasyPrint radio group's chosen export value: its on-state names index /Opt."""
    v = field.get("/V")
    if not v or v == "/Off":
        return None
    return field["/Opt"][int(v[1:])]


def render_page(pdf: Path, name: str, page: int = 1) -> Path:
    """pdftoppm page → test-results/copies/<name>.png (to look at)."""
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) missing: ./scripts/bootstrap --test installs it")
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    out = PNG_DIR / name
    done = subprocess.run(
        ["pdftoppm", "-r", "80", "-f", str(page), "-l", str(page), "-png", "-singlefile", str(pdf), str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr  # no syntax errors in our PDF
    return out.with_suffix(".png")


def page_texts(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return [p.get_textpage().get_text_range() for p in pdf]
    finally:
        pdf.close()


def test_libraries_load_only_when_asked_for(page, context):
    open_step(page)
    page.goto("arbejdsark/trin-4-risikoanalyse/")
    page.wait_for_load_state("networkidle")
    assert vendor_requests(context) == [], "a page load must not fetch the copy libraries"
    call(page, f"return ex.filledPdf(root, C, {json.dumps(RISK)}, {{}});")
    loaded = vendor_requests(context)
    assert any(u.endswith("/assets/vendor/pdf-lib/pdf-lib.esm.min.js") for u in loaded)
    assert not any("docx" in u for u in loaded), "the Word library loads only for a Word copy"
    assert not any("fontkit" in u or "/fonts/" in u for u in loaded), (
        "the embedded font loads only for text Helvetica cannot draw"
    )
    assert context.requests.foreign() == []


def test_filled_risk_pdf_keeps_answers_rows_and_form(page, context, tmp_path):
    from pypdf import PdfReader

    open_step(page)
    data = call(
        page,
        "return ex.filledPdf(root, C, args.id, args.answers, {organisation: 'Familieven og Trævarebutikken', date: '2026-11-29'});",
        {"id": RISK, "answers": RISK_ANSWERS},
    )
    pdf = tmp_path / "risk.pdf"
    pdf.write_bytes(data)

    reader = PdfReader(io.BytesIO(data))
    assert "/AcroForm" in reader.trailer["/Root"], "the copy must stay a fillable form"
    fields = reader.get_fields()
    # Every field of the blank PDF is still there (fixed rows + the printed blank rows).
    for key in (
        "positiv-omtale",
        "negativt-omdoemme-en-part",
        "egen-1--tekst",
        "egen-1",
        f"egen-{PRINTED}--tekst",
        f"egen-{PRINTED}",
    ):
        assert key in fields, key
    assert fields["_organisation"]["/V"] == "Familieven og Trævarebutikken"  # the sheet's header
    assert fields["_dato"]["/V"] == "29. november 2026"
    assert fields["egen-1--tekst"]["/V"] == LONG  # exact text, also the characters Helvetica cannot draw
    assert fields["egen-2--tekst"]["/V"] == "Leverandøren trækker sig"
    assert radio_value(fields["positiv-omtale"]) == "Sandsynligt"
    assert radio_value(fields["egen-1"]) == "Usandsynligt"
    assert radio_value(fields["negativt-omdoemme-en-part"]) is None
    assert f"egen-{BEYOND[0]}--tekst" not in fields  # rows beyond the printed ones have no field …

    texts = page_texts(data)  # … they are on the "Flere rækker" page (read with pypdfium2)
    assert len(texts) == len(reader.pages) == 2
    extra = texts[-1]
    assert "Flere rækker" in extra
    for text in (
        f"Eget udsagn {BEYOND[0]}",
        "Tredje egne udsagn: pressen skriver om økonomien",
        "Meget sandsynligt",
        f"Eget udsagn {BEYOND[1]}",
        "Fjerde række – frivillige føler sig overset",
    ):
        assert text in extra, text
    assert "Flere rækker" in reader.pages[-1].extract_text()  # and with pypdf
    # The sheet's page numbers count the added page ("Side 1 af 1" is covered and rewritten).
    assert "Side 1 af 2" in texts[0] and "Side 2 af 2" in texts[1]
    png = render_page(pdf, "risikoanalyse-med-svar")
    assert png.stat().st_size > 10_000


def test_filled_checklist_pdf_ticks_and_notes(page, pdf_dir, tmp_path):
    from pypdf import PdfReader

    open_step(page, "trin-3/")
    data = call(page, "return ex.filledPdf(root, C, args.id, args.answers);", {"id": CHECK, "answers": CHECK_ANSWERS})
    reader = PdfReader(io.BytesIO(data))
    fields = reader.get_fields()
    assert fields["research-af-moedeltagerne"]["/V"] not in (None, "/Off")  # ticked
    assert fields["research-af-virksomheden"].get("/V") in (None, "/Off")
    assert fields["research-af-moedeltagerne--note"]["/V"] == CHECK_ANSWERS["research-af-moedeltagerne--note"]
    blank = PdfReader(pdf_dir / f"{CHECK}.pdf")
    assert len(reader.pages) == len(blank.pages)  # nothing overflowed: no extra page
    pdf = tmp_path / "check.pdf"
    pdf.write_bytes(data)
    render_page(pdf, "foer-moedet-med-svar")


def test_all_answers_pdf(page, context):
    from pypdf import PdfReader

    open_step(page)
    worksheets = {
        RISK: RISK_ANSWERS,
        CHECK: CHECK_ANSWERS,
        "trin-1-refleksion": {},
        "trin-7-kpi": {"raekke-1--maal": "Flere frivillige"},
    }
    data = call(
        page,
        "return ex.allAnswersPdf(root, C, {name: 'Røde Kors og LB – 2026', organisation: 'Foreningen Familieven',"
        " date: '2026-11-29', worksheets: args});",
        worksheets,
    )
    single = {
        sid: len(
            PdfReader(
                io.BytesIO(call(page, "return ex.filledPdf(root, C, args.id, args.a);", {"id": sid, "a": a}))
            ).pages
        )
        for sid, a in worksheets.items()
        if a
    }
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1 + sum(single.values())  # cover + answered sheets; the empty one left out
    cover = page_texts(data)[0]
    assert "Røde Kors og LB – 2026" in cover and "29. november 2026" in cover
    assert "Gode råd før mødet" in cover and "Risikoanalyse" in cover and "KPI" in cover.upper()
    assert "(side 2)" in cover, "the cover names the page each sheet starts on"
    assert not reader.get_fields(), "the all-answers copy is flattened"
    texts = page_texts(data)
    # Contract (book) order: trin-3 before trin-4 before trin-7; answers are printed on the pages.
    assert texts.index(next(t for t in texts if "Gode råd før mødet" in t and t is not texts[0])) < texts.index(
        next(t for t in texts if "Leverandøren trækker sig" in t)
    )
    assert any("Flere frivillige" in t for t in texts)
    # Each sheet's "Organisation / partnerskab" is the set's organisation name, not the set's own name.
    assert all("Foreningen Familieven" in t for t in texts if "Organisation / partnerskab" in t)
    assert not any("Røde Kors og LB – 2026" in t for t in texts[1:])
    (PNG_DIR).mkdir(parents=True, exist_ok=True)
    (PNG_DIR / "alle-svar.pdf").write_bytes(data)
    render_page(PNG_DIR / "alle-svar.pdf", "alle-svar-forside")
    assert context.requests.foreign() == []


def test_answers_docx(page, context):
    import docx

    open_step(page)
    worksheets = {
        CHECK: CHECK_ANSWERS,
        "trin-1-refleksion": {"maal-og-strategi-de-naeste-aar": "Første linje\nAnden linje med æøå"},
        "trin-7-kpi": {"raekke-1--maal": "Flere frivillige", "raekke-1--kpi": "50 nye", "raekke-4--maal": "Række fire"},
    }
    data = call(
        page,
        "return ex.answersDocx(C, doc.answersDocument(C, {name: 'Mit partnerskab', date: '2026-11-29', worksheets: args}));",
        worksheets,
    )
    assert "/assets/vendor/docx/docx.esm.js" in " ".join(vendor_requests(context))
    d = docx.Document(io.BytesIO(data))
    paras = [(p.style.name, p.text) for p in d.paragraphs]
    assert ("Title", "Mit partnerskab") in paras
    assert any(t == "29. november 2026" for _, t in paras)
    h1 = [t for s, t in paras if s == "Heading 1"]
    assert h1 == ["Refleksionsspørgsmål", "Gode råd før mødet", "KPI’er for partnerskabet"], h1
    texts = [t for _, t in paras]
    assert "Første linje\nAnden linje med æøå" in texts  # line break kept inside the answer paragraph
    assert CHECK_ANSWERS["research-af-moedeltagerne--note"] in texts
    assert any(s.startswith("Heading 2") or s.startswith("Heading 3") for s, _ in paras)
    assert len(d.tables) == 1
    table = d.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert "KPI" in header and "Ansvarlig" in header
    body = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert ["Flere frivillige", "50 nye", "", ""] in body
    assert any(row[0] == "Række fire" for row in body)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert 'w:val="da-DK"' in z.read("word/styles.xml").decode()
    assert context.requests.foreign() == []


def test_the_longest_answer_a_field_accepts_comes_out_as_a_pdf_quickly(page, tmp_path):
    """50,000 characters (the most a field holds) in one field: "Hent med svar som PDF" used to
    freeze the tab for minutes (pdf-lib laid the text out again for every line, at every size
    tried). Now the copy comes within seconds, the field keeps the exact text, and what does
    not fit its box is on the appended pages."""
    from pypdf import PdfReader

    from tests.browser.helpers import contract, field, open_sheet, tool

    limit = contract()["limits"]["valueChars"]
    strings = json.loads((ROOT / "overrides/assets/strings/da.json").read_text(encoding="utf-8"))["ark"]
    words = "Vi vil måle trivsel, fastholdelse og læring hver tredje måned – „sammen“ med partneren. "
    text = (words * (limit // len(words) + 1))[:limit]
    sheet = open_sheet(page, "arbejdsark/trin-1-refleksion/", "trin-1-refleksion")
    box = field(sheet, "maal-og-strategi-de-naeste-aar")
    assert box.get_attribute("maxlength") == str(limit)
    box.fill(text)
    with page.expect_download(timeout=20_000) as info:  # minutes before the fix
        tool(sheet, "pdf-filled").click()
    data = Path(info.value.path()).read_bytes()
    reader = PdfReader(io.BytesIO(data))
    assert reader.get_fields()["maal-og-strategi-de-naeste-aar"]["/V"] == text
    (tmp_path / "lang.pdf").write_bytes(data)
    render_page(tmp_path / "lang.pdf", "langt-svar")  # test-results/copies/langt-svar.png, to look at
    render_page(tmp_path / "lang.pdf", "langt-svar-side-4", page=4)
    drawn = "".join(page_texts(data)).replace("\r", "").replace("\n", " ")
    assert strings["overflow"] in drawn
    assert drawn.count("fastholdelse") >= text.count(
        "fastholdelse"
    )  # the whole text is drawn, in the field and after it


def test_pdf_copies_draw_what_people_type_and_say_what_they_cannot(page, context, tmp_path):
    """Characters outside WinAnsi (Ł, →, ✓, an emoji, Greek, Cyrillic) are drawn with the embedded
    DejaVu Sans, in the sheet's copy and on the "Alle mine svar" cover (they were "?"); Chinese,
    which no font here has, and right-to-left text are said in Danish, pointing to the Word copy."""
    from pypdf import PdfReader

    from tests.browser.helpers import field, open_sheet, tool

    strings = json.loads((ROOT / "overrides/assets/strings/da.json").read_text(encoding="utf-8"))
    typed = "Łukasz fra Gdańsk → møde ✓ 😀 Ωmega Привет"
    sheet = open_sheet(page, "arbejdsark/trin-1-refleksion/", "trin-1-refleksion")
    field(sheet, "maal-og-strategi-de-naeste-aar").fill(typed)
    with page.expect_download() as info:
        tool(sheet, "pdf-filled").click()
    data = Path(info.value.path()).read_bytes()
    assert PdfReader(io.BytesIO(data)).get_fields()["maal-og-strategi-de-naeste-aar"]["/V"] == typed
    form_fonts = PdfReader(io.BytesIO(data)).trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]
    assert any(str(f.get_object()["/BaseFont"]).startswith("/DejaVuSans") for f in form_fonts.values()), "embedded"
    pdf = tmp_path / "unicode.pdf"
    pdf.write_bytes(data)
    render_page(pdf, "unicode-felt")  # test-results/copies/unicode-felt.png, to look at
    assert "is-error" not in (sheet.locator(".ark-status").get_attribute("class") or "")
    assert any("/assets/vendor/fontkit/" in u for u in context.requests)

    # Chinese (no font here has it) and Hebrew (right to left): the copy says so and offers Word.
    field(sheet, "hvordan-kan-et-partnerskab-hjaelpe").fill("Samarbejde 合作 og שלום")
    with page.expect_download():
        tool(sheet, "pdf-filled").click()
    status = sheet.locator(".ark-status")
    status.get_by_role("button", name=strings["sheet"]["docx"]).wait_for()
    assert "Word-dokumentet beholder hele teksten" in status.inner_text()
    with page.expect_download() as info:
        status.get_by_role("button", name=strings["sheet"]["docx"]).click()
    assert info.value.suggested_filename.endswith(".docx")

    # "Alle mine svar": the cover names the set as typed, the sheet shows the answer as typed.
    open_step(page)
    data = call(
        page,
        "return ex.allAnswersPdf(root, C, {name: 'Łódź & Zoë ✓', date: '2026-11-29', worksheets: args});",
        {"trin-1-refleksion": {"maal-og-strategi-de-naeste-aar": typed}},
    )
    texts = [t.replace("\r\n", " ").replace("\n", " ") for t in page_texts(data)]
    assert "Łódź & Zoë ✓" in texts[0]
    assert typed in texts[1], "drawn in the (flattened) field as typed, not as '?'"


def test_a_sheet_pdf_without_form_fields_still_gives_a_copy(page):
    """A blank PDF with no form (no /AcroForm, so no /DR) used to throw inside pdf-lib's lookup:
    "Alle mine svar" failed whole. Its answers now go on the appended pages."""
    from pypdf import PdfWriter

    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(out)
    page.route(
        "**/pdf/trin-1-refleksion.pdf", lambda route: route.fulfill(body=out.getvalue(), content_type="application/pdf")
    )
    open_step(page)
    data = call(
        page, "return ex.filledPdf(root, C, 'trin-1-refleksion', {'maal-og-strategi-de-naeste-aar': 'Vores mål'});"
    )
    texts = page_texts(data)
    assert len(texts) == 2 and "Vores mål" in texts[1]
