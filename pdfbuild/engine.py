"""WeasyPrint, configured once: local files and data: URIs only, the PDF stylesheets, Danish metadata."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from macros import strings

from . import forms as pdf_forms
from . import tagging
from .meta import ROOT

CSS_DIR = Path(__file__).resolve().parent / "css"
SITE_CSS_DIR = ROOT / "overrides" / "assets" / "stylesheets"
PALETTE_CSS = SITE_CSS_DIR / "palette.css"  # the colours, shared with the site
PAPER_CSS = SITE_CSS_DIR / "paper.css"  # worksheets on A4, shared with the browser's printout

# Tagged PDF/UA-1 (PDF 1.7, structure tree, /MarkInfo, /Lang from <html lang>, the <title> shown
# as window title): every PDF, forms included (WeasyPrint tags each field as a /Form element).
PDF_VARIANT = "pdf/ua-1"

# Nothing is fetched while printing: a reference to http(s) or anything else stops the build.
FETCHER = URLFetcher(allowed_protocols=("file", "data"), fail_on_errors=True)

STYLESHEETS = {
    # fillable worksheets: palette, our base, the site's worksheet styles, what every paper shares, the form layout
    "sheet": (PALETTE_CSS, CSS_DIR / "base.css", SITE_CSS_DIR / "arbejdsark.css", PAPER_CSS, CSS_DIR / "sheet.css"),
    # the book: palette, base, the site's styles and print rules (blank worksheets as ruled lines), the book layout
    "guide": (
        PALETTE_CSS,
        CSS_DIR / "base.css",
        SITE_CSS_DIR / "site.css",
        SITE_CSS_DIR / "arbejdsark.css",
        PAPER_CSS,
        SITE_CSS_DIR / "print.css",
        CSS_DIR / "guide.css",
    ),
}


@lru_cache(maxsize=None)
def _stylesheets(kind: str) -> tuple[CSS, ...]:
    files = tuple(CSS(filename=str(path), url_fetcher=FETCHER) for path in STYLESHEETS[kind])
    # "Side n af N" in the top right corner (base.css places it): the words from the strings file.
    # First, so that a file may still leave it out (guide.css: not on the title page).
    page_number = CSS(string=f"@page {{ @top-right {{ content: {strings.css_page_number()} }} }}")
    return (page_number, *files)


def quiet_weasyprint(verbose: bool = False) -> None:
    """WeasyPrint warns about every screen-only property of the site's CSS; keep errors unless verbose."""
    if verbose:
        logging.basicConfig(format="%(name)s: %(message)s")
    logging.getLogger("weasyprint").setLevel(logging.WARNING if verbose else logging.ERROR)


def finish(document, pdf, *, forms: bool) -> None:
    """The write_pdf finisher of every PDF: structure tree repairs, then (fillable PDFs) the form's."""
    tagging.scope_table_headers(document, pdf)
    tagging.margins_as_artifacts(document, pdf)
    if forms:
        pdf_forms.finish(document, pdf)


def render_pdf(html: str, kind: str, *, forms: bool) -> tuple[bytes, int]:
    """HTML → (PDF bytes, page count). Relative URLs resolve against this package's folder."""
    document = HTML(string=html, base_url=str(CSS_DIR) + "/", url_fetcher=FETCHER).render(
        stylesheets=list(_stylesheets(kind)), pdf_forms=forms
    )
    pdf = document.write_pdf(
        pdf_forms=forms, pdf_variant=PDF_VARIANT, finisher=lambda doc, out: finish(doc, out, forms=forms)
    )
    return pdf, len(document.pages)
