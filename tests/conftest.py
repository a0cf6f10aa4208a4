"""Shared fixtures: the project's content, one strict build of the site, and a small HTML parser.

The parser is stdlib-only (html.parser) and builds a minimal tree, enough to ask "which element
has this id", "what text does <article> show" and "which URLs does this page reference".
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterator

import pytest

from tests.support import ROOT, serving

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.content import load_content
from pdfbuild.inputs import GENERATED  # what builds write into docs/


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The browser tests serve the built site on this port; site_url names the same origin, so the
# built canonical addresses and sitemap.xml point to the server the tests use.
SITE_PORT = _free_port()
SITE_URL = f"http://127.0.0.1:{SITE_PORT}/"
# The PDFs are made for a public-looking address, so their footers have a realistic length.
PDF_SITE_URL = "https://www.frivillighed.dk/parat-til-private-partnerskaber/"
QUIET_MKDOCS = {"DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}


# --- Building -------------------------------------------------------------------------------
# The session builds from a snapshot of the project in a temporary folder, never in the working
# tree: nothing left in docs/ by an earlier run (docs/pdf/, minified modules, a search index) is
# seen, and the session writes nothing into docs/ that a running `serve` would pick up.

# Not copied: version control, installed tools (linked instead: scripts/build_site runs
# .venv/bin/mkdocs, scripts/vendor reads node_modules/), outputs and caches, and what builds make
# in docs/ (PDFs, the serve-time search index, minified modules, the published contract, the
# vendored libraries).
PROJECT_LINKS = (".venv", "node_modules")
NOT_COPIED = {".git", "site", "build", "test-results", ".pytest_cache", ".ruff_cache", "__pycache__", ".cache"}


def copy_project(dest: Path, source: Path = ROOT) -> Path:
    """A buildable copy of the project `source` in `dest` (a new folder): its sources, without generated files."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        rel = Path(folder).relative_to(source)
        return {
            n
            for n in names
            if n in NOT_COPIED or n.endswith(".egg-info") or (rel / n).as_posix() in GENERATED | set(PROJECT_LINKS)
        }

    shutil.copytree(source, dest, ignore=ignore, symlinks=True)
    for name in PROJECT_LINKS:
        (dest / name).symlink_to((source / name).resolve())
    return dest


def run_in(
    project: Path, command: list[str], site_url: str, timeout: int, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """`command` in `project` with SITE_URL (and `env`) set; output (stdout+stderr) in `.stdout`, never
    raises on failure.

    PYTHONPATH makes a copy build with its own code (macros/, pdfbuild/), not the working tree's.
    """
    return subprocess.run(
        command,
        cwd=project,
        env={**os.environ, **QUIET_MKDOCS, "SITE_URL": site_url, "PYTHONPATH": str(project), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        check=False,
        text=True,
        timeout=timeout,
    )


def build_site(
    project: Path, site_dir: Path, site_url: str = SITE_URL, builder: str = "mkdocs"
) -> subprocess.CompletedProcess:
    """`project`'s scripts/build_site into `site_dir` with BUILDER=`builder`: a strict build, as published."""
    command = [str(project / "scripts" / "build_site"), str(site_dir)]
    return run_in(project, command, site_url, timeout=300, env={"BUILDER": builder})


def build_pdfs(project: Path, out_dir: Path) -> subprocess.CompletedProcess:
    """Every PDF of `project` and its manifest.json into `out_dir`, by the build step's own entry point
    (`python -m pdfbuild`, what scripts/build_pdfs runs). The one place the tests make PDFs."""
    command = [sys.executable, "-m", "pdfbuild", "--out", str(out_dir), "--jobs", "2", "--quiet"]
    return run_in(project, command, PDF_SITE_URL, timeout=900)


def _checked(result: subprocess.CompletedProcess, what: str) -> None:
    if result.returncode != 0:
        pytest.fail(f"{what} failed (exit {result.returncode}):\n{result.stdout}", pytrace=False)


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A buildable copy of the whole project, to break and build."""
    return copy_project(tmp_path / "project")


def once_per_run(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder `make(folder)` fills, made once per test run: under pytest-xdist (scripts/test's
    -n 2) the first process to get here makes it in the run's shared temporary folder, the others wait
    on a file lock and reuse it. A failed `make` fails its test; the next process tries again."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        folder = tmp_path_factory.getbasetemp() / name
        make(folder)
        return folder
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp().parent  # the run's folder; each process has its own below it
    folder, done = shared / name, shared / f"{name}.done"
    with FileLock(shared / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory) -> Path:
    """Every PDF and manifest.json, made once per test run into a fresh folder (never docs/pdf/), from
    a fresh copy of the project. With REUSE_PDFS=DIR (a folder `python -m pdfbuild --out DIR` made)
    they are copied from there instead: minutes saved per run while the PDFs' inputs stay the same."""

    def make(folder: Path) -> None:
        reuse = os.environ.get("REUSE_PDFS")
        if reuse:  # a developer's shortcut while working on what does not change the PDFs; never in CI
            if not (Path(reuse) / "manifest.json").is_file():
                pytest.fail(f"REUSE_PDFS={reuse}: no manifest.json there (make it with python -m pdfbuild --out DIR)")
            shutil.copytree(reuse, folder / "pdf")
            return
        project = copy_project(folder / "project")
        _checked(build_pdfs(project, folder / "pdf"), "python -m pdfbuild")

    return once_per_run(tmp_path_factory, "pdfs", make) / "pdf"


@pytest.fixture(scope="session")
def project_snapshot(tmp_path_factory) -> Path:
    """The project as the session builds the site: a fresh copy, with the worksheet modules as
    published (scripts/vendor --minify: the libraries and minified modules, into the copy's docs/).
    One per process: the site is built for this process's SITE_URL (its port)."""
    project = copy_project(tmp_path_factory.mktemp("project") / "parat")
    subprocess.run([str(project / "scripts" / "vendor"), "--minify"], cwd=project, check=True, timeout=120)
    return project


@pytest.fixture(scope="session")
def built_site(project_snapshot, pdf_dir, tmp_path_factory) -> Path:
    """The site as published, built once per session with --strict: minified modules, the theme's stylesheets cut (cssbuild/), the session's
    PDFs (in the copy's docs/pdf/, so the pages link to them and the site holds them), the
    search index (site/pagefind/) and the service worker (sw.js), as scripts/build makes them."""
    shutil.copytree(pdf_dir, project_snapshot / "docs" / "pdf")
    site = tmp_path_factory.mktemp("site")
    _checked(build_site(project_snapshot, site), "scripts/build_site (mkdocs build --strict)")
    from cssbuild import build as build_css
    from offlinebuild import build as build_offline
    from searchbuild import build as build_search

    build_search(site)
    build_css(site)  # after the search: Pagefind's scripts are read too
    build_offline(site)  # last, as scripts/build: it precaches the files the folder holds
    return site


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on loopback at SITE_URL: one server per process, here for the Chromium
    tests (tests/browser/) and the other engines' journeys (tests/engines/) alike (a copy of this
    fixture in each folder's conftest made a second server on the same port: "Address already in
    use" when both ran in one process)."""
    with serving(built_site, SITE_PORT):
        yield SITE_URL


# --- Markers (pyproject.toml) ------------------------------------------------------------------

BROWSER_TESTS = ROOT / "tests" / "browser"
ENGINE_TESTS = ROOT / "tests" / "engines"  # the journeys in the other engines: browser tests too
# Fixtures that build the site or copy the project to run a build on it.
SLOW_FIXTURES = {"built_site", "project_snapshot", "project_copy", "build_copy", "trin_3_pack"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """browser, pdf and slow, from a test's folder and the fixtures it uses (directly or not). The
    tests that build nothing run first: a mistake there shows in seconds."""
    for item in items:
        needs = set(getattr(item, "fixturenames", ()))
        if item.path.is_relative_to(BROWSER_TESTS) or item.path.is_relative_to(ENGINE_TESTS):
            item.add_marker(pytest.mark.browser)
        if "pdf_dir" in needs:
            item.add_marker(pytest.mark.pdf)
        if needs & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)
    items.sort(key=lambda item: any(item.get_closest_marker(m) for m in ("browser", "pdf", "slow")))


@pytest.fixture(scope="session")
def content():
    return load_content(ROOT)


# --- Parsing ----------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
# Elements whose boundaries do not separate words; every other element does.
INLINE = {
    "a",
    "abbr",
    "b",
    "cite",
    "code",
    "em",
    "i",
    "kbd",
    "mark",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "u",
}
NOT_TEXT = {"script", "style", "template"}


# What a visitor reads speaks a volunteer's Danish (issue 27): the site calls itself "hjemmesiden";
# no file formats, encodings, storage APIs or version numbers; no internal keys (tests/test_strings.py
# checks the strings file, tests/test_site.py the built pages' visible text).
VISITOR_WORDS = {
    r"\bsitets?\b": 'the site calls itself "hjemmesiden"/"hjemmesidens", never "sitet"',
    r"UTF-?8|\bJSON\b|\.json\b|localStorage": "a technical word",
    r"\bv\d+\b|\bversion\s*\d|versionsnummer": "a version number",
    r"\w--\w|(?<![\w/.])_[a-z]{2,}": "an internal key",
    r"\btrinets?\b": 'spelled "trinnet"/"trinnets"',
    r"PDF'": "a straight apostrophe (PDF’en)",
    r"Vis på skærm": 'says what happens: "Vis som præsentation"',
}


def visitor_word_problems(text: str) -> list[str]:
    """Each forbidden word in `text` with its reason ([] when it reads right)."""
    return [f"{m.group()!r}: {why}" for rx, why in VISITOR_WORDS.items() for m in re.finditer(rx, text, re.I)]


def squeeze(text: str) -> str:
    """Whitespace runs collapsed to one space (text from HTML or PDF extraction)."""
    return " ".join(text.split())


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list["Node | str"] = field(default_factory=list)
    parent: "Node | None" = field(default=None, repr=False)

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    @property
    def classes(self) -> set[str]:
        return set((self.get("class") or "").split())

    def iter(self, tag: str | None = None, *, skip: set[str] = frozenset()) -> Iterator["Node"]:
        """Descendant elements in document order (not self); subtrees of `skip` tags are left out."""
        for child in self.children:
            if isinstance(child, Node) and child.tag not in skip:
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag, skip=skip)

    def ancestors(self) -> Iterator["Node"]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def find(self, tag: str | None = None, **attrs: str) -> "Node | None":
        return next(self.find_all(tag, **attrs), None)

    def find_all(self, tag: str | None = None, **attrs: str) -> Iterator["Node"]:
        """Elements with `tag` and exact attribute values (`class_` matches one class)."""
        for node in self.iter(tag):
            if all(
                (value in node.classes) if name == "class_" else node.get(name.replace("_", "-")) == value
                for name, value in attrs.items()
            ):
                yield node

    def text(self, skip: set[str] = NOT_TEXT, skip_class: set[str] = frozenset({"headerlink"})) -> str:
        """Visible text: scripts, styles, templates and permalink markers left out; blocks separated by spaces."""
        out: list[str] = []
        self._text(out, skip, skip_class)
        return " ".join("".join(out).split())

    def _text(self, out: list[str], skip: set[str], skip_class: set[str]) -> None:
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif child.tag not in skip and not (child.classes & skip_class):
                block = child.tag not in INLINE
                out.append(" " if block else "")
                child._text(out, skip, skip_class)
                out.append(" " if block else "")


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs), parent=self.stack[-1]))

    def handle_endtag(self, tag):
        # Close up to the matching open element; a stray end tag is ignored.
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


@dataclass(eq=False)
class Page:
    """One built HTML file: `rel` is its path under the site folder ("trin-1/index.html")."""

    rel: str
    root: Node

    @property
    def url_dir(self) -> str:
        """The folder relative URLs on this page resolve against ("trin-1/", "" for the front page)."""
        return posixpath.dirname(self.rel)

    @property
    def article(self) -> Node:
        article = self.root.find("article")
        assert article is not None, f"{self.rel}: no <article>"
        return article

    def ids(self) -> list[str]:
        return [n.get("id") for n in self.root.iter() if n.get("id") is not None]

    def resolve(self, url: str) -> str | None:
        """A relative or root-relative URL (no scheme) → the site path it names ("" = the site root).

        None when it climbs out of the site. A bare "#fragment" names this page itself.
        """
        path = url.split("#", 1)[0].split("?", 1)[0]
        if not path:
            return self.rel
        joined = path.lstrip("/") if path.startswith("/") else posixpath.join(self.url_dir, path)
        target = posixpath.normpath(joined) if joined else "."
        if target == ".." or target.startswith("../"):
            return None
        return "" if target == "." else target


@dataclass(eq=False)
class Site:
    """The built site: its folder and every HTML file in it, parsed: the theme's pages, and apart
    from them the redirect pages (redirect_maps: /was/, moved pages; macros/redirect_pages.py)."""

    path: Path
    pages: dict[str, Page]
    redirects: dict[str, Page] = field(default_factory=dict)

    def target(self, page: Page, url: str) -> str | None:
        """The built file (path under the site) a relative/root-relative URL on `page` names, or None."""
        target = page.resolve(url)
        if target is None:
            return None
        candidate = self.path / target
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate.relative_to(self.path).as_posix() if candidate.is_file() else None


def load_site(site_dir: Path) -> Site:
    """Every HTML file under site_dir, parsed, keyed by its path relative to site_dir (redirect pages
    in .redirects, the others in .pages)."""
    pages, redirects = {}, {}
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        page = Page(rel, parse_html(path.read_text(encoding="utf-8")))
        refresh = any(meta.get("http-equiv") == "refresh" for meta in page.root.iter("meta"))
        (redirects if refresh else pages)[rel] = page
    return Site(site_dir, pages, redirects)


@pytest.fixture(scope="session")
def site(built_site) -> Site:
    """The built site, every HTML file parsed once."""
    return load_site(built_site)


@pytest.fixture(scope="session")
def html_parser() -> Callable[[str], Node]:
    """parse_html, for tests of HTML fragments."""
    return parse_html
