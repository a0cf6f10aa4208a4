"""Render content to HTML: pure functions of (Content, ids) → str, testable without MkDocs.

All markup comes from Jinja templates in macros/templates/ with autoescaping on, so every
text from YAML is escaped. Output that goes into Markdown pages is one HTML block surrounded
by blank lines (Python-Markdown passes it through untouched), plus Markdown headings where a
heading should reach the table of contents and search.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .content import Content
from .copy_links import copy_link, item_link, section_link
from .slug import slugify

STORAGE_VERSION = 1
MONTHS = ["Januar", "Februar", "Marts", "April", "Maj", "Juni", "Juli", "August", "September", "Oktober", "November", "December"]

_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals.update(copy_link=copy_link, item_link=item_link, section_link=section_link)


@dataclass(frozen=True)
class Field:
    """One input of a worksheet as the browser stores it: key is unique within the worksheet."""

    key: str
    label: str
    type: str  # "text" | "check" | "choice"
    lines: int = 3
    example: Any = None
    choices: tuple[str, ...] = ()


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


def perspective_items(content: Content, sheet: Any) -> list[dict]:
    """The fields of a `perspectives` sheet: one per label the book prints in that context."""
    items = []
    for pid in sheet.order:
        p = content.perspectives[pid]
        if sheet.context == "company_view":
            for view in p.company_view:
                items.append({"id": slugify(view.label), "lead": view.label, "text": view.text, "perspective": p})
        elif p.question:
            items.append({"id": pid, "lead": None, "text": p.question, "perspective": p})
    return items


def worksheet_fields(content: Content, sheet: Any) -> list[Field]:
    """Every stored field of a worksheet, in page order (also used for the export manifest and PDFs)."""
    kind = sheet.kind
    fields: list[Field] = []
    if kind in ("questions", "checklist"):
        for section in sheet.sections:
            for item in section.items:
                label = " ".join(x for x in (item.lead, item.text) if x)
                if kind == "questions":
                    fields.append(Field(item.id, label, "text", item.lines, example=item.example))
                else:
                    fields.append(Field(item.id, label, "check"))
                    fields.append(Field(f"{item.id}--note", f"Note: {label}", "text", 2))
    elif kind == "perspectives":
        for item in perspective_items(content, sheet):
            label = f"{item['lead']}: {item['text']}" if item["lead"] else item["text"]
            fields.append(Field(item["id"], label, "text", 3))
    elif kind == "dialogue":
        for row in sheet.rows:
            if row.split:
                titles = row.titles or (f"{row.title} – {sheet.parties[0]}", f"{row.title} – {sheet.parties[1]}")
                ex = row.example or (None, None)
                fields.append(Field(f"{row.id}--a", titles[0], "text", row.lines, example=ex[0]))
                fields.append(Field(f"{row.id}--b", titles[1], "text", row.lines, example=ex[1]))
            else:
                fields.append(Field(row.id, row.title, "text", row.lines, example=row.example))
    elif kind == "risk":
        for row in sheet.rows:
            fields.append(Field(row.id, row.text, "choice", choices=tuple(sheet.scale)))
    elif kind == "table":
        for row in sheet.rows:
            for col in sheet.columns:
                if col.input:
                    fields.append(Field(f"{row.id}--{col.id}", f"{col.label} ({row.cells.get(sheet.columns[0].id, row.id)})", "text", 2))
    elif kind == "calendar":
        for month in MONTHS:
            fields.append(Field(slugify(month), month, "text", 3))
    return fields


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
) -> str:
    """The worksheet as it appears inside a page (heading + form) or on its own page (form only)."""
    sheet = content.worksheets[sheet_id]
    template = _env.get_template(f"arbejdsark-{sheet.kind}.html")
    body = template.render(
        sheet=sheet,
        fields=worksheet_fields(content, sheet),
        perspective_items=perspective_items(content, sheet) if sheet.kind == "perspectives" else [],
        months=[(slugify(m), m) for m in MONTHS],
        example_lines=_example_lines,
        standalone=standalone,
        base=base,
        page_url=page_url,
        pdf_url=pdf_url,
        version=STORAGE_VERSION,
        **_step_context(content, sheet),
    )
    heading = ""
    if not standalone:
        # A Markdown heading (not raw HTML) so the worksheet reaches the TOC and search.
        # The heading anchors the readable title (#gode-raad-foer-moedet), the block the id.
        heading = f"{'#' * level} {_md_text(sheet.title)} {{ #{slugify(sheet.title)} .ark-titel }}\n\n"
    return f"\n\n{heading}{_block(body)}\n\n"


def _md_text(text: str) -> str:
    """Escape text for a Markdown heading line (HTML-escaped, Markdown specials neutralised)."""
    import html

    out = html.escape(text, quote=False)
    for ch in "\\`*_[]{}#":
        out = out.replace(ch, "\\" + ch)
    return out


def _block(html_text: str) -> str:
    """Collapse blank lines inside an HTML block: a blank line would end it in Python-Markdown."""
    return "\n".join(line for line in html_text.splitlines() if line.strip())


def render(template: str, **context: Any) -> str:
    return _block(_env.get_template(template).render(**context))
