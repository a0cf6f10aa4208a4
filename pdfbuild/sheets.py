"""Fillable worksheet PDFs and per-step print packs, from the HTML the site's macros render.

The worksheet markup is `macros.render.render_worksheet` itself (no second set of templates),
turned into a print form: buttons, status lines, scripts and the worked example go; every input
the browser stores (`data-key`) gets a PDF field name; the blank rows of added-row tables become
fillable rows named like the browser's added rows.

Every sheet starts with its header fields (macros.contract.HEADER_FIELDS: organisation or
partnership, date), one-line fields named `_organisation`, `_dato` (in a pack prefixed like keys).

Field names: a worksheet's own PDF uses the worksheet's storage keys as they are
(`research-af-moedeltagerne`, `…--note`, `egen-1--tekst`). A print pack holds several worksheets,
so there every name is `<worksheet id>--<key>`; ids never contain `--`, so the first `--` splits
a pack field name back into worksheet and key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import Markup

from macros.content import Content
from macros.contract import HEADER_FIELDS, NUMBER_PLACEHOLDER, ROW_PLACEHOLDER, sheet_contract
from macros.pages import base_for, worksheet_page
from macros.strings import text
from macros.templating import environment

from . import markup
from .footer import Footer, footer_for
from .meta import BuildInfo

PACK_SEPARATOR = "--"

templates = environment(Path(__file__).resolve().parent / "templates")  # the site's settings and `t`

# Site chrome that has no place on paper (the worked example is left out as on the site's blank printout).
_DROP_TAGS = ("noscript", "script", "template", "button")
_DROP_CLASSES = ("ark-tools", "ark-status", "no-print", "ark-example", "ark-print", "ark-box", "sr-only")
_ROW_TEMPLATE = re.compile(r'<template class="ark-row-template">(.*?)</template>', re.S)
_BLANK_ROW = re.compile(r'<tr class="ark-blank-row"[^>]*>.*?</tr>', re.S)


def sheet_url(sheet_id: str) -> str:
    return f"arbejdsark/{sheet_id}/"


def added_rows(content: Content, sheet) -> list[tuple[int, str]]:
    """(n, row name) of the blank rows a printout offers for the users' own rows: (1, "egen-1"), …"""
    rows = sheet_contract(content, sheet.id).rows
    return [(n, rows.row_name(n)) for n in rows.printed_rows()] if rows else []


def _fill_blank_rows(html: str, sheet_id: str, rows: list[tuple[int, str]]) -> str:
    """Replace the n-th blank row by the site's row template for row n, as the browser adds rows."""
    match = _ROW_TEMPLATE.search(html)
    if not match:
        return html
    template = match.group(1).strip()
    made = iter(rows)

    def instantiate(_: re.Match) -> str:
        n, row = next(made, (None, None))
        if row is None:
            return ""
        tr = template.replace(ROW_PLACEHOLDER, row).replace(NUMBER_PLACEHOLDER, str(n))
        return tr.replace("<tr data-added-row>", f'<tr data-added-row="{n}" id="{sheet_id}--{row}">', 1)

    return _BLANK_ROW.sub(instantiate, html)


def fillable_body(content: Content, info: BuildInfo, sheet, prefix: str = "") -> str:
    """The worksheet's form as print HTML with PDF field names (`prefix` + storage key)."""
    url = sheet_url(sheet.id)
    html = worksheet_page(content, sheet.id, base_for(url))  # the same form as the site's own page
    root = markup.parse_fragment(_fill_blank_rows(html, sheet.id, added_rows(content, sheet)))
    markup.remove(root, lambda el: markup.matches(el, tags=_DROP_TAGS, class_names=_DROP_CLASSES))
    markup.prune_empty(root, ("p",))
    markup.flatten_fieldsets(root)
    for parent, child in markup.iter_with_parent(root):
        if markup.tag(parent) == "td" and markup.tag(child) == "textarea":
            markup.add_class(parent, "ark-input-cell")  # room to write in
    labels = {f.key: f.label for f in sheet_contract(content, sheet.id).printed_fields()}
    header_labels = {name: label for _, name, label in HEADER_FIELDS}
    for el in root.iter():
        header = el.get("data-pdf-field")
        if header is not None:  # the sheet's header line (name, date) becomes a one-line field
            el.tag = "input"
            el.attrib.clear()
            el.attrib.update(
                {"type": "text", "name": prefix + header, "title": header_labels[header], "class": "ark-kopi-value"}
            )
            continue
        key = el.get("data-key")
        if key is not None:
            el.set("name", prefix + key)
            # The field's tooltip (/TU): the worksheet's own label for it, not the generic "Note";
            # a radio group is named after its row, not after one of its buttons.
            title = labels.get(key) or el.get("aria-label") or key
            if el.get("type") == "radio":
                title = title.removesuffix(f": {el.get('value')}")
            el.set("title", title)
            el.attrib.pop("id", None)
        href = el.get("href")
        if href is not None and markup.tag(el) == "a":
            el.set("href", urljoin(info.url(url), href))
    return markup.inner_html(root)


@dataclass(frozen=True)
class PrintSheet:
    id: str
    title: str
    kicker: str  # the small line above the title
    footer: Footer
    body: Markup


def print_sheet(content: Content, info: BuildInfo, sheet, prefix: str = "", kicker: str | None = None) -> PrintSheet:
    footer = footer_for(content, info, sheet_url(sheet.id), sheet.page, sheet.step)
    return PrintSheet(
        sheet.id,
        sheet.title,
        kicker or text("common.worksheets"),
        footer,
        Markup(fillable_body(content, info, sheet, prefix)),
    )


def pack_groups(content: Content) -> dict[str | None, list]:
    """Step id (None for the worksheets without a step) → its worksheets in page order."""
    return content.worksheet_groups()


def worksheet_document(content: Content, info: BuildInfo, sheet_id: str) -> str:
    """HTML of one worksheet's fillable PDF."""
    sheet = content.worksheets[sheet_id]
    return templates.get_template("arbejdsark.html").render(
        info=info,
        title=f"{sheet.title} – {info.site_name}",
        subject=text(
            "pdf.sheetSubject", context=footer_for(content, info, sheet_url(sheet.id), sheet.page, sheet.step).context
        ),
        sheets=[print_sheet(content, info, sheet)],
    )


def pack_document(content: Content, info: BuildInfo, step_id: str | None) -> str:
    """HTML of a step's print pack: its worksheets in page order, field names prefixed per worksheet."""
    sheets = pack_groups(content)[step_id]
    context = footer_for(content, info, sheet_url(sheets[0].id), sheets[0].page, step_id).context
    return templates.get_template("arbejdsark.html").render(
        info=info,
        title=text("pdf.packTitleFull", context=context, site=info.site_name),
        subject=text("pdf.packSubject", context=context),
        sheets=[
            print_sheet(
                content, info, s, prefix=s.id + PACK_SEPARATOR, kicker=text("pdf.kicker", n=n, total=len(sheets))
            )
            for n, s in enumerate(sheets, start=1)
        ],
    )
