"""One tree, two builders (issue 15): the site built by Zensical, compared with the MkDocs build.

Pages must agree on what a reader sees and relies on: text, heading ids, links (resolved to the
file they name), the worksheet code's contract address, the link manifest; and in Chromium, under
a sub-path, the worksheet round trip, the site search, nothing stored but answers, nothing sent off
the machine. The theme's own files and chrome may differ: ALLOWED says where and why, so a new
difference fails (DESIGN.md "Moving to Zensical" lists the same).
"""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import pytest
import yaml

from macros.strings import strings
from tests.browser.conftest import Requests, served_under_parat
from tests.conftest import ROOT, Page, build_site, load_site, parse_html
from tests.link_manifest import collect, read_manifest
from tests.test_schema import break_macro_call, break_yaml

# Files only one builder writes: each theme ships its own assets (file names carry content hashes).
ONLY_MKDOCS = {
    r"assets/javascripts/bundle\.\w+\.min\.js(\.map)?": "Material's bundle (Zensical has its own)",
    r"assets/javascripts/workers/search\.\w+\.min\.js(\.map)?": "Material's search worker, copied with the theme; unused",
    r"assets/javascripts/lunr/.+": "Material's search languages, copied with the theme; unused (search is Pagefind)",
    r"assets/stylesheets/(main|palette)\.\w+\.min\.css(\.map)?": "Material's stylesheets",
    r"sitemap\.xml\.gz": "Zensical writes sitemap.xml only",
}
ONLY_ZENSICAL = {
    r"assets/javascripts/bundle\.\w+\.min\.js": "Zensical's bundle",
    r"assets/javascripts/workers/search\.\w+\.min\.js": "Zensical's search worker; unused (its search UI is off)",
    r"assets/javascripts/LICENSE": "the licence of Zensical's bundle",
    r"assets/stylesheets/(classic|modern)/(main|palette)\.\w+\.min\.css": "Zensical's stylesheets (two variants)",
    r"search\.json": "Zensical's own search index; nothing loads it (the site search is Pagefind)",
    r"redirect\.json": "Zensical's map of redirects ({}: it writes the redirect pages as MkDocs does)",
    r"pagefind/.+": "Pagefind's index files are named by hashes of their bytes; the search is compared in Chromium",
}
ONLY_MKDOCS[r"pagefind/.+"] = ONLY_ZENSICAL[r"pagefind/.+"]
# Ids inside <article> only Zensical writes.
IDS_ONLY_ZENSICAL = {"__skip": "the target of Zensical's skip link; Material's is outside <article>"}


# The attributes pagefind.yml's exclude_selectors name ("[data-pagefind-ignore]"): they must survive both builders.
EXCLUDING_ATTRIBUTES = {
    sel[1:-1]
    for sel in yaml.safe_load((ROOT / "pagefind.yml").read_text(encoding="utf-8"))["exclude_selectors"]
    if re.fullmatch(r"\[[\w-]+\]", sel)
}


def _unexplained(files: set[str], allowed: dict[str, str]) -> list[str]:
    return sorted(f for f in files if not any(re.fullmatch(p, f) for p in allowed))


def _tree(project: Path) -> set[str]:
    """Every path in `project` (links to .venv/node_modules not followed), to see what a build leaves."""
    return {p.relative_to(project).as_posix() for p in project.rglob("*")}


@pytest.fixture(scope="module")
def zensical_build(built_site, project_snapshot, tmp_path_factory) -> tuple[Path, set[str]]:
    """(site built by `BUILDER=zensical scripts/build_site` from the session's project copy, as
    published, with its search index; paths the build left in the copy). After built_site, so the
    copy holds the same minified modules and PDFs as the MkDocs build."""
    site = tmp_path_factory.mktemp("zensical") / "site"
    from macros.contract import PUBLISHED_PATH

    before = _tree(project_snapshot)
    # As on a clean clone: the build must publish the contract itself (it is not committed).
    (project_snapshot / "docs" / PUBLISHED_PATH).unlink(missing_ok=True)
    result = build_site(project_snapshot, site, builder="zensical")
    left = _tree(project_snapshot) - before
    if result.returncode != 0:
        pytest.fail(f"Zensical build failed (exit {result.returncode}):\n{result.stdout}", pytrace=False)
    from offlinebuild import build as build_offline
    from searchbuild import build as build_search

    build_search(site)
    build_offline(site)
    return site, left


@pytest.fixture(scope="module")
def zensical_site(zensical_build) -> Path:
    return zensical_build[0]


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def _page(site: Path, rel: str) -> Page:
    return Page(rel, parse_html((site / rel).read_text(encoding="utf-8")))


def test_the_build_leaves_nothing_in_the_project(zensical_build):
    # .cache/ is Zensical's (it writes its own .gitignore there); the scratch folder is removed.
    assert {p for p in zensical_build[1] if p != ".cache" and not p.startswith(".cache/")} == set()


def test_both_builders_write_the_same_files_but_the_themes(built_site, zensical_site):
    mkdocs, zensical = _files(built_site), _files(zensical_site)
    assert _unexplained(mkdocs - zensical, ONLY_MKDOCS) == []
    assert _unexplained(zensical - mkdocs, ONLY_ZENSICAL) == []


def _links(page: Page, node) -> list[tuple[str, str, str | None]]:
    """(tag, attribute, site path it names or the URL as written) for every href/src/data-ark-contract."""
    out = []
    for n in node.iter():
        for attr in ("href", "src", "data-ark-contract"):
            url = n.get(attr)
            if url is not None:
                out.append((n.tag, attr, url if "://" in url or url.startswith("mailto:") else page.resolve(url)))
    return out


def test_pages_agree_on_text_ids_links_and_title(built_site, zensical_site):
    """The reader's page: <article> text, ids, where each link goes; the tab title and description."""
    problems = []
    pages = sorted(p for p in _files(built_site) if p.endswith(".html") and not p.startswith("pagefind/"))
    for rel in pages:
        m, z = _page(built_site, rel), _page(zensical_site, rel)
        if _is_redirect(m) or _is_redirect(z):  # redirect_maps: one template (macros/redirect_pages.py)
            if (built_site / rel).read_text(encoding="utf-8") != (zensical_site / rel).read_text(encoding="utf-8"):
                problems.append(f"{rel}: redirect pages differ")
            continue
        ma, za = m.root.find("article"), z.root.find("article")
        if ma is None or za is None:
            problems.append(f"{rel}: <article> missing ({'mkdocs' if ma is None else 'zensical'})")
            continue
        if ma.text() != za.text():
            problems.append(f"{rel}: text differs")
        ids = lambda node: [n.get("id") for n in node.iter() if n.get("id") and n.get("id") not in IDS_ONLY_ZENSICAL]  # noqa: E731
        if ids(ma) != ids(za):
            problems.append(f"{rel}: ids differ: {sorted(set(ids(ma)) ^ set(ids(za)))}")
        # What the search leaves out (interface text; Zensical strips Material's data-search-exclude).
        ignored = lambda node: [n.tag for n in node.iter() if EXCLUDING_ATTRIBUTES & n.attrs.keys()]  # noqa: E731
        if ignored(ma) != ignored(za):
            problems.append(f"{rel}: search exclusions differ ({len(ignored(ma))} ≠ {len(ignored(za))})")
        if _links(m, ma) != _links(z, za):
            diff = [x for x in _links(z, za) if x not in _links(m, ma)]
            problems.append(f"{rel}: links differ, e.g. Zensical's {diff[:3]}")
        for tag, attrs in (("title", {}), ("meta", {"name": "description"}), ("link", {"rel": "canonical"})):
            mine, theirs = m.root.find(tag, **attrs), z.root.find(tag, **attrs)
            same = (
                (mine.text(), dict(mine.attrs)) == (theirs.text(), dict(theirs.attrs))
                if mine and theirs
                else mine is theirs
            )
            if not same:
                problems.append(f"{rel}: <{tag} {attrs}> differs")
    assert len(pages) > 40
    assert problems == []


def _is_redirect(page: Page) -> bool:
    return any(meta.get("http-equiv") == "refresh" for meta in page.root.iter("meta"))


def _footer(page: Page) -> tuple:
    """The footer's own lines (partials/copyright.html): its texts, and where each link goes."""
    nav = page.root.find("nav", class_="sidefod")
    return nav and (nav.text(), _links(page, nav))


def test_footers_agree_date_statement_changes_and_mail(built_site, zensical_site):
    mkdocs, zensical = load_site(built_site), load_site(zensical_site)
    assert mkdocs.redirects.keys() == zensical.redirects.keys() and "was/index.html" in mkdocs.redirects
    assert mkdocs.pages.keys() == zensical.pages.keys()
    for rel, page in mkdocs.pages.items():
        if rel.startswith("pagefind/"):
            continue
        mine, theirs = _footer(page), _footer(zensical.pages[rel])
        assert mine and mine == theirs, rel
        assert (rel == "404.html") != (strings()["footer"]["updated"].split("{")[0] in mine[0]), rel


def test_every_article_link_names_a_built_file(zensical_site):
    missing = []
    for rel in sorted(p for p in _files(zensical_site) if p.endswith(".html") and not p.startswith("pagefind/")):
        page = _page(zensical_site, rel)
        article = page.root.find("article")
        for tag, attr, target in _links(page, article) if article else []:
            if target is None:
                missing.append(f"{rel}: <{tag} {attr}> climbs out of the site")
                continue
            if "://" in target or target.startswith("mailto:"):
                continue
            path = zensical_site / target
            if not (path / "index.html" if path.is_dir() else path).is_file():
                missing.append(f"{rel}: <{tag} {attr}> → {target}")
    assert missing == []


@pytest.fixture(scope="module")
def sub_path_zensical(zensical_site, tmp_path_factory):
    """The Zensical build served under /parat/."""
    with served_under_parat(zensical_site, tmp_path_factory.mktemp("served")) as url:
        yield url


def test_link_manifest_addresses_are_all_there_and_answer(zensical_site, sub_path_zensical):
    entries = read_manifest()
    assert sorted(set(entries) - collect(load_site(zensical_site))) == []
    for address in sorted({e.split("#", 1)[0] for e in entries}):
        with urllib.request.urlopen(sub_path_zensical + address.lstrip("/"), timeout=10) as response:
            assert response.status == 200, address


def test_worksheet_round_trip_search_and_storage_under_a_sub_path(browser, sub_path_zensical):
    """Type an answer, reload, it is there; the export holds it; Søg finds; only answers are stored;
    every request stays on this machine."""
    from tests.browser.helpers import export, field, open_sheet
    from tests.search.run import open_pagefind, pagefind_search

    ctx = browser.new_context(base_url=sub_path_zensical, accept_downloads=True, locale="da-DK")
    ctx.requests = Requests()
    ctx.on("request", lambda r: ctx.requests.append(r.url))
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    sheet_id, note = "trin-3-foer-moedet", "research-af-moedeltagerne--note"

    sheet = open_sheet(page, "trin-3/", sheet_id)
    field(sheet, note).fill("Svar bygget med Zensical – æøå")
    page.reload()
    sheet = open_sheet(page, "trin-3/", sheet_id)
    assert field(sheet, note).input_value() == "Svar bygget med Zensical – æøå"
    _, data = export(page, sheet)
    assert data["worksheets"][sheet_id][note] == "Svar bygget med Zensical – æøå"

    # The same answers on the worksheet's own page (one level deeper: the contract address counts).
    sheet = open_sheet(page, f"arbejdsark/{sheet_id}/", sheet_id)
    assert field(sheet, note).input_value() == "Svar bygget med Zensical – æøå"

    page.goto("trin-1/")
    open_pagefind(page)
    results = pagefind_search(page, "risikoanalyse")
    assert results and all(link.startswith(sub_path_zensical) for links in results for link in links)
    assert page.locator(".md-search").count() == 0, "the theme's own search UI is on"

    keys = page.evaluate("Object.keys(localStorage)")
    assert keys and all(k.startswith("ppp:v2:/parat/|") for k in keys), keys
    assert page.evaluate("Object.keys(sessionStorage)") == []
    assert ctx.cookies() == []
    assert ctx.requests.foreign() == []
    assert not any(u.endswith("/search.json") for u in ctx.requests), "Zensical's own search index was loaded"
    assert errors == []
    ctx.close()


def test_the_guide_pdf_reads_the_same_from_either_build(built_site, zensical_site, content):
    """pdfbuild takes the guide's HTML from whichever builder made the site (issue 15): the book it
    assembles from the Zensical build has the same text and anchors as from the MkDocs build."""
    from pdfbuild.guide import guide_document
    from pdfbuild.meta import load_build_info

    info = load_build_info()
    mine, theirs = (parse_html(guide_document(content, info, site)) for site in (built_site, zensical_site))
    assert theirs.text() == mine.text()

    def ids(doc) -> list[str]:  # the guide prefixes each page's ids with its chapter: "trin-3__…"
        found = (n.get("id") for n in doc.iter())
        return [i for i in found if i and i.partition("__")[2] not in IDS_ONLY_ZENSICAL]

    assert ids(theirs) == ids(mine)


def test_contract_published_is_the_same(built_site, zensical_site):
    from macros.contract import PUBLISHED_PATH

    mine = json.loads((built_site / PUBLISHED_PATH).read_text(encoding="utf-8"))
    assert json.loads((zensical_site / PUBLISHED_PATH).read_text(encoding="utf-8")) == mine


@pytest.mark.parametrize("breakage", [break_yaml, break_macro_call], ids=lambda f: f.__name__)
def test_zensical_build_fails_on_broken_content_and_cleans_up(project_copy, tmp_path, breakage):
    named = breakage(project_copy)
    result = build_site(project_copy, tmp_path / "site", builder="zensical")
    assert result.returncode != 0, f"the Zensical build succeeded with broken content:\n{result.stdout[-3000:]}"
    assert named in result.stdout, f"the build output does not name {named!r}:\n{result.stdout[-3000:]}"
    assert "Traceback" not in result.stdout, f"the editor's message comes with a traceback:\n{result.stdout[-3000:]}"
    assert list(project_copy.glob(".zensical-build*")) == [] and not (tmp_path / "site").exists()
