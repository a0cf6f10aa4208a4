"""Run the query set (tests/search/queries.yml) through a search UI in Chromium.

Used by tests/browser/test_search.py (the site's search, in CI) and benchmarks/search.py (the
engines side by side). A query hits at rank k when the k-th result is the expected page and,
when a section is expected, that result lists the section's anchor among its links.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import yaml

QUERIES = Path(__file__).with_name("queries.yml")

# The site's search dialog (overrides/partials/search.html, sog/dialog.js): its field, the
# sentence that says what was found, the results (a page each) and their links (the page first).
FIELD = "#sog-felt"
STATUS = "#sog-ui .sog-status"
RESULT = "#sog-ui li.sog-resultat"
LINK = "a.sog-link"
PAGEFIND_RESULTS = f"""() => [...document.querySelectorAll('{RESULT}')]
  .map(li => [...li.querySelectorAll('{LINK}')].map(a => a.href))"""


@dataclass
class Query:
    q: str
    page: str
    top: int
    kind: str
    section: str | None = None


def load_queries() -> list[Query]:
    return [Query(**item) for item in yaml.safe_load(QUERIES.read_text(encoding="utf-8"))]


def _path(href: str) -> tuple[str, str]:
    url = urlparse(href)
    return url.path.lstrip("/"), url.fragment


def rank(query: Query, results: list[list[str]]) -> int | None:
    """1-based rank of the first result that satisfies the query, or None."""
    for i, links in enumerate(results, 1):
        if not links or _path(links[0])[0] != query.page:
            continue
        if query.section is None or any(_path(h) == (query.page, query.section) for h in links):
            return i
    return None


def pagefind_search(page, text: str) -> list[list[str]]:
    """Type into the open search dialog; wait for its sentence about this very query ("… for
    ”<query>”"), which changes together with the results in the page."""
    page.locator(FIELD).fill(text)
    page.wait_for_function(
        """([sel, q]) => { const s = document.querySelector(sel)?.textContent || '';
                           return s.includes('”' + q + '”') && !s.startsWith('Søger'); }""",
        arg=[STATUS, text],
    )
    return page.evaluate(PAGEFIND_RESULTS)


def open_pagefind(page) -> None:
    page.keyboard.press("/")
    page.locator(FIELD).wait_for()
    page.wait_for_function("() => document.getElementById('sog-dialog').dataset.started")  # the dialog's code runs


# Material's search answers in a web worker ({type: 2} query → {type: 3} result). Installed
# before the page loads (context.add_init_script), this records what goes in and out, so a runner
# knows which query the last result answers: the UI renders that result as it is, in its order.
MATERIAL_HOOK = """(() => {
  const Native = window.Worker;
  const seen = (window.__lunr = { sent: 0, got: 0, query: null, result: null });
  window.Worker = function (url, options) {
    const worker = new Native(url, options);
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message, ...rest) => {
      if (message && message.type === 2) { seen.sent++; seen.query = message.data; }
      return post(message, ...rest);
    };
    worker.addEventListener("message", (event) => {
      if (event.data && event.data.type === 3) { seen.got++; seen.result = event.data.data; }
    });
    return worker;
  };
  window.Worker.prototype = Native.prototype;
})()"""

# The worker's result as the UI lists it: per page, the page itself first, then its sections.
MATERIAL_RESULTS = """() => {
  const base = new URL(JSON.parse(document.getElementById("__config").textContent).base, location.href);
  return window.__lunr.result.items.map((docs) => {
    const page = docs.find((d) => !d.location.includes("#")) || docs[0];
    return [page, ...docs.filter((d) => d !== page)].map((d) => new URL(d.location, base).href);
  });
}"""


def open_material(page) -> None:
    page.keyboard.press("/")  # Material's shortcut: opens the search and focuses its field
    page.locator(".md-search__input").wait_for()
    page.wait_for_function("() => window.__lunr && window.__lunr.got > 0")  # index ready (first answer)


def material_search(page, text: str) -> list[list[str]]:
    """Type into Material's search (it searches on keyup); wait for the worker's answer to it."""
    field = page.locator(".md-search__input")
    field.fill(text)
    field.press("End")  # a keyup, as typing gives
    page.wait_for_function("q => window.__lunr.query === q && window.__lunr.got === window.__lunr.sent", arg=text)
    return page.evaluate(MATERIAL_RESULTS)


def score(queries: list[Query], found: dict[str, int | None]) -> dict:
    top1 = sum(1 for q in queries if found[q.q] == 1)
    top3 = sum(1 for q in queries if found[q.q] is not None and found[q.q] <= 3)
    passed = [q.q for q in queries if found[q.q] is not None and found[q.q] <= q.top]
    return {
        "n": len(queries),
        "top1": top1,
        "top3": top3,
        "passed": len(passed),
        "failed": [(q.q, q.top, found[q.q]) for q in queries if q.q not in passed],
    }
