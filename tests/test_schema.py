"""The content model and loader: bad data is refused with a message an editor can act on.

Every negative case builds a copy of the real data/ and docs/ in tmp_path, breaks exactly one
thing, and checks that ContentError names the file, the path inside it and (where the loader
tracks it) the line.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
import yaml

from macros.content import ContentError, load_content
from macros.schema import write_json_schemas
from tests.conftest import build_site
from tests.support import ROOT

SHEET = """\
id: x
title: Et testark
kind: questions
sections:
  - id: a
    items:
      - id: en
        text: Første spørgsmål?
      - id: to
        text: Andet spørgsmål?
"""

EXAMPLE = """\
id: x
title: A og B
partners: [A, B]
sector: Test
steps: [trin-1]
perspectives:
  - perspective: imagevaerdi
  - perspective: tillidsvaerdi
"""

DIALOGUE = """\
id: x
title: Dialog
kind: dialogue
parties: [Foreningen, Virksomheden]
rows:
  - id: vision
    title: Fælles vision
    split: false
    example: En tekst
  - id: produkt
    title: Aktivitet og produkt
    split: true
    example: Kun én tekst
"""

TABLE = """\
id: x
title: Roller
kind: table
columns:
  - {id: organ, label: Organ}
  - {id: hvem, label: Hvem, input: true}
rows:
  - id: styregruppe
    cells: {organ: Styregruppe}
  - id: projektleder
    cells: {organ: Projektleder, farve: Rød}
"""


def edit(text: str, old: str, new: str) -> str:
    assert old in text, f"fixture text has no {old!r}"
    return text.replace(old, new, 1)


def swap_first_two_steps(text: str) -> str:
    route = yaml.safe_load(text)
    route["steps"][0], route["steps"][1] = route["steps"][1], route["steps"][0]
    return yaml.safe_dump(route, allow_unicode=True, sort_keys=False)


@dataclass(frozen=True)
class Case:
    name: str
    file: str  # path under the project that gets `text`
    text: Callable[[str], str]  # from the file's current text (or "" for a new file) to the broken text
    where: str  # the path inside the file the message must name
    line_of: str | None  # a snippet on the line the message must name; None: the loader gives no line
    says: str  # words the message must contain


CASES = [
    Case(
        "unknown key",
        "data/arbejdsark/x.yml",
        lambda _: edit(
            SHEET, "        text: Andet spørgsmål?\n", "        text: Andet spørgsmål?\n        farve: rød\n"
        ),
        "sections[0].items[1].farve",
        "farve: rød",
        "unknown key",
    ),
    Case(
        "missing required field",
        "data/arbejdsark/x.yml",
        lambda _: edit(SHEET, "      - id: to\n        text:", "      - text:"),
        "sections[0].items[1].id",
        "- text: Andet",
        "required field is missing",
    ),
    Case(
        "wrong type",
        "data/arbejdsark/x.yml",
        lambda _: edit(
            SHEET, "        text: Første spørgsmål?\n", "        text: Første spørgsmål?\n        lines: mange\n"
        ),
        "sections[0].items[0].lines",
        "lines: mange",
        "valid integer",
    ),
    Case(
        "id with Danish letters and capitals",
        "data/arbejdsark/x.yml",
        lambda _: edit(SHEET, "id: to", "id: Før-mødet"),
        "sections[0].items[1].id",
        "id: Før-mødet",
        "an id may contain only lower-case a-z, 0-9 and single hyphens",
    ),
    Case(
        "duplicate item id",
        "data/arbejdsark/x.yml",
        lambda _: edit(SHEET, "id: to", "id: en"),
        "sections[0].items[1]",
        None,
        "duplicate item id 'en' (first at sections[0].items[0] (line 7))",
    ),
    Case(
        "duplicate section id",
        "data/arbejdsark/x.yml",
        lambda _: SHEET + "  - id: a\n    items:\n      - id: tre\n        text: Tredje?\n",
        "sections[1]",
        None,
        "duplicate section id 'a'",
    ),
    Case(
        "dangling perspective reference",
        "data/eksempler/x.yml",
        lambda _: EXAMPLE,
        "perspectives[1].perspective",
        None,
        "unknown value perspective id 'tillidsvaerdi': ",
    ),
    Case(
        "a worksheet's step written in its YAML (it follows from its page)",
        "data/arbejdsark/x.yml",
        lambda _: edit(SHEET, "kind: questions", "step: trin-6\nkind: questions"),
        "step",
        "step: trin-6",
        "remove this line",
    ),
    Case(
        "a worksheet no page embeds",
        "data/arbejdsark/y.yml",
        lambda _: edit(SHEET, "id: x", "id: y"),
        "",
        None,
        "no docs page embeds it",
    ),
    Case(
        "a worksheet embedded twice",
        "docs/trin-2.md",
        lambda text: text + '\n{{ arbejdsark("trin-1-refleksion") }}\n',
        "",
        '{{ arbejdsark("trin-1-refleksion") }}',
        "worksheet 'trin-1-refleksion' is embedded again (first at docs/trin-1.md (line",
    ),
    Case(
        "an unknown worksheet id in a page",
        "docs/trin-3.md",
        lambda text: text + '\n{{ arbejdsark("trin-3-under-moede") }}\n',
        "",
        'arbejdsark("trin-3-under-moede")',
        "unknown worksheet id 'trin-3-under-moede': did you mean 'trin-3-under-moedet'?",
    ),
    Case(
        "id differs from file name",
        "data/arbejdsark/y.yml",
        lambda _: SHEET,
        "id",
        None,
        "id 'x' must match the file name 'y'",
    ),
    Case(
        "invalid YAML",
        "data/arbejdsark/x.yml",
        lambda _: edit(SHEET, "title: Et testark", "title: Et testark: nr. 1"),
        "",
        "title: Et testark: nr. 1",
        "not valid YAML",
    ),
    Case(
        "split dialogue row with one example text",
        "data/arbejdsark/x.yml",
        lambda _: DIALOGUE,
        "rows[1]",
        "- id: produkt",
        "a split row's example is a pair",
    ),
    Case(
        "table cell for an unknown column",
        "data/arbejdsark/x.yml",
        lambda _: TABLE,
        "rows[1]",
        "- id: projektleder",
        "unknown or input columns: ['farve']",
    ),
    Case(
        "example missing from the book's order",
        "data/eksempler.yml",
        lambda text: text.replace("  - murmal\n", ""),
        "order",
        None,
        "example 'murmal' is missing",
    ),
    Case(
        "route steps out of order",
        "data/ruten.yml",
        swap_first_two_steps,
        "steps[0]",
        "- id: trin-2",
        "trin-1 … trin-7 in order",
    ),
]


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the real data/ and docs/ (the loader reads the pages' macro calls)."""
    for folder in ("data", "docs"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def line_number(text: str, snippet: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if snippet in line)


def test_real_data_loads(content):
    assert len(content.steps) == 7
    assert len(content.perspectives) == 8
    assert len(content.examples) == 6
    assert len(content.worksheets) == len(list((ROOT / "data" / "arbejdsark").glob("*.yml")))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_data_is_reported_with_file_path_and_line(project, case):
    target = project / case.file
    broken = case.text(target.read_text(encoding="utf-8") if target.exists() else "")
    target.write_text(broken, encoding="utf-8")
    if case.file.startswith("data/eksempler/"):
        # A new example has its place in the book's order of the examples (data/eksempler.yml).
        with open(project / "data" / "eksempler.yml", "a", encoding="utf-8") as f:
            f.write(f"  - {target.stem}\n")

    if case.file == "data/arbejdsark/x.yml":
        # The fixture worksheet is embedded on a step's page, as real ones must be.
        with open(project / "docs" / "trin-1.md", "a", encoding="utf-8") as f:
            f.write('\n{{ arbejdsark("x") }}\n')

    with pytest.raises(ContentError) as info:
        load_content(project)

    problems = [p for p in info.value.problems if p.startswith(case.file)]
    assert problems, f"no problem names {case.file}:\n{info.value}"
    assert len(info.value.problems) == 1, f"one broken thing, one problem expected:\n{info.value}"
    message = problems[0]
    assert case.says in message
    if case.where:
        assert re.search(rf"(^|[\s:]){re.escape(case.where)}($|[\s:])", message), (
            f"path {case.where!r} not named: {message}"
        )
    if case.line_of is not None:
        assert f"line {line_number(broken, case.line_of)}" in message, message


# --- Generated JSON Schemas -------------------------------------------------------------------


def test_committed_json_schemas_are_up_to_date(tmp_path):
    fresh = {p.name: p.read_text(encoding="utf-8") for p in write_json_schemas(tmp_path)}
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schema").glob("*.json")}
    stale = sorted(name for name in fresh.keys() | committed.keys() if fresh.get(name) != committed.get(name))
    assert stale == [], "schema/ is out of date: run `python -m macros.schema`"


# --- The build refuses broken content -----------------------------------------------------------


def break_yaml(project: Path) -> str:
    path = project / "data" / "arbejdsark" / "trin-3-foer-moedet.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("kind: checklist", "kind: checklist\nfarve: rød", 1), encoding="utf-8"
    )
    return "data/arbejdsark/trin-3-foer-moedet.yml"


def break_macro_call(project: Path) -> str:
    path = project / "docs" / "trin-1.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + '\n{{ arbejdsark("trin-1-findes-ikke") }}\n', encoding="utf-8")
    return "trin-1-findes-ikke"


@pytest.mark.parametrize("breakage", [break_yaml, break_macro_call], ids=lambda f: f.__name__)
def test_strict_build_fails_on_broken_content(project_copy, tmp_path, breakage):
    named = breakage(project_copy)
    result = build_site(project_copy, tmp_path / "site")
    assert result.returncode != 0, f"the build succeeded with broken content:\n{result.stdout[-3000:]}"
    assert named in result.stdout, f"the build output does not name {named!r}:\n{result.stdout[-3000:]}"
