"""python -m cssbuild [SITE_DIR]: cut the theme's stylesheets of a built site (default site/)."""

import sys
from pathlib import Path

from cssbuild import build

site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
for cut in build(site):
    print(f"theme css: {cut.old} {cut.old_bytes / 1024:.1f} KB → {cut.new} {cut.new_bytes / 1024:.1f} KB")
