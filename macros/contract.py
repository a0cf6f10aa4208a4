"""The key contract: the one definition of what a worksheet stores, exports and fills in a PDF.

Everything that names a worksheet answer reads it from here: the templates (`data-key`), the
browser (the published `assets/arbejdsark/kontrakt.json`, read by the ES modules under
`overrides/assets/javascripts/ark/`), "Mit partnerskab", the PDF field names (pdfbuild) and the
tests. Keys are storage keys, export keys and PDF field names at once; they never change.

Key scheme (per worksheet, unique within it):
- questions, perspectives, calendar: the item id (`research-af-moedeltagerne`, `januar`);
- checklist: the item id ("1" when ticked) and `<item>--note` (text);
- list (the book's list, nothing to fill in): the checklist keys it had, marked retired, so
  answers stored before keep showing in "Mit partnerskab", export and import;
- dialogue: `<row>--a` / `<row>--b` for the two parties' columns, `<row>` for a shared row;
- risk: the statement id (one of the scale's labels); table: `<row>--<column>` for input columns;
- added rows (risk statements, KPI rows): `<prefix>-<n>` with n = 1…MAX_ROWS, and the keys of
  `rows.fields` with `{row}` replaced by it (`egen-2--tekst`, `egen-2`, `raekke-1--maal`).

The JSON shape (`contract_json`) is documented in DESIGN.md ("The key contract").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from . import pdf_files
from .content import Content
from .slug import slugify
from .strings import text

FORMAT = "parat-til-private-partnerskaber/svar"
# Export and storage version: 1 = per-field keys "v1:<sheet>:<key>" without site path or sets
# (still imported and migrated); 2 = site-path namespaced, named answer sets ("svarsæt").
VERSION = 2
NOTE_SUFFIX = "--note"
ROW_PLACEHOLDER = "{row}"  # in row field keys: replaced by "<prefix>-<n>"
NUMBER_PLACEHOLDER = "{n}"  # in row labels: replaced by n
MAX_ROWS = 999
# importBytes: above what localStorage holds per origin (5 MB in Chromium and Firefox), so every
# export a browser can make imports again; valueChars is every textarea's maxlength.
LIMITS = {"importBytes": 8 * 1024 * 1024, "valueChars": 50_000, "rows": MAX_ROWS}
CHECKED = "1"  # the stored value of a ticked checklist item
MONTHS = [
    "Januar",
    "Februar",
    "Marts",
    "April",
    "Maj",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "December",
]


def danish_date(day: date) -> str:
    """2026-11-27 → "27. november 2026"."""
    return f"{day.day}. {MONTHS[day.month - 1].lower()} {day.year}"


# The header of every printed sheet: whose copy it is and when. Not answers (never stored); in a
# PDF they are fillable fields whose names start with "_", which no worksheet key can (ids are
# [a-z0-9-]), so they never collide with a key (in a print pack: "<sheet>--_dato").
HEADER_FIELDS = (
    ("organisation", "_organisation", text("sheet.headerOrganisation")),
    ("date", "_dato", text("sheet.headerDate")),
)
# Where the build publishes the contract, relative to docs/ (and so to the site root).
PUBLISHED_PATH = "assets/arbejdsark/kontrakt.json"


@dataclass(frozen=True)
class Field:
    """One stored input of a worksheet: `key` is unique within the worksheet.

    type: "text" (free text), "check" (CHECKED or absent) or "choice" (one of `choices`).
    label: what a person would call the field (shown in merge previews, copies and PDF tooltips).
    """

    key: str
    label: str
    type: str
    lines: int = 3
    example: Any = None
    choices: tuple[str, ...] = ()
    note: bool = False
    group: str | None = None  # the section or row heading the field sits under
    # Kept only so answers stored before the sheet stopped asking for it stay readable, exportable
    # and importable; the page shows no input for it and its PDF has no such field.
    retired: bool = False


@dataclass(frozen=True)
class RowPattern:
    """Rows a user may add (risk analysis, KPI table): `<prefix>-<n>` plus the keys of `fields`."""

    prefix: str
    label: str  # "Eget udsagn {n}"
    fields: tuple[Field, ...]  # keys and labels with ROW_PLACEHOLDER / NUMBER_PLACEHOLDER
    printed: int  # blank rows on a printout and in the PDF (named like added rows 1…printed)

    def row_name(self, n: int) -> str:
        return f"{self.prefix}-{n}"

    def printed_rows(self) -> range:
        """The numbers n of the blank rows a printout offers, 1…printed: the printed sheet's and the
        PDF's blank row n is added row n (named row_name(n))."""
        return range(1, self.printed + 1)

    def keys(self, n: int) -> list[str]:
        """The storage keys of added row n: e.g. ["egen-2--tekst", "egen-2"]."""
        return [f.key.replace(ROW_PLACEHOLDER, self.row_name(n)) for f in self.fields]

    def row_fields(self, n: int) -> list[Field]:
        name, num = self.row_name(n), str(n)
        return [
            Field(
                f.key.replace(ROW_PLACEHOLDER, name),
                f.label.replace(NUMBER_PLACEHOLDER, num),
                f.type,
                f.lines,
                choices=f.choices,
                group=self.label.replace(NUMBER_PLACEHOLDER, num),
            )
            for f in self.fields
        ]


@dataclass(frozen=True)
class Cell:
    """A table cell in a copy of the answers: the book's fixed text or a field key."""

    text: str | None = None
    key: str | None = None
    span: int = 1


@dataclass(frozen=True)
class TableLayout:
    """How a table-like worksheet reads as a table (Word copy, plain text)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    added: tuple[Cell, ...] = ()  # cells of an added row, keys with ROW_PLACEHOLDER


@dataclass(frozen=True)
class SheetContract:
    id: str
    title: str
    kind: str
    step: str | None  # "Trin 3: Det første møde"
    fields: tuple[Field, ...]
    rows: RowPattern | None = None
    table: TableLayout | None = None

    def keys(self) -> list[str]:
        return [f.key for f in self.fields]

    def printed_fields(self) -> list[Field]:
        """Fixed fields plus the printed blank rows' fields: every field of the sheet's PDF."""
        out = [f for f in self.fields if not f.retired]
        if self.rows:
            for n in self.rows.printed_rows():
                out.extend(self.rows.row_fields(n))
        return out


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


def month_keys() -> list[tuple[str, str]]:
    """(key, name) of the årshjul's months."""
    return [(slugify(m), m) for m in MONTHS]


# Question numbers ("3.2"): the site's own short numbers, said aloud on a call and the same on
# screen, in print and in the PDFs. `<step number>.<n>`, n = 1, 2, 3 … over the numbered items of
# all worksheets of the step in page order (Content.worksheet_groups, as the print packs), so a
# step page never shows a number twice; the worksheets without a step ("Bevar gejsten") use
# NO_STEP_NUMBER. Numbered: every question (kinds questions, perspectives) and checklist item;
# table-like sheets (dialogue, risk, table) and the årshjul's months are not. The numbers are
# kept stable by tests/item_numbers.txt (tests/test_item_numbers.py).
NUMBERED_KINDS = ("questions", "checklist", "perspectives")
NO_STEP_NUMBER = "G"


def numbered_items(content: Content, sheet: Any) -> list[str]:
    """The ids of a worksheet's numbered items, in page order ([] for kinds without numbers)."""
    if sheet.kind == "perspectives":
        return [item["id"] for item in perspective_items(content, sheet)]
    if sheet.kind in NUMBERED_KINDS:
        return [item.id for section in sheet.sections for item in section.items]
    return []


# An item the book numbers itself (the agreement's 14 points, "1. Parterne"): it keeps its question
# number (7.1 stays the key of what people wrote, and the numbers after it stay as they were), but
# the page does not show it in front of the book's own number (never "7.1 1. Parterne").
BOOK_NUMBER = re.compile(r"\d+\.\s")


def book_numbered(sheet: Any) -> set[str]:
    """The ids of a worksheet's items whose lead begins with the book's own number ("1. Parterne")."""
    if sheet.kind not in NUMBERED_KINDS or sheet.kind == "perspectives":
        return set()
    return {
        item.id for section in sheet.sections for item in section.items if item.lead and BOOK_NUMBER.match(item.lead)
    }


def item_numbers(content: Content) -> dict[str, dict[str, str]]:
    """Worksheet id → {item id: its number ("3.2", "G.4")}, for every worksheet (empty: none)."""
    out: dict[str, dict[str, str]] = {sheet_id: {} for sheet_id in content.worksheets}
    for step_id, sheets in content.worksheet_groups().items():
        prefix = str(content.steps[step_id].number) if step_id else NO_STEP_NUMBER
        n = 0
        for sheet in sheets:
            for item_id in numbered_items(content, sheet):
                n += 1
                out[sheet.id][item_id] = f"{prefix}.{n}"
    return out


def _table_row_name(sheet: Any, row: Any) -> str:
    return row.cells.get(sheet.columns[0].id, row.id)


def _fields(content: Content, sheet: Any) -> list[Field]:
    kind = sheet.kind
    fields: list[Field] = []
    if kind in ("questions", "checklist", "list"):
        # A `list` was a checklist (the five pitfalls): its old keys stay in the contract, retired.
        retired = kind == "list"
        for section in sheet.sections:
            for item in section.items:
                label = " ".join(x for x in (item.lead, item.text) if x)
                if kind == "questions":
                    fields.append(Field(item.id, label, "text", item.lines, example=item.example, group=section.title))
                else:
                    fields.append(Field(item.id, label, "check", group=section.title, retired=retired))
                    fields.append(
                        Field(
                            f"{item.id}{NOTE_SUFFIX}",
                            text("sheet.noteFor", label=label),
                            "text",
                            2,
                            note=True,
                            group=section.title,
                            retired=retired,
                        )
                    )
    elif kind == "perspectives":
        for item in perspective_items(content, sheet):
            label = f"{item['lead']}: {item['text']}" if item["lead"] else item["text"]
            fields.append(Field(item["id"], label, "text", 3))
    elif kind == "dialogue":
        for row in sheet.rows:
            if row.split:
                titles = row.titles or (f"{row.title} – {sheet.parties[0]}", f"{row.title} – {sheet.parties[1]}")
                ex = row.example or (None, None)
                fields.append(Field(f"{row.id}--a", titles[0], "text", row.lines, example=ex[0], group=row.heading))
                fields.append(Field(f"{row.id}--b", titles[1], "text", row.lines, example=ex[1], group=row.heading))
            else:
                fields.append(Field(row.id, row.title, "text", row.lines, example=row.example, group=row.heading))
    elif kind == "risk":
        for row in sheet.rows:
            fields.append(Field(row.id, row.text, "choice", choices=tuple(sheet.scale)))
    elif kind == "table":
        for row in sheet.rows:
            for col in sheet.columns:
                if col.input:
                    fields.append(
                        Field(
                            f"{row.id}--{col.id}",
                            f"{col.label} ({_table_row_name(sheet, row)})",
                            "text",
                            2,
                            group=_table_row_name(sheet, row),
                        )
                    )
    elif kind == "calendar":
        for key, month in month_keys():
            fields.append(Field(key, month, "text", 3))
    return fields


def _rows(sheet: Any) -> RowPattern | None:
    r, n = ROW_PLACEHOLDER, NUMBER_PLACEHOLDER
    if sheet.kind == "risk":
        return RowPattern(
            "egen",
            text("sheet.ownStatement", n=n),
            (
                Field(f"{r}--tekst", text("sheet.ownStatement", n=n), "text", 2),
                Field(r, text("sheet.ownStatementRating", n=n), "choice", choices=tuple(sheet.scale)),
            ),
            sheet.extra_rows,
        )
    if sheet.kind == "table" and sheet.addable:
        return RowPattern(
            "raekke",
            text("sheet.row", n=n),
            tuple(Field(f"{r}--{c.id}", text("sheet.rowField", label=c.label, n=n), "text", 2) for c in sheet.columns),
            sheet.extra_rows,
        )
    return None


def _table(sheet: Any) -> TableLayout | None:
    r = ROW_PLACEHOLDER
    if sheet.kind == "risk":
        return TableLayout(
            (text("sheet.statement"), text("sheet.rating")),
            tuple((Cell(text=row.text), Cell(key=row.id)) for row in sheet.rows),
            (Cell(key=f"{r}--tekst"), Cell(key=r)),
        )
    if sheet.kind == "table":
        rows = tuple(
            tuple(
                Cell(key=f"{row.id}--{c.id}") if c.input else Cell(text=row.cells.get(c.id, "")) for c in sheet.columns
            )
            for row in sheet.rows
        )
        added = tuple(Cell(key=f"{r}--{c.id}") for c in sheet.columns) if sheet.addable else ()
        return TableLayout(tuple(c.label for c in sheet.columns), rows, added)
    if sheet.kind == "dialogue":
        rows = tuple(
            (Cell(text=row.heading), Cell(key=f"{row.id}--a"), Cell(key=f"{row.id}--b"))
            if row.split
            else (Cell(text=row.heading), Cell(key=row.id, span=2))
            for row in sheet.rows
        )
        return TableLayout(("", *sheet.parties), rows)
    return None


def sheet_contract(content: Content, sheet_id: str) -> SheetContract:
    """The contract of one worksheet. Raises KeyError for an unknown id."""
    sheet = content.worksheets[sheet_id]
    step = content.steps.get(sheet.step) if sheet.step else None
    return SheetContract(
        id=sheet.id,
        title=sheet.title,
        kind=sheet.kind,
        step=text("step.label", number=step.number, title=step.title) if step else None,
        fields=tuple(_fields(content, sheet)),
        rows=_rows(sheet),
        table=_table(sheet),
    )


def worksheet_fields(content: Content, sheet: Any) -> list[Field]:
    """Every fixed stored field of a worksheet, in page order."""
    return list(sheet_contract(content, sheet.id).fields)


def _field_json(f: Field) -> dict[str, Any]:
    out: dict[str, Any] = {"key": f.key, "label": f.label, "type": f.type}
    if f.choices:
        out["choices"] = list(f.choices)
    if f.note:
        out["note"] = True
    if f.retired:
        out["retired"] = True
    if f.group:
        out["group"] = f.group
    return out


def _cell_json(c: Cell) -> dict[str, Any]:
    out: dict[str, Any] = {"text": c.text} if c.key is None else {"key": c.key}
    if c.span != 1:
        out["span"] = c.span
    return out


def contract_json(content: Content) -> dict[str, Any]:
    """The contract as the browser reads it (see DESIGN.md, "The key contract")."""
    sheets: dict[str, Any] = {}
    for sheet in content.worksheets.values():
        c = sheet_contract(content, sheet.id)
        spec: dict[str, Any] = {
            "title": c.title,
            "kind": c.kind,
            "step": c.step,
            "url": f"arbejdsark/{c.id}/",
            "pdf": pdf_files.site_path(c.id),
            "fields": [_field_json(f) for f in c.fields],
            "rows": None,
            "table": None,
        }
        if c.rows:
            spec["rows"] = {
                "prefix": c.rows.prefix,
                "label": c.rows.label,
                "printed": c.rows.printed,
                "fields": [_field_json(f) for f in c.rows.fields],
            }
        if c.table:
            spec["table"] = {
                "columns": list(c.table.columns),
                "rows": [[_cell_json(x) for x in row] for row in c.table.rows],
                "added": [_cell_json(x) for x in c.table.added],
            }
        sheets[c.id] = spec
    return {
        "format": FORMAT,
        "version": VERSION,
        "placeholders": {"row": ROW_PLACEHOLDER, "n": NUMBER_PLACEHOLDER},
        "checked": CHECKED,
        "limits": LIMITS,
        # The printed sheet's header fields (PDF field names; the browser fills them in copies).
        "header": [{"key": what, "name": name, "label": label} for what, name, label in HEADER_FIELDS],
        "worksheets": sheets,
    }


def contract_text(content: Content) -> str:
    return json.dumps(contract_json(content), ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"


def publish(content: Content, docs_dir: Path) -> Path:
    """Write the contract to docs/PUBLISHED_PATH, only when it changed (so `serve` does not loop).

    Called from define_env, so every build of the site (MkDocs or Zensical) carries a fresh one.
    """
    path = Path(docs_dir) / PUBLISHED_PATH
    text = contract_text(content)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    return path


if __name__ == "__main__":
    import sys

    from .content import load_content

    root = Path(__file__).resolve().parent.parent
    sys.stdout.write(contract_text(load_content(root)))
