"""`python -m macros.redirect_pages SITE_DIR`: the redirect pages of a built site in Danish.

mkdocs-redirects and Zensical write each `redirect_maps` entry (mkdocs.yml: /was/ and moved pages)
as the same small English page ("Redirecting...", lang="en"); scripts/build_site replaces each with
macros/templates/viderestilling.html after either builder ran. Pages that are not such a redirect
are left alone.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from .render import _env

# The builders' redirect page: its title and its refresh target (HTML-escaped as written).
_THEIRS = re.compile(r'<title>Redirecting\.\.\.</title>.*?<meta http-equiv="refresh" content="0; url=([^"]*)">', re.S)


def make_danish(site: Path) -> list[Path]:
    """Rewrite every builder-made redirect page under `site`; returns the pages rewritten."""
    template = _env.get_template("viderestilling.html")
    done = []
    for page in sorted(Path(site).rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        match = _THEIRS.search(text) if len(text) < 2000 else None  # theirs is tiny; a content page never is
        if match:
            page.write_text(template.render(url=html.unescape(match.group(1))) + "\n", encoding="utf-8")
            done.append(page)
    return done


if __name__ == "__main__":
    make_danish(Path(sys.argv[1]))
