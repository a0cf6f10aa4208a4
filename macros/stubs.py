"""Generated page stubs: docs/arbejdsark/<id>.md and docs/vaerdiperspektiver/<id>.md.

Their words come from data/, so they are written by `python -m macros.stubs` rather than by
hand; a test fails when a committed stub differs from what this module writes.
"""

from __future__ import annotations

import json
from pathlib import Path

from .content import Content, load_content
from .strings import text

ROOT = Path(__file__).resolve().parent.parent


def _front_matter(description: str, *, searchable: bool = True) -> str:
    # A worksheet's own page repeats what its step page embeds: searching finds it once, in the
    # book's context (and the build skips indexing it twice).
    search = "" if searchable else "search:\n  exclude: true\n"
    return f"---\ndescription: {json.dumps(description, ensure_ascii=False)}\n{search}---\n"


def _shorten(text: str, limit: int = 150) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def expected_stubs(content: Content) -> dict[str, str]:
    """Relative path under docs/ → file text."""
    stubs = {}
    for w in content.worksheets.values():
        desc = text("sheet.description", title=w.title)
        stubs[f"arbejdsark/{w.id}.md"] = (
            f'{_front_matter(desc, searchable=False)}# {w.title}{f" {{ #{w.anchor} }}" if w.anchor else ""}\n\n{{{{ arbejdsark_side("{w.id}") }}}}\n'
        )
    for p in content.perspectives.values():
        desc = _shorten(f"{p.name}: {p.introduction}")
        stubs[f"vaerdiperspektiver/{p.id}.md"] = (
            f'{_front_matter(desc)}# {p.name}\n\n{{{{ vaerdiperspektiv("{p.id}") }}}}\n'
        )
    return stubs


def write_stubs(root: Path = ROOT) -> list[str]:
    written = []
    for rel, stub in expected_stubs(load_content(root)).items():
        path = root / "docs" / rel
        if not path.exists() or path.read_text(encoding="utf-8") != stub:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(stub, encoding="utf-8")
            written.append(rel)
    return written


if __name__ == "__main__":
    for rel in write_stubs():
        print("wrote docs/" + rel)
