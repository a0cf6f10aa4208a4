"""Links consultants send must keep working: the committed manifest, redirects, short addresses."""

from __future__ import annotations

import re
from pathlib import Path

from macros.slug import page_url
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


_REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]*)">')


def redirect_problems(site: Path, maps: dict[str, str]) -> list[str]:
    """What is wrong with the redirect pages of the built `site` for `maps` (redirect_maps: old docs
    path → docs path, with an optional #anchor, or an external address): a page missing, no
    redirect, or one that lands elsewhere than the target's built page."""
    problems = []
    for old, new in maps.items():
        old_page = site / page_url(old) / "index.html"
        if not old_page.exists():
            problems.append(f"{old}: no page written for the redirect")
            continue
        refresh = _REFRESH.search(old_page.read_text(encoding="utf-8"))
        if not refresh:
            problems.append(f"{old}: its page is no redirect")
            continue
        url = refresh.group(1)
        if "://" in new:  # an external address (WAS_URL)
            if url != new:
                problems.append(f"{old}: leads to {url}, not {new}")
            continue
        path, _, anchor = new.partition("#")
        if not (ROOT / "docs" / path).exists():
            problems.append(f"{old} → {new}: the target page does not exist")
        landed = (old_page.parent / url.split("#")[0]).resolve()
        want = (site / page_url(path) / "index.html").resolve()
        if (landed / "index.html" if landed.is_dir() else landed) != want or url.partition("#")[2] != anchor:
            problems.append(f"{old}: leads to {url}, not to {new}")
    return problems


def test_redirected_pages_lead_to_their_targets(built_site):
    maps = redirect_maps()
    # /was/ (the accessibility statement's short address) keeps this test from checking nothing.
    assert "was.md" in maps, "mkdocs.yml redirect_maps lost was.md"
    assert not redirect_problems(built_site, maps)


def test_the_redirect_check_finds_missing_wrong_and_non_redirect_pages(tmp_path):
    def page(rel: str, body: str) -> None:
        (tmp_path / rel).mkdir(parents=True)
        (tmp_path / rel / "index.html").write_text(body, encoding="utf-8")

    redirect = '<meta http-equiv="refresh" content="0; url={}">'
    page("trin-1", "<h1>Trin 1</h1>")
    page("trin-2", "<h1>Trin 2</h1>")
    page("gammel", redirect.format("../trin-1/"))
    page("forkert", redirect.format("../trin-2/"))
    page("ikke-omdirigeret", "<h1>Indhold</h1>")
    page("ude", redirect.format("https://example.org/was"))
    good = {"gammel.md": "trin-1.md", "ude.md": "https://example.org/was"}
    assert redirect_problems(tmp_path, good) == []
    bad = {
        "forkert.md": "trin-1.md",
        "mangler.md": "trin-1.md",
        "ikke-omdirigeret.md": "trin-1.md",
        "gammel.md": "trin-1.md#et-afsnit",
        "ude.md": "https://example.org/andet",
    }
    assert [p.split(":")[0] for p in redirect_problems(tmp_path, bad)] == list(bad)


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
