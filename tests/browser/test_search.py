"""The query set (tests/search/queries.yml) against the built site's search, in Chromium (issue 13).

Targets: at least 95 % of the queries find their page (and section) in the top 3, at least 80 %
in the top 1, and at least 90 % within the rank each asks for."""

from __future__ import annotations

import re

import pytest

from tests.search.run import (
    FIELD,
    PAGEFIND_RESULTS,
    RESULT,
    STATUS,
    load_queries,
    open_pagefind,
    pagefind_search,
    rank,
    score,
)

QUERIES = load_queries()


def test_the_query_set_is_big_and_varied():
    assert len(QUERIES) >= 40
    kinds = {q.kind for q in QUERIES}
    assert {"plain", "inflected", "compound", "part", "ascii", "hyphen", "question", "name", "person", "glued"} <= kinds


@pytest.fixture(scope="module")
def ranks(browser, site_url):  # one browser page types every query, as a reader would
    ctx = browser.new_context(base_url=site_url, locale="da-DK")
    page = ctx.new_page()
    page.goto("trin-1/")
    open_pagefind(page)
    found = {q.q: rank(q, pagefind_search(page, q.q)) for q in QUERIES}
    ctx.close()
    return found


TOP3, TOP1, ASKED = 0.95, 0.80, 0.90  # issue 13's targets, and each query within the rank it asks for


def test_query_set_passes(ranks):
    r = score(QUERIES, ranks)
    n = r["n"]
    rates = (
        f"top 1 {r['top1']}/{n} = {r['top1'] / n:.1%} (target ≥ {TOP1:.0%}), "
        f"top 3 {r['top3']}/{n} = {r['top3'] / n:.1%} (target ≥ {TOP3:.0%}), "
        f"within the asked rank {r['passed']}/{n} = {r['passed'] / n:.1%} (target ≥ {ASKED:.0%}); "
        f"misses (query, asked rank, rank found): {r['failed']}"
    )
    print(f"search: {rates}")
    assert r["top3"] / n >= TOP3 and r["top1"] / n >= TOP1 and r["passed"] / n >= ASKED, rates


# Interface text never reaches a result; results on step pages name their step.
INTERFACE = ["Kopiér link", "Slå JavaScript til", "Tilføj række", "Tilføj udsagn", "Forrige trin", "Eksportér svar"]


@pytest.fixture
def search_page(page):
    page.goto("trin-1/")
    open_pagefind(page)
    return page


@pytest.mark.parametrize("text", INTERFACE)
def test_no_interface_text_in_results(search_page, text):
    pagefind_search(search_page, text)
    shown = search_page.locator("#sog-ui .sog-resultater").inner_text()
    # The help page "Sådan gemmes dine svar" names the buttons on purpose: it explains them.
    excerpts = search_page.evaluate(
        """() => [...document.querySelectorAll('#sog-ui li.sog-resultat')]
             .filter(li => !li.querySelector('a[href*="saadan-gemmes-dine-svar"]'))
             .map(li => li.textContent)"""
    )
    phrase = re.compile(re.escape(text) + r"(?!\w)", re.I)  # "Eksportér svarene" in the prose is fine
    assert not any(phrase.search(e) for e in excerpts), shown
    assert "\u00ad-" not in shown  # searchbuild's compound mark is never shown


def test_step_results_name_their_step(search_page):
    pagefind_search(search_page, "risikoanalyse")
    links = search_page.locator("#sog-ui li.sog-resultat").first.locator("a.sog-link")
    titles = [t.strip() for t in links.all_inner_texts()]
    assert "Trin 4 · Eksempel på risikoanalyse" in titles, titles  # the book's caption
    assert titles[0].startswith("Trin 4 · "), titles


def test_a_result_opens_its_section_and_closes_the_dialog(search_page):
    pagefind_search(search_page, "årshjul")
    search_page.locator('#sog-ui a.sog-link[href$="#aarshjul-som-styringsredskab"]').first.click()
    search_page.wait_for_url("**/trin-7/#aarshjul-som-styringsredskab")
    assert not search_page.evaluate("document.getElementById('sog-dialog').open")
    assert search_page.context.requests.foreign() == []


# How the site's stylesheet (sog.css) makes the search field and a result look.
UI_LOOK = """() => { const css = (sel, props) => { const st = getComputedStyle(document.querySelector(sel));
  return props.map((p) => st.getPropertyValue(p)); };
  return [css('#sog-felt', ['border-top-width', 'padding-left', 'height']),
          css('#sog-ui .sog-resultat', ['list-style-type', 'border-top-width'])]; }"""


def test_search_works_again_after_following_a_result(search_page):
    """Open on page A, follow a result to page B (a page load), search there: same look, right answer."""
    pagefind_search(search_page, "årshjul")
    look = search_page.evaluate(UI_LOOK)
    search_page.locator('#sog-ui a.sog-link[href$="#aarshjul-som-styringsredskab"]').first.click()
    search_page.wait_for_url("**/trin-7/#aarshjul-som-styringsredskab")
    search_page.locator("h1", has_text="Den endelige aftale").wait_for()
    open_pagefind(search_page)
    assert search_page.evaluate("document.getElementById('sog-dialog').open")
    links = pagefind_search(search_page, "madspild")
    assert search_page.evaluate(UI_LOOK) == look
    assert rank(next(q for q in QUERIES if q.q == "madspild"), links) == 1
    search_page.locator("#sog-ui a.sog-link").first.click()
    search_page.wait_for_url("**/eksempler/foedevarebanken-og-jyske-bank/**")
    assert not search_page.evaluate("document.getElementById('sog-dialog').open")


def test_slash_types_into_worksheet_fields(page):
    page.goto("trin-1/")
    field = page.locator(".ark textarea[data-key]").first
    field.click()
    page.keyboard.type("ja/nej 1/2")
    assert field.input_value() == "ja/nej 1/2"
    assert not page.evaluate("document.getElementById('sog-dialog').open")
    page.evaluate("document.activeElement.blur()")  # outside any field, "/" opens the search
    page.keyboard.press("/")
    page.locator("#sog-felt").wait_for()
    assert page.evaluate("document.getElementById('sog-dialog').open")


def test_search_works_under_a_sub_path(browser, sub_path_site):
    """Published in a folder (/parat/): the index loads from there and results link into it."""
    ctx = browser.new_context(base_url=sub_path_site, locale="da-DK")
    page = ctx.new_page()
    page.goto("trin-1/")
    open_pagefind(page)
    results = pagefind_search(page, "risikoanalyse")
    first = page.locator("#sog-ui a.sog-link").first.get_attribute("href")
    assert results and first.startswith("/parat/trin-4/"), first
    page.locator("#sog-ui a.sog-link").first.click()
    page.wait_for_url("**/parat/trin-4/**")
    ctx.close()


def test_the_search_loads_only_when_a_reader_heads_for_it(page):
    """Issue 25: a page loads none of the search (dialog code, Pagefind); the pointer on the button
    loads the dialog's code and starts Pagefind (its module and WebAssembly) without opening
    anything; a click opens the dialog with the field focused. Pagefind's own UI is never loaded."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto("trin-1/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "/sog/dialog.js" in u or "/pagefind/" in u], requested
    with page.expect_request("**/pagefind/pagefind.js"), page.expect_request("**/pagefind/wasm.da.pagefind"):
        page.locator(".sog-knap").hover()
    assert [u for u in requested if u.endswith("/sog/dialog.js")]
    assert not page.evaluate("document.getElementById('sog-dialog').open")
    page.locator(".sog-knap").click()
    assert page.evaluate("document.getElementById('sog-dialog').open")
    assert page.evaluate("document.activeElement.id") == "sog-felt"
    pagefind_search(page, "årshjul")
    assert not [u for u in requested if "/pagefind/pagefind-ui" in u], requested


def test_what_is_typed_before_the_search_has_loaded_is_searched(page):
    """ "/" opens the dialog with its field at once: a reader who types straight away loses nothing
    while the dialog's code and Pagefind are still on their way (here held back for a second)."""
    held: list = []
    page.route("**/sog/dialog.js", lambda route: held.append(route))
    page.goto("trin-1/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "sog-felt"
    page.keyboard.type("årshjul")
    page.wait_for_timeout(1000)
    assert held and page.locator(RESULT).count() == 0
    held[0].continue_()
    page.wait_for_function("s => document.querySelector(s).textContent.endsWith('for ”årshjul”')", arg=STATUS)
    assert rank(next(q for q in QUERIES if q.q == "årshjul"), page.evaluate(PAGEFIND_RESULTS)) == 1


def test_more_results_are_shown_on_request_once_and_get_focus(search_page):
    """A few results first ("Vis flere resultater" adds as many again: PAGE_SIZE of sog/results.js,
    tested in tests/js/sog.test.mjs); a double click adds them once."""
    pagefind_search(search_page, "virksomhed")
    status = search_page.locator(STATUS).inner_text()
    total = int(status.split()[0])
    first = search_page.locator(RESULT).count()
    assert 0 < first and 2 * first < total, status
    more = search_page.get_by_role("button", name="Vis flere resultater")
    box = more.bounding_box()
    assert box and box["height"] >= 24 and box["width"] >= 24, box  # WCAG 2.5.8 target size
    more.dblclick()  # twice, quickly: still the next few, once
    search_page.wait_for_function("([s, n]) => document.querySelectorAll(s).length === n", arg=[RESULT, 2 * first])
    search_page.wait_for_timeout(500)
    links = search_page.evaluate(PAGEFIND_RESULTS)
    assert len(links) == 2 * first and len({page[0] for page in links}) == 2 * first, links
    # Focus goes to the first new result, so a keyboard or screen-reader user reads on from there.
    assert search_page.evaluate(
        "n => document.activeElement.closest('li.sog-resultat') === document.querySelectorAll('li.sog-resultat')[n]",
        first,
    )


def test_the_status_speaks_once_the_reader_pauses_not_per_keystroke(search_page):
    """The sentence on screen follows every answer; the live region (what a screen reader says)
    changes once the typing stops, to the sentence for what is in the field."""
    search_page.evaluate("""() => { window.__spoken = [];
      new MutationObserver(() => window.__spoken.push(document.querySelector('#sog-dialog [role=status]').textContent))
        .observe(document.querySelector('#sog-dialog [role=status]'), { childList: true, subtree: true, characterData: true }); }""")
    search_page.locator(FIELD).press_sequentially("risikoanalyse", delay=120)
    search_page.wait_for_function(
        "() => window.__spoken.length > 0 && window.__spoken.at(-1).includes('”risikoanalyse”')"
    )
    search_page.wait_for_timeout(1000)
    spoken = search_page.evaluate("window.__spoken")
    assert len(spoken) <= 2 and spoken[-1].endswith("for ”risikoanalyse”"), spoken
    assert search_page.locator(STATUS).inner_text() == spoken[-1]


def test_a_page_is_listed_once_not_again_as_its_own_section(search_page):
    """Pagefind gives the text above a page's first section as a section at the title's anchor
    ("/forord/#forord"): it is the page itself, shown as the page's own link and excerpt."""
    shown = """() => [...document.querySelectorAll('li.sog-resultat')].map((li) => [
      li.querySelector('h3').textContent, [...li.querySelectorAll('.sog-afsnit a')].map((a) => a.textContent)])"""
    for query in ("partnerskab", "årshjul", "madspild"):
        pagefind_search(search_page, query)
        results = search_page.evaluate(shown)
        assert results
        for title, sections in results:
            assert title not in sections, (query, title, sections)


def test_excerpts_mark_the_words_found_and_show_no_markup(search_page):
    pagefind_search(search_page, "risikoanalyse")
    first = search_page.locator(RESULT).first
    assert first.locator("mark").count() >= 1
    assert "<mark>" not in first.inner_text() and "&amp;" not in first.inner_text()
    # The page is a heading a screen reader can jump between; its sections are links under it.
    assert first.get_by_role("heading", level=3).count() == 1


FAILED = "Søgningen kunne ikke indlæses. Tjek forbindelsen, og prøv igen."


def test_a_search_that_cannot_load_says_so_in_danish_and_tries_again(browser, site_url):
    """Offline on a first visit (the offline worker blocked), the search says so; back online,
    the next search starts Pagefind afresh and answers, without reloading the page."""
    ctx = browser.new_context(base_url=site_url, locale="da-DK", service_workers="block")
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("trin-1/")
    page.wait_for_load_state("networkidle")
    ctx.set_offline(True)
    page.keyboard.press("/")
    page.keyboard.type("årshjul")
    page.wait_for_function("([s, f]) => document.querySelector(s).textContent === f", arg=[STATUS, FAILED])
    page.locator("#sog-dialog").get_by_role("status").filter(has_text=FAILED).wait_for()
    assert page.locator(RESULT).count() == 0
    ctx.set_offline(False)
    links = pagefind_search(page, "madspild")
    assert rank(next(q for q in QUERIES if q.q == "madspild"), links) == 1
    assert errors == [], errors
    ctx.close()


def test_a_search_without_its_webassembly_says_so_in_danish(browser, site_url):
    ctx = browser.new_context(base_url=site_url, locale="da-DK")
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/pagefind/*.pagefind", lambda route: route.abort())
    page.goto("trin-1/")
    open_pagefind(page)
    page.locator(FIELD).fill("årshjul")
    page.wait_for_function("([s, f]) => document.querySelector(s).textContent === f", arg=[STATUS, FAILED])
    assert page.locator(RESULT).count() == 0
    page.locator(FIELD).fill("")  # an emptied field says nothing, not the old failure
    page.wait_for_function("s => document.querySelector(s).textContent === ''", arg=STATUS)
    # Pagefind itself throws, uncaught, when its WebAssembly does not come (pagefind.js, its worker
    # message handler): nothing else may.
    assert all(e.startswith("Failed to load the Pagefind WASM") for e in errors), errors
    ctx.close()


def test_the_danish_word_list_is_help_not_a_requirement(page):
    """Without pagefind/dansk.json (missing or broken) queries are read as typed: still results."""
    page.route("**/pagefind/dansk.json", lambda route: route.fulfill(status=200, body="{ascii: ["))
    page.goto("trin-1/")
    open_pagefind(page)
    assert rank(next(q for q in QUERIES if q.q == "årshjul"), pagefind_search(page, "årshjul")) == 1


def test_offline_before_the_index_is_stored_is_a_failure_not_no_results(browser, site_url):
    """A first visit without the offline worker (blocked here), the network gone after the page
    loaded: a word whose part of the index never came must not read "Ingen resultater"."""
    ctx = browser.new_context(base_url=site_url, locale="da-DK", service_workers="block")
    page = ctx.new_page()
    page.goto("trin-1/")
    open_pagefind(page)
    pagefind_search(page, "risiko")
    ctx.set_offline(True)
    page.locator(FIELD).fill("økonomi")
    page.wait_for_function("([s, f]) => document.querySelector(s).textContent === f", arg=[STATUS, FAILED])
    ctx.set_offline(False)
    assert pagefind_search(page, "økonomi")  # and once back online, it answers
    ctx.close()


def test_escape_or_the_dimmed_page_closes_the_search_and_a_new_tab_keeps_it(search_page):
    pagefind_search(search_page, "årshjul")
    is_open = "document.getElementById('sog-dialog').open"
    link = search_page.locator(RESULT).first.locator("h3 a")
    with search_page.context.expect_page() as other:
        link.click(modifiers=["Control"])  # a new tab: the reader may want the next result too
    other.value.close()
    assert search_page.evaluate(is_open)
    search_page.mouse.click(2, search_page.viewport_size["height"] - 2)  # the dimmed page
    assert not search_page.evaluate(is_open)
    open_pagefind(search_page)
    search_page.keyboard.press("Escape")
    search_page.keyboard.press("Escape")  # the first may only empty the field (type="search")
    assert not search_page.evaluate(is_open)


def test_enter_goes_to_the_first_result(search_page):
    pagefind_search(search_page, "årshjul")
    search_page.locator(FIELD).press("Enter")
    assert search_page.evaluate("document.activeElement === document.querySelector('li.sog-resultat h3 a')")
