"""Shared fixtures: the project's content, one strict build of the site, and a small HTML parser.

The parser is stdlib-only (html.parser) and builds a minimal tree, enough to ask "which element
has this id", "what text does <article> show" and "which URLs does this page reference".
"""

from __future__ import annotations

import os
import posixpath
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.content import load_content  # noqa: E402


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The browser tests serve the built site on this port. site_url must name the same origin:
# Material's instant navigation only intercepts links found in sitemap.xml, whose URLs it
# compares including the port.
SITE_PORT = _free_port()
SITE_URL = f"http://127.0.0.1:{SITE_PORT}/"
BUILD_ENV = {"DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}


# --- Building ---------------------------------------------------------------------------


def mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `project` into `site_dir`; output (stdout+stderr) in `.stdout`."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=project,
        env={**os.environ, **BUILD_ENV},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        check=False,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def build_project() -> Callable[[Path, Path], subprocess.CompletedProcess]:
    return mkdocs_build


def vendor(*args: str) -> None:
    """scripts/vendor: the libraries into docs/assets/vendor/, and with --minify the worksheet
    modules as published (minified copies in docs/, which MkDocs takes over the sources)."""
    subprocess.run([str(ROOT / "scripts" / "vendor"), *args], cwd=ROOT, check=True, timeout=120)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project as published (minified modules), built once per test session with --strict.

    The minified copies are made fresh from the sources here, so a test never runs stale code,
    and removed at the end, so `mkdocs serve` afterwards serves the sources again.
    """
    site = tmp_path_factory.mktemp("site")
    vendor("--minify")
    try:
        result = mkdocs_build(ROOT, site)
    finally:
        vendor()
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed (exit {result.returncode}):\n{result.stdout}", pytrace=False)
    from searchbuild import build as build_search

    build_search(site)  # the search index, as scripts/build makes it (site/pagefind/)
    return site


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
    """The built site: its folder and every HTML file in it, parsed."""

    path: Path
    pages: dict[str, Page]

    def target(self, page: Page, url: str) -> str | None:
        """The built file (path under the site) a relative/root-relative URL on `page` names, or None."""
        target = page.resolve(url)
        if target is None:
            return None
        candidate = self.path / target
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate.relative_to(self.path).as_posix() if candidate.is_file() else None


@pytest.fixture(scope="session")
def site(built_site) -> Site:
    """Every built HTML file, parsed once, keyed by its path relative to the site folder."""
    pages = {}
    for path in sorted(built_site.rglob("*.html")):
        rel = path.relative_to(built_site).as_posix()
        pages[rel] = Page(rel, parse_html(path.read_text(encoding="utf-8")))
    return Site(built_site, pages)


@pytest.fixture(scope="session")
def html_parser() -> Callable[[str], Node]:
    """parse_html, for tests of HTML fragments."""
    return parse_html
