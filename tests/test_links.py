"""Links consultants send must keep working: the committed manifest, redirects, short addresses."""

from __future__ import annotations

import re
from pathlib import Path

from pdfbuild.meta import read_config
from tests.link_manifest import collect, read_manifest
from tests.support import ROOT


def redirect_maps() -> dict[str, str]:
    config = read_config()
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "redirects" in plugin:
            return plugin["redirects"].get("redirect_maps") or {}
    raise AssertionError("mkdocs-redirects is not configured in mkdocs.yml")


def resolve(site: Path, entry: str) -> tuple[Path, str]:
    address, _, anchor = entry.partition("#")
    address = address.lstrip("/")
    return site / address / "index.html" if address else site / "index.html", anchor


def test_every_published_link_still_resolves(built_site):
    broken = []
    for entry in read_manifest():
        page, anchor = resolve(built_site, entry)
        if not page.exists():
            broken.append(f"{entry}: page {page.relative_to(built_site)} is gone (add a redirect in mkdocs.yml)")
            continue
        text = page.read_text(encoding="utf-8")
        refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', text)
        if refresh:  # a redirected page: follow it once
            page = (page.parent / refresh.group(1)).resolve() / (
                "" if refresh.group(1).endswith(".html") else "index.html"
            )
            text = page.read_text(encoding="utf-8") if page.exists() else ""
        if anchor and not re.search(rf'\sid="{re.escape(anchor)}"', text):
            broken.append(f"{entry}: anchor #{anchor} no longer exists on the page")
    assert not broken, "Published links that broke:\n" + "\n".join(broken)


def test_manifest_lists_every_public_link(site):
    missing = sorted(collect(site) - set(read_manifest()))
    assert not missing, (
        "New pages/anchors are not in tests/link_manifest.txt; run `.venv/bin/python -m tests.link_manifest`:\n"
        + "\n".join(missing[:50])
    )


def test_manifest_is_sorted_and_without_duplicates():
    entries = read_manifest()
    assert entries == sorted(set(entries))


def test_redirected_pages_lead_to_existing_pages(built_site):
    for old, new in redirect_maps().items():
        old_page = built_site / old.removesuffix(".md") / "index.html"
        assert old_page.exists(), f"redirect page for {old} was not written"
        assert (ROOT / "docs" / new.split("#")[0]).exists(), f"redirect {old} → {new}: target does not exist"


def test_manifest_reader_ignores_comments(tmp_path, monkeypatch):
    from tests import link_manifest

    path = tmp_path / "m.txt"
    path.write_text("# header\n\n/\n/#a\n/trin-1/#a\n", encoding="utf-8")
    monkeypatch.setattr(link_manifest, "MANIFEST", path)
    assert link_manifest.read_manifest() == ["/", "/#a", "/trin-1/#a"]


def test_not_found_page_is_danish_and_leads_back(built_site):
    text = (built_site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Siden findes ikke</h1>" in text and "Not found" not in text
    for target in ("partnerskabsruten/", "arbejdsark/", "eksempler/"):
        assert f'href="/{target}"' in text and (built_site / target / "index.html").exists()
