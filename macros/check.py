"""`python -m macros.check [FILE …]`: find content editors' mistakes without building the site.

With no arguments: all of data/ (with the cross-file rules) and every macro call in docs/ (each
page's macros are run as in a build: unknown ids, unknown macros, wrong arguments, syntax).
With files: a data file is checked on its own (schema only); a docs page has its macros run.
Prints one line per problem (file, line, what to do); exit status 1 when there is any.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from .content import ContentError, check_file, load_content

ROOT = Path(__file__).resolve().parent.parent


def page_problems(root: Path, only: list[str] | None = None) -> list[str]:
    """The editor's messages for the docs pages (under docs/, e.g. "trin-3.md"; all when `only` is None)
    whose macros fail, from mkdocs-macros run as the build runs it."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page
    from mkdocs_macros import errors

    from . import editor_errors

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # the messages are printed below, once
    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["macros"]
    plugin.on_config(config)
    plugin.config["on_error_fail"] = False  # every page, not only the first that fails
    bugs: list[str] = []

    @errors.format_error.register(Exception)
    def _bug(error, markdown, page):  # not an editor's mistake: our code failed on this page
        bugs.append(f"docs/{page.file.src_path}: the macros failed ({type(error).__name__}: {error})")
        return ""

    editor_errors.FAILED.clear()
    files = get_files(config)
    for file in files.documentation_pages():
        if only is not None and file.src_path not in only:
            continue
        page = Page(file.src_path, file, config)
        page.read_source(config)
        plugin.on_page_markdown(page.markdown or "", page=page, config=config, files=files)
    return [editor_errors.FAILED[p] for p in sorted(editor_errors.FAILED)] + bugs


def main(argv: list[str]) -> int:
    docs = (ROOT / "docs").resolve()
    paths = [Path(a).resolve() for a in argv if a.endswith(".md")]
    problems = [f"{p}: not a page under docs/" for p in paths if not p.is_relative_to(docs)]
    pages = [p.relative_to(docs).as_posix() for p in paths if p.is_relative_to(docs)]
    problems += [p for f in argv if not f.endswith(".md") for p in check_file(Path(f), ROOT)]
    if not argv or pages:
        try:
            load_content(ROOT)
            problems += page_problems(ROOT, pages or None)
        except ContentError as exc:
            problems += exc.problems
    for p in problems:
        print(p, file=sys.stderr)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
