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

# Nav pages that are tools of the website rather than text of the book.
LEFT_OUT = {"arbejdsark/index.md"}
COVER = "index.md"

_DROP_TAGS = ("noscript", "script", "template", "button", "summary")
_DROP_CLASSES = (
    "headerlink",
    "ark-tools",
    "ark-status",
    "kopier-link",
    "no-print",
    "sr-only",
    "trin-prikker",
)
_ID_ATTRS = ("id", "for")
_IDREF_LISTS = ("aria-labelledby", "aria-describedby")
# A reference to a page of the printed book ("side 44-45", "side 81", "næste side"): in the PDF
# its text becomes "side " + the PDF's own page number of the target (css/guide.css).
_PAGE_REF = re.compile(r"^(?:side\s+\d+(?:\s*[-–]\s*\d+)?|næste side)$", re.I)
PAGE_REF_CLASS = "pdf-sidehenvisning"
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
    cover: Chapter
    chapters: list[Chapter]


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


def _page_references(root: markup.Element) -> None:
    """Internal links that name a page of the printed book print the PDF's page number instead."""
    for el in root.iter():
        label = "".join(el.itertext()).strip()
        if markup.tag(el) == "a" and (el.get("href") or "").startswith("#") and _PAGE_REF.match(label):
            for child in list(el):
                el.remove(child)
            el.text = text("pdf.pageRef" if label[0].isupper() else "pdf.pageRefLower")
            markup.add_class(el, PAGE_REF_CLASS)


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
        for fragment in re.findall(r'href="#([^"]+)"', chapter.body):
            if fragment not in targets:
                dead.append(f"{chapter.key}: #{fragment}")
    return dead


def collect(content: Content, info: BuildInfo, site_dir: Path) -> Guide:
    pages: list[NavPage] = [p for p in info.nav if p.path not in LEFT_OUT]
    urls = [page_url(p.path) for p in pages]
    links = LinkMap(content, info, urls)
    palette = print_palette()
    chapters = []
    for page, url in zip(pages, urls, strict=True):
        body = printable_article(page_article(site_dir, url), url, links, palette)
        level = 2 if page.section and page.title != page.section else 1
        chapters.append(
            Chapter(chapter_key(url), page.title, level, footer_for(content, info, url, page.path), Markup(body))
        )
    dead = _check_links(chapters, links)
    if dead:
        raise PdfBuildError("links in the book PDF without a target:\n  " + "\n  ".join(dead))
    cover = next(c for c, p in zip(chapters, pages, strict=True) if p.path == COVER)
    return Guide(cover, [c for c in chapters if c is not cover])


def guide_document(content: Content, info: BuildInfo, site_dir: Path) -> str:
    """HTML of the whole book, from the site built into site_dir (pdfbuild.site.build_site)."""
    return templates.get_template("bog.html").render(
        info=info,
        title=info.site_name,
        subject=text("pdf.guideSubject", site=info.site_name),
        guide=collect(content, info, Path(site_dir)),
    )
