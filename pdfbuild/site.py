"""The built site the guide PDF is made from: build it with the project's builder, read its pages,
and say in one line why a build failed.

The site comes from `scripts/build_site` (the one place that knows how to call the builder named
by BUILDER: mkdocs, or zensical), never from a builder's Python internals, so the guide is made
from the same HTML whichever builder made the site.
"""

from __future__ import annotations

import os
import re
import subprocess
from itertools import takewhile
from pathlib import Path

from . import markup
from .errors import PdfBuildError

# The element of a built page that holds its text (Material's, which Zensical's theme keeps):
# everything outside it is the theme's chrome (header, navigation, footer).
ARTICLE_TAG = "article"
ARTICLE_CLASS = "md-content__inner"


def builder() -> str:
    """Which builder made the site, for messages: "BUILDER=zensical", or "BUILDER=mkdocs" (the default)."""
    return f"BUILDER={os.environ.get('BUILDER') or 'mkdocs'}"


def build_site(root: Path, site_dir: Path) -> None:
    """`scripts/build_site site_dir` of the project at root (same config and SITE_URL as publishing).

    Raises PdfBuildError with the cause the builder printed (file and line where it names them).
    """
    result = subprocess.run(
        [str(Path(root) / "scripts" / "build_site"), str(site_dir)],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise PdfBuildError(
            f"the site build the guide PDF is made from failed (scripts/build_site, {builder()}):\n  "
            + build_failure(result.stdout)
        )


# An editor's mistake in a macro call is already one line with file and line (macros/editor_errors.py);
# what is left is a bug in our code, which mkdocs-macros reports as a Markdown block naming the page
# ("_File_: `trin-3.md`") before the traceback.
_MACRO_FILE = re.compile(r"^_File_: `([^`]+)`", re.M)
# The last line of a Python traceback: "KeyError: …", "macros.content.ContentError: …".
_EXCEPTION = re.compile(r"^(?:[\w.]+\.)?(\w*(?:Error|Exception)): ?(.*)$")
# A builder's own log lines (MkDocs: "ERROR    -  …", "WARNING  -  …"; --strict turns warnings into
# errors), which name a page as "Doc file 'trin-3.md'".
_LOG_PROBLEM = re.compile(r"^(?:ERROR|WARNING|error|warning)\b\s*[-:]?\s*(.*)$")
_DOC_FILE = re.compile(r"^Doc file '([^']+)' ")
_MACROS_LOG = re.compile(r"^\[macros\] - (?:ERROR )?")


def build_failure(output: str) -> str:
    """The cause of a failed site build, from the builder's output, as one line (or a few, one per
    problem): "docs/trin-3.md (line 7): unknown macro name …". Falls back to the output's last lines."""
    lines = [line.rstrip() for line in output.splitlines()]
    cause = _exception(lines)
    page = _MACRO_FILE.search(output)
    if cause and page:
        return f"docs/{page.group(1)}: {cause}"
    if cause:
        return cause
    # mkdocs-macros logs an editor's mistake as "[macros] - ERROR docs/trin-3.md (line 7): …".
    problems = [_MACROS_LOG.sub("", m.group(1).strip()) for m in map(_LOG_PROBLEM.match, lines) if m]
    problems = [_DOC_FILE.sub(r"docs/\1: ", p) for p in problems if p and not p.startswith("Aborted with")]
    if problems:
        return "\n  ".join(dict.fromkeys(problems))
    return "\n  ".join([line for line in lines if line.strip()][-5:]) or "(the builder printed nothing)"


def _exception(lines: list[str]) -> str | None:
    """The message of the last exception in the output, with the lines that continue it ("  - …")."""
    for n in range(len(lines) - 1, -1, -1):
        match = _EXCEPTION.match(lines[n])
        if match and not lines[n].startswith(" "):
            message = [match.group(2).strip().strip('"')]
            message += [line.strip() for line in takewhile(lambda line: line.startswith("  "), lines[n + 1 :])]
            return " ".join(m for m in message if m)
    return None


def page_article(site_dir: Path, url: str) -> markup.Element:
    """The page's text: its <article class="md-content__inner"> (sliced out before parsing, because
    parsing the theme's navigation too costs seconds). A page without it is a clear error."""
    path = Path(site_dir) / url / "index.html"
    try:
        html = path.read_text(encoding="utf-8")
    except OSError:
        raise PdfBuildError(
            f"{path}: the page is missing from the site (build the site with scripts/build_site first)"
        ) from None
    start, end = html.find(f"<{ARTICLE_TAG}"), html.rfind(f"</{ARTICLE_TAG}>")
    found = None
    if 0 <= start < end:
        found = next(
            (
                el
                for el in markup.parse_fragment(html[start : end + len(ARTICLE_TAG) + 3]).iter()
                if markup.tag(el) == ARTICLE_TAG and ARTICLE_CLASS in markup.classes(el)
            ),
            None,
        )
    if found is None:
        raise PdfBuildError(
            f"{path}: no <{ARTICLE_TAG} class=\"{ARTICLE_CLASS}\"> (the page text in Material's and Zensical's "
            f"themes); the guide PDF cannot find the text of this page ({builder()})"
        )
    return found
