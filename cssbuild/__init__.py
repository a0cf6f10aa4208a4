"""The theme's stylesheets of a built site, cut down to the rules its pages and scripts can use.

A build step of its own, after the site and its search index (scripts/build_css; scripts/build, the
tests' built_site and the benchmark run it before the offline worker, so Pagefind's scripts are
read too; no MkDocs hook, so it works the same for any builder). Material's main.css is 138 KB (23 KB gzip) and blocks the first paint of
every page; most of it styles what this site never shows (Material's own search, blog, tabs,
annotations, the palettes it does not use). Issue 25: 23.0 + 2.2 KB gzip became about 15 + 0.8.

The theme's stylesheets are those a page links whose name carries a content hash
(`main.57a0d79d.min.css`, Zensical's `classic/main.94dd801d.min.css`): PurgeCSS (cssbuild/purge.js)
keeps each rule whose selector the built pages or any script of the site can match, the result is
written under a new name with its own hash (so a browser or the offline worker holding the full
file under the old name never mixes the two), every page is pointed to it, and the old file and
its source map are removed. The site's own stylesheets (screen.css, printing.css) are not touched.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from dataclasses import dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PURGE = ROOT / "cssbuild" / "purge.js"
# <link rel="stylesheet" href="…/name.<8 hex>.min.css">: the theme's, named by their content.
THEME_CSS = re.compile(r'<link rel="stylesheet" href="([^"]*\.[0-9a-f]{8}\.min\.css)"')
HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.css$")
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*$")


@dataclass(frozen=True)
class Cut:
    """One stylesheet: its path in the site before and after, and its size in bytes."""

    old: str
    new: str
    old_bytes: int
    new_bytes: int


def theme_stylesheets(site: Path) -> list[str]:
    """Paths (from the site root, e.g. "assets/stylesheets/main.57a0d79d.min.css") of the theme's
    stylesheets the front page links; SystemExit when it links none."""
    html = (site / "index.html").read_text(encoding="utf-8")
    found = sorted({_from_root(href) for href in THEME_CSS.findall(html)})
    if not found:
        raise SystemExit(f"cssbuild: {site / 'index.html'} links no theme stylesheet named like main.<hash>.min.css")
    return found


def _from_root(href: str) -> str:
    """The front page's href ("assets/…", "./assets/…") as a path from the site root."""
    return href[2:] if href.startswith("./") else href


def build(site: Path) -> list[Cut]:
    """Cut the theme's stylesheets of the built site `site` (a folder with index.html) and point
    every page to the cut copies; returns what was cut. SystemExit (English, for the person
    building) when the site is not built, Node's purgecss is missing or fails, or a page links a
    theme stylesheet the front page does not or names one in a way this does not rewrite; then
    nothing in the site has changed."""
    site = Path(site).resolve()
    if not (site / "index.html").is_file():
        raise SystemExit(f"cssbuild: {site} is not a built site (no index.html); build the site first")
    if not (ROOT / "node_modules" / "purgecss").is_dir():
        raise SystemExit("cssbuild: node_modules/purgecss is missing: run ./scripts/bootstrap")
    paths = theme_stylesheets(site)
    originals = {path: SOURCE_MAP.sub("", (site / path).read_text(encoding="utf-8")) for path in paths}
    options = {"css": originals, "content": [f"{site}/**/*.html", f"{site}/**/*.js"]}
    result = subprocess.run(
        ["node", str(PURGE)],
        input=json.dumps(options),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"cssbuild: purgecss failed:\n{result.stderr.strip()}")
    kept = json.loads(result.stdout)
    cuts, texts = [], {}
    for path in paths:
        css = kept[path]
        new = HASHED.sub(f".{hashlib.md5(css.encode()).hexdigest()[:8]}.min.css", path)
        cuts.append(Cut(path, new, (site / path).stat().st_size, len(css.encode())))
        texts[new] = css
    renames = {_name(c.old): _name(c.new) for c in cuts}
    pages = {}  # every page's new text first: a page that stops the build leaves the others as they were
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        changed = THEME_CSS.sub(partial(_renamed, renames=renames, page=page), text)
        for name in renames:
            if name in changed and name != renames[name]:  # e.g. a <link> with its attributes in another order
                raise SystemExit(f"cssbuild: {page} names {name} where cssbuild cannot point it to the cut copy")
        if changed != text:
            pages[page] = changed
    for new, css in texts.items():
        (site / new).write_text(css, encoding="utf-8")
    for page, changed in pages.items():
        page.write_text(changed, encoding="utf-8")
    for cut in cuts:
        if cut.old != cut.new:
            (site / cut.old).unlink()
            (site / (cut.old + ".map")).unlink(missing_ok=True)
    return cuts


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _renamed(match: re.Match[str], renames: dict[str, str], page: Path) -> str:
    """The <link> of `match` pointed to the cut copy (same folder, new name)."""
    href = match[1]
    name = _name(href)
    if name not in renames:
        raise SystemExit(f"cssbuild: {page} links {href}, a theme stylesheet the front page does not link")
    return match[0].replace(href, href[: -len(name)] + renames[name])
