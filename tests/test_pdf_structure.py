"""The PDFs' structure trees, checked as an auditor's tool would (tests/pdf_structure.py).

First every built PDF (worksheets, print packs, the whole guide; tests/conftest.py: pdf_dir),
one test per check with the findings of all PDFs; then each check against a small PDF made
here by the project's own engine, whole and deliberately broken, so every check is seen to fail.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from pypdf.generic import BooleanObject, NameObject, TextStringObject

from pdfbuild import engine
from tests import pdf_structure as S
from tests.test_pdfs import GUIDE, all_pdfs, reader

TABLE_KINDS = ("risk", "table")  # worksheet kinds laid out as an HTML table with <th>


def pdf_names() -> list[str]:
    return all_pdfs()


def required_roles(content, name: str, pdf: PdfReader) -> tuple[str, ...]:
    """The structure types a PDF must hold: always Document, H1, P; Form with fields; Link with
    links; the table types where a worksheet of a table kind (or the guide) is printed."""
    roles = ["Document", "H1", "P"]
    annots = [a.get_object() for page in pdf.pages for a in page.get("/Annots", []) or []]
    if any(a.get("/Subtype") == "/Widget" for a in annots):
        roles.append("Form")
    if any(a.get("/Subtype") == "/Link" for a in annots):
        roles.append("Link")
    sheets = [
        s for s in content.worksheets.values() if name in (f"{s.id}.pdf", f"printpakke-{s.step or 'bevar-gejsten'}.pdf")
    ]
    if name == GUIDE or any(s.kind in TABLE_KINDS for s in sheets):
        roles += ["Table", "TR", "TH", "TD"]
    if name == GUIDE:
        roles += ["H2", "H3", "L", "LI", "Figure"]
    return tuple(roles)


def findings(pdf_dir, check) -> dict[str, list[str]]:
    out = {}
    for name in pdf_names():
        found = check(reader(pdf_dir / name))
        if found:
            out[name] = found[:5] + ([f"… {len(found) - 5} more"] if len(found) > 5 else [])
    return out


@pytest.mark.parametrize(
    "check",
    [c for n, c in S.CHECKS.items() if n != "roles"],
    ids=[n for n in S.CHECKS if n != "roles"],
)
def test_every_pdf_passes(pdf_dir, check):
    assert findings(pdf_dir, check) == {}


def test_every_pdf_has_its_roles_all_standard(pdf_dir, content):
    found = {}
    for name in pdf_names():
        pdf = reader(pdf_dir / name)
        problems = S.role_problems(pdf, required_roles(content, name, pdf))
        if problems:
            found[name] = problems
    assert found == {}


def test_table_headers_say_row_or_column_as_the_html_does(pdf_dir, content):
    """The risk sheet: one header per scale column plus the statement column; one per row."""
    sheet = content.worksheets["trin-4-risikoanalyse"]
    pdf = reader(pdf_dir / f"{sheet.id}.pdf")
    scopes = [
        str(e["/A"]["/Scope"]) for e in S.elements(pdf) if S.role(pdf, e) == "TH"
    ]  # document order: the header row first
    columns = 1 + len(sheet.scale)
    assert scopes[:columns] == ["/Column"] * columns
    assert scopes[columns:] and set(scopes[columns:]) == {"/Row"}


# --- Each check can fail: a small tagged PDF from the project's engine, then broken -------------

SAMPLE = """<!DOCTYPE html><html lang="da"><head><title>Prøve – Parat til private partnerskaber</title></head>
<body><h1>Prøve</h1><p>Et afsnit med <a href="https://example.org/">et link</a>.</p>
<h2>Tabel</h2>
<table><thead><tr><th scope="col">Udsagn</th><th scope="col">Sandsynligt</th></tr></thead>
<tbody><tr><th scope="row">Pressen skriver</th><td><textarea name="svar" title="Svar"></textarea></td></tr></tbody></table>
<img alt="Et billede" src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='10' height='10'%3E%3Crect width='10' height='10'/%3E%3C/svg%3E">
</body></html>"""


@pytest.fixture(scope="module")
def sample() -> bytes:
    pdf, _ = engine.render_pdf(SAMPLE, "sheet", forms=True)
    return pdf


def broken(sample: bytes, how) -> PdfReader:
    """The sample PDF read anew, with `how(pdf)` applied to its objects in memory."""
    pdf = PdfReader(io.BytesIO(sample))
    how(pdf)
    return pdf


def first(pdf: PdfReader, role: str):
    return next(e for e in S.elements(pdf) if S.role(pdf, e) == role)


def test_the_sample_passes_every_check(sample):
    assert S.all_problems(PdfReader(io.BytesIO(sample))) == {}


def _catalog(key: str, value=None):
    def how(pdf):
        root = pdf.trailer["/Root"]
        if value is None:
            del root[NameObject(key)]
        else:
            root[NameObject(key)] = value

    return how


def _scope_off(pdf):
    del first(pdf, "TH")["/A"][NameObject("/Scope")]


def _skip_level(pdf):
    first(pdf, "H2")[NameObject("/S")] = NameObject("/H3")


def _unknown_role(pdf):
    first(pdf, "P")[NameObject("/S")] = NameObject("/Afsnit")


def _no_alt(pdf):
    del first(pdf, "Figure")[NameObject("/Alt")]


def _no_tooltip(pdf):
    field = pdf.trailer["/Root"]["/AcroForm"]["/Fields"][0].get_object()
    del field[NameObject("/TU")]


def _no_tabs(pdf):
    del pdf.pages[0][NameObject("/Tabs")]


def _title_hidden(pdf):
    pdf.trailer["/Root"]["/ViewerPreferences"][NameObject("/DisplayDocTitle")] = BooleanObject(False)


def _unmarked(pdf):
    pdf.trailer["/Root"]["/MarkInfo"][NameObject("/Marked")] = BooleanObject(False)


@pytest.mark.parametrize(
    ("how", "check", "says"),
    [
        (_scope_off, "table headers", "TH without /Scope on page 1"),
        (_skip_level, "headings", "H1 → H3 on page 1"),
        (_unknown_role, "roles", "/Afsnit is neither standard nor role-mapped"),
        (_no_alt, "figures", "Figure without /Alt"),
        (_no_tooltip, "fields", "field svar without /TU"),
        (_no_tabs, "tab order", "page 1 has annotations but /Tabs None"),
        (_title_hidden, "catalog", "/DisplayDocTitle is not true"),
        (_unmarked, "catalog", "/MarkInfo /Marked is not true"),
        (_catalog("/Lang", TextStringObject("en")), "catalog", "/Lang is 'en', not Danish"),
        (_catalog("/StructTreeRoot"), "catalog", "no /StructTreeRoot"),
    ],
    ids=["scope", "heading skip", "role", "alt", "tooltip", "tabs", "title", "marked", "lang", "untagged"],
)
def test_each_check_finds_its_fault(sample, how, check, says):
    found = S.CHECKS[check](broken(sample, how))
    assert any(says in line for line in found), found


def test_a_role_mapped_to_a_standard_type_is_fine(sample):
    def mapped(pdf):
        _unknown_role(pdf)
        pdf.trailer["/Root"]["/StructTreeRoot"].get_object()[NameObject("/RoleMap")] = pdf_dict(
            {"/Afsnit": NameObject("/P")}
        )

    assert S.role_problems(broken(sample, mapped)) == []


def test_the_first_heading_must_be_h1(sample):
    def demote(pdf):
        first(pdf, "H1")[NameObject("/S")] = NameObject("/H2")

    assert S.heading_problems(broken(sample, demote))[0] == "first heading H2"


def pdf_dict(values: dict):
    from pypdf.generic import DictionaryObject

    return DictionaryObject({NameObject(k): v for k, v in values.items()})
