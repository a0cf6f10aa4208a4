"""The whole guide as one PDF, made from the built site so it can never drift from it.

Steps: take each nav page's <article> from a built site (pdfbuild.site; any builder's, made by
scripts/build_site) in nav order; strip the site chrome (buttons, status lines, permalink markers,
scripts, download links); prefix every id with the page's key and turn links between pages into
#anchors within the PDF (links to a worksheet's own page go to the worksheet where the book has
it; everything else becomes an absolute link to the online site); then add a cover, a linked
table of contents with page numbers and a footer per chapter. Worksheets print blank, as ruled
lines and empty boxes, with the site's own print CSS.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag, urljoin

from markupsafe import Markup

from macros.content import Content
from macros.slug import page_url
from macros.strings import text

from . import markup
from .engine import CSS_DIR, PALETTE_CSS
from .errors import PdfBuildError
from .footer import Footer, footer_for
from .meta import BuildInfo, NavPage
from .sheets import sheet_url, templates
from .site import page_article

# Nav pages left out of the book: the website's tools, and the pages about the website itself
# (its accessibility statement and change log describe the site and its releases, not the book; the
# PDF's title page names its version and address).
LEFT_OUT = {"arbejdsark/index.md", "eksempler/index.md", "tilgaengelighedserklaering.md", "aendringer.md"}
COVER = "index.md"
# The site's own pages: after the book, in an appendix named as the site's (issue 24).
APPENDIX = ("vaerdiperspektiver/", "saadan-gemmes-dine-svar.md")
APPENDIX_KEY = "hjemmesidens-sider"
EXAMPLES_DIR = "eksempler/"

_DROP_TAGS = ("noscript", "script", "template", "button", "summary")
_DROP_CLASSES = (
    "headerlink",
    "ark-tools",
    "ark-status",
    "kopier-link",
    "no-print",
    "sr-only",
    "trin-prikker",
    "ark-qr",  # a printout's QR code under each sheet: the book's pages carry one in their footer
)
_ID_ATTRS = ("id", "for")
_IDREF_LISTS = ("aria-labelledby", "aria-describedby")
# A reference to a page of the printed book ("side 44-45", "side 81", "næste side"): in the PDF
# its text becomes "side " + the PDF's own page number of the target (css/guide.css).
_PAGE_REF = re.compile(r"^(?:side\s+\d+(?:\s*[-–]\s*\d+)?|næste side)$", re.I)
PAGE_REF_CLASS = "pdf-sidehenvisning"
BOOKMARK_ATTR = "data-pdf-bogmaerke"
_PAGE_RANGE = re.compile(r"\d\s*[-–]\s*\d")
PAGE_RANGE_CLASS = "pdf-sidehenvisning--sider"
RANGE_END = "--slut"
RANGE_END_ATTR = "data-slut"
_CSS_VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*([^)]+))?\)")


@dataclass(frozen=True)
class Chapter:
    key: str  # anchor of the chapter in the PDF; ids inside are "<key>__<id>"
    title: str  # nav title
    level: int  # 1 top level / section index, 2 inside a section
    footer: Footer
    body: Markup


@dataclass(frozen=True)
class Guide:
    cover: Footer  # the title page's footer (the home page's address)
    chapters: list[Chapter]  # the book, in the book's order
    appendix: list[Chapter]  # the site's own pages


def in_appendix(docs_path: str) -> bool:
    return docs_path.startswith(APPENDIX)


def book_order(content: Content, pages: list[NavPage]) -> list[NavPage]:
    """The nav's pages in the printed book's order: each example right after the step the book
    places it after (data/eksempler/<id>.yml `book_after`); the rest in nav order."""
    examples = {f"{EXAMPLES_DIR}{e.id}.md": e.book_after for e in content.examples.values()}
    placed = {p.path for p in pages if examples.get(p.path)}
    ordered = []
    for page in pages:
        if page.path in placed:
            continue
        ordered.append(page)
        step = page.path.removesuffix(".md")
        ordered += [p for p in pages if p.path in placed and examples[p.path] == step]
    return ordered


def chapter_key(url: str) -> str:
    """ "trin-3/" → "trin-3", "eksempler/murmal/" → "eksempler-murmal", "" → "forside"."""
    return url.strip("/").replace("/", "-") or "forside"


class LinkMap:
    """Where a link of the site lands in the PDF."""

    def __init__(self, content: Content, info: BuildInfo, urls: list[str]):
        self.info = info
        self.chapters = {url: chapter_key(url) for url in urls}
        # A worksheet's own page is not in the book: send its links to where the book has the sheet.
        self.sheet_pages = {sheet_url(s.id): (page_url(s.page), s.id) for s in content.worksheets.values()}
        self.anchors: set[str] = set()

    def rewrite(self, href: str, here: str) -> str:
        absolute = urljoin(self.info.url(here), href)
        if not absolute.startswith(self.info.site_url):
            return absolute  # another site, mailto:, …
        path, fragment = urldefrag(absolute[len(self.info.site_url) :])
        if path in self.sheet_pages:
            path, sheet_id = self.sheet_pages[path]
            fragment = fragment or sheet_id
        if path not in self.chapters:
            return absolute  # PDFs, assets, pages left out of the book: the online site
        key = self.chapters[path]
        return f"#{key}__{fragment}" if fragment else f"#{key}"


def _prefix_ids(root: markup.Element, key: str) -> None:
    for el in root.iter():
        for attr in _ID_ATTRS:
            if el.get(attr):
                el.set(attr, f"{key}__{el.get(attr)}")
        for attr in _IDREF_LISTS:
            if refs := el.get(attr):
                el.set(attr, " ".join(f"{key}__{ref}" for ref in refs.split()))


def _bookmark_labels(root: markup.Element) -> None:
    """A heading whose screen-reader words are dropped (a step circle's "Trin " and ": ") keeps them
    in its bookmark: "Trin 1: Forstå jeres egen organisation", not "1Forstå …" (css/guide.css)."""
    for el in root.iter():
        if markup.heading_level(el) and any("sr-only" in markup.classes(c) for c in el.iter()):
            el.set(BOOKMARK_ATTR, " ".join("".join(el.itertext()).split()))


def _page_references(root: markup.Element) -> None:
    """Internal links that name a page of the printed book print the PDF's page number instead.

    A range in the book ("side 44-45") stays a range: the pages where its target starts and ends
    (an empty end marker is added as the target's last child, `<id>--slut`). A reference that
    lands on its own page keeps its number: it is true, and changing the words is not ours to do.
    """
    ids = {el.get("id"): el for el in root.iter() if el.get("id")}
    for el in list(root.iter()):
        label = "".join(el.itertext()).strip()
        href = el.get("href") or ""
        if markup.tag(el) == "a" and href.startswith("#") and _PAGE_REF.match(label):
            for child in list(el):
                el.remove(child)
            el.text = text("pdf.pageRef" if label[0].isupper() else "pdf.pageRefLower")
            markup.add_class(el, PAGE_REF_CLASS)
            if _PAGE_RANGE.search(label) and href[1:] in ids:
                end = f"{href[1:]}{RANGE_END}"
                if end not in ids:
                    ids[end] = ET.SubElement(ids[href[1:]], "span", id=end)
                markup.add_class(el, PAGE_RANGE_CLASS)
                el.set(RANGE_END_ATTR, f"#{end}")


def _resolve_svg_colours(root: markup.Element, palette: dict[str, str]) -> None:
    """WeasyPrint's SVG renderer does not know CSS variables: put the print colours in."""
    for svg in (el for el in root.iter() if markup.tag(el) == "svg"):
        for el in svg.iter():
            style = el.get("style")
            if style and "var(" in style:
                el.set(
                    "style",
                    _CSS_VAR.sub(lambda m: palette.get(m.group(1), (m.group(2) or "currentColor").strip()), style),
                )


def print_palette() -> dict[str, str]:
    """{"--md-primary-fg-color": "#rrggbb", …}: the colour variables as the PDFs define them
    (palette.css, then base.css), each resolved to its value (WeasyPrint's SVG knows no var())."""
    css = "".join(path.read_text(encoding="utf-8") for path in (PALETTE_CSS, CSS_DIR / "base.css"))
    palette: dict[str, str] = dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", css))
    for name in palette:
        while "var(" in palette[name]:
            palette[name] = _CSS_VAR.sub(lambda m: palette.get(m.group(1), m.group(2) or ""), palette[name])
    return palette


def printable_article(article: markup.Element, url: str, links: LinkMap, palette: dict[str, str]) -> str:
    """An article of the built site as book HTML: chrome out, ids prefixed, links made internal."""
    _bookmark_labels(article)
    markup.remove(article, lambda el: markup.matches(el, tags=_DROP_TAGS, class_names=_DROP_CLASSES))
    markup.remove(article, lambda el: markup.tag(el) == "a" and el.get("download") is not None)
    markup.prune_empty(article, ("p",))
    markup.flatten_fieldsets(article)
    for el in article.iter():
        if markup.tag(el) == "details":
            el.tag = "div"  # the book's worked example prints open, without its summary line
    key = chapter_key(url)
    _prefix_ids(article, key)
    for el in article.iter():
        href = el.get("href")
        if href is not None and markup.tag(el) == "a":
            el.set(
                "href", f"#{key}__{href[1:]}" if href.startswith("#") and len(href) > 1 else links.rewrite(href, url)
            )
    _page_references(article)
    _resolve_svg_colours(article, palette)
    links.anchors.update(i for el in article.iter() if (i := el.get("id")))
    return markup.inner_html(article)


def _check_links(chapters: list[Chapter], links: LinkMap) -> list[str]:
    """Internal links whose target is not in the book (these would be dead in the PDF)."""
    targets = links.anchors | {c.key for c in chapters}
    dead = []
    for chapter in chapters:
        for fragment in re.findall(rf'(?:href|{RANGE_END_ATTR})="#([^"]+)"', chapter.body):
            if fragment not in targets:
                dead.append(f"{chapter.key}: #{fragment}")
    return dead


def collect(content: Content, info: BuildInfo, site_dir: Path) -> Guide:
    pages: list[NavPage] = book_order(content, [p for p in info.nav if p.path not in LEFT_OUT | {COVER}])
    urls = [page_url(p.path) for p in pages]
    links = LinkMap(content, info, urls)
    palette = print_palette()
    chapters = []
    for page, url in zip(pages, urls, strict=True):
        body = printable_article(page_article(site_dir, url), url, links, palette)
        level = 2 if (page.section and page.title != page.section) or in_appendix(page.path) else 1
        chapters.append(
            Chapter(chapter_key(url), page.title, level, footer_for(content, info, url, page.path), Markup(body))
        )
    dead = _check_links(chapters, links)
    if dead:
        raise PdfBuildError("links in the book PDF without a target:\n  " + "\n  ".join(dead))
    appendix = {c.key for c, p in zip(chapters, pages, strict=True) if in_appendix(p.path)}
    return Guide(
        footer_for(content, info, page_url(COVER), COVER),
        [c for c in chapters if c.key not in appendix],
        [c for c in chapters if c.key in appendix],
    )


def guide_document(content: Content, info: BuildInfo, site_dir: Path) -> str:
    """HTML of the whole book, from the site built into site_dir (pdfbuild.site.build_site)."""
    return templates.get_template("bog.html").render(
        info=info,
        title=info.site_name,
        subject=text("pdf.guideSubject", site=info.site_name),
        guide=collect(content, info, Path(site_dir)),
        appendix_key=APPENDIX_KEY,
    )
