"""What a program can check of a tagged PDF's accessibility (PDF/UA-1, Matterhorn protocol).

Each check takes a pypdf PdfReader and returns its findings as short English lines (empty: the
check passes), so a test can show every finding of every PDF at once. Used by
tests/test_pdf_structure.py on the built PDFs and on deliberately broken ones.

Structure elements are read from the catalog's /StructTreeRoot in document order (the order a
screen reader reads them); QR codes and other page furniture drawn in the margin are only
reachable through the /ParentTree, so the figure check looks there too.
"""

from __future__ import annotations

from typing import Iterator

from pypdf import PdfReader
from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject

# ISO 32000-1 (PDF 1.7) 14.8.4: the standard structure types.
STANDARD_TYPES = frozenset(
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private "
    "P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot "
    "Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP "
    "Figure Formula Form".split()
)
HEADINGS = {f"H{n}": n for n in range(1, 7)}


def _kids(node: DictionaryObject) -> list:
    kids = node.get("/K")
    if kids is None:
        return []
    kids = kids.get_object()
    return list(kids) if isinstance(kids, ArrayObject) else [kids]


def _is_element(node) -> bool:
    return isinstance(node, DictionaryObject) and "/S" in node and node.get("/Type", "/StructElem") == "/StructElem"


def elements(pdf: PdfReader) -> Iterator[DictionaryObject]:
    """Every structure element reachable from /StructTreeRoot, in document order."""
    root = pdf.trailer["/Root"].get("/StructTreeRoot")
    if root is None:
        return
    stack = list(reversed(_kids(root.get_object())))
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if not _is_element(node) or id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        stack.extend(reversed(_kids(node)))


def parent_tree_elements(pdf: PdfReader) -> Iterator[DictionaryObject]:
    """Every structure element the /ParentTree maps marked content or an annotation to."""
    root = pdf.trailer["/Root"].get("/StructTreeRoot")
    if root is None or "/ParentTree" not in root.get_object():
        return
    nodes = [root.get_object()["/ParentTree"].get_object()]
    while nodes:
        node = nodes.pop()
        nodes.extend(kid.get_object() for kid in node.get("/Kids", []))
        values = list(node.get("/Nums", []))[1::2]
        for value in values:
            value = value.get_object()
            for item in value if isinstance(value, ArrayObject) else [value]:
                item = item.get_object() if hasattr(item, "get_object") else item
                if _is_element(item):
                    yield item


def role(pdf: PdfReader, element: DictionaryObject) -> str:
    """The element's standard type ("H1"), following the /RoleMap; its own type if unmapped."""
    name = str(element["/S"])[1:]
    role_map = pdf.trailer["/Root"]["/StructTreeRoot"].get_object().get("/RoleMap") or {}
    seen = set()
    while name not in STANDARD_TYPES and f"/{name}" in role_map and name not in seen:
        seen.add(name)
        name = str(role_map[f"/{name}"])[1:]
    return name


def _true(value) -> bool:
    """A PDF boolean that is true (pypdf's BooleanObject(False) is truthy, so no bool())."""
    return isinstance(value, BooleanObject) and value.value is True


def _page_number(pdf: PdfReader, element: DictionaryObject) -> str:
    page = element.get("/Pg")
    if page is None:
        return "?"
    numbers = {p.indirect_reference.idnum: n for n, p in enumerate(pdf.pages, start=1)}
    return str(numbers.get(page.idnum, "?"))


def _attributes(element: DictionaryObject) -> list[DictionaryObject]:
    attrs = element.get("/A")
    if attrs is None:
        return []
    attrs = attrs.get_object()
    items = list(attrs) if isinstance(attrs, ArrayObject) else [attrs]
    return [a.get_object() for a in items if isinstance(a.get_object(), DictionaryObject)]


# --- The checks ------------------------------------------------------------------------------


def catalog_problems(pdf: PdfReader) -> list[str]:
    """Tagged (/MarkInfo /Marked true, a structure tree), in Danish (/Lang da), its title shown."""
    root = pdf.trailer["/Root"]
    found = []
    if "/StructTreeRoot" not in root:
        found.append("no /StructTreeRoot")
    if not _true((root.get("/MarkInfo") or {}).get("/Marked")):
        found.append("/MarkInfo /Marked is not true")
    if str(root.get("/Lang", "")).lower() not in ("da", "da-dk"):
        found.append(f"/Lang is {root.get('/Lang')!r}, not Danish")
    if not _true((root.get("/ViewerPreferences") or {}).get("/DisplayDocTitle")):
        found.append("/ViewerPreferences /DisplayDocTitle is not true")
    if not (pdf.metadata and pdf.metadata.title):
        found.append("no document title")
    return found


def role_problems(pdf: PdfReader, required: tuple[str, ...] = ("Document", "H1", "P")) -> list[str]:
    """Every structure type is standard or role-mapped to one; the `required` types occur."""
    roles = [role(pdf, e) for e in elements(pdf)]
    unknown = sorted({r for r in roles if r not in STANDARD_TYPES})
    found = [f"structure type /{r} is neither standard nor role-mapped to a standard type" for r in unknown]
    found += [f"no /{r} element" for r in required if r not in roles]
    return found


def table_header_problems(pdf: PdfReader) -> list[str]:
    """Every TH has /Scope /Row, /Column or /Both (PDF/UA-1 7.5, Matterhorn 15-003)."""
    found = []
    for element in elements(pdf):
        if role(pdf, element) == "TH":
            scopes = [str(a.get("/Scope")) for a in _attributes(element) if "/Scope" in a]
            if not scopes or scopes[0] not in ("/Row", "/Column", "/Both"):
                found.append(f"TH without /Scope on page {_page_number(pdf, element)}")
    return found


def heading_problems(pdf: PdfReader) -> list[str]:
    """Headings start at H1 and never skip a level going down (H2 → H4 is a skip; H4 → H2 is not)."""
    found = []
    previous = 0
    for element in elements(pdf):
        level = HEADINGS.get(role(pdf, element))
        if level is None:
            continue
        if level > previous + 1:
            found.append(
                f"H{previous} → H{level} on page {_page_number(pdf, element)}"
                if previous
                else f"first heading H{level}"
            )
        previous = level
    return found


def figure_problems(pdf: PdfReader) -> list[str]:
    """Every Figure (in the tree or mapped from page content, such as the footer's QR code) has /Alt."""
    found = []
    seen: set[int] = set()
    for element in [*elements(pdf), *parent_tree_elements(pdf)]:
        if id(element) in seen or role(pdf, element) != "Figure":
            continue
        seen.add(id(element))
        if not str(element.get("/Alt", "")).strip():
            found.append(f"Figure without /Alt on page {_page_number(pdf, element)}")
    return found


def _named_fields(field: DictionaryObject) -> Iterator[DictionaryObject]:
    """A form field and its named descendants (widgets without /T are parts of their field)."""
    yield field
    for kid in field.get("/Kids", []):
        kid = kid.get_object()
        if "/T" in kid:
            yield from _named_fields(kid)


def field_problems(pdf: PdfReader) -> list[str]:
    """Every form field has a tooltip (/TU), what a screen reader says for it."""
    form = pdf.trailer["/Root"].get("/AcroForm")
    if form is None:
        return []
    found = []
    for top in form.get_object().get("/Fields", []):
        for field in _named_fields(top.get_object()):
            if not str(field.get("/TU", "")).strip():
                found.append(f"field {field.get('/T')} without /TU")
    return found


def tab_order_problems(pdf: PdfReader) -> list[str]:
    """Every page with annotations (links, fields) has /Tabs /S: tab order = structure order."""
    return [
        f"page {n} has annotations but /Tabs {page.get('/Tabs')}"
        for n, page in enumerate(pdf.pages, start=1)
        if page.get("/Annots") and page.get("/Tabs") != "/S"
    ]


CHECKS = {
    "catalog": catalog_problems,
    "roles": role_problems,
    "table headers": table_header_problems,
    "headings": heading_problems,
    "figures": figure_problems,
    "fields": field_problems,
    "tab order": tab_order_problems,
}


def all_problems(pdf: PdfReader) -> dict[str, list[str]]:
    """{check name: findings} of the checks that find something."""
    return {name: found for name, check in CHECKS.items() if (found := check(pdf))}


# Content operators that put marks on the page: text, paths, images and form XObjects, shadings.
_PAINTING = {b"Tj", b"TJ", b"'", b'"', b"Do", b"sh", b"BI", b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}


def untagged_content_problems(pdf: PdfReader) -> list[str]:
    """Everything painted on a page is either real content (inside marked content with an MCID,
    which the /ParentTree maps to a structure element) or an /Artifact (PDF/UA-1 7.1)."""
    found = []
    for n, page in enumerate(pdf.pages, start=1):
        contents = page.get_contents()
        if contents is None:
            continue
        stack: list[bool] = []  # per open marked-content sequence: does it tag (MCID) or mark an artifact?
        untagged = 0
        for operands, operator in contents.operations:
            if operator in (b"BDC", b"BMC"):
                tag = str(operands[0])
                props = operands[1] if operator == b"BDC" and len(operands) > 1 else None
                mcid = isinstance(props, DictionaryObject) and "/MCID" in props
                stack.append(tag == "/Artifact" or mcid or bool(stack and stack[-1]))
            elif operator == b"EMC":
                stack and stack.pop()
            elif operator in _PAINTING and not (stack and stack[-1]):
                untagged += 1
        if untagged:
            found.append(f"page {n}: {untagged} painting operators neither tagged nor artifact")
    return found


CHECKS["content"] = untagged_content_problems


def tree_problems(pdf: PdfReader) -> list[str]:
    """All marked content belongs to the structure tree: every element the /ParentTree maps page
    content or an annotation to is reachable from the root (else no screen reader finds it)."""
    tree = {id(e) for e in elements(pdf)}
    outside = [e for e in parent_tree_elements(pdf) if id(e) not in tree]
    pages: dict[str, int] = {}
    for element in outside:
        pages[_page_number(pdf, element)] = pages.get(_page_number(pdf, element), 0) + 1
    return [f"page {n}: {count} structure elements with content outside the tree" for n, count in pages.items()]


CHECKS["tree"] = tree_problems
