"""The built site (one `mkdocs build --strict`, see conftest.built_site): pages, links, ids, privacy."""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.conftest import NOT_TEXT, squeeze, visitor_word_problems
from tests.support import ROOT

DATA = ROOT / "data"
PERSPECTIVE_IDS = [
    p["id"] for p in yaml.safe_load((DATA / "vaerdiperspektiver.yml").read_text(encoding="utf-8"))["perspectives"]
]
EXAMPLE_IDS = sorted(p.stem for p in (DATA / "eksempler").glob("*.yml"))
SHEET_IDS = sorted(p.stem for p in (DATA / "arbejdsark").glob("*.yml"))
STEPS = range(1, 8)

ANCHOR = re.compile(r"[a-z0-9][a-z0-9-]*")
# Ids that Material for MkDocs itself puts on every page; they are not link targets we publish.
MATERIAL_IDS = {
    r"__drawer": "checkbox that opens the navigation drawer",
    r"__search": "checkbox that opens the search dialog",
    r"__toc": "checkbox that opens the table of contents on small screens",
    r"__config": "<script> holding Material's JSON configuration",
    r"__nav_\d+(?:_\d+)*(?:_label)?": "checkboxes (and their labels) that expand navigation sections",
}
# Tags/attributes through which a browser loads something (as opposed to <a href>, which a reader follows).
RESOURCE_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "input": ("src",),
}
NAVIGATIONAL_LINK_RELS = {"canonical", "prev", "next", "alternate", "author", "license", "help", "search"}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.I)


def is_material_id(ident: str) -> bool:
    return any(re.fullmatch(pattern, ident) for pattern in MATERIAL_IDS)


def own_origin(site) -> str:
    """The site's own address (site_url), read from the front page's canonical link."""
    canonical = site.pages["index.html"].root.find("link", rel="canonical")
    parts = urlsplit(canonical.get("href"))
    return f"{parts.scheme}://{parts.netloc}"


def is_external(url: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", url, re.I))


def link_targets(site, page, node) -> set[str]:
    """Built files that the <a href> links inside `node` lead to."""
    return {
        site.target(page, a.get("href")) for a in node.iter("a") if a.get("href") and not is_external(a.get("href"))
    }


def built_page_of(docs_page: str) -> str:
    """docs path ("trin-3.md", "eksempler/index.md") → built file ("trin-3/index.html", "eksempler/index.html")."""
    stem = docs_page.removesuffix(".md")
    if stem == "index":
        return "index.html"
    if stem.endswith("/index"):
        return stem.removesuffix("index") + "index.html"
    return f"{stem}/index.html"


# --- Pages that must exist ------------------------------------------------------------------------


def built(site, pattern: str) -> list[str]:
    return sorted(p for p in site.pages if re.fullmatch(pattern, p))


def test_page_counts(site):
    assert built(site, r"trin-\d+/index\.html") == [f"trin-{n}/index.html" for n in STEPS]
    assert built(site, r"vaerdiperspektiver/[^/]+/index\.html") == sorted(
        f"vaerdiperspektiver/{p}/index.html" for p in PERSPECTIVE_IDS
    )
    assert built(site, r"eksempler/[^/]+/index\.html") == [f"eksempler/{e}/index.html" for e in EXAMPLE_IDS]
    assert (len(PERSPECTIVE_IDS), len(EXAMPLE_IDS)) == (8, 6)


@pytest.mark.parametrize("n", STEPS)
def test_step_page(site, n):
    page = site.pages[f"trin-{n}/index.html"]
    assert f"Trin {n} af 7" in page.article.text()
    # Previous/next: one navigation, Material's footer (tests/test_route.py).
    rel = {
        a.get("rel"): site.target(page, a.get("href"))
        for a in page.root.find_all("link")
        if a.get("rel") in ("prev", "next")
    }
    assert rel["prev"] == (f"trin-{n - 1}/index.html" if n > 1 else "partnerskabsruten/index.html")
    assert rel["next"] == (f"trin-{n + 1}/index.html" if n < 7 else "eksempler/index.html")


@pytest.mark.parametrize("perspective_id", PERSPECTIVE_IDS)
def test_perspective_page(site, content, perspective_id):
    page = site.pages[f"vaerdiperspektiver/{perspective_id}/index.html"]
    assert squeeze(content.perspectives[perspective_id].introduction) in page.article.text()
    expected = {f"eksempler/{ex.id}/index.html" for ex in content.examples_for_perspective(perspective_id)}
    assert expected - link_targets(site, page, page.article) == set()


@pytest.mark.parametrize("example_id", EXAMPLE_IDS)
def test_example_page(site, content, example_id):
    example = content.examples[example_id]
    page = site.pages[f"eksempler/{example_id}/index.html"]
    text = page.article.text()
    assert [p for p in example.partners if squeeze(p) not in text] == []
    expected = {f"{s}/index.html" for s in example.steps} | {
        f"vaerdiperspektiver/{p.perspective}/index.html" for p in example.perspectives
    }
    assert expected - link_targets(site, page, page.article) == set()


@pytest.mark.parametrize("sheet_id", SHEET_IDS)
def test_worksheet_has_its_own_page_and_is_embedded_where_the_book_has_it(site, content, sheet_id):
    own = site.pages.get(f"arbejdsark/{sheet_id}/index.html")
    assert own is not None and own.root.find(id=sheet_id) is not None
    host = built_page_of(content.worksheets[sheet_id].page)
    assert site.pages[host].article.find(id=sheet_id) is not None, f"{host} does not embed {sheet_id}"


# --- Every page -----------------------------------------------------------------------------------


def test_ids_are_unique_ascii_anchors(site):
    problems = []
    for rel, page in site.pages.items():
        ids = page.ids()
        problems += [f"{rel}: id '{i}' used {n} times" for i, n in Counter(ids).items() if n > 1]
        problems += [
            f"{rel}: id '{i}' is not a lower-case ASCII anchor"
            for i in set(ids)
            if not (ANCHOR.fullmatch(i) or is_material_id(i))
        ]
    assert problems == [], "\n".join(sorted(problems))


def test_material_id_exceptions_are_still_needed(site):
    """Keep MATERIAL_IDS honest: every allowed pattern still occurs somewhere."""
    ids = {i for page in site.pages.values() for i in page.ids()}
    assert [p for p in MATERIAL_IDS if not any(re.fullmatch(p, i) for i in ids)] == []


def test_internal_links_resolve(site):
    """Every relative/root-relative href and src (also in raw HTML from macros) names a built file and id."""
    own = own_origin(site)
    problems = []
    for rel, page in site.pages.items():
        for node in page.root.iter():
            for attr in ("href", "src"):
                url = node.get(attr)
                if url is None or url.startswith(("mailto:", "tel:", "data:")):
                    continue
                if url.startswith(own + "/"):
                    url = url[len(own) :]  # canonical links and the like: check them too
                elif is_external(url):
                    continue
                target = site.target(page, url)
                fragment = url.partition("#")[2]
                if target is None:
                    problems.append(f"{rel}: <{node.tag} {attr}={url!r}> names no built file")
                elif fragment and not (ANCHOR.fullmatch(fragment) or is_material_id(fragment)):
                    problems.append(f"{rel}: <{node.tag} {attr}={url!r}>: fragment is not a lower-case ASCII anchor")
                elif fragment and target.endswith(".html") and fragment not in site.pages[target].ids():
                    problems.append(f"{rel}: <{node.tag} {attr}={url!r}>: {target} has no id '{fragment}'")
    assert problems == [], "\n".join(problems)


def third_party_references(site) -> tuple[list[str], list[str]]:
    """(resources loaded from another host, links to other sites for reading)."""
    own = own_origin(site)
    loads, reads = [], []
    for rel, page in site.pages.items():
        for node in page.root.iter():
            attrs = RESOURCE_ATTRS.get(node.tag, ())
            if node.tag == "link":
                rels = set((node.get("rel") or "").lower().split())
                attrs = () if rels and rels <= NAVIGATIONAL_LINK_RELS else ("href",)
            for attr in attrs:
                for url in re.split(r",\s*", node.get(attr) or ""):
                    url = url.strip().split(" ")[0]
                    if re.match(r"^(?:https?:)?//", url) and not url.startswith(own + "/"):
                        loads.append(f"{rel}: <{node.tag} {attr}={url}>")
            for url in CSS_URL.findall(node.get("style") or ""):
                loads.append(f"{rel}: style url({url})")
            if node.tag == "style":
                loads += [
                    f"{rel}: <style> url({u})"
                    for u in CSS_URL.findall("".join(c for c in node.children if isinstance(c, str)))
                ]
            if (
                node.tag == "a"
                and re.match(r"^(?:https?:)?//", node.get("href") or "")
                and not node.get("href").startswith(own + "/")
            ):
                reads.append(node.get("href"))
    for css in site.path.rglob("*.css"):
        loads += [f"{css.relative_to(site.path)}: url({u})" for u in CSS_URL.findall(css.read_text(encoding="utf-8"))]
    return loads, sorted(set(reads))


def test_nothing_is_loaded_from_third_party_hosts(site):
    loads, reads = third_party_references(site)
    assert loads == [], (
        "Third-party resources:\n"
        + "\n".join(loads)
        + "\n(External links for reading, allowed: "
        + ", ".join(reads)
        + ")"
    )


def test_every_page_is_danish_and_described(site):
    problems = []
    for rel, page in site.pages.items():
        html_el = page.root.find("html")
        if html_el is None or html_el.get("lang") != "da":
            problems.append(f"{rel}: <html lang> is {html_el and html_el.get('lang')!r}")
        meta = page.root.find("meta", name="description")
        if meta is None or not (meta.get("content") or "").strip():
            problems.append(f"{rel}: no meta description")
    assert problems == [], "\n".join(problems)


# --- Search ----------------------------------------------------------------------------------------

# The search index (Pagefind, scripts/build_search → site/pagefind/; tests/browser/test_search.py
# runs the query set against it in Chromium).


def test_search_index_is_danish(built_site):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["da"]


# Material's search block in its header (the toggle and partials/search.html, only with its
# search plugin); overrides/partials/header.html has the site's search there instead.
MATERIAL_SEARCH_BLOCK = re.compile(
    r'\{% if "material/search" in config\.plugins %\}.*?\{% endif %\}\s*\{% endif %\}', re.S
)
JINJA_COMMENT = re.compile(r"\{#.*?#\}\s*", re.S)
# The menu icon of the narrow layout, Material's and ours (in the tab order, named: issue 22).
MATERIAL_MENU = '<label class="md-header__button md-icon" for="__drawer">'
OUR_MENU = (
    '<label class="md-header__button md-icon" for="__drawer" tabindex="0"'
    ' title="{{ config.extra.strings.header.menu | e }}">'
)


def test_header_is_materials_but_for_the_search():
    """The header override is a copy but for the search and the menu icon: when Material's header
    changes, copy it again (DESIGN.md)."""
    from importlib.metadata import version

    import material

    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text(encoding="utf-8")
    ours = (ROOT / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")
    assert f"Copy of Material {version('mkdocs-material')} partials/header.html" in ours, (
        "overrides/partials/header.html names another Material version than the installed one: compare and update it"
    )
    assert MATERIAL_SEARCH_BLOCK.search(theirs), "Material's header no longer has its search block where we swap it"
    assert theirs.count(MATERIAL_MENU) == 1, "Material's header no longer has the menu label we change"
    expected = MATERIAL_SEARCH_BLOCK.sub('{% include "partials/search.html" %}', theirs)
    lines = lambda text: [line.strip() for line in JINJA_COMMENT.sub("", text).splitlines() if line.strip()]  # noqa: E731
    expected = [OUR_MENU if line == MATERIAL_MENU else line for line in lines(expected)]
    assert lines(ours) == expected, (
        "overrides/partials/header.html differs from Material's partials/header.html beyond the search and the menu icon: copy it again"
    )


def test_worksheet_pages_are_indexed_once_on_their_step_page(site, content):
    """Their own pages repeat what the step page embeds; the overview is searched."""
    from searchbuild import searched

    assert not any(searched(f"arbejdsark/{sheet}/index.html") for sheet in content.worksheets)
    assert searched("arbejdsark/index.html") and searched("trin-3/index.html") and not searched("404.html")


def test_built_page_of():
    assert built_page_of("trin-3.md") == "trin-3/index.html"
    assert built_page_of("index.md") == "index.html"
    assert built_page_of("eksempler/index.md") == "eksempler/index.html"
    assert built_page_of("eksempler/murmal.md") == posixpath.join("eksempler", "murmal", "index.html")


# --- Performance -----------------------------------------------------------------------------------


PRINT_CSS = ("paper.css", "print.css", "print-page.css", "printing.css")  # main.html links printing.css


def test_print_rules_never_block_the_first_paint(site):
    for rel, page in site.pages.items():
        links = [n for n in page.root.find("head").find_all("link") if (n.get("href") or "").endswith(PRINT_CSS)]
        assert [n.get("media") for n in links] == ["print"], rel


def test_our_scripts_are_deferred(site):
    """mkdocs.yml: the worksheet module and links.js (deferred by being modules) never hold up the first paint."""
    problems, seen = [], set()
    for rel, page in site.pages.items():
        for script in page.root.find_all("script"):
            src = script.get("src") or ""
            if src.endswith("ark/main.js"):
                seen.add("ark/main.js")
                if script.get("type") != "module":
                    problems.append(f"{rel}: ark/main.js is not a module")
            elif posixpath.basename(src) == "links.js":
                seen.add("links.js")
                if script.get("type") != "module":
                    problems.append(f"{rel}: links.js is not a module")
    assert problems == []
    assert seen == {"ark/main.js", "links.js"}


def test_scripts_leave_the_bandwidth_to_the_page_and_its_stylesheets(site):
    """Issue 25: every script file (Material's bundle, offline.js, the site's modules) is fetched
    with low priority, so on a slow connection the HTML and the render-blocking stylesheets arrive
    first (first paint at 400 kbit/s: 2.1 → 1.6 s, benchmarks/issue25.md)."""
    problems, files = [], set()
    for rel, page in site.pages.items():
        for script in page.root.find_all("script"):
            if src := script.get("src"):
                files.add(posixpath.basename(src))
                if script.get("fetchpriority") != "low":
                    problems.append(f"{rel}: {src}")
    assert problems == []
    assert {"offline.js", "main.js", "links.js"} <= files and any(f.startswith("bundle.") for f in files)


# Attributes a visitor hears or sees (tests/test_strings.py TEXT_ATTRS, less the page metadata).
READ_ATTRS = ("aria-label", "title", "alt", "placeholder")


def test_visitors_read_hjemmesiden_and_no_technical_words(site):
    """Every built page's visible text and read-aloud labels: "hjemmesiden" (never "sitet"), no
    file formats, encodings, storage APIs, version numbers or internal keys (the words the strings
    file is checked for, now as the pages put them together with the docs' own text)."""
    problems = []
    for rel, page in site.pages.items():
        body = page.root.find("body")
        texts = [body.text()] + [n.get(a) for n in body.iter(skip=NOT_TEXT) for a in READ_ATTRS if n.get(a)]
        problems += [f"{rel}: {p}" for text in texts for p in visitor_word_problems(text)]
    assert not problems, "\n".join(sorted(set(problems)))
