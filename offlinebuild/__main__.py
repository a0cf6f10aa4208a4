"""python -m offlinebuild SITE_DIR: the service worker and web app manifest of a built site (see
offlinebuild/__init__.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from offlinebuild import build

parser = argparse.ArgumentParser(prog="python -m offlinebuild", description=__doc__)
parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site (default: site/)")
args = parser.parse_args()
numbers = build(args.site)
for warning in numbers["warnings"]:
    print(f"offline: {warning}")
print(f"offline: {numbers['count']} files precached ({numbers['bytes'] / 1e6:.1f} MB) → {args.site / 'sw.js'}")
