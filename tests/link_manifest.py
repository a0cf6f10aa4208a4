"""The committed list of public addresses and anchors (tests/link_manifest.txt).

Consultants send these links; each must keep working. `collect` lists what a build publishes:
every page, and every id a person would link to (headings, worksheets, sections, questions).
Update after adding content (the list only grows; a removed entry fails the tests until the
page gets a redirect):  .venv/bin/python -m tests.link_manifest
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "tests" / "link_manifest.txt"
PUBLIC_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
NOT_LINK_TARGETS = re.compile(r"^(f|ark-menu)-")  # form controls (the item's wrapper is the target), toolbar menus


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self._depth = 0  # inside <article> only: the content, not Material's chrome

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self._depth += 1
        ident = dict(attrs).get("id")
        if self._depth and ident and PUBLIC_ID.match(ident) and not NOT_LINK_TARGETS.match(ident):
            self.ids.append(ident)

    def handle_endtag(self, tag):
        if tag == "article":
            self._depth -= 1


def page_address(path: Path, site: Path) -> str:
    """Root-relative, as a person types it after the host: "/", "/trin-3/"."""
    return "/" + path.relative_to(site).as_posix().removesuffix("index.html")


def collect(site: Path) -> set[str]:
    entries: set[str] = set()
    for path in site.rglob("index.html"):
        text = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:  # a redirect page (mkdocs-redirects), not content
            continue
        address = page_address(path, site)
        entries.add(address)
        parser = _Ids()
        parser.feed(text)
        entries.update(f"{address}#{i}" for i in parser.ids)
    return entries


def read_manifest() -> list[str]:
    return [
        line.strip()
        for line in MANIFEST.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", tmp], cwd=ROOT, check=True, env=env
        )
        current = collect(Path(tmp))
    known = set(read_manifest()) if MANIFEST.exists() else set()
    header = "# Public addresses and anchors. Only grows: see tests/link_manifest.py.\n"
    MANIFEST.write_text(header + "".join(f"{e}\n" for e in sorted(known | current)), encoding="utf-8")
    print(f"{len(current - known)} new, {len(known | current)} in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
