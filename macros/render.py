"""Render content to HTML: pure functions of (Content, ids) → str, testable without MkDocs.

All markup comes from Jinja templates in macros/templates/ with autoescaping on, so every
text from YAML is escaped. Output that goes into Markdown pages is one HTML block surrounded
by blank lines (Python-Markdown passes it through untouched), plus Markdown headings where a
heading should reach the table of contents and search.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import segno
from markupsafe import Markup, escape

from . import contract
from .content import Content
from .contract import (  # noqa: F401 (re-exported)
    MONTHS,
    book_numbered,
    item_numbers,
    month_keys,
    perspective_items,
    sheet_contract,
    worksheet_fields,
)
from .copy_links import copy_link, heading, item_link
from .slug import slugify
from .templating import TEMPLATES as _env
from .templating import macro

# max_chars: the longest answer the contract accepts (import rejects longer), as maxlength;
# max_rows: the most added rows it accepts, where "Tilføj række" stops (ark/sheet.js).
_env.globals.update(
    copy_link=copy_link,
    heading=heading,
    item_link=item_link,
    max_chars=contract.LIMITS["valueChars"],
    max_rows=contract.LIMITS["rows"],
    header_fields=contract.HEADER_FIELDS,
)


def _linked(text: str | None, links: Any, base: str) -> Any:
    """An item's text with its page references ("(se værdiperspektiverne)") as links (Markup)."""
    if not text or not links:
        return text
    out = escape(text)
    for link in links:
        anchor = Markup('<a href="{}">{}</a>').format(base + link.to, link.text)
        out = Markup(out.replace(escape(link.text), anchor, 1))
    return out


_env.filters["linked"] = _linked

# A run-in lead: an advice point's first sentence when more follows ("Vær nysgerrige. Tag jer …").
_RUN_IN = re.compile(r"(.+?[.:])\s+(\S.*)", re.S)


def _run_in(text: str) -> Any:
    """The text with its run-in lead in bold (Markup), as the worksheets' leads and the book's
    boxes are set: one rule for leads everywhere (CONTENT.md "Run-in leads")."""
    m = _RUN_IN.fullmatch(text)
    if not m:
        return text
    return Markup("<strong>{}</strong> {}").format(m.group(1), m.group(2))


_env.filters["run_in"] = _run_in


def _example_lines(text: str) -> list[dict]:
    """Split a worked example into paragraphs and '- ' list lines for display."""
    blocks: list[dict] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("- "):
            if not blocks or blocks[-1]["type"] != "list":
                blocks.append({"type": "list", "items": []})
            blocks[-1]["items"].append(line[2:])
        else:
            blocks.append({"type": "p", "text": line})
    return blocks


@lru_cache(maxsize=None)
def qr_svg(url: str) -> str:
    """A QR code leading to `url` as inline SVG (one path, sized by CSS), made at build time."""
    return segno.make(url, error="m").svg_inline(scale=1, border=2, omitsize=True, dark="#000")


def _step_context(content: Content, sheet: Any) -> dict:
    step = content.steps.get(sheet.step) if sheet.step else None
    return {"step": step, "total_steps": len(content.steps)}


def render_worksheet(
    content: Content,
    sheet_id: str,
    *,
    base: str = "",
    level: int = 2,
    standalone: bool = False,
    page_url: str = "",
    pdf_url: str | None = None,
    qr_url: str | None = None,
) -> str:
    """The worksheet as it appears inside a page (heading + form) or on its own page (form only).

    qr_url: the sheet's own address; the browser's printout then ends with it and its QR code, as
    the PDFs' footer does (drawn at build time: printing waits on nothing). The PDFs pass none.
    """
    sheet = content.worksheets[sheet_id]
    template = _env.get_template(f"arbejdsark-{sheet.kind}.html")
    body = template.render(
        sheet=sheet,
        fields=worksheet_fields(content, sheet),
        rows=sheet_contract(content, sheet_id).rows,
        perspective_items=perspective_items(content, sheet) if sheet.kind == "perspectives" else [],
        months=month_keys(),
        numbers=item_numbers(content)[sheet_id],
        book_numbered=book_numbered(sheet),
        example_lines=_example_lines,
        standalone=standalone,
        base=base,
        page_url=page_url,
        pdf_url=pdf_url,
        qr={"url": qr_url, "svg": Markup(qr_svg(qr_url))} if qr_url else None,
        contract_path=contract.PUBLISHED_PATH,
        **_step_context(content, sheet),
    )
    if standalone:
        return f"\n\n{_site_note(sheet)}{_block(body)}\n\n"
    anchor = heading_anchor(sheet)
    if sheet.box:
        # Printed in a box in the book: the box's label is the book's, the title a line in it.
        label_id = anchor if sheet.title == sheet.box else f"{anchor}-boks"
        title = None if sheet.title == sheet.box else sheet.title
        box = render(
            "boks.html",
            label=sheet.box,
            label_id=label_id,
            label_link=title is None,
            title=title,
            anchor=anchor,
            title_from_book=sheet.title_source == "book",
            body=_block(body),
        )
        return f"\n\n{box}\n\n"
    # The heading anchors the readable title (#gode-raad-foer-moedet), the block the id.
    if sheet.caption:
        # The book's caption: a line, not a heading, so the prose after the sheet stays in its section.
        top = f"{heading('p', anchor, sheet.caption, 'ark-titel')}\n\n"
    elif level == 0:
        # A title the book does not print, over a list inside the book's section: a line too.
        top = f"{heading('p', anchor, sheet.title, 'ark-titel')}\n\n{_site_note(sheet)}"
    else:
        top = render("overskrift.md", level=level, title=sheet.title, anchor=anchor, cls="ark-titel") + "\n\n"
        top += _site_note(sheet)
    return f"\n\n{top}{_block(body)}\n\n"


def _site_note(sheet: Any) -> str:
    """The line saying a title or a tool is the site's own ("" for the book's)."""
    note = str(macro("_hjemmesidens.html", "sheet")(sheet)).strip()
    return f"{note}\n\n" if note else ""


def heading_anchor(sheet: Any) -> str:
    """The anchor of a worksheet's title where a page embeds it: kept from before a title change."""
    return sheet.anchor or slugify(sheet.title)


def _markdown_text(text: Any) -> Markup:
    """Text for a Markdown line: HTML-escaped (Markdown shows entities as written), then a backslash
    before each character Markdown would read as markup; Markdown removes the backslashes."""
    out = str(escape(text))
    for ch in "\\`*_[]{}#":
        out = out.replace(ch, "\\" + ch)
    return Markup(out)


_env.filters["md"] = _markdown_text


def _block(html_text: str) -> str:
    """Collapse blank lines inside an HTML block: a blank line would end it in Python-Markdown."""
    return "\n".join(line for line in html_text.splitlines() if line.strip())


def render(template: str, **context: Any) -> str:
    return _block(_env.get_template(template).render(**context))


def render_markdown(template: str, **context: Any) -> str:
    """A template that writes Markdown (headings that reach the TOC) around HTML blocks: its blank
    lines are kept, so the template must not put one inside an HTML block."""
    return _env.get_template(template).render(**context)
