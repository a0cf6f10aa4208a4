"""Offline after the first visit (issue 24): what the build's last step (offlinebuild/) writes into
the built site: the service worker's precache list, with content hashes, and the web app manifest.
The browser side is tests/browser/test_offline.py."""

from __future__ import annotations

import hashlib
import json
import re
from fnmatch import fnmatch
from pathlib import Path

import pytest

from macros.pdf_files import read_manifest
from offlinebuild import (
    CONTENT_ADDRESSED,
    NOT_PRECACHED,
    PRECACHED_PDF_KIND,
    REVISION_LENGTH,
    WEB_MANIFEST,
    runtime_pdfs,
)
from pdfbuild.meta import read_config
from tests.conftest import ROOT, parse_html

ENTRY = re.compile(r'\{url:"([^"]+)",revision:(?:"([0-9a-f]+)"|(null))\}')


def precache(site: Path) -> dict[str, str | None]:
    """The worker's precache list: {path from the site root: revision, None for no revision}."""
    text = (site / "sw.js").read_text(encoding="utf-8")
    return {url: (None if null else rev) for url, rev, null in ENTRY.findall(text)}


def test_every_file_is_precached_by_its_content_hash(built_site):
    listed = precache(built_site)
    ignored = [*NOT_PRECACHED, *runtime_pdfs(built_site), "sw.js"]
    files = {
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("*")
        if p.is_file() and not any(fnmatch(p.relative_to(built_site).as_posix(), g) for g in ignored)
    }
    assert set(listed) == files
    # A file's revision is its content hash, shortened; a file whose name is its hash has none
    # (a new deployment with other content is a new name).
    named = re.compile(CONTENT_ADDRESSED)
    unversioned = sorted(url for url, rev in listed.items() if rev is None)
    assert unversioned == sorted(url for url in listed if named.search(url))
    assert any(u.startswith("pagefind/fragment/") for u in unversioned)
    assert any(re.search(r"/bundle\.[0-9a-f]{8}\.min\.js$", u) for u in unversioned)
    stale = [
        url
        for url, rev in listed.items()
        if rev is not None and hashlib.md5((built_site / url).read_bytes()).hexdigest()[:REVISION_LENGTH] != rev
    ]
    assert stale == []
    assert {len(rev) for rev in listed.values() if rev is not None} == {REVISION_LENGTH}
    # What the issue names: the pages, styles, scripts (modules loaded on demand too), the search
    # index, the libraries.
    for needed in (
        "index.html",
        "trin-4/index.html",
        "assets/stylesheets/print.css",
        "assets/javascripts/ark/exports.js",
        "assets/javascripts/ark/present.js",
        "pagefind/pagefind-entry.json",
        "pagefind/pagefind.js",
        "pagefind/pagefind-worker.js",
        "pagefind/wasm.da.pagefind",
        "assets/vendor/pdf-lib/pdf-lib.esm.min.js",
        "assets/vendor/docx/docx.esm.js",
        "assets/vendor/uqr/uqr.esm.js",
        WEB_MANIFEST,
    ):
        assert needed in listed, needed
    assert any(u.startswith("pagefind/fragment/") for u in listed) and any(
        u.startswith("pagefind/index/") for u in listed
    )


def test_blank_worksheet_pdfs_are_precached_packs_and_guide_on_first_use(built_site):
    listed = precache(built_site)
    pdfs = read_manifest(built_site / "pdf")
    assert pdfs, "the session's site holds the PDFs"
    for name, entry in pdfs.items():
        assert (f"pdf/{name}" in listed) == (entry["kind"] == PRECACHED_PDF_KIND), name
    assert {"printpakke", "bog"} <= {e["kind"] for e in pdfs.values()}
    assert "parat-pdf" in (built_site / "sw.js").read_text(encoding="utf-8")  # their runtime cache


def test_web_manifest_is_relative_so_a_sub_path_works(built_site):
    manifest = json.loads((built_site / WEB_MANIFEST).read_text(encoding="utf-8"))
    assert manifest["name"] == read_config(ROOT)["site_name"]
    assert manifest["lang"] == "da" and manifest["start_url"] == "./" and manifest["scope"] == "./"
    for icon in manifest["icons"]:
        assert not icon["src"].startswith("/") and (built_site / icon["src"]).is_file()


@pytest.mark.parametrize("rel", ["index.html", "trin-3/index.html", "arbejdsark/trin-3-foer-moedet/index.html"])
def test_every_page_links_the_manifest_and_the_worker_script(built_site, rel):
    html = (built_site / rel).read_text(encoding="utf-8")
    page = parse_html(html)
    base = (built_site / rel).parent
    manifest = next(n.get("href") for n in page.iter("link") if n.get("rel") == "manifest")
    script = next(n.get("src") for n in page.iter("script") if (n.get("src") or "").endswith("offline.js"))
    assert (base / manifest).resolve() == (built_site / WEB_MANIFEST).resolve()
    assert (base / script).resolve() == (built_site / "assets/javascripts/offline.js").resolve()
    texts = re.search(r'<script type="application/json" id="strings-offline">(.*?)</script>', html).group(1)
    assert json.loads(texts)["ready"] == "Klar til brug uden net"
