"""Small HTML tree helpers: parse a fragment, find and drop elements, serialise again.

The PDFs reuse HTML the site already renders (worksheet macros, built pages). These helpers
turn it into print HTML: site chrome out, form field names in, links and ids rewritten. The
parser is WeasyPrint's own (tinyhtml5), so what we edit is what WeasyPrint will see.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Callable, Iterable, Iterator

import tinyhtml5

# Attribute namespaces as HTML writes them; the xmlns declarations themselves are dropped.
_ATTR_PREFIXES = {"http://www.w3.org/1999/xlink": "xlink:", "http://www.w3.org/XML/1998/namespace": "xml:"}
_XMLNS = "http://www.w3.org/2000/xmlns/"

Element = ET.Element


def parse_fragment(html: str) -> Element:
    """Parse an HTML fragment; returns a <div> holding it."""
    doc = tinyhtml5.parse(f"<!DOCTYPE html><html><body><div>{html}</div></body></html>", namespace_html_elements=False)
    return doc.find("body/div")


def tag(el: Element) -> str:
    """The local tag name ('svg' for '{http://www.w3.org/2000/svg}svg')."""
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def classes(el: Element) -> set[str]:
    return set((el.get("class") or "").split())


def add_class(el: Element, name: str) -> None:
    el.set("class", " ".join(sorted(classes(el) | {name})))


def iter_with_parent(root: Element) -> Iterator[tuple[Element, Element]]:
    """(parent, child) for every element below root, document order, safe against later removal."""
    for parent in list(root.iter()):
        for child in list(parent):
            yield parent, child


def matches(el: Element, *, tags: Iterable[str] = (), class_names: Iterable[str] = ()) -> bool:
    return tag(el) in set(tags) or bool(classes(el) & set(class_names))


def remove(root: Element, predicate: Callable[[Element], bool]) -> int:
    """Drop every element below root for which predicate holds (with its subtree); keeps tail text."""
    removed = 0
    for parent, child in iter_with_parent(root):
        if predicate(child) and child in list(parent):
            _drop(parent, child)
            removed += 1
    return removed


def _drop(parent: Element, child: Element) -> None:
    if child.tail:
        index = list(parent).index(child)
        if index:
            prev = parent[index - 1]
            prev.tail = (prev.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def prune_empty(root: Element, tags: Iterable[str] = ("p", "li", "ul", "div")) -> None:
    """Drop elements of `tags` left without text or children (after removing their content)."""
    wanted = set(tags)
    changed = True
    while changed:
        changed = False
        for parent, child in iter_with_parent(root):
            if tag(child) in wanted and len(child) == 0 and not (child.text or "").strip() and child in list(parent):
                _drop(parent, child)
                changed = True


HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def heading_level(el: Element) -> int | None:
    """1-6 for <h1>-<h6>, else None."""
    name = tag(el)
    return int(name[1]) if name in HEADINGS else None


def flatten_fieldsets(root: Element, outer_level: int = 1) -> None:
    """<fieldset>/<legend> → <div>/<hN class="ark-legend">: WeasyPrint cannot lay out a legend in a grid.

    A legend becomes the heading one level below the heading before it in document order (legends
    excepted; `outer_level`, the heading around `root`, when there is none) and one more level per
    enclosing fieldset, at most h6: the PDF's heading levels never skip one (PDF/UA, WCAG 1.3.1).
    """
    current = outer_level  # level of the last heading that is not a legend

    def visit(el: Element, depth: int) -> None:
        nonlocal current
        for child in el:
            name = tag(child)
            if name == "legend":
                child.tag = f"h{min(6, current + depth)}"
                add_class(child, "ark-legend")
            elif (level := heading_level(child)) is not None and "ark-legend" not in classes(child):
                current = level
            visit(child, depth + 1 if name == "fieldset" else depth)
            if name == "fieldset":
                child.tag = "div"

    visit(root, 0)


def inner_html(el: Element) -> str:
    """Serialise the children of el (not el itself)."""
    out = [_escape_text(el.text or "")]
    for child in el:
        out.append(to_html(child))
    return "".join(out)


def to_html(el: Element) -> str:
    _plain_names(el)
    return ET.tostring(el, method="html", encoding="unicode")


def _plain_names(root: Element) -> None:
    """Inline SVG/MathML as HTML writes it: <svg>, not <ns0:svg> (an HTML parser re-namespaces it)."""
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.startswith("{"):
            el.tag = tag(el)
        for name in [n for n in el.attrib if n.startswith("{")]:
            uri, local = name[1:].split("}", 1)
            value = el.attrib.pop(name)
            if uri != _XMLNS:
                el.set(_ATTR_PREFIXES.get(uri, "") + local, value)


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
