"""Load and validate everything under data/ into one immutable `Content`.

A worksheet's place (its page and step) is read from docs/: the page whose
{{ arbejdsark("<id>") }} call embeds it.

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

import jinja2
import jinja2.nodes
import yaml
from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from .editor_errors import closest, unknown_id
from .schema import (
    ID_PATTERN,
    PATTERN_IN_WORDS,
    Changelog,
    Example,
    ExampleOrder,
    Perspectives,
    Route,
    Statement,
    Worksheet,
)
from .slug import slugify

WORKSHEET = TypeAdapter(Worksheet)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentError(Exception):
    """Raised with every problem found in data/ (and the worksheets' macro calls in docs/), one per line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("Mistakes in data/ or docs/ (fix each one):\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass(frozen=True)
class Content:
    steps: dict[str, Any]
    perspectives: dict[str, Any]
    examples: dict[str, Any]  # in the book's order (data/eksempler.yml)
    worksheets: dict[str, Any]
    statement: Statement  # data/tilgaengelighed.yml: the accessibility statement's findings
    changes: Changelog  # data/aendringer.yml: what changed, in the file's order

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


def _pydantic_loc(error: ErrorDetails) -> tuple[tuple, str]:
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


# The worksheets without a step belong to this chapter (its page docs/NO_STEP.md, its print pack's name).
NO_STEP = "bevar-gejsten"
# The site's own pages' data, under data/ (the statement and the changelog).
SITE_FILES = {"statement": "tilgaengelighed.yml", "changes": "aendringer.yml"}

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
        where = f" (line {mark.line + 1})" if mark else ""
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(f"{rel}{where}: not valid YAML: {what} (check the indentation, and quote a text with ': ')")
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
            elif error["type"] == "string_pattern_mismatch" and error["ctx"]["pattern"] in PATTERN_IN_WORDS:
                msg = f"'{error['input']}' is not allowed: {PATTERN_IN_WORDS[error['ctx']['pattern']]}"
                if error["ctx"]["pattern"] == ID_PATTERN and slugify(str(error["input"])):
                    msg += f"; e.g. '{slugify(str(error['input']))}'"
            problems.append(f"{rel}: {_format_loc(loc)}{f' (line {line})' if line else ''}: {msg}")
    return None


def _unique(
    ids: Iterable[tuple[str, str]], what: str, problems: list[str], rel: Path | str, node: yaml.Node | None = None
) -> None:
    """One problem per repeated id in file `rel`, naming both places (path and line); `ids` are (id, path)."""
    seen: dict[str, str] = {}
    for ident, path in ids:
        line = _line_of(node, _parse_loc(path)) if node is not None else None
        where = f"{path} (line {line})" if line else path
        if ident in seen:
            problems.append(f"{rel}: {where}: duplicate {what} id '{ident}' (first at {seen[ident]}): give it a new id")
        else:
            seen[ident] = where


def _parse_loc(path: str) -> tuple:
    """ "sections[1].items[0]" → ("sections", 1, "items", 0), for _line_of."""
    return tuple(int(p[1:-1]) if p.startswith("[") else p for p in re.findall(r"[a-z_]+|\[\d+\]", path))


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


@dataclass(frozen=True)
class Embed:
    """A {{ arbejdsark("<id>") }} call: the worksheet's one place."""

    sheet_id: str
    page: str  # under docs/, e.g. "trin-3.md"
    line: int  # in the file

    def __str__(self) -> str:
        return f"docs/{self.page} (line {self.line})"


def _embeds(docs: Path, problems: list[str]) -> list[Embed]:
    """Every arbejdsark(...) call in docs/*.md in page order, found by Jinja's own parser."""
    env = jinja2.Environment()
    found = []
    for path in sorted(docs.glob("*.md")):
        rel = path.relative_to(docs).as_posix()
        try:
            tree = env.parse(path.read_text(encoding="utf-8"))
        except jinja2.TemplateSyntaxError as exc:
            problems.append(f"docs/{rel} (line {exc.lineno}): macro syntax error: {exc.message}")
            continue
        for call in tree.find_all(jinja2.nodes.Call):
            if isinstance(call.node, jinja2.nodes.Name) and call.node.name == "arbejdsark":
                if call.args and isinstance(call.args[0], jinja2.nodes.Const) and isinstance(call.args[0].value, str):
                    found.append(Embed(call.args[0].value, rel, call.lineno))
    return found


def _place(sheet: Any, rel: Path, embeds: list[Embed], step_ids: list[str], problems: list[str]) -> Embed | None:
    """The one call that embeds `sheet`, on a step page (docs/trin-N.md) or the page of the sheets without a step."""
    mine = [e for e in embeds if e.sheet_id == sheet.id]
    if not mine:
        problems.append(
            f'{rel}: no docs page embeds it: put {{{{ arbejdsark("{sheet.id}") }}}} where the book has it, '
            f"on its step's page (docs/trin-N.md) or docs/{NO_STEP}.md"
        )
        return None
    for extra in mine[1:]:
        problems.append(
            f"{extra}: worksheet '{sheet.id}' is embedded again (first at {mine[0]}): a worksheet has one place"
        )
    place = mine[0]
    if place.page.removesuffix(".md") not in [*step_ids, NO_STEP]:
        problems.append(
            f"{place}: worksheet '{sheet.id}' belongs on a step's page (docs/trin-N.md) or docs/{NO_STEP}.md"
        )
    return place


def load_content(root: Path) -> Content:
    """Read data/ under `root` (the project folder) and validate it; raise ContentError listing every problem."""
    root = Path(root)
    data = root / "data"
    problems: list[str] = []

    nodes: dict[Path, yaml.Node | None] = {}

    def load(path: Path, model: Any) -> Any:
        if not path.exists():
            problems.append(f"{path.relative_to(root)}: file is missing")
            return None
        raw, node = _read(path, root, problems)
        nodes[path] = node
        if raw is None and node is None:
            return None
        if model is WORKSHEET:
            raw = _without_place(raw, node, path.relative_to(root), problems)
        return _validate(model, raw, node, path.relative_to(root), problems)

    route = load(data / "ruten.yml", Route)
    persp = load(data / "vaerdiperspektiver.yml", Perspectives)
    examples = [(p, load(p, Example)) for p in sorted((data / "eksempler").glob("*.yml"))]
    example_order = load(data / "eksempler.yml", ExampleOrder)
    sheets = [(p, load(p, WORKSHEET)) for p in sorted((data / "arbejdsark").glob("*.yml"))]
    statement = load(data / SITE_FILES["statement"], Statement)
    changes = load(data / SITE_FILES["changes"], Changelog)

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
        _unique(
            ((i, f"order[{n}]") for n, i in enumerate(listed)),
            "example",
            problems,
            "data/eksempler.yml",
            nodes.get(data / "eksempler.yml"),
        )

    perspective_ids = {p.id for p in persp.perspectives} if persp else set()
    if persp:
        _unique(
            ((p.id, f"perspectives[{n}]") for n, p in enumerate(persp.perspectives)),
            "perspective",
            problems,
            "data/vaerdiperspektiver.yml",
            nodes.get(data / "vaerdiperspektiver.yml"),
        )
    for path, ex in examples:
        if ex is None:
            continue
        rel = path.relative_to(root)
        for n, ref in enumerate(ex.perspectives):
            if persp and ref.perspective not in perspective_ids:
                problems.append(
                    f"{rel}: perspectives[{n}].perspective: "
                    + unknown_id("value perspective", ref.perspective, sorted(perspective_ids))
                )
    before = len(problems)
    embeds = _embeds(root / "docs", problems)
    pages_parsed = len(problems) == before  # else a page's embeds are unknown: no "not embedded" guesses
    sheet_ids = [p.stem for p, _ in sheets]
    misspelt = set()  # sheets whose call has a typo: that message says it all
    for embed in embeds:
        if embed.sheet_id not in sheet_ids:
            problems.append(f"{embed}: {unknown_id('worksheet', embed.sheet_id, sheet_ids)}")
            misspelt.add(closest(embed.sheet_id, sheet_ids))
    step_ids = [s.id for s in route.steps] if route else []
    placed = []  # (index of its call in docs/, the sheet with its page and step)
    for path, sheet in sheets:
        if sheet is None:
            continue
        rel = path.relative_to(root)
        node = nodes.get(path)
        _unique(_item_ids(sheet), "item", problems, rel, node)
        if getattr(sheet, "sections", None):
            _unique(((s.id, f"sections[{n}]") for n, s in enumerate(sheet.sections)), "section", problems, rel, node)
        # Only when nothing else explains it (a page that did not parse, the route, the file name, a typo).
        placeable = pages_parsed and route is not None and sheet.id == path.stem and sheet.id not in misspelt
        place = _place(sheet, rel, embeds, step_ids, problems) if placeable else None
        if place is not None:
            step = place.page.removesuffix(".md")
            sheet = sheet.model_copy(update={"page": place.page, "step": step if step in step_ids else None})
            placed.append((embeds.index(place), sheet))

    if problems:
        raise ContentError(problems)
    # Worksheets in the book's order: by step (those without one, "Bevar gejsten", last), then
    # where their page embeds them.
    book_order = {ident: n for n, ident in enumerate(example_order.order)}
    examples.sort(key=lambda pe: book_order[pe[1].id])
    step_number = {s.id: s.number for s in route.steps}
    placed.sort(key=lambda ps: (step_number.get(ps[1].step, len(step_number) + 1), ps[0]))
    return Content(
        steps={s.id: s for s in route.steps},
        perspectives={p.id: p for p in persp.perspectives},
        examples={e.id: e for _, e in examples},
        worksheets={w.id: w for _, w in placed},
        statement=statement,
        changes=changes,
    )


PLACE_KEYS = ("step", "page")


def _without_place(raw: Any, node: yaml.Node | None, rel: Path, problems: list[str]) -> Any:
    """A worksheet's YAML without `step`/`page`: its place follows from its macro call, so writing it is a problem."""
    if not isinstance(raw, dict):
        return raw
    for key in PLACE_KEYS:
        if key in raw:
            problems.append(
                f"{rel}: {key} (line {_line_of(node, (key,))}): remove this line: a worksheet's step and page "
                f'follow from the docs page that embeds it ({{{{ arbejdsark("{rel.stem}") }}}})'
            )
    return {k: v for k, v in raw.items() if k not in PLACE_KEYS}


def check_file(path: Path, root: Path) -> list[str]:
    """Validate one data file on its own (schema only, no cross-file rules): for editors and helpers."""
    path, root = Path(path).resolve(), Path(root).resolve()
    model = {"arbejdsark": WORKSHEET, "eksempler": Example}.get(path.parent.name)
    model = model or {
        "ruten.yml": Route,
        "vaerdiperspektiver.yml": Perspectives,
        "eksempler.yml": ExampleOrder,
        SITE_FILES["statement"]: Statement,
        SITE_FILES["changes"]: Changelog,
    }.get(path.name)
    if model is None:
        return [f"{path}: not a known kind of data file"]
    problems: list[str] = []
    raw, node = _read(path, root, problems)
    if not problems:
        rel = path.relative_to(root)
        if model is WORKSHEET:
            raw = _without_place(raw, node, rel, problems)
        obj = _validate(model, raw, node, rel, problems)
        if obj is not None and hasattr(obj, "kind"):
            _unique(_item_ids(obj), "item", problems, rel, node)
    return problems
