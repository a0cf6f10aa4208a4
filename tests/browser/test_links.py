"""Deep links in Chromium: copy-link buttons, and opening a link to something deep in a page."""

from __future__ import annotations


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def test_copy_link_to_a_question_by_keyboard(page, site_url):
    page.goto("trin-3/")
    item = "trin-3-foer-moedet--research-af-moedeltagerne"
    button = page.locator(f'button.kopier-link[data-link-id="{item}"]')
    assert button.get_attribute("aria-label").startswith("Kopiér link til punktet ”Lav en grundig research")
    button.focus()
    assert page.evaluate("document.activeElement.classList.contains('kopier-link')")
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('kopier-link-status')?.textContent.includes('kopieret')")
    assert clipboard(page) == f"{site_url}trin-3/#{item}"
    assert page.locator("#kopier-link-status").get_attribute("role") == "status"


def test_copy_link_to_a_section_and_to_the_page(page, site_url):
    page.goto("trin-3/")
    page.locator("h2#hvem-skal-med-til-moedet + button.kopier-link").click()
    assert clipboard(page) == f"{site_url}trin-3/#hvem-skal-med-til-moedet"
    page.locator("article h1 + button.kopier-link").click()
    assert clipboard(page) == f"{site_url}trin-3/"


def test_every_heading_and_question_has_a_copy_button(page):
    page.goto("trin-4/")
    page.wait_for_selector("button.kopier-link")
    missing = page.evaluate(
        """() => [...document.querySelectorAll('article h2[id], article h3[id], article .ark-item[id]')]
              .filter(el => !(el.querySelector('button.kopier-link') || el.matches('h2, h3') && el.nextElementSibling
                              && el.nextElementSibling.matches('button.kopier-link'))).map(el => el.id)"""
    )
    assert missing == []


def test_opening_a_deep_link_opens_collapsed_content_and_highlights_it(page):
    # A step of the route: its worksheets and print pack sit in a closed <details> (ruten.html).
    target = "rute-trin-3"
    page.goto(f"partnerskabsruten/#{target}")
    page.wait_for_selector(f"#{target}.is-link-target")
    assert page.evaluate(f"document.querySelector('#{target} > details.rute-indhold').open")
    assert page.evaluate("document.querySelectorAll('details.rute-indhold[open]').length") == 1
    box = page.locator(f"#{target}").bounding_box()
    assert box and 0 <= box["y"] < 900
    page.wait_for_function(f"!document.getElementById('{target}').classList.contains('is-link-target')")


def test_a_malformed_fragment_breaks_nothing(context):
    """A link cut off in an e-mail ("#…%"): no script error on load or on hashchange, and "Vis på
    skærm" still opens (at the first item)."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("trin-3/#trin-3-foer-moedet--research%")
    # The sheets' code loads when a field is touched; not by scrolling to one, since Material's
    # navigation.tracking would then write the section's anchor into the address meanwhile.
    page.evaluate(
        """() => [...document.querySelectorAll('.ark[data-ark] :is(textarea, input, button)')]
                  .some((el) => (el.focus({ preventScroll: true }), document.activeElement === el))"""
    )
    page.wait_for_selector('.ark[data-bound="1"]', state="attached")
    page.evaluate("document.activeElement.blur()")
    page.evaluate("location.hash = '%E6%9'")
    page.wait_for_function("location.hash === '#%E6%9'")
    page.evaluate("location.hash = 'rute%zz'")
    page.wait_for_function("location.hash === '#rute%zz'")
    page.get_by_role("button", name="Vis trinnet som præsentation").click()
    page.get_by_role("dialog", name="Præsentation: Trin 3: Det første møde").wait_for()
    assert page.locator(".ark-vis-nr").inner_text() == "3.1"
    page.keyboard.press("Escape")
    # hashchange is dispatched asynchronously: one more round trip lets its listeners run.
    page.evaluate("new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)))")
    assert errors == []


def test_a_linked_question_stays_marked_until_the_reader_moves_on(page):
    """After the 2.5 s flash a quiet marker (palette.css's --ppp-rule) stays on the target; a click
    elsewhere or another anchor removes it (issue 24: nothing marked it after the flash)."""
    target = "trin-3-foer-moedet--research-af-moedeltagerne"
    page.goto(f"trin-3/#{target}")
    page.wait_for_selector(f"#{target}.is-link-target")
    page.wait_for_function(f"!document.getElementById('{target}').classList.contains('is-link-target')")
    marker = page.locator(f"#{target}")
    assert "is-link-marked" in marker.get_attribute("class")
    assert marker.evaluate("el => getComputedStyle(el).boxShadow") != "none"
    marker.click(position={"x": 2, "y": 2})  # inside: reading, writing in it
    assert "is-link-marked" in marker.get_attribute("class")
    page.locator("article h1").click()
    assert "is-link-marked" not in marker.get_attribute("class")
