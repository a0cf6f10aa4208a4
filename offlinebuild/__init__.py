"""Offline after the first visit: the web app manifest and the service worker of a built site.

A build step of its own, after the site and its search index (scripts/build_offline; scripts/build
and the tests' built_site run it last; no MkDocs hook, so it works the same for any builder). It
writes into the site folder:

- `manifest.webmanifest`: the site's name (mkdocs.yml), its icon (theme.favicon), and start_url and
  scope "./" – relative to the manifest, so a copy published under a sub-path (/parat/) is an app
  of its own.
- `sw.js`: Workbox's generateSW (offlinebuild/worker.js, workbox-build pinned in package.json) with
  the runtime inlined. It precaches every file of the site with its content hash but those in
  NOT_PRECACHED and the PDFs that are not a worksheet's own (print packs, the whole guide: cached
  on first use). The page side is overrides/assets/javascripts/offline.js.

`scripts/serve` does not run it: the preview has no sw.js, and offline.js then unregisters a
worker an earlier build left on the same address (a stale worker would serve old pages).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from macros.pdf_files import PDF_DIR, read_manifest
from macros.strings import text
from pdfbuild.meta import read_config

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "offlinebuild" / "worker.js"
WEB_MANIFEST = "manifest.webmanifest"  # the partial overrides/partials/offline.html links to it

# Built files no page uses (globs relative to the site): source maps, Material's and Zensical's own
# search (the site's is Pagefind), Pagefind's UIs (the site's is sog/dialog.js), the sitemaps (for
# search engines; only Material's instant navigation, which the site does not use, read
# sitemap.xml). The service worker itself is never precached (worker.js).
NOT_PRECACHED = (
    "**/*.map",
    "assets/javascripts/lunr/**",
    "assets/javascripts/workers/**",
    "pagefind/pagefind-ui.*",
    "pagefind/pagefind-component-ui.*",
    "pagefind/pagefind-modular-ui.*",
    "pagefind/pagefind-highlight.js",
    "search.json",
    "sitemap.xml",
    "sitemap.xml.gz",
)
# The worker's precache list is most of sw.js (211 files), and sw.js is fetched on every first
# visit: each entry's revision is the first REVISION_LENGTH hex digits of its content's MD5 (40
# bits tell one deployment's file from the next; the full 32 digits cost 2.9 KB gzip), and files
# whose names already carry their content hash (Pagefind's index and fragments, Material's
# bundles) need none (CONTENT_ADDRESSED, a JavaScript regular expression on the path).
REVISION_LENGTH = 10
CONTENT_ADDRESSED = r"^pagefind/(fragment|index)/|\.pf_meta$|\.[0-9a-f]{8}\.min\.(css|js)$"
PRECACHED_PDF_KIND = "arbejdsark"  # a worksheet's blank PDF (macros/pdf_files.py's manifest kinds)


def web_manifest(root: Path = ROOT) -> dict:
    """The web app manifest (a JSON object) of the project in `root`."""
    config = read_config(root)
    icon = config["theme"]["favicon"]
    return {
        "name": config["site_name"],
        "short_name": text("offline.shortName"),
        "lang": "da",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "icons": [{"src": icon, "sizes": "any", "type": "image/svg+xml" if icon.endswith(".svg") else "image/png"}],
    }


def runtime_pdfs(site: Path) -> list[str]:
    """The site's PDFs (paths from the site root) that are cached on first use, not precached."""
    files = read_manifest(site / PDF_DIR)
    return sorted(f"{PDF_DIR}/{name}" for name, entry in files.items() if entry.get("kind") != PRECACHED_PDF_KIND)


def build(site: Path, root: Path = ROOT) -> dict:
    """Write manifest.webmanifest and sw.js into the built site `site`; returns {"count": files
    precached, "bytes": their size, "warnings": Workbox's}. Raises SystemExit when Node's
    workbox-build is missing or fails (English, for the person building)."""
    site = Path(site).resolve()
    if not (site / "index.html").is_file():
        raise SystemExit(f"offlinebuild: {site} is not a built site (no index.html); build the site first")
    if not (ROOT / "node_modules" / "workbox-build").is_dir():
        raise SystemExit("offlinebuild: node_modules/workbox-build is missing: run ./scripts/bootstrap")
    (site / WEB_MANIFEST).write_text(json.dumps(web_manifest(root), ensure_ascii=False, indent=1), encoding="utf-8")
    options = {
        "site": str(site),
        "ignore": [*NOT_PRECACHED, *runtime_pdfs(site)],
        "revisionLength": REVISION_LENGTH,
        "contentAddressed": CONTENT_ADDRESSED,
    }
    result = subprocess.run(
        ["node", str(WORKER), json.dumps(options)], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"offlinebuild: workbox-build failed:\n{result.stderr.strip()}")
    return json.loads(result.stdout.strip().splitlines()[-1])
