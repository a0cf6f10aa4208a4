"""Repairs to the structure tree WeasyPrint 70 writes for PDF/UA-1, applied as a write_pdf finisher.

WeasyPrint tags a <th> as a TH structure element with an ID and gives each TD a /Headers list, but
writes no /Scope (Kozea/WeasyPrint#2508). PDF/UA-1 (ISO 14289-1, 7.5; Matterhorn 15-003) and the
checkers auditors use (PAC, veraPDF) want a /Scope on every TH. `scope_table_headers` adds it from
the cell's HTML scope attribute: "row"/"rowgroup" → /Row, anything else → /Column, the same rule
WeasyPrint uses when it fills the TDs' /Headers, so /Scope and /Headers always agree.
"""

from __future__ import annotations

from .errors import PdfBuildError

ROW_SCOPES = ("row", "rowgroup")


def scope(html_scope: str | None) -> str:
    """The PDF /Scope name for a <th>'s scope attribute: "/Row" or "/Column"."""
    return "/Row" if (html_scope or "").strip().lower() in ROW_SCOPES else "/Column"


def _boxes(box):
    """Every box of a page's box tree, depth first (absolutely placed boxes included)."""
    box = getattr(box, "_box", box)  # an AbsolutePlaceholder stands for its box
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def scope_table_headers(document, pdf) -> int:
    """Finisher step: every TH structure element gets /A /Scope; returns how many.

    WeasyPrint links a table cell's box to its structure element as `box.mark` (pinned version,
    weasyprint/pdf/tags.py). Raises PdfBuildError if a TH is left without /Scope, e.g. after a
    WeasyPrint upgrade changed that link: the build stops instead of writing an untrue PDF/UA file.
    """
    done = 0
    for page in document.pages:
        for box in _boxes(page._page_box):
            element = getattr(box, "mark", None)
            if box.element is not None and box.element_tag == "th" and isinstance(element, dict):
                element["A"]["Scope"] = scope(box.element.get("scope"))
                done += 1
    left = [obj for obj in pdf.objects if isinstance(obj, dict) and obj.get("S") == "/TH" and "Scope" not in obj["A"]]
    if left:
        raise PdfBuildError(f"{len(left)} table header cells (TH) without /Scope: WeasyPrint's tagging has changed")
    return done
