"""The committed list of public addresses and anchors (tests/link_manifest.txt).

Consultants send these links; each must keep working. `collect` lists what a build publishes:
every page, and every id a person would link to (headings, worksheets, sections, questions).
Update after adding content (the list only grows; a removed entry fails the tests until the
page gets a redirect):  .venv/bin/python -m tests.link_manifest
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from tests.conftest import ROOT, Page, Site, build_site, load_site

MANIFEST = ROOT / "tests" / "link_manifest.txt"
PUBLIC_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
NOT_LINK_TARGETS = re.compile(r"^(f|ark-menu)-")  # form controls (the item's wrapper is the target), toolbar menus


def is_redirect(page: Page) -> bool:
    """A redirect page (mkdocs-redirects), not content."""
    return any(meta.get("http-equiv") == "refresh" for meta in page.root.iter("meta"))


def page_address(page: Page) -> str:
    """Root-relative, as a person types it after the host: "/", "/trin-3/"."""
    return "/" + page.rel.removesuffix("index.html")


def public_ids(page: Page) -> set[str]:
    """Ids inside <article> (the content, not Material's chrome) a person would link to."""
    return {
        ident
        for article in page.root.iter("article")
        for node in (article, *article.iter())
        if (ident := node.get("id")) and PUBLIC_ID.match(ident) and not NOT_LINK_TARGETS.match(ident)
    }


def collect(site: Site) -> set[str]:
    entries: set[str] = set()
    for rel, page in site.pages.items():
        if rel.rsplit("/", 1)[-1] != "index.html" or is_redirect(page):
            continue
        address = page_address(page)
        entries.add(address)
        entries.update(f"{address}#{i}" for i in public_ids(page))
    return entries


def read_manifest() -> list[str]:
    return [
        line.strip()
        for line in MANIFEST.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        result = build_site(ROOT, Path(tmp))
        if result.returncode != 0:
            print(result.stdout, file=sys.stderr)
            return result.returncode
        current = collect(load_site(Path(tmp)))
    known = set(read_manifest()) if MANIFEST.exists() else set()
    header = "# Public addresses and anchors. Only grows: see tests/link_manifest.py.\n"
    MANIFEST.write_text(header + "".join(f"{e}\n" for e in sorted(known | current)), encoding="utf-8")
    print(f"{len(current - known)} new, {len(known | current)} in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
