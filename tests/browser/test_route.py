"""The route's step-by-step in Chromium: show/hide per step and "Vis alle trin" by keyboard and
without JavaScript, working links, and no horizontal overflow at 320 and 390 px (tests/test_route.py
checks the built HTML)."""

from __future__ import annotations

import pytest

ROUTE = "partnerskabsruten/"


def open_states(page) -> list[bool]:
    return page.eval_on_selector_all("[data-rute] details.rute-indhold", "els => els.map(d => d.open)")


def test_each_step_opens_and_closes_by_keyboard(page):
    page.goto(ROUTE)
    summary = page.locator("#rute-trin-3 details > summary")
    summary.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    sheet = page.locator("#rute-trin-3 details a[href$='arbejdsark/trin-3-foer-moedet/']")
    sheet.wait_for(state="visible")
    assert summary.get_attribute("aria-expanded") in (None, "true")  # <summary>: Chromium exposes the state itself
    assert open_states(page).count(True) == 1
    page.keyboard.press("Space")
    sheet.wait_for(state="hidden")
    assert True not in open_states(page)


def test_show_all_steps_by_keyboard_and_back(page):
    page.goto(ROUTE)
    button = page.locator("[data-rute-alle]")
    assert button.inner_text() == "Vis alle trin" and button.get_attribute("aria-expanded") == "false"
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("[...document.querySelectorAll('[data-rute] details')].every(d => d.open)")
    assert button.inner_text() == "Skjul alle trin" and button.get_attribute("aria-expanded") == "true"
    # Every step's print pack is visible now.
    assert page.locator("[data-rute] details .rute-printpakke:visible").count() == len(open_states(page))
    page.keyboard.press("Enter")
    page.wait_for_function("[...document.querySelectorAll('[data-rute] details')].every(d => !d.open)")
    assert button.inner_text() == "Vis alle trin" and button.get_attribute("aria-expanded") == "false"


def test_show_all_follows_steps_opened_one_by_one(page):
    page.goto(ROUTE)
    summaries = page.locator("[data-rute] details > summary")
    for i in range(summaries.count()):
        summaries.nth(i).click()
    button = page.locator("[data-rute-alle]")
    page.wait_for_function("document.querySelector('[data-rute-alle]').getAttribute('aria-expanded') === 'true'")
    assert button.inner_text() == "Skjul alle trin"
    summaries.first.click()
    page.wait_for_function("document.querySelector('[data-rute-alle]').getAttribute('aria-expanded') === 'false'")
    assert button.inner_text() == "Vis alle trin"


def test_steps_open_without_javascript_and_the_show_all_button_hides(browser, site_url):
    ctx = browser.new_context(base_url=site_url, java_script_enabled=False)
    page = ctx.new_page()
    page.goto(ROUTE)
    assert not page.locator("[data-rute-alle]").is_visible()
    page.locator("#rute-trin-4 details > summary").click()
    link = page.locator("#rute-trin-4 details a[href$='arbejdsark/trin-4-dialogpapir/']")
    assert link.is_visible()
    link.click()
    page.wait_for_url("**/arbejdsark/trin-4-dialogpapir/")
    assert page.locator(".rute-panel").inner_text().startswith("DEL AF PARTNERSKABSRUTEN – TRIN 4")
    ctx.close()


def test_every_link_of_the_step_by_step_works(page, context):
    """Worksheet pages, step pages, examples and the PDFs (print packs, blank sheets) all answer 200."""
    page.goto(ROUTE)
    hrefs = page.eval_on_selector_all("[data-rute] a[href]", "els => [...new Set(els.map(a => a.href))]")
    assert len([h for h in hrefs if "/printpakke-" in h]) == 8
    assert len([h for h in hrefs if "/arbejdsark/" in h]) == 29
    bad = [(h, r.status) for h in hrefs if (r := context.request.get(h)).status != 200]
    assert bad == []


OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const out = [...document.querySelectorAll('article *')].filter(el => {
    const r = el.getBoundingClientRect();
    return r.width && r.right > width + 0.5 && !el.closest('.md-typeset__scrollwrap, .ark-scroll, pre, .sr-only');
  }).map(el => el.tagName + '.' + el.className);
  return { scroll: document.documentElement.scrollWidth, width, out: out.slice(0, 5) };
}"""


@pytest.mark.parametrize("width", [320, 390])  # the narrowest phone, and a common one
@pytest.mark.parametrize("path", ["", ROUTE, "trin-4/", "arbejdsark/trin-2-refleksion/", "eksempler/murmal/"])
def test_no_horizontal_overflow_on_phones(browser, site_url, path, width):
    ctx = browser.new_context(base_url=site_url, viewport={"width": width, "height": 640})
    page = ctx.new_page()
    page.goto(path)
    if path == ROUTE:
        page.locator("[data-rute-alle]").click()
        page.wait_for_function("[...document.querySelectorAll('[data-rute] details')].every(d => d.open)")
    circles = page.eval_on_selector_all(
        ".trin-prikker a, .rute-cirkel", "els => els.map(e => e.getBoundingClientRect().right)"
    )
    assert circles, "no step circles on the page"
    result = page.evaluate(OVERFLOW)
    assert result["scroll"] <= result["width"] and result["out"] == [], result
    assert max(circles) <= result["width"]
    ctx.close()
