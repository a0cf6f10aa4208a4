"""The printed PDFs (pdfbuild): fillable worksheets, print packs per step, the whole guide.

One session fixture runs the real build step (`python -m pdfbuild --out <tmp>`) once, with a
public-looking SITE_URL so the footer addresses have realistic length; every test reads its output.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject

from macros.contract import sheet_contract
from macros.render import MONTHS, perspective_items, worksheet_fields
from tests.conftest import ROOT, squeeze

SHEET_IDS = sorted(p.stem for p in (ROOT / "data" / "arbejdsark").glob("*.yml"))
SITE_URL = "https://www.frivillighed.dk/parat-til-private-partnerskaber/"
GUIDE = "parat-til-private-partnerskaber.pdf"
A4 = (595.28, 841.89)  # points
RADIO = 1 << 15
MULTILINE = 1 << 12


# --- The build, once ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    env = {**os.environ, "SITE_URL": SITE_URL, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "pdfbuild", "--out", str(out), "--jobs", "2", "--quiet"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(f"python -m pdfbuild failed (exit {result.returncode}):\n{result.stdout}", pytrace=False)
    return out


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
    steps = {yaml.safe_load(p.read_text(encoding="utf-8")).get("step") for p in (ROOT / "data" / "arbejdsark").glob("*.yml")}
    packs = sorted(f"printpakke-{s or 'bevar-gejsten'}.pdf" for s in steps)
    return [f"{i}.pdf" for i in SHEET_IDS] + packs + [GUIDE]


# --- What the PDFs must contain, stated from the content ------------------------------------


def expected_keys(content, sheet) -> list[str]:
    """The worksheet's stored keys plus the blank added rows, from the key contract."""
    return [f.key for f in sheet_contract(content, sheet.id).printed_fields()]


def printed_texts(content, sheet) -> list[str]:
    """Texts of the book a printed worksheet must show."""
    texts = [sheet.title] + ([sheet.intro] if sheet.intro else [])
    if sheet.kind in ("questions", "checklist"):
        for section in sheet.sections:
            texts += [t for t in (section.title, section.intro) if t]
            texts += [t for item in section.items for t in (item.lead, item.text) if t]
    elif sheet.kind == "dialogue":
        texts += list(sheet.parties) + [row.title for row in sheet.rows]
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
    """The first prose paragraph of a docs page (no front matter, heading or macro call)."""
    body = markdown.read_text(encoding="utf-8").split("---", 2)[2]
    return next(p for p in body.split("\n\n") if p.strip() and not p.lstrip().startswith(("#", "{{", "<", "-", ">")))


def step_line(content, sheet) -> str:
    if not sheet.step:
        return "Bevar gejsten og skab værdi"
    step = content.steps[sheet.step]
    return f"Trin {step.number} af {len(content.steps)} · {step.title}"


# --- The set of files -----------------------------------------------------------------------


def test_a_pdf_for_every_worksheet_step_and_the_guide(pdf_dir, manifest, content):
    expected = {f"{i}.pdf" for i in content.worksheets} | {f"printpakke-{s}.pdf" for s in content.steps} | {"printpakke-bevar-gejsten.pdf", GUIDE}
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
    fields = pdf.get_fields()
    keys = expected_keys(content, sheet)
    assert len(keys) == len(set(keys))
    assert sorted(fields) == sorted(keys), "PDF form fields must be the worksheet's keys, one to one"
    by_key = {f.key: f for f in worksheet_fields(content, sheet)}
    for name, field in fields.items():
        kind = by_key[name].type if name in by_key else ("choice" if sheet.kind == "risk" and not name.endswith("--tekst") else "text")
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
        "trin-3-foer-moedet.pdf": {"research-af-moedeltagerne": "/on", "research-af-moedeltagerne--note": "Æbler, øl og ål hos Søren"},
        "trin-4-risikoanalyse.pdf": {"positiv-omtale": "/1", "egen-1": "/0", "egen-1--tekst": "Vores eget udsagn – på dansk"},
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
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), f"font {font.get('/BaseFont')} is not embedded"


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
        expected = sorted(f"{s.id}--{k}" for s in sheets for k in expected_keys(content, s))
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
    assert_fonts_embedded(pdf)


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
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == tuple(round(x, 1) for x in A4), f"{name} page {n}: not A4"
        assert text_outside_page(page) == [], f"{name} page {n}: text outside the page"
    dpi = 30
    out = subprocess.run([pdftoppm, "-r", str(dpi), "-gray", "-png", str(path), str(path.with_suffix(""))], capture_output=True)
    assert out.returncode == 0, out.stderr
    images = sorted(pdf_dir.glob(f"{path.stem}-*.png"))
    images = [p for p in images if p.stem[len(path.stem) + 1:].isdigit()]
    assert len(images) == len(pdf.pages)
    edge = round(5 / 25.4 * dpi)  # 5 mm
    for n, image_path in enumerate(images, start=1):
        image = Image.open(image_path).convert("L")
        w, h = image.size
        body = image.crop((0, 0, w, round(h * (297 - 35) / 297)))  # above the footer
        assert body.point(lambda v: 255 if v < 128 else 0).getbbox() is not None, f"{name} page {n}: blank"
        for band in ((0, 0, w, edge), (0, h - edge, w, h), (0, 0, edge, h), (w - edge, 0, w, h)):
            assert image.crop(band).point(lambda v: 255 if v < 200 else 0).getbbox() is None, f"{name} page {n}: ink within 5 mm of the edge"
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
    (tmp_path / "pdf" / "manifest.json").write_text(json.dumps({"files": {"trin-1-refleksion.pdf": {}}}), encoding="utf-8")
    assert bog_pdf().strip() == ""
    (tmp_path / "pdf" / "manifest.json").write_text(json.dumps({"files": {GUIDE: {"bytes": 1_234_567}}}), encoding="utf-8")
    link = bog_pdf()
    assert f'href="pdf/{GUIDE}"' in link and "Hent hele bogen som PDF" in link
