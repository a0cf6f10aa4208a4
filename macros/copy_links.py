""" "Kopiér link" buttons, rendered at build time (links.js only handles their clicks).

Built into the HTML rather than by script so the first paint already has them: no layout
work or shifts after load, and keyboard users find them at once. Without JavaScript they
would do nothing, so `overrides/main.html` hides `.kopier-link` inside <noscript>.

- `copy_link` / `heading` / `item_link`: Jinja globals for the templates (worksheets, HTML
  headings, items).
- `CopyLinkExtension`: a Markdown extension that gives every h1–h3 a button after the
  toc extension has set its id (so the button text reaches neither the table of contents nor,
  thanks to data-pagefind-ignore, the search index).

A heading's button is its next sibling, never inside it: a screen reader names the heading by
its text alone, not "Det første møde Kopiér link til afsnittet …". Heading and button share a
`div.kopier-overskrift`, which takes the heading's margins (arbejdsark.css), so the page keeps
its rhythm; the button sits beside the heading's first line.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .strings import text
from .templating import macro

ITEM_LABEL_CHARS = 60  # longer item texts are cut in the button's accessible name
WRAPPER = "kopier-overskrift"


def _attributes(link_id: str, what: str) -> dict[str, str]:
    """The button's attributes, as macros/templates/_kopier-link.html writes them."""
    return {
        "type": "button",
        "class": "kopier-link no-print",
        "data-link-id": link_id,
        "aria-label": text("copyLink.name", what=what),
        "data-pagefind-ignore": "",
    }


def copy_link(link_id: str, what: str) -> Markup:
    """A button that copies the page's address + #link_id ("" = the page itself)."""
    return macro("_kopier-link.html", "copy_link")(link_id, what)


def heading(tag: str, link_id: str, title: str, cls: str = "") -> Markup:
    """A heading that a template writes as HTML (not Markdown), with its button beside it."""
    return macro("_kopier-link.html", "heading")(tag, link_id, title, cls)


def item_link(link_id: str, label_html: str) -> Markup:
    """The button of one question or checklist item, named after the item's label text."""
    label = Markup(label_html).striptags()  # tags out, entities decoded, whitespace collapsed
    if len(label) > ITEM_LABEL_CHARS:
        label = label[: ITEM_LABEL_CHARS - 3] + "…"
    return copy_link(link_id, text("copyLink.item", text=label))


class _HeadingLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        names = dict(_toc_names(getattr(self.md, "toc_tokens", [])))
        parents = {child: parent for parent in root.iter() for child in parent}
        page_done = False
        for el in [el for el in root.iter() if el.tag in ("h1", "h2", "h3")]:
            if el.tag == "h1":
                if page_done:
                    continue
                page_done, link_id, kind = True, "", "copyLink.page"
            elif "id" in el.attrib:
                link_id, kind = el.attrib["id"], "copyLink.section"
            else:
                continue
            name = names.get(el.get("id", "")) or _plain_text(el)
            # <div.kopier-overskrift> <hN>…</hN> <button> </div> where the heading was.
            parent = parents[el]
            wrap = etree.Element("div", {"class": f"{WRAPPER} {WRAPPER}--{el.tag}"})
            parent.insert(list(parent).index(el), wrap)
            parent.remove(el)
            wrap.tail, el.tail = el.tail, None
            wrap.append(el)
            etree.SubElement(wrap, "button", _attributes(link_id, text(kind, title=name))).text = text("links.label")


def _plain_text(heading: etree.Element) -> str:
    """Fallback for a heading the toc did not list: its text without the permalink."""
    parts = [heading.text or ""]
    for child in heading:
        if child.get("class") != "headerlink":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _toc_names(tokens: list[dict]):
    """(id, plain text) of every heading, as the toc extension read it (names are HTML-escaped)."""
    for token in tokens:
        yield token["id"], html.unescape(token["name"])
        yield from _toc_names(token["children"])


class CopyLinkExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the toc extension (5), which sets ids and permalinks, and after MkDocs reads the
        # page title from the h1 (1): the button's text must reach neither.
        md.treeprocessors.register(_HeadingLinks(md), "copy_links", 0.5)


def makeExtension(**kwargs) -> CopyLinkExtension:
    return CopyLinkExtension(**kwargs)
