"""python -m searchbuild SITE_DIR: the search index of a built site (see searchbuild/__init__.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from searchbuild import build

parser = argparse.ArgumentParser(prog="python -m searchbuild", description=__doc__)
parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site (default: site/)")
parser.add_argument("--verbose", action="store_true", help="show Pagefind's own log")
args = parser.parse_args()
numbers = build(args.site.resolve(), quiet=not args.verbose)
print(
    f"search index: {numbers['pages']} pages, {numbers['compounds']} compounds split, "
    f"{numbers['ascii_words']} words spelt with ae/oe/aa → {args.site / 'pagefind'}"
)
