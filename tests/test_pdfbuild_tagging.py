"""Unit tests of pdfbuild's accessibility repairs: legend heading levels (markup.flatten_fieldsets),
the table headers' /Scope and the page margins as artifacts (tagging, in the finisher every PDF
goes through, engine.finish)."""

from __future__ import annotations

import io
import re

import pydyf
import pytest
from pypdf import PdfReader
from weasyprint import HTML

from pdfbuild import engine, markup, tagging
from pdfbuild.errors import PdfBuildError
from tests import pdf_structure as S


def levels(html: str, outer_level: int = 1) -> list[str]:
    """The tags of every heading after flattening, in document order ("h2", …)."""
    root = markup.parse_fragment(html)
    markup.flatten_fieldsets(root, outer_level)
    assert not [el for el in root.iter() if markup.tag(el) in ("fieldset", "legend")]
    return [
        markup.tag(el) + (".legend" if "ark-legend" in markup.classes(el) else "")
        for el in root.iter()
        if markup.heading_level(el)
    ]


@pytest.mark.parametrize(
    ("html", "outer", "expected"),
    [
        # A worksheet PDF: the sheet's H1 is outside the body, legends are h2.
        ("<fieldset><legend>A</legend></fieldset><fieldset><legend>B</legend></fieldset>", 1, ["h2.legend"] * 2),
        # The guide: a sheet right under the page's h1 (was h4: H1 → H4) …
        ("<h1>Trin 1</h1><fieldset><legend>Mål</legend></fieldset>", 1, ["h1", "h2.legend"]),
        # … under an h2 (was H2 → H4), and under an h3: one level below whatever comes before.
        ("<h2>Ark</h2><fieldset><legend>A</legend></fieldset>", 1, ["h2", "h3.legend"]),
        ("<h2>x</h2><h3>Ark</h3><fieldset><legend>A</legend></fieldset><h2>y</h2>", 1, ["h2", "h3", "h4.legend", "h2"]),
        # A fieldset inside a fieldset goes one deeper; the cap is h6.
        (
            "<fieldset><legend>A</legend><fieldset><legend>B</legend></fieldset></fieldset>",
            1,
            ["h2.legend", "h3.legend"],
        ),
        ("<h6>x</h6><fieldset><legend>A</legend></fieldset>", 1, ["h6", "h6.legend"]),
    ],
)
def test_a_legend_becomes_the_heading_one_level_below_the_one_before(html, outer, expected):
    assert levels(html, outer) == expected


def test_a_legend_keeps_its_text_and_classes():
    root = markup.parse_fragment('<fieldset class="ark-section"><legend class="x">Mål og strategi</legend></fieldset>')
    markup.flatten_fieldsets(root)
    (div,) = list(root)
    assert markup.tag(div) == "div" and markup.classes(div) == {"ark-section"}
    (heading,) = list(div)
    assert heading.text == "Mål og strategi" and markup.classes(heading) == {"x", "ark-legend"}


@pytest.mark.parametrize(
    ("attribute", "scope"),
    [
        ("row", "/Row"),
        ("ROWGROUP", "/Row"),
        ("col", "/Column"),
        ("colgroup", "/Column"),
        (None, "/Column"),
        ("", "/Column"),
    ],
)
def test_scope_follows_the_html_attribute(attribute, scope):
    assert tagging.scope(attribute) == scope


TABLE = """<!DOCTYPE html><html lang="da"><head><title>T</title></head><body><h1>T</h1>
<table><thead><tr><th scope="col">Udsagn</th><th>Sandsynligt</th></tr></thead>
<tbody><tr><th scope="row">Pressen</th><td>x</td></tr><tr><th scope="row">Frivillige</th><td>y</td></tr></tbody>
</table></body></html>"""


def table_headers(finisher) -> list[dict]:
    """The TH structure elements WeasyPrint writes for TABLE, after `finisher` ran."""
    elements: list[dict] = []

    def run(document, pdf):
        finisher(document, pdf)
        elements.extend(o for o in pdf.objects if isinstance(o, dict) and o.get("S") == "/TH")

    HTML(string=TABLE).render().write_pdf(pdf_variant=engine.PDF_VARIANT, finisher=run)
    return elements


def test_weasyprint_alone_writes_no_scope():
    """Why tagging exists: should a WeasyPrint upgrade write /Scope itself, this says so."""
    assert [th["A"].get("Scope") for th in table_headers(lambda d, p: None)] == [None] * 4


def test_every_pdf_finisher_gives_each_th_its_scope():
    headers = table_headers(lambda document, pdf: engine.finish(document, pdf, forms=False))
    assert [th["A"]["Scope"] for th in headers] == ["/Column", "/Column", "/Row", "/Row"]
    assert all(th["A"]["O"] == "/Table" for th in headers)


def test_a_th_left_without_scope_stops_the_build():
    """A TH structure element that no box links to (WeasyPrint changed): an error, not a PDF."""

    class Document:
        pages = []

    class Pdf:
        objects = [pydyf.Dictionary({"Type": "/StructElem", "S": "/TH", "A": pydyf.Dictionary({"O": "/Table"})})]

    with pytest.raises(PdfBuildError, match="1 table header cells"):
        tagging.scope_table_headers(Document(), Pdf())


MARGINS = """<!DOCTYPE html><html lang="da"><head><title>T</title><style>
@page { @top-right { content: "Side " counter(page) } @bottom-center { content: element(fod) } }
.fod { position: running(fod) }</style></head><body>
<div class="fod"><a href="https://example.org/trin-1/">example.org/trin-1/</a> Version 1</div>
<h1>T</h1><p>Tekst.</p></body></html>"""


def margins_pdf(finisher) -> PdfReader:
    return PdfReader(
        io.BytesIO(HTML(string=MARGINS).render().write_pdf(pdf_variant=engine.PDF_VARIANT, finisher=finisher))
    )


def test_weasyprint_alone_leaves_the_margins_outside_the_tree():
    assert S.tree_problems(margins_pdf(None)) == ["page 1: 4 structure elements with content outside the tree"]


def test_margins_become_pagination_artifacts_and_their_link_joins_the_tree():
    pdf = margins_pdf(lambda document, out: engine.finish(document, out, forms=False))
    assert S.all_problems(pdf) == {}
    roles = [S.role(pdf, e) for e in S.elements(pdf)]
    assert roles[-1] == "Link", "the footer's link comes after the page's content"
    (link,) = [a.get_object() for a in pdf.pages[0]["/Annots"]]
    assert link["/StructParent"] is not None
    content = pdf.pages[0].get_contents().get_data()
    assert len(re.findall(rb"/Artifact\s*<</Type /Pagination>>\s*BDC", content)) == 2  # "Side 1", " Version 1"
    text = pdf.pages[0].extract_text()
    assert "Side 1" in text and "Version 1" in text  # still printed, only no longer read as content
