"""The query set (tests/search/queries.yml) against the built site's search, in Chromium (issue 13).

Targets: at least 95 % of the queries find their page (and section) in the top 3, at least 80 %
in the top 1, and at least 90 % within the rank each asks for."""
from __future__ import annotations

import re

import pytest

from tests.search.run import load_queries, open_pagefind, pagefind_search, rank, score

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


def test_query_set_passes(ranks):
    result = score(QUERIES, ranks)
    n = result["n"]
    print(f"search: top 1 {result['top1']}/{n}, top 3 {result['top3']}/{n}, failed {result['failed']}")
    assert result["top3"] / n >= 0.95, result["failed"]
    assert result["top1"] / n >= 0.80, result["failed"]
    assert result["passed"] / n >= 0.90, result["failed"]  # each query within the rank it asks for


# Interface text never reaches a result; results on step pages name their step.
INTERFACE = ["Kopiér link", "Slå JavaScript til", "Tilføj række", "Tilføj udsagn", "Forrige trin", "Eksportér svar"]


@pytest.fixture
def search_page(page):
    page.goto("trin-1/")
    open_pagefind(page)
    return page


@pytest.mark.parametrize("text", INTERFACE)
def test_no_interface_text_in_results(search_page, text):
    search_page.locator("#sog-ui .pagefind-ui__search-input").fill(text)
    search_page.wait_for_function(
        "q => (document.querySelector('#sog-ui .pagefind-ui__message') || {}).textContent?.includes(q)", arg=text)
    shown = search_page.locator("#sog-ui .pagefind-ui__results").inner_text()
    # The help page "Sådan gemmes dine svar" names the buttons on purpose: it explains them.
    excerpts = search_page.evaluate(
        """() => [...document.querySelectorAll('#sog-ui li.pagefind-ui__result')]
             .filter(li => !li.querySelector('a[href*="saadan-gemmes-dine-svar"]'))
             .map(li => li.textContent)""")
    phrase = re.compile(re.escape(text) + r"(?!\w)", re.I)  # "Eksportér svarene" in the prose is fine
    assert not any(phrase.search(e) for e in excerpts), shown
    assert "\u00ad-" not in shown  # searchbuild's compound mark is never shown


def test_step_results_name_their_step(search_page):
    pagefind_search(search_page, "risikoanalyse")
    links = search_page.locator("#sog-ui li.pagefind-ui__result").first.locator("a.pagefind-ui__result-link")
    titles = [t.strip() for t in links.all_inner_texts()]
    assert "Trin 4 · Risikoanalyse" in titles, titles
    assert titles[0].startswith("Trin 4 · "), titles


def test_a_result_opens_its_section_and_closes_the_dialog(search_page):
    pagefind_search(search_page, "årshjul")
    search_page.locator('#sog-ui a.pagefind-ui__result-link[href$="#aarshjul-som-styringsredskab"]').first.click()
    search_page.wait_for_url("**/trin-7/#aarshjul-som-styringsredskab")
    assert not search_page.evaluate("document.getElementById('sog-dialog').open")
    assert search_page.context.requests.foreign() == []
