"""Repairs to the structure tree WeasyPrint 70 writes for PDF/UA-1, applied as a write_pdf finisher.

Table headers:
WeasyPrint tags a <th> as a TH structure element with an ID and gives each TD a /Headers list, but
writes no /Scope (Kozea/WeasyPrint#2508). PDF/UA-1 (ISO 14289-1, 7.5; Matterhorn 15-003) and the
checkers auditors use (PAC, veraPDF) want a /Scope on every TH. `scope_table_headers` adds it from
the cell's HTML scope attribute: "row"/"rowgroup" → /Row, anything else → /Column, the same rule
WeasyPrint uses when it fills the TDs' /Headers, so /Scope and /Headers always agree.

Page margins (the footer with address, QR code and version; page numbers; the guide's running
chapter title): WeasyPrint tags their content but leaves their structure elements out of the
tree (only PDF 2.0 could hold them as artifacts, weasyprint/pdf/tags.py says), so a screen reader
never reaches them and checkers find content outside the tree. `margins_as_artifacts` makes that
content what PDF/UA-1 asks of running heads and feet (7.8, Matterhorn 18): pagination artifacts.
A link in the margin stays real content, its Link element added to the tree after its page's
content: PDF/UA-1 wants every link annotation in a Link element (Matterhorn 28-011).
"""

from __future__ import annotations

import pydyf

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


def _objects(pdf) -> dict:
    """{b"12 0 R": object} of the PDF's dictionaries and streams."""
    return {
        obj.reference: obj
        for obj in pdf.objects
        if isinstance(obj, (pydyf.Dictionary, pydyf.Stream)) and getattr(obj, "number", None) is not None
    }


def _tree(objects: dict, top: bytes) -> set[bytes]:
    """References of the structure elements reachable from `top` through /K."""
    seen: set[bytes] = set()
    stack = [top]
    while stack:
        ref = stack.pop()
        element = objects.get(ref)
        if ref in seen or not isinstance(element, dict) or element.get("Type") != "/StructElem":
            continue
        seen.add(ref)
        kids = element.get("K", [])
        stack.extend(k for k in (kids if isinstance(kids, list) else [kids]) if isinstance(k, bytes))
    return seen


def _link_of(objects: dict, ref: bytes, top: bytes) -> bytes | None:
    """The Link element `ref` is or belongs to (climbing /P up to `top`), else None."""
    while ref and ref != top:
        element = objects[ref]
        if element.get("S") == "/Link":
            return ref
        ref = element.get("P")
    return None


def _marked_content(stream) -> dict[int, int]:
    """{MCID: index of its tag in stream.stream} of the "/Tag <</MCID n>> BDC" sequences."""
    ops = stream.stream
    return {
        ops[k]["MCID"]: k - 1
        for k in range(1, len(ops) - 1)
        if isinstance(ops[k], dict) and "MCID" in ops[k] and ops[k + 1] == b"BDC"
    }


def margins_as_artifacts(document, pdf) -> tuple[int, int]:
    """Finisher step: content mapped to elements outside the structure tree becomes pagination
    artifacts; Link elements among them join the tree. Returns (artifacts, links) made."""
    objects = _objects(pdf)
    root = objects[pdf.catalog["StructTreeRoot"]]
    top = root["K"][0]  # the /Document element
    document_element = objects[top]
    in_tree = _tree(objects, top)
    nums = objects[root["ParentTree"]]["Nums"]  # flat: [key, value, key, value …]
    page_refs = [pdf.objects[number].reference for number in pdf.pages["Kids"][::3]]
    artifacts, links = 0, dict[bytes, bytes]()  # link annotation → its page
    for key, marks in zip(nums[::2], nums[1::2], strict=True):
        if key >= len(page_refs) or not isinstance(marks, list):
            continue  # an annotation's entry, or not a page's
        page = objects[page_refs[key]]
        where = _marked_content(objects[page["Contents"]])
        for mcid, ref in enumerate(marks):
            if ref in in_tree or not isinstance(ref, bytes):
                continue
            link = _link_of(objects, ref, top)
            if link is not None:
                links.setdefault(link, page_refs[key])
            elif mcid in where:
                ops = objects[page["Contents"]].stream
                ops[where[mcid]] = "/Artifact"
                ops[where[mcid] + 1] = pydyf.Dictionary({"Type": "/Pagination"})
                marks[mcid] = "null"
                artifacts += 1
    kids = document_element["K"]
    for link, page_ref in links.items():
        objects[link]["P"] = top
        on_page = [n for n, kid in enumerate(kids) if objects[kid].get("Pg") == page_ref]
        kids.insert(on_page[-1] + 1 if on_page else len(kids), link)
    return artifacts, len(links)
