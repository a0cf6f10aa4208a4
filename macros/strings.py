"""The site's Danish interface strings: one file, overrides/assets/strings/da.json, read here (Jinja
templates of the macros and of the theme, pdfbuild) and by the browser (ark/core/strings.js imports
it as a JSON module; links.js and the search read what the templates put in the page).

Keys are dotted paths into the file ("sheet.printFilled"). A value is a sentence with `{name}`
placeholders, or {"one": …, "other": …} chosen by the parameter `n` (1 → "one"). Book content
(data/, docs/) is not in it: what the file holds is what the site itself says.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

PATH = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "strings" / "da.json"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@cache
def strings() -> dict[str, Any]:
    """The whole file as nested dicts."""
    return json.loads(PATH.read_text(encoding="utf-8"))


def _lookup(key: str) -> Any:
    node: Any = strings()
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(f"no interface string '{key}' in {PATH.name}")
        node = node[part]
    return node


def _template(key: str, params: dict[str, Any]) -> str:
    value = _lookup(key)
    if isinstance(value, dict) and "other" in value:
        value = value["one"] if params.get("n") == 1 else value["other"]
    if not isinstance(value, str):
        raise KeyError(f"'{key}' in {PATH.name} is a group, not a string")
    return value


def _fill(template: str, params: dict[str, Any], quote) -> str:
    def one(match: re.Match) -> str:
        name = match.group(1)
        if name not in params:
            raise KeyError(f"interface string needs {{{name}}}: {template!r}")
        return quote(params[name])

    return _PLACEHOLDER.sub(one, template)


def text(key: str, **params: Any) -> str:
    """The string as plain text (PDF metadata, contract labels): t("step.label", number=3, title="…")."""
    return _fill(_template(key, params), params, str)


def t(key: str, **params: Any) -> Markup:
    """The string for HTML: escaped, with each parameter escaped unless it is Markup (a Jinja
    `{% set %}` block, a link): Jinja's autoescape then leaves it as it is."""
    return Markup(_fill(str(escape(_template(key, params))), params, lambda v: str(escape(v))))


# The counters a page-number string's placeholders stand for in a printed page's margin.
PAGE_COUNTERS = {"n": "counter(page)", "total": "counter(pages)"}


def css_page_number(key: str = "ark.pageOf") -> str:
    """The string at `key` ("Side {n} af {total}") as a CSS `content` value for a page margin box:
    '"Side " counter(page) " af " counter(pages)'. Used by pdfbuild (WeasyPrint) for the PDFs' page
    numbers; overrides/main.html makes the same value for the browser's printout, and the filled
    PDF's added pages (ark/exports.js) fill the same string: the wording lives only in da.json."""
    parts = _PLACEHOLDER.split(_template(key, {}))  # text, name, text, name, text …
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            if part not in PAGE_COUNTERS:
                raise KeyError(f"'{key}' in {PATH.name}: {{{part}}} is not a page counter ({', '.join(PAGE_COUNTERS)})")
            out.append(PAGE_COUNTERS[part])
        elif part:
            out.append(json.dumps(part, ensure_ascii=False))
    return " ".join(out)
