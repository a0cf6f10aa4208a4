"""Load and validate everything under data/ into one immutable `Content`.

Errors are for content editors: each names the file, the path inside it
(`sections[2].items[0].id`) and the line, and all errors are gathered before
failing, so one build shows everything that is wrong. Nothing is rendered from
content that did not validate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml
from pydantic import TypeAdapter, ValidationError

from .schema import Example, ExampleOrder, Perspectives, Route, Worksheet

WORKSHEET = TypeAdapter(Worksheet)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentError(Exception):
    """Raised with every problem found in data/, one per line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("Invalid content in data/:\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass(frozen=True)
class Content:
    steps: dict[str, Any]
    perspectives: dict[str, Any]
    examples: dict[str, Any]  # in the book's order (data/eksempler.yml)
    worksheets: dict[str, Any]

    def worksheets_for_step(self, step_id: str | None) -> list[Any]:
        return [w for w in self.worksheets.values() if w.step == step_id]

    def worksheet_groups(self) -> dict[str | None, list[Any]]:
        """Step id (None for the worksheets without a step, "Bevar gejsten") → its worksheets in
        page order (load_content keeps them in the book's order). Print packs and the site's
        question numbers both follow it."""
        groups: dict[str | None, list[Any]] = {}
        for step_id in [*self.steps, None]:
            sheets = self.worksheets_for_step(step_id)
            if sheets:
                groups[step_id] = sheets
        return groups

    def examples_for_step(self, step_id: str) -> list[Any]:
        return [e for e in self.examples.values() if step_id in e.steps]

    def examples_for_perspective(self, perspective_id: str) -> list[Any]:
        return [e for e in self.examples.values() if any(p.perspective == perspective_id for p in e.perspectives)]


def _format_loc(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def _line_of(node: yaml.Node | None, loc: Iterable[Any]) -> int | None:
    """Follow a pydantic error location through the YAML node tree to a 1-based line."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if k.value == part]
            if not match:
                break
            key, node = match[0]
            line = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


_PATH_IN_MESSAGE = re.compile(r"^Value error, ((?:[a-z_]+(?:\[\d+\])*)(?:\.[a-z_]+(?:\[\d+\])*)*): ")


def _pydantic_loc(error: dict) -> tuple[tuple, str]:
    """The error's location inside the file and its message.

    Drops the discriminator tag pydantic inserts for tagged unions ("questions", "table", …), and
    moves a path that a whole-model check put at the start of its message ("rows[1].cells: …")
    into the location, so the line number points at the right place.
    """
    loc = [p for p in error["loc"] if not (isinstance(p, str) and p in _KINDS)]
    msg = error["msg"]
    match = _PATH_IN_MESSAGE.match(msg)
    if match:
        for part in re.findall(r"[a-z_]+|\[\d+\]", match.group(1)):
            loc.append(int(part[1:-1]) if part.startswith("[") else part)
        msg = msg[match.end() :]
    return tuple(loc), msg


_KINDS = {"questions", "checklist", "list", "dialogue", "risk", "table", "perspectives", "calendar"}


def _read(path: Path, root: Path, problems: list[str]) -> tuple[Any, yaml.Node | None]:
    rel = path.relative_to(root)
    try:
        text = path.read_text(encoding="utf-8")
        # One parse into a node tree (kept for line numbers), then data from it; libyaml when present.
        node = yaml.compose(text, Loader=_Loader)
        return (_Loader(text).construct_document(node) if node is not None else None), node
    except UnicodeDecodeError as exc:
        problems.append(f"{rel}: not UTF-8 text ({exc.reason})")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        problems.append(f"{rel}{where}: not valid YAML: {getattr(exc, 'problem', exc)}")
    return None, None


def _validate(adapter_or_model: Any, data: Any, node: Any, rel: Path, problems: list[str]) -> Any:
    try:
        if isinstance(adapter_or_model, TypeAdapter):
            return adapter_or_model.validate_python(data)
        return adapter_or_model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc, msg = _pydantic_loc(error)
            line = _line_of(node, loc)
            if error["type"] == "extra_forbidden":
                msg = "unknown key"
            elif error["type"] == "missing":
                msg = "required field is missing"
            problems.append(f"{rel}: {_format_loc(loc)}{f' (line {line})' if line else ''}: {msg}")
    return None


def _unique(ids: Iterable[tuple[str, str]], what: str, problems: list[str]) -> None:
    seen: dict[str, str] = {}
    for ident, where in ids:
        if ident in seen:
            problems.append(f"{where}: duplicate {what} id '{ident}' (first used in {seen[ident]})")
        else:
            seen[ident] = where


def _item_ids(sheet: Any) -> list[tuple[str, str]]:
    """(item id, path) for every fillable thing in a worksheet: these become storage keys and anchors."""
    kind = sheet.kind
    if kind in ("questions", "checklist", "list"):
        return [
            (i.id, f"sections[{s}].items[{n}]") for s, sec in enumerate(sheet.sections) for n, i in enumerate(sec.items)
        ]
    if kind in ("dialogue", "risk", "table"):
        return [(r.id, f"rows[{n}]") for n, r in enumerate(sheet.rows)]
    return []


def _embed_position(page: Path, sheet_id: str) -> int:
    """Where a docs page calls {{ arbejdsark("<id>") }} (-1: it does not)."""
    match = re.search(r"""arbejdsark\(\s*["']""" + re.escape(sheet_id) + r"""["']""", page.read_text(encoding="utf-8"))
    return match.start() if match else -1


def load_content(root: Path) -> Content:
    """Read data/ under `root` (the project folder) and validate it; raise ContentError listing every problem."""
    root = Path(root)
    data = root / "data"
    problems: list[str] = []

    def load(path: Path, model: Any) -> Any:
        if not path.exists():
            problems.append(f"{path.relative_to(root)}: file is missing")
            return None
        raw, node = _read(path, root, problems)
        if raw is None and node is None:
            return None
        return _validate(model, raw, node, path.relative_to(root), problems)

    route = load(data / "ruten.yml", Route)
    persp = load(data / "vaerdiperspektiver.yml", Perspectives)
    examples = [(p, load(p, Example)) for p in sorted((data / "eksempler").glob("*.yml"))]
    example_order = load(data / "eksempler.yml", ExampleOrder)
    sheets = [(p, load(p, WORKSHEET)) for p in sorted((data / "arbejdsark").glob("*.yml"))]

    # File name and id must agree: the id is the URL (/eksempler/<id>/, /arbejdsark/<id>/).
    for path, obj in examples + sheets:
        if obj is not None and obj.id != path.stem:
            problems.append(f"{path.relative_to(root)}: id '{obj.id}' must match the file name '{path.stem}'")

    if example_order:
        # One definition of the book's order of the examples: every example exactly once.
        known = [p.stem for p, _ in examples]
        listed = example_order.order
        for ident in sorted(set(known) - set(listed)):
            problems.append(
                f"data/eksempler.yml: order: example '{ident}' is missing (list every file in data/eksempler/ once, in the book's order)"
            )
        for ident in sorted(set(listed) - set(known)):
            problems.append(f"data/eksempler.yml: order: unknown example '{ident}' (no data/eksempler/{ident}.yml)")
        _unique(((i, f"data/eksempler.yml: order[{n}]") for n, i in enumerate(listed)), "example", problems)

    perspective_ids = {p.id for p in persp.perspectives} if persp else set()
    if persp:
        _unique(
            ((p.id, f"data/vaerdiperspektiver.yml: perspectives[{n}]") for n, p in enumerate(persp.perspectives)),
            "perspective",
            problems,
        )
    for path, ex in examples:
        if ex is None:
            continue
        rel = path.relative_to(root)
        for n, ref in enumerate(ex.perspectives):
            if persp and ref.perspective not in perspective_ids:
                problems.append(f"{rel}: perspectives[{n}].perspective: unknown value perspective '{ref.perspective}'")
    embedded_at: dict[str, int] = {}  # worksheet id → where its page embeds it
    for path, sheet in sheets:
        if sheet is None:
            continue
        rel = path.relative_to(root)
        _unique(((i, f"{rel}: {where}") for i, where in _item_ids(sheet)), "item", problems)
        if getattr(sheet, "sections", None):
            _unique(((s.id, f"{rel}: sections[{n}]") for n, s in enumerate(sheet.sections)), "section", problems)
        page = root / "docs" / sheet.page
        if not page.exists():
            problems.append(f"{rel}: page: docs/{sheet.page} does not exist")
            continue
        embedded_at[sheet.id] = _embed_position(page, sheet.id)
        if embedded_at[sheet.id] < 0:
            problems.append(
                f'{rel}: page: docs/{sheet.page} does not embed it ({{{{ arbejdsark("{sheet.id}") }}}} is missing)'
            )

    if problems:
        raise ContentError(problems)
    # Worksheets in the book's order: by step (those without one, "Bevar gejsten", last), then
    # where their page embeds them.
    book_order = {ident: n for n, ident in enumerate(example_order.order)}
    examples.sort(key=lambda pe: book_order[pe[1].id])
    step_number = {s.id: s.number for s in route.steps}
    sheets.sort(key=lambda ps: (step_number.get(ps[1].step, len(step_number) + 1), embedded_at[ps[1].id]))
    return Content(
        steps={s.id: s for s in route.steps},
        perspectives={p.id: p for p in persp.perspectives},
        examples={e.id: e for _, e in examples},
        worksheets={w.id: w for _, w in sheets},
    )


def check_file(path: Path, root: Path) -> list[str]:
    """Validate one data file on its own (schema only, no cross-file rules): for editors and helpers."""
    path, root = Path(path).resolve(), Path(root).resolve()
    model = {"arbejdsark": WORKSHEET, "eksempler": Example}.get(path.parent.name)
    model = model or {"ruten.yml": Route, "vaerdiperspektiver.yml": Perspectives, "eksempler.yml": ExampleOrder}.get(
        path.name
    )
    if model is None:
        return [f"{path}: not a known kind of data file"]
    problems: list[str] = []
    raw, node = _read(path, root, problems)
    if not problems:
        obj = _validate(model, raw, node, path.relative_to(root), problems)
        if obj is not None and hasattr(obj, "kind"):
            _unique(((i, f"{path.relative_to(root)}: {w}") for i, w in _item_ids(obj)), "item", problems)
    return problems
