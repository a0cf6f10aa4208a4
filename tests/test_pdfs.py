"""The printed PDFs (pdfbuild): fillable worksheets, print packs per step, the whole guide.

The session makes the PDFs once (tests/conftest.py: pdf_dir, the real build step into a fresh
folder, with a public-looking SITE_URL so the footer addresses have realistic length); every test
reads its output.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject

from macros.content import load_content
from macros.contract import HEADER_FIELDS, sheet_contract
from macros.render import MONTHS, perspective_items, worksheet_fields
from tests.conftest import PDF_SITE_URL as SITE_URL
from tests.conftest import ROOT, copy_project, squeeze

SHEET_IDS = sorted(p.stem for p in (ROOT / "data" / "arbejdsark").glob("*.yml"))
GUIDE = "parat-til-private-partnerskaber.pdf"
A4 = (595.28, 841.89)  # points
RADIO = 1 << 15
MULTILINE = 1 << 12


# --- The build, once (tests/conftest.py: pdf_dir) -----------------------------------------------


@pytest.fixture(scope="session")
def manifest(pdf_dir) -> dict:
    return json.loads((pdf_dir / "manifest.json").read_text(encoding="utf-8"))


_readers: dict[Path, PdfReader] = {}


def reader(path: Path) -> PdfReader:
    if path not in _readers:
        _readers[path] = PdfReader(path)
    return _readers[path]


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in reader(path).pages]


def squeezed(text: str) -> str:
    """Without any whitespace: a line may break after "/" or "–", where extraction adds a space."""
    return "".join(text.split())


def pack_of(sheet) -> str:
    return f"printpakke-{sheet.step or 'bevar-gejsten'}.pdf"


def all_pdfs() -> list[str]:
    packs = sorted(f"printpakke-{s or 'bevar-gejsten'}.pdf" for s in load_content(ROOT).worksheet_groups())
    return [f"{i}.pdf" for i in SHEET_IDS] + packs + [GUIDE]


# --- What the PDFs must contain, stated from the content ------------------------------------


HEADER_NAMES = [name for _, name, _ in HEADER_FIELDS]  # organisation / partnership, date


def expected_keys(content, sheet) -> list[str]:
    """The worksheet's stored keys plus the blank added rows, from the key contract."""
    return [f.key for f in sheet_contract(content, sheet.id).printed_fields()]


def expected_fields(content, sheet) -> list[str]:
    """Every field of a worksheet's PDF: the header fields, then its keys (none for the book's plain
    lists, kind "list": nothing to fill in, their retired keys only live on in the contract)."""
    return [] if sheet.kind == "list" else HEADER_NAMES + expected_keys(content, sheet)


def printed_texts(content, sheet) -> list[str]:
    """Texts of the book a printed worksheet must show."""
    texts = [sheet.title] + ([sheet.intro] if sheet.intro else [])
    if sheet.kind in ("questions", "checklist", "list"):
        for section in sheet.sections:
            texts += [t for t in (section.title, section.intro) if t]
            texts += [t for item in section.items for t in (item.lead, item.text) if t]
    elif sheet.kind == "dialogue":
        # A row has one title, or a title per party (the book's "Foreningens AKTIVITET" / "Virksomhedens PRODUKT").
        texts += list(sheet.parties) + [
            t for row in sheet.rows for t in ([row.title] if row.title else row.titles or [])
        ]
    elif sheet.kind == "risk":
        texts += list(sheet.scale) + [row.text for row in sheet.rows]
    elif sheet.kind == "table":
        texts += [col.label for col in sheet.columns] + list(sheet.examples)
        texts += [line for row in sheet.rows for cell in row.cells.values() for line in cell.splitlines()]
    elif sheet.kind == "perspectives":
        texts += [t for item in perspective_items(content, sheet) for t in (item["lead"], item["text"]) if t]
    elif sheet.kind == "calendar":
        texts += MONTHS + ([sheet.hint] if sheet.hint else [])
    return texts


def first_paragraph(markdown: Path) -> str:
    """The first prose paragraph of a docs page (no front matter, heading, macro call or label such
    as the book's "Forord" above the headline, `{ .kicker }`)."""
    body = markdown.read_text(encoding="utf-8").split("---", 2)[2]
    return next(
        p
        for p in body.split("\n\n")
        if p.strip()
        and not p.lstrip().startswith(("#", "{{", "<", "-", ">"))
        and not p.rstrip().endswith("{ .kicker }")
    )


def step_line(content, sheet) -> str:
    if not sheet.step:
        return "Bevar gejsten og skab værdi"
    step = content.steps[sheet.step]
    return f"Trin {step.number} af {len(content.steps)} · {step.title}"


# --- The set of files -----------------------------------------------------------------------


def test_a_pdf_for_every_worksheet_step_and_the_guide(pdf_dir, manifest, content):
    expected = (
        {f"{i}.pdf" for i in content.worksheets}
        | {f"printpakke-{s}.pdf" for s in content.steps}
        | {"printpakke-bevar-gejsten.pdf", GUIDE}
    )
    assert set(manifest["files"]) == expected
    assert {p.name for p in pdf_dir.glob("*.pdf")} == expected
    assert manifest["site_url"] == SITE_URL
    for name, entry in manifest["files"].items():
        assert entry["bytes"] == (pdf_dir / name).stat().st_size
        assert entry["pages"] == len(reader(pdf_dir / name).pages) >= 1


# --- Worksheets -------------------------------------------------------------------------------


@pytest.mark.parametrize("sheet_id", SHEET_IDS)
def test_worksheet_fields_are_its_storage_keys(pdf_dir, content, sheet_id):
    sheet = content.worksheets[sheet_id]
    pdf = reader(pdf_dir / f"{sheet_id}.pdf")
    fields = pdf.get_fields() or {}  # None: no form at all (a plain list)
    keys = expected_fields(content, sheet)
    assert len(keys) == len(set(keys))
    assert sorted(fields) == sorted(keys), (
        "PDF form fields must be the header fields and the worksheet's keys, one to one"
    )
    by_key = {f.key: f for f in worksheet_fields(content, sheet)}
    for name, field in fields.items():
        if name in HEADER_NAMES:
            assert field["/FT"] == "/Tx" and not int(field.get("/Ff", 0)) & MULTILINE, name
            continue
        kind = (
            by_key[name].type
            if name in by_key
            else ("choice" if sheet.kind == "risk" and not name.endswith("--tekst") else "text")
        )
        flags = int(field.get("/Ff", 0))
        if kind == "text":
            assert field["/FT"] == "/Tx" and flags & MULTILINE, name
        elif kind == "check":
            assert field["/FT"] == "/Btn" and not flags & RADIO, name
        else:  # a radio group: one button per step of the scale
            assert field["/FT"] == "/Btn" and flags & RADIO, name
            assert [str(o) for o in field["/Opt"]] == list(sheet.scale), name


@pytest.mark.parametrize("sheet_id", SHEET_IDS)
def test_worksheet_text_footer_and_fonts(pdf_dir, content, manifest, sheet_id):
    sheet = content.worksheets[sheet_id]
    path = pdf_dir / f"{sheet_id}.pdf"
    pages = page_texts(path)
    text = squeezed(" ".join(pages))
    for expected in printed_texts(content, sheet):
        assert squeezed(expected) in text, f"{sheet_id}: missing {expected!r}"
    assert "\ufffd" not in text and "(cid:" not in text
    url = f"{SITE_URL}arbejdsark/{sheet_id}/"
    version = f"Version {manifest['version']} · "
    for n, page in enumerate(pages, start=1):
        assert url in page, f"{sheet_id} page {n}: no address"
        assert step_line(content, sheet) in page, f"{sheet_id} page {n}: no step line"
        assert version in page, f"{sheet_id} page {n}: no version line"
    assert_fonts_embedded(reader(path))


def test_a_filled_in_copy_keeps_its_answers(pdf_dir, tmp_path):
    """Text (with æ/ø/å), a tick and a radio choice survive filling in and saving (pypdf as the viewer)."""
    answers = {
        "trin-3-foer-moedet.pdf": {
            "research-af-moedeltagerne": "/on",
            "research-af-moedeltagerne--note": "Æbler, øl og ål hos Søren",
        },
        "trin-4-risikoanalyse.pdf": {
            "positiv-omtale": "/1",
            "egen-1": "/0",
            "egen-1--tekst": "Vores eget udsagn – på dansk",
        },
    }
    for name, values in answers.items():
        writer = PdfWriter(clone_from=pdf_dir / name)
        for page in writer.pages:
            writer.update_page_form_field_values(page, values, auto_regenerate=False)
        writer.write(tmp_path / name)
        fields = PdfReader(tmp_path / name).get_fields()
        assert {key: fields[key].get("/V") for key in values} == values, name


def assert_fonts_embedded(pdf: PdfReader) -> None:
    for page in pdf.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for name, ref in fonts.items():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            assert descriptor is not None, f"font {name} has no descriptor"
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
                f"font {font.get('/BaseFont')} is not embedded"
            )


def test_nothing_is_fetched_while_printing():
    """Only file: and data: URLs: a reference to the network stops the build instead of fetching."""
    from weasyprint.urls import FatalURLFetchingError

    from pdfbuild.engine import render_pdf

    with pytest.raises(FatalURLFetchingError):
        render_pdf('<p>x</p><img src="https://example.invalid/logo.png" alt="">', "sheet", forms=False)


# --- Print packs ------------------------------------------------------------------------------


def test_packs_hold_their_steps_worksheets_in_page_order(pdf_dir, content):
    for pack in sorted({pack_of(s) for s in content.worksheets.values()}):
        sheets = [s for s in content.worksheets.values() if pack_of(s) == pack]
        pages = page_texts(pdf_dir / pack)
        # Fields: "<worksheet id>--<key>", unique within the pack, every worksheet's keys.
        expected = sorted(f"{s.id}--{k}" for s in sheets for k in expected_fields(content, s))
        assert sorted(reader(pdf_dir / pack).get_fields()) == expected, pack
        # Order: as the worksheets appear on their page of the book.
        page_text = (ROOT / "docs" / sheets[0].page).read_text(encoding="utf-8")
        book_order = sorted(sheets, key=lambda s: page_text.index(f'arbejdsark("{s.id}"'))
        first_page = {}
        for n, text in enumerate(pages):
            for s in sheets:
                if f"arbejdsark/{s.id}/" in text:
                    first_page.setdefault(s.id, n)
        assert sorted(first_page, key=first_page.get) == [s.id for s in book_order], pack
        for n, text in enumerate(pages, start=1):
            assert any(f"{SITE_URL}arbejdsark/{s.id}/" in text for s in sheets), f"{pack} page {n}: no address"
            assert step_line(content, sheets[0]) in text, f"{pack} page {n}: no step line"


_ITEM_NUMBER = re.compile(r"(?m)^\d\.\d+ ")  # a question's number starts its line ("4.17  Hvilke …")


@pytest.mark.parametrize("name", [n for n in all_pdfs() if n.startswith("printpakke-")])
def test_no_pack_page_holds_a_lone_question_its_neighbour_could_join(pdf_dir, name):
    """A page that continues a sheet never holds one question alone while the page before held
    several: the last question takes its neighbour along (issue 24: Trin 4's 4.17 on a page of its own)."""
    pages = page_texts(pdf_dir / name)
    for n in range(1, len(pages)):
        starts_sheet = "PRINTPAKKE · ARK" in pages[n].upper()
        here, before = len(_ITEM_NUMBER.findall(pages[n])), len(_ITEM_NUMBER.findall(pages[n - 1]))
        assert starts_sheet or here != 1 or before <= 1, f"{name} page {n + 1}: one question alone"


# --- The guide --------------------------------------------------------------------------------


def test_guide_has_bookmarks_text_and_footers(pdf_dir, content):
    pdf = reader(pdf_dir / GUIDE)
    titles = [o.title for o in pdf.outline if not isinstance(o, list)]
    assert "Indhold" in titles and len(titles) >= 8
    assert any(isinstance(o, list) for o in pdf.outline), "sections should nest their chapters"
    pages = page_texts(pdf_dir / GUIDE)
    text = squeeze(" ".join(pages))
    for first_or_last in ("forord.md", "videre-laesning.md"):
        assert squeezed(first_paragraph(ROOT / "docs" / first_or_last))[:120] in squeezed(text), first_or_last
    question = content.worksheets["trin-1-refleksion"].sections[0].items[0]
    assert squeezed(question.text or question.lead) in squeezed(text)
    assert "Trin 3 af 7 · Det første møde" in text
    for n, page in enumerate(pages, start=1):
        assert SITE_URL in page, f"guide page {n}: no address"
        # The page number from the strings file (pdfbuild/engine.py); the title page has none.
        assert (f"Side {n} af {len(pages)}" in page) == (n > 1), f"guide page {n}: page number"
    assert_fonts_embedded(pdf)


def guide_page_of(pdf: PdfReader, name: str) -> int:
    """The 1-based page of a named destination (an id) in the guide."""
    return [p.indirect_reference for p in pdf.pages].index(pdf.named_destinations[name].page.indirect_reference) + 1


def test_guide_starts_with_a_title_page(pdf_dir, content):
    """The book's title, CFSA and Lene Hjorth, and the site's labelled note on how the PDF is made; not
    the web home page ("Start med trin 1", issue 24)."""
    first = " ".join(page_texts(pdf_dir / GUIDE)[0].split())
    assert first.startswith("Parat til private partnerskaber")
    assert "Af Center for Frivilligt Socialt Arbejde (CFSA) og Lene Hjorth" in first
    assert "Hjemmesidens note: Denne PDF er lavet af hjemmesiden" in first
    assert "Start med trin 1" not in first and "Se hele partnerskabsruten" not in first


def test_guide_places_each_example_after_its_step_as_the_book_does(pdf_dir, content):
    """OMBOLD after Trin 1 … Blindes Arbejde after Trin 6 (data/eksempler/*.yml book_after, from the
    manuscript), each before the next step; not all grouped after Trin 7."""
    pdf = reader(pdf_dir / GUIDE)
    steps = list(content.steps)
    assert [e.book_after for e in content.examples.values()] == steps[:6]
    for example in content.examples.values():
        after = steps.index(example.book_after)
        here = guide_page_of(pdf, f"eksempler-{example.id}")
        assert guide_page_of(pdf, steps[after]) < here < guide_page_of(pdf, steps[after + 1]), example.id


def test_the_sites_own_pages_are_an_appendix_after_the_book(pdf_dir):
    pdf = reader(pdf_dir / GUIDE)
    appendix = guide_page_of(pdf, "hjemmesidens-sider")
    assert appendix > guide_page_of(pdf, "videre-laesning")  # the book's last chapter
    assert "Bilag: Hjemmesidens egne sider" in page_texts(pdf_dir / GUIDE)[appendix - 1]
    for page in ("vaerdiperspektiver", "vaerdiperspektiver-laeringsvaerdi", "saadan-gemmes-dine-svar"):
        assert guide_page_of(pdf, page) > appendix, page
    for left_out in ("tilgaengelighedserklaering", "aendringer", "eksempler"):  # about the website, a list of links
        assert left_out not in pdf.named_destinations, left_out


def test_guide_bookmarks_keep_a_space_between_number_and_title(pdf_dir):
    """ "Trin 1: Forstå jeres egen organisation", never "1Forstå …" (a step circle's hidden words)."""
    titles = []

    def walk(items):
        for item in items:
            walk(item) if isinstance(item, list) else titles.append(item.title)

    walk(reader(pdf_dir / GUIDE).outline)
    glued = [t for t in titles if re.match(r"\d+[^\W\d_]", t)]
    assert glued == [] and "Trin 1: Forstå jeres egen organisation" in titles


def test_guide_internal_links_resolve(pdf_dir):
    pdf = reader(pdf_dir / GUIDE)
    names = pdf.named_destinations
    internal = 0
    for n, page in enumerate(pdf.pages, start=1):
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            if action is not None and action.get("/S") == "/URI":
                assert str(action["/URI"]).startswith(("http://", "https://", "mailto:")), action["/URI"]
                continue
            dest = annot.get("/Dest", action.get("/D") if action is not None else None)
            assert dest is not None, f"page {n}: link without target"
            internal += 1
            if isinstance(dest, ArrayObject):
                assert dest[0].get_object() in [p.get_object() for p in pdf.pages]
            else:
                assert str(dest) in names, f"page {n}: link to missing #{dest}"
    assert internal > 100


# --- Rendering: every page, every PDF -----------------------------------------------------------


EDGE_PT = 5 / 25.4 * 72  # 5 mm: nothing may start closer to the paper's edge (printers clip there)


def text_outside_page(page) -> list[str]:
    """Text starting outside the page, or within 5 mm of its edge (pypdf positions: text matrix × CTM)."""
    box = page.mediabox
    left, right = float(box.left) + EDGE_PT, float(box.right) - EDGE_PT
    bottom, top = float(box.bottom) + EDGE_PT, float(box.top) - EDGE_PT
    outside = []

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if not (left <= x <= right and bottom <= y <= top):
            outside.append(f"{text!r} at ({x:.0f}, {y:.0f})")

    page.extract_text(visitor_text=visit)
    return outside


@pytest.fixture(scope="session")
def pdftoppm() -> str:
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.skip("pdftoppm (Debian poppler-utils) is not installed: run scripts/bootstrap --test")
    return tool


@pytest.mark.parametrize("name", all_pdfs())
def test_pages_are_a4_not_blank_and_nothing_leaves_the_page(pdf_dir, pdftoppm, name):
    from PIL import Image

    path = pdf_dir / name
    pdf = reader(path)
    for n, page in enumerate(pdf.pages, start=1):
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == tuple(
            round(x, 1) for x in A4
        ), f"{name} page {n}: not A4"
        assert text_outside_page(page) == [], f"{name} page {n}: text outside the page"
    dpi = 30
    out = subprocess.run(
        [pdftoppm, "-r", str(dpi), "-gray", "-png", str(path), str(path.with_suffix(""))],
        capture_output=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    images = sorted(pdf_dir.glob(f"{path.stem}-*.png"))
    images = [p for p in images if p.stem[len(path.stem) + 1 :].isdigit()]
    assert len(images) == len(pdf.pages)
    edge = round(5 / 25.4 * dpi)  # 5 mm
    for n, image_path in enumerate(images, start=1):
        image = Image.open(image_path).convert("L")
        w, h = image.size
        body = image.crop((0, 0, w, round(h * (297 - 35) / 297)))  # above the footer
        assert body.point(lambda v: 255 if v < 128 else 0).getbbox() is not None, f"{name} page {n}: blank"
        for band in ((0, 0, w, edge), (0, h - edge, w, h), (0, 0, edge, h), (w - edge, 0, w, h)):
            assert image.crop(band).point(lambda v: 255 if v < 200 else 0).getbbox() is None, (
                f"{name} page {n}: ink within 5 mm of the edge"
            )
        image_path.unlink()


# --- The site's download link for the whole guide -----------------------------------------------


class _FakeEnv:
    """Just enough of mkdocs-macros' env for define_env."""

    def __init__(self, docs_dir: Path):
        self.conf = {"docs_dir": str(docs_dir)}
        self.project_dir = str(ROOT)
        self.page = None
        self.macros = {}

    def macro(self, fn):
        self.macros[fn.__name__] = fn
        return fn


def test_bog_pdf_link_only_when_the_manifest_lists_the_guide(tmp_path):
    import macros

    env = _FakeEnv(tmp_path)
    macros.define_env(env)
    bog_pdf = env.macros["bog_pdf"]
    assert bog_pdf().strip() == ""
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "manifest.json").write_text(
        json.dumps({"files": {"trin-1-refleksion.pdf": {}}}), encoding="utf-8"
    )
    assert bog_pdf().strip() == ""
    (tmp_path / "pdf" / "manifest.json").write_text(
        json.dumps({"files": {GUIDE: {"bytes": 1_234_567}}}), encoding="utf-8"
    )
    link = bog_pdf()
    assert f'href="pdf/{GUIDE}"' in link and "Hent hele bogen som PDF" in link


# --- Fields sized for what people write (issue 11) -------------------------------------------

MM = 72 / 25.4  # points per millimetre
LINE_MM = 7.5  # one written line (sheet.css, print.css)
SHEET_TEXT_PT = 10  # the sheets' body text (base.css)
FOOTER_MM = 33  # the bottom page margin that holds the footer (base.css @page)


def widgets(page):
    """(name, annotation) of the form widgets on a page (a radio button named after its group)."""
    for annot in page.get("/Annots", []) or []:
        annot = annot.get_object()
        if annot.get("/Subtype") == "/Widget":
            name = annot.get("/T", annot.get("/Parent", {}).get("/T") if "/Parent" in annot else None)
            yield str(name), annot


def height_mm(annot) -> float:
    return abs(float(annot["/Rect"][3]) - float(annot["/Rect"][1])) / MM


def da_font_size(annot) -> float:
    return float(str(annot["/DA"]).split(" Tf")[0].split()[-1])


@pytest.mark.parametrize("sheet_id", SHEET_IDS)
def test_text_fields_fit_their_text_and_notes_have_room_to_write(pdf_dir, content, sheet_id):
    """Typed text is sized to fit (auto, size 0) – never above the sheet's text – and every
    multi-line field offers at least two written lines (a checklist note was one 5 mm line)."""
    pdf = reader(pdf_dir / f"{sheet_id}.pdf")
    seen = 0
    for page in pdf.pages:
        for name, annot in widgets(page):
            if annot.get("/FT") != "/Tx":
                continue
            seen += 1
            size = da_font_size(annot)
            assert size == 0 or size <= SHEET_TEXT_PT, f"{name}: {size} pt"
            if name in HEADER_NAMES:
                assert height_mm(annot) >= 4.5, name
            else:
                # The widget is the box inside its padding and frame: two 7.5 mm lines leave 12.5 mm.
                assert height_mm(annot) >= 2 * LINE_MM - 2.6, f"{name}: {height_mm(annot):.1f} mm high"
    assert seen or content.worksheets[sheet_id].kind == "list"


LONG_DANISH = (
    "Vi vil gerne styrke samarbejdet med lokale virksomheder, så flere børn og unge får mulighed for at blive en del af "
    "fællesskabet. Det kræver, at vi først afklarer vores egne ønsker og grænser: Hvad må partnerskabet koste i tid, og "
    "hvem i bestyrelsen følger op? Æbler, øl og ål hos Søren på Østerbro – og så skal vi huske at fortælle de frivillige "
    "om planen i god tid, før vi går videre til næste trin på ruten. Vi aftaler også, hvordan vi måler, om partnerskabet "
    "skaber værdi for begge parter, og hvornår vi gør status sammen med virksomhedens medarbejdere. Sidste ord: ÅLEGRÆSØ"
)
LAST_WORD = "ÅLEGRÆSØ"
# A table cell (a quarter of the page wide) takes what a KPI or a risk is written as: a long sentence.
LONG_CELL = LONG_DANISH[:230].rsplit(" ", 1)[0] + " " + LAST_WORD
# One field of each shape: a question (3 lines), a checklist note, a KPI cell, a risk statement.
LONG_FIELDS = {
    "trin-1-refleksion.pdf": ("FIRST", LONG_DANISH),
    "trin-3-foer-moedet.pdf": ("research-af-moedeltagerne--note", LONG_DANISH),
    "trin-7-kpi.pdf": ("raekke-1--kpi", LONG_CELL),
    "trin-4-risikoanalyse.pdf": ("egen-1--tekst", LONG_CELL),
}


def fill_text(src: Path, dest: Path, name: str, value: str) -> None:
    """Fill one field with pypdf, leaving the drawing to the viewer (/NeedAppearances)."""
    from pypdf.generic import BooleanObject, NameObject

    writer = PdfWriter(clone_from=src)
    for page in writer.pages:
        writer.update_page_form_field_values(page, {name: value}, auto_regenerate=False)
    writer._root_object["/AcroForm"][NameObject("/NeedAppearances")] = BooleanObject(True)
    writer.write(dest)


def field_box(path: Path, name: str) -> tuple[int, tuple[float, float, float, float]]:
    """(page index, rectangle in points from the page's top-left) of a field's widget."""
    pdf = reader(path) if path in _readers else PdfReader(path)
    for n, page in enumerate(pdf.pages):
        for widget_name, annot in widgets(page):
            if widget_name == name:
                x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
                top = float(page.mediabox.top)
                return n, (min(x1, x2), top - max(y1, y2), max(x1, x2), top - min(y1, y2))
    raise KeyError(name)


def render_pdfium(path: Path, n: int, dpi: int):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        pdf.init_forms()
        return pdf[n].render(scale=dpi / 72, may_draw_forms=True).to_pil().convert("L")
    finally:
        pdf.close()


def render_poppler(path: Path, n: int, dpi: int, pdftoppm: str):
    from PIL import Image

    out = path.with_name(path.stem + "-poppler")
    subprocess.run(
        [
            pdftoppm,
            "-r",
            str(dpi),
            "-gray",
            "-png",
            "-singlefile",
            "-f",
            str(n + 1),
            "-l",
            str(n + 1),
            str(path),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return Image.open(out.with_suffix(".png")).convert("L")


def test_a_long_organisation_name_is_not_cut_in_chromiums_viewer(pdf_dir, tmp_path):
    """A 51-character name in the one-line header field, drawn by PDFium (Chromium's viewer): its
    text ends inside the box. At the old fixed 10 pt it ran into the box's right edge, clipped
    ("… Trævarebutikken i Aalbc"); auto-size leaves a margin."""
    dpi = 200
    name = "Foreningen Familieven og Trævarebutikken i Aalborg."  # 51 characters
    dest = tmp_path / "navn.pdf"
    fill_text(pdf_dir / "trin-2-foerste-kontakt.pdf", dest, HEADER_NAMES[0], name)
    n, box = field_box(dest, HEADER_NAMES[0])
    image = render_pdfium(dest, n, dpi).crop(tuple(round(v * dpi / 72) for v in box))
    text = image.crop((0, 0, image.width, image.height - 6))  # above the writing line
    ink = text.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert ink is not None, "no text drawn"
    assert (image.width - ink[2]) / dpi * 25.4 >= 0.6, "the name runs into the field's right edge (cut)"


@pytest.mark.parametrize("name", sorted(LONG_FIELDS))
@pytest.mark.parametrize("viewer", ["pdfium", "poppler"])
def test_long_danish_text_is_visible_to_its_last_word(pdf_dir, content, tmp_path, pdftoppm, name, viewer):
    """~600 characters typed into a field: the last word is drawn inside the field's box.

    Rendered twice, with and without the last word; if the box's pixels differ, the last word is
    on paper (today's fixed 13 pt text showed 4.5 lines of a 3-line field, the rest hidden).
    """
    from PIL import ImageChops

    assert len(LONG_DANISH) >= 550 and len(LONG_CELL) >= 200
    key, value = LONG_FIELDS[name]
    if key == "FIRST":
        key = content.worksheets[name.removesuffix(".pdf")].sections[0].items[0].id
    dpi = 100
    images = []
    for label, text in (("full", value), ("cut", value.removesuffix(" " + LAST_WORD))):
        dest = tmp_path / f"{label}-{name}"
        fill_text(pdf_dir / name, dest, key, text)
        n, box = field_box(dest, key)
        image = render_pdfium(dest, n, dpi) if viewer == "pdfium" else render_poppler(dest, n, dpi, pdftoppm)
        images.append(image.crop(tuple(round(v * dpi / 72) for v in box)))
    full, cut = images
    assert ImageChops.difference(full, cut).getbbox() is not None, (
        f"{name} {key}: the last word is not visible in {viewer}"
    )
    assert full.point(lambda v: 255 if v < 128 else 0).getbbox() is not None, "no text drawn"


# --- Print packs fill the page with rows -----------------------------------------------------


@pytest.mark.parametrize("sheet_id", ["trin-4-risikoanalyse", "trin-7-kpi"])
def test_blank_rows_fill_the_page(pdf_dir, content, sheet_id):
    """The users' own rows fill the sheet's page down to the footer, in its PDF and its pack."""
    sheet = content.worksheets[sheet_id]
    rows = sheet_contract(content, sheet_id).rows
    assert rows.printed >= 5
    for name, prefix in ((f"{sheet_id}.pdf", ""), (pack_of(sheet), f"{sheet_id}--")):
        path = pdf_dir / name
        first = field_box(path, f"{prefix}{rows.keys(1)[0]}")
        second = field_box(path, f"{prefix}{rows.keys(2)[0]}")
        last = field_box(path, f"{prefix}{rows.keys(rows.printed)[0]}")
        assert first[0] == last[0], f"{name}: the blank rows run onto another page"
        pitch = second[1][1] - first[1][1]
        footer_top = float(reader(path).pages[last[0]].mediabox.height) - FOOTER_MM * MM
        room = footer_top - last[1][3] - 2 * MM  # under the last row's field: its cell's padding and frame
        assert 0 <= room < pitch, f"{name}: {room / MM:.0f} mm left under the last row, a row needs {pitch / MM:.0f} mm"
    assert len(reader(pdf_dir / f"{sheet_id}.pdf").pages) == 1


# --- Name and date on every sheet --------------------------------------------------------------


@pytest.mark.parametrize("name", [f"{i}.pdf" for i in SHEET_IDS[:1]] + ["printpakke-trin-4.pdf"])
def test_every_sheet_starts_with_name_and_date_fields(pdf_dir, content, name):
    pdf = reader(pdf_dir / name)
    sheets = [s for s in content.worksheets.values() if name in (f"{s.id}.pdf", pack_of(s))]
    for sheet in sheets:
        prefix = "" if name == f"{sheet.id}.pdf" else f"{sheet.id}--"
        boxes = {h: field_box(pdf_dir / name, prefix + h) for h in HEADER_NAMES}
        page_index = {n for n, _ in boxes.values()}
        assert len(page_index) == 1
        (n,) = page_index
        others = [field_box(pdf_dir / name, prefix + k) for k in expected_keys(content, sheet)]
        assert all(n < m or (n == m and boxes[HEADER_NAMES[0]][1][3] <= box[1]) for m, box in others), (
            f"{name} {sheet.id}: header not at the top"
        )
        text = pdf.pages[n].extract_text()
        for _, _, label in HEADER_FIELDS:
            assert label in text, f"{name}: no label {label!r}"


@pytest.mark.parametrize("name", [f"{i}.pdf" for i in SHEET_IDS[:1]] + ["printpakke-trin-4.pdf"])
def test_every_text_field_shrinks_its_text_to_fit(pdf_dir, name):
    """Font size 0 (auto) in every text field's /DA, one-line fields too: at a fixed size Chromium's
    viewer cuts a long organisation name at the field's edge (issue 24)."""
    fields = [f.get_object() for f in reader(pdf_dir / name).trailer["/Root"]["/AcroForm"]["/Fields"]]
    text_fields = {str(f["/T"]): f for f in fields if f.get("/FT") == "/Tx"}
    assert any(k.endswith(HEADER_NAMES[0]) for k in text_fields)
    for key, field in text_fields.items():
        sizes = re.findall(r"([\d.]+) Tf", str(field.get("/DA", "")))
        assert sizes == ["0"], f"{name} {key}: /DA {field.get('/DA')!r} is not auto-sized"


# --- Tagged PDFs -----------------------------------------------------------------------------


def struct_tags(pdf: PdfReader) -> dict[str, int]:
    """How often each structure type occurs in the structure tree."""
    counts: dict[str, int] = {}
    seen = set()
    stack = [pdf.trailer["/Root"]["/StructTreeRoot"].get_object()]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            if node.get("/Type") == "/StructElem":
                counts[str(node["/S"])] = counts.get(str(node["/S"]), 0) + 1
            kids = node.get("/K")
            kids = kids if isinstance(kids, list) else [kids]
            stack.extend(k.get_object() for k in kids if k is not None and hasattr(k, "get_object"))
    return counts


@pytest.mark.parametrize("name", all_pdfs())
def test_every_pdf_is_tagged_in_danish_with_a_title(pdf_dir, name):
    pdf = reader(pdf_dir / name)
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root, f"{name}: untagged"
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert root["/Lang"] == "da"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    assert pdf.metadata.title and "Parat til private partnerskaber" in pdf.metadata.title
    assert "pdfuaid" in pdf.xmp_metadata.stream.get_data().decode("utf-8")  # declares PDF/UA-1
    tags = struct_tags(pdf)
    assert tags.get("/H1", 0) >= 1, f"{name}: no H1"
    widgets_on_pages = [a for page in pdf.pages for _, a in widgets(page)]
    if widgets_on_pages:
        # Every field is in the structure tree (a /Form element pointing at its widget).
        assert tags.get("/Form", 0) == len(widgets_on_pages)
        assert all("/StructParent" in a for a in widgets_on_pages)
    if name == GUIDE:
        assert tags.get("/H2", 0) > 20 and tags.get("/H3", 0) > 5


# --- Page references in the whole guide ---------------------------------------------------------

PAGE_REFERENCE = re.compile(r"\[((?:[Ss]ide \d+(?:[-–]\d+)?)|(?:[Nn]æste side))\]\(#([a-z0-9-]+)\)")


def page_references() -> list[tuple[str, str, str]]:
    """(chapter key, link text, anchor) of every reference to a printed page in docs/*.md."""
    refs = []
    for md in sorted((ROOT / "docs").glob("*.md")):
        for text, anchor in PAGE_REFERENCE.findall(md.read_text(encoding="utf-8")):
            refs.append((md.stem, text, anchor))
    return refs


def test_page_references_link_to_their_target_and_print_its_page(pdf_dir, content):
    """ "side 44-45", "næste side" …: a link to the target inside the PDF, printed as the PDF's page."""
    pdf = reader(pdf_dir / GUIDE)
    refs = page_references()
    assert len(refs) >= 3
    pages = [p.indirect_reference for p in pdf.pages]
    names = pdf.named_destinations
    links = {}  # destination name → page number of the link
    for n, page in enumerate(pdf.pages, start=1):
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
                links.setdefault(str(annot["/Dest"]), []).append(n)
    texts = page_texts(pdf_dir / GUIDE)
    for chapter, text, anchor in refs:
        dest = f"{chapter}__{anchor}"
        assert dest in links, f"{text!r} in {chapter}.md is not a link in the PDF"
        target = pages.index(names[dest].page.indirect_reference) + 1
        sheet_id, _, part = anchor.partition("--")
        sheet = content.worksheets[sheet_id]
        if part == "eksempel":  # the book's worked example of the dialogue paper
            first = next(r.example for r in sheet.rows if r.example)
            first = first if isinstance(first, str) else first[0]
        else:
            first = printed_texts(content, sheet)[1]
        held = squeezed(texts[target - 1] + texts[min(target, len(pages) - 1)])
        assert squeezed(first)[:60] in held, f"#{anchor}: page {target} does not hold the target"
        # The page with the reference (other links may lead to the same sheet) prints its page.
        # (without the footer's "Side n af N", which may happen to hold the book's number)
        printed = {n: re.sub(r"side\d+af\d+", "", squeezed(texts[n - 1]).lower()) for n in links[dest]}
        assert any(f"side{target}" in t for t in printed.values()), (
            f"{text!r} ({chapter}.md) should print side {target}"
        )
        if re.search(r"\d\s*[-–]\s*\d", text):  # a range in the book stays one: where the target starts and ends
            assert f"{dest}--slut" in names, f"{text!r} ({chapter}.md): no end marker, so no range"
            end = pages.index(names[f"{dest}--slut"].page.indirect_reference) + 1
            assert end > target, f"{text!r} ({chapter}.md): the target fits on page {target}; say 'side {target}'"
            assert any(f"side{target}-{end}" in t for t in printed.values()), (
                f"{text!r} should print side {target}-{end}"
            )
        if text.lower() != f"side {target}":
            assert not any(squeezed(text).lower() in t for t in printed.values()), (
                f"{chapter}.md: the PDF still prints the book's {text!r}"
            )


# --- A failed build: one short message naming the mistake; the last good PDFs stay ----------------

LAST_GOOD = {"trin-1-refleksion.pdf": b"%PDF-1.7 the last good build\n", "manifest.json": b'{"files": {}}\n'}


def insert_line(path: Path, after: int, line: str) -> int:
    """Insert `line` as a paragraph of its own after line `after`; returns its line number (1-based)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[after:after] = ["", line, ""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return after + 2


def yaml_syntax_error(project: Path) -> tuple[str, int]:
    path = project / "data" / "arbejdsark" / "trin-3-foer-moedet.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith("kind:"))
    lines[n] += ": oops"  # "mapping values are not allowed here"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "data/arbejdsark/trin-3-foer-moedet.yml", n + 1


def unknown_worksheet_in_a_page(project: Path) -> tuple[str, int]:
    path = project / "docs" / "trin-3.md"
    after = next(
        n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if "arbejdsark(" in line
    )
    return "docs/trin-3.md", insert_line(path, after, '{{ arbejdsark("findes-ikke") }}')


def unknown_macro_in_a_page(project: Path) -> tuple[str, int]:
    """Reaches the guide's site build (the content loads): its message must keep file and line."""
    return "docs/trin-3.md", insert_line(project / "docs" / "trin-3.md", 5, "{{ findes_ikke() }}")


def broken_link_in_a_page(project: Path) -> tuple[str, None]:
    """MkDocs names the page of a broken link in --strict mode, not the line."""
    path = project / "docs" / "trin-3.md"
    insert_line(path, 5, "Se [her](findes-ikke.md).")
    return "docs/trin-3.md", None


@pytest.fixture
def build_copy(tmp_path) -> Path:
    """A copy of the project whose docs/pdf/ holds a last good build (sharing this project's .venv)."""
    copy = copy_project(tmp_path / "project")
    (copy / "docs" / "pdf").mkdir()
    for name, data in LAST_GOOD.items():
        (copy / "docs" / "pdf" / name).write_bytes(data)
    return copy


@pytest.mark.parametrize(
    "mistake",
    [yaml_syntax_error, unknown_worksheet_in_a_page, unknown_macro_in_a_page, broken_link_in_a_page],
    ids=lambda f: f.__name__,
)
def test_a_failed_build_names_file_and_line_and_keeps_the_last_good_pdfs(build_copy, mistake):
    file, line = mistake(build_copy)
    docs_before = sorted(p.name for p in (build_copy / "docs").iterdir())
    result = subprocess.run(
        [sys.executable, "-m", "pdfbuild", "--jobs", "2", "--quiet"],
        cwd=build_copy,
        env={**os.environ, "SITE_URL": SITE_URL, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    message = result.stderr.strip()
    assert result.returncode == 1, f"exit {result.returncode}:\n{result.stdout}\n{message}"
    assert "Traceback" not in message and len(message.splitlines()) <= 4, f"not one short message:\n{message}"
    assert file in message, f"{file} not named:\n{message}"
    assert line is None or re.search(rf"\bline {line}\b", message), f"line {line} not named:\n{message}"
    # The running preview keeps every link: nothing of the last good build is removed or changed.
    assert {p.name: p.read_bytes() for p in (build_copy / "docs" / "pdf").iterdir()} == LAST_GOOD
    assert sorted(p.name for p in (build_copy / "docs").iterdir()) == docs_before, "a temporary folder was left"


# --- The guide's HTML comes from any built site ----------------------------------------------------


def test_the_guide_is_made_from_the_site_it_is_given(built_site, content):
    """`--site DIR`: the book's chapters are the articles of that site, in nav order."""
    from macros.slug import page_url
    from pdfbuild.guide import COVER, LEFT_OUT, book_order, chapter_key, guide_document, in_appendix
    from pdfbuild.meta import load_build_info

    info = load_build_info()
    html = guide_document(content, info, built_site)
    pages = book_order(content, [p for p in info.nav if p.path not in LEFT_OUT | {COVER}])
    pages = [p for p in pages if not in_appendix(p.path)] + [p for p in pages if in_appendix(p.path)]
    positions = [html.find(f'id="{chapter_key(page_url(p.path))}"') for p in pages]
    assert -1 not in positions and positions == sorted(positions), "a chapter is missing or out of order"
    assert squeeze(first_paragraph(ROOT / "docs" / "trin-3.md"))[:80] in squeeze(re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize(
    "page, says",
    [
        (None, "missing from the site"),
        ("<html><body><main>Tekst</main></body></html>", 'no <article class="md-content__inner">'),
        ('<html><body><article class="andet">Tekst</article></body></html>', 'no <article class="md-content__inner">'),
    ],
    ids=["no page", "no article", "another theme's article"],
)
def test_a_site_without_the_expected_page_text_is_a_clear_error(tmp_path, page, says):
    from pdfbuild.errors import PdfBuildError
    from pdfbuild.site import page_article

    if page is not None:
        (tmp_path / "trin-3").mkdir()
        (tmp_path / "trin-3" / "index.html").write_text(page, encoding="utf-8")
    with pytest.raises(PdfBuildError, match=re.escape(says)) as error:
        page_article(tmp_path, "trin-3/")
    assert str(tmp_path / "trin-3" / "index.html") in str(error.value)
