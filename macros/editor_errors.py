"""A content editor's mistake as one short English line: file, line and what to do.

Used by every way the site is made: `macros.check`, a strict build (the message, then the build
stops) and `scripts/serve`, which sets PREVIEW_SHOWS_ERRORS=1: there a mistake never stops the
server; every page affected shows the message instead of its text until the file is fixed.

mkdocs-macros reports a failed page through `mkdocs_macros.errors.format_error` (a
`functools.singledispatch`); we register our formatting for the editors' kinds of mistakes there,
so its log line is our message, not a traceback. Bugs in our own code keep its traceback.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import logging
import os
from pathlib import Path
from typing import Any, Callable

import jinja2

PREVIEW_VARIABLE = "PREVIEW_SHOWS_ERRORS"
LOG = logging.getLogger("mkdocs.plugins.macros.editor")
# docs page (under docs/) → the editor's message, for the pages that failed in this process:
# serve shows it as the page, macros.check lists it.
FAILED: dict[str, str] = {}


def preview() -> bool:
    """True under scripts/serve: show mistakes in the pages instead of stopping the build."""
    return os.environ.get(PREVIEW_VARIABLE) == "1"


class EditorError(Exception):
    """A mistake in a macro call (unknown id, wrong arguments); str() is the editor's message."""


# --- Messages --------------------------------------------------------------------------------


# Where an editor finds the ids of a kind, when there are too many to list.
WHERE = {
    "worksheet": "the file names in data/arbejdsark/",
    "example": "the file names in data/eksempler/",
}


def closest(key: str, known: list[str]) -> str | None:
    """The known id `key` is most likely a misspelling of (difflib), or None."""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return close[0] if close else None


def unknown_id(what: str, key: str, known: list[str], noun: str = "id") -> str:
    """ "unknown worksheet id 'x': did you mean 'y'?" (the closest known id, else the known ids or where they are)."""
    where = WHERE.get(what)
    close = closest(key, known)
    if close:
        hint = f"did you mean '{close}'?"
    elif len(known) <= 10 or not where:
        hint = f"known: {', '.join(sorted(known))}"
    else:
        hint = f"the known ids are {where}"
    return f"unknown {what} {noun} '{key}': {hint}"


def known(table: dict, key: str, what: str) -> str:
    """`key` when `table` has it; else EditorError naming the closest id (for macro arguments)."""
    if key not in table:
        raise EditorError(unknown_id(what, key, list(table)))
    return key


def _front_matter_lines(source: str, markdown: str) -> int:
    """Lines MkDocs cut off the top of a page (its front matter) before the macros saw it."""
    if markdown and source.endswith(markdown):
        return source[: len(source) - len(markdown)].count("\n")
    return 0


def _template_line(error: BaseException) -> int | None:
    """The line of the page's Jinja template where `error` happened (Jinja puts it in the traceback)."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return error.lineno
    line = None
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _what_to_do(error: BaseException, macros: dict) -> str | None:
    """The editor's message for a mistake in a page's macros; None for anything else (a bug)."""
    if isinstance(error, EditorError):
        return str(error)
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f'macro syntax error: {error.message} (a call looks like {{{{ arbejdsark("<id>") }}}})'
    if isinstance(error, jinja2.UndefinedError):
        name = str(error.message or "").split("'")[1] if "'" in str(error.message) else ""
        if name:
            return unknown_id("macro", name, list(macros), noun="name")
        return f"unknown name in a macro call: {error.message}"
    return None


def message(error: BaseException, page_path: str, source: str, markdown: str, macros: dict) -> str | None:
    """`docs/<page> (line N): <what is wrong and what to do>`, or None when `error` is not an editor's mistake.

    `page_path` is the page under docs/; `source` the file's text, `markdown` what the macros
    rendered (the source without its front matter), so the line is the file's.
    """
    what = _what_to_do(error, macros)
    if what is None:
        return None
    line = _template_line(error)
    where = f" (line {line + _front_matter_lines(source, markdown)})" if line else ""
    return f"docs/{page_path}{where}: {what}"


# --- mkdocs-macros --------------------------------------------------------------------------


def error_page(text: str) -> str:
    """A page's Markdown when it cannot be shown: the editor's message (scripts/serve only)."""
    lines = "\n".join(f"    {line}" for line in text.splitlines())
    return f'# Content error\n\n!!! failure "Fix the file: this page reloads by itself when it is saved"\n\n{lines}\n'


def _check_arguments(name: str, fn: Callable) -> Callable:
    """`fn` that reports wrong arguments as the editor's mistake (with the macro's parameters)."""
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return fn

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            signature.bind(*args, **kwargs)
        except TypeError as exc:
            params = ", ".join(
                p.name if p.default is p.empty else f"{p.name}={p.default!r}" for p in signature.parameters.values()
            )
            raise EditorError(f"wrong arguments for {name}(): {exc} (it takes: {params or 'nothing'})") from None
        return fn(*args, **kwargs)

    return call


def install(env: Any, content_error: Exception | None = None) -> None:
    """Make the macros plugin `env` report editors' mistakes in our words (end of define_env).

    With `content_error` (data/ did not validate): a strict build stops with its message; under
    scripts/serve every page shows it instead.
    """

    def format_for_editor(error: Exception, markdown: str, page: Any) -> str:
        source = _read(page)
        text = message(error, page.file.src_path, source, markdown, env.macros)
        if text is None:
            return _default_format(error, markdown=markdown, page=page)
        FAILED[page.file.src_path] = text
        return text  # mkdocs-macros logs it (one line) and, unless serving, stops the build

    from mkdocs_macros import errors

    for kind in (EditorError, jinja2.TemplateSyntaxError, jinja2.UndefinedError):
        errors.format_error.register(kind)(format_for_editor)

    for name, fn in list(env.macros.items()):
        env.macros[name] = _check_arguments(name, fn)

    if content_error is not None:
        if not preview():
            from mkdocs.exceptions import PluginError

            raise PluginError(str(content_error)) from None
        LOG.error(str(content_error))
        page = "{% raw %}" + error_page(str(content_error)) + "{% endraw %}"  # the message may quote {{ … }}
        env.pre_macro_functions.append(lambda e: setattr(e, "markdown", page))
        return
    if preview():
        env.config["on_error_fail"] = False  # show the page's error in the page; the server keeps running

        def show_failed(e: Any) -> None:
            text = FAILED.pop(e.page.file.src_path, None)
            if text is not None:
                e.markdown = error_page(text)

        env.post_macro_functions.append(show_failed)


def _read(page: Any) -> str:
    try:
        return Path(page.file.abs_src_path).read_text(encoding="utf-8")
    except (OSError, TypeError, AttributeError):
        return ""


def _default_format(error: Exception, markdown: str, page: Any) -> str:
    from mkdocs_macros import errors

    return errors.format_error.dispatch(object)(error, markdown=markdown, page=page)
