"""Assistive technology, touch and zoom (issue 22): every worksheet field in Chromium's
accessibility tree at load, touch targets of 44 px on touch screens (and never under WCAG 2.2's
24 px), a named and reachable menu icon, named sidebar landmarks, a labelled search field, and
the role tables whole at 200 % zoom. axe at two widths is test_quality.py's; the presentation's
keys are test_present.py's."""

from __future__ import annotations

import pytest

from .helpers import bind_all, open_sheet, settled
from .test_phone import CELLS

STEP_PAGES = ["trin-2/", "trin-3/", "trin-4/", "trin-5/"]
FORM_ROLES = {"textbox", "checkbox", "radio", "combobox", "spinbutton"}
ZOOMED = {"width": 683, "height": 384}  # a 1366 × 768 laptop screen at 200 % zoom, in CSS px


@pytest.fixture
def touch(browser, site_url):
    """A page on a 390 px touch phone (coarse pointer)."""
    ctx = browser.new_context(
        base_url=site_url, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, locale="da-DK"
    )
    ctx.set_default_timeout(10_000)
    yield ctx.new_page()
    ctx.close()


# --- Every worksheet control is in the accessibility tree at load --------------------------------


def form_controls_in_tree(page) -> int:
    """How many form fields Chromium's accessibility tree (what a screen reader reads) exposes."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    return sum(1 for n in nodes if not n.get("ignored") and n.get("role", {}).get("value") in FORM_ROLES)


@pytest.mark.parametrize("path", STEP_PAGES)
def test_every_worksheet_field_is_in_the_accessibility_tree_without_scrolling(page, path):
    """content-visibility: auto took the sheets below the first screen out of the tree (trin-5: 0 of 65)."""
    page.goto(path)
    page.wait_for_load_state("load")  # the fields are in the HTML; the sheets' code binds them later
    in_tree = form_controls_in_tree(page)  # before anything below asks for layout
    drawn = page.evaluate(
        """() => [...document.querySelectorAll('textarea, input:not([type=hidden]):not([type=file]), select')]
             .filter((el) => el.checkVisibility({ visibilityProperty: true })).length"""
    )
    in_sheets = page.locator(".ark form :is(textarea, input)").count()
    assert in_sheets > 30 and drawn >= in_sheets
    assert in_tree == drawn, f"/{path}: the accessibility tree holds {in_tree} of the {drawn} form fields"


# --- Touch targets -----------------------------------------------------------------------------

# Every button, menu item, radio and checkbox in the article (and the links under each toolbar)
# that is drawn, with its target: its own box or a label's that clicks it, whichever is larger.
SMALL_TARGETS = """(min) => {
  const kinds = 'button, input[type=radio], input[type=checkbox], .ark-menu :is(a, label), .ark-saet a';
  const out = [];
  for (const el of document.querySelectorAll('article :is(' + kinds + ')')) {
    const boxes = [el, ...(el.labels || [])].filter((n) => n.checkVisibility()).map((n) => n.getBoundingClientRect());
    if (!boxes.length) continue;
    const best = boxes.reduce((a, b) => (Math.min(b.width, b.height) > Math.min(a.width, a.height) ? b : a));
    if (best.width < min - 0.5 || best.height < min - 0.5) {
      const name = (el.getAttribute('aria-label') || el.textContent).trim().slice(0, 50);
      out.push(`${el.tagName.toLowerCase()} ${el.type || ''} "${name}": ${Math.round(best.width)} x ${Math.round(best.height)}`);
    }
  }
  return out;
}"""

TOUCH_PAGES = ["trin-3/", "trin-4/", "arbejdsark/trin-4-risikoanalyse/", "arbejdsark/trin-3-foer-moedet/"]


def open_every_menu(page) -> None:
    for toggle in page.locator("[data-ark-menu]").all():
        toggle.evaluate("b => b.click()")  # a click, also where the menu is below the screen


@pytest.mark.parametrize("path", TOUCH_PAGES)
def test_touch_targets_are_44_px_on_a_touch_screen(touch, path):
    touch.goto(path)
    bind_all(touch)
    assert touch.evaluate("matchMedia('(pointer: coarse)').matches")
    open_every_menu(touch)
    assert touch.locator(".ark-menu:not([hidden])").count() >= 1
    small = touch.evaluate(SMALL_TARGETS, 44)
    assert small == [], f"/{path}: {len(small)} targets under 44 x 44 px on a touch screen:\n" + "\n".join(small[:20])


def test_a_mouse_keeps_the_compact_toolbar(page):
    """The 44 px are for touch: with a fine pointer the toolbar and the risk scale stay as they were."""
    sheet = open_sheet(page, "arbejdsark/trin-4-risikoanalyse/", "trin-4-risikoanalyse")
    assert not page.evaluate("matchMedia('(pointer: coarse)').matches")
    assert sheet.locator('[data-action="print-filled"]').bounding_box()["height"] < 40
    assert sheet.locator("input[type=radio]").first.bounding_box()["height"] < 30
    assert page.evaluate(SMALL_TARGETS, 24) == []  # and still WCAG 2.2's 24 px (2.5.8)


def test_sidebar_links_are_24_px_high_on_a_laptop(page):
    """axe's target-size flagged Material's sidebar links: 18 px high with 15 px between them."""
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto("trin-7/")
    heights = page.evaluate(
        """() => [...document.querySelectorAll('.md-sidebar :is(a, label).md-nav__link')]
             .filter((el) => el.checkVisibility()).map((el) => [el.textContent.trim(), el.getBoundingClientRect().height])"""
    )
    assert len(heights) > 20
    assert [h for h in heights if h[1] < 24] == []


# --- The header and Material's navigation --------------------------------------------------------


def test_the_narrow_menu_icon_is_named_and_reached_by_keyboard(touch):
    from playwright.sync_api import expect

    touch.goto("trin-4/")
    menu = touch.locator('.md-header label[for="__drawer"]')
    assert menu.is_visible()
    expect(menu).to_have_accessible_name("Menu")
    drawer = touch.locator("#__drawer")
    assert not drawer.is_checked()
    for _ in range(10):  # the skip link and the logo come first
        touch.keyboard.press("Tab")
        if touch.evaluate("document.activeElement.getAttribute('for') === '__drawer'"):
            break
    else:
        pytest.fail("Tab never reached the menu icon")
    touch.keyboard.press("Enter")  # Material's
    assert drawer.is_checked()
    touch.locator("#__drawer").evaluate("c => { c.checked = false; }")
    menu.focus()
    touch.keyboard.press(" ")  # a button's other key
    assert drawer.is_checked()
    assert touch.evaluate("scrollY") == 0, "Space scrolled the page instead"


def test_sidebar_landmarks_are_named_and_no_nav_is_expandable(page):
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto("eksempler/murmal/")
    for name in ["Eksempler", "Værdiperspektiver", "Mit partnerskab"]:
        assert page.get_by_role("navigation", name=name, exact=True).count() == 1, name
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('nav')].filter((nav) => {
             const ids = (nav.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean);
             const text = ids.map((id) => { const l = document.getElementById(id); return l ? (l.getAttribute('aria-label') || l.textContent) : ''; }).join('');
             return !(nav.getAttribute('aria-label') || text).trim(); }).length"""
    )
    assert unnamed == 0
    assert page.locator("nav[aria-expanded]").count() == 0
    # Material sets it again when a section's toggle is used (in the phone's drawer).
    label = page.locator("nav.md-nav[aria-labelledby]").first.get_attribute("aria-labelledby")
    page.locator(f'[id="{label}"]').evaluate("l => l.click()")
    settled(page)
    assert page.locator("nav[aria-expanded]").count() == 0


def test_an_empty_table_of_contents_is_no_landmark(page):
    """A worksheet's own page has no headings under its title: its contents landmark led nowhere."""
    page.set_viewport_size({"width": 1366, "height": 800})
    toc = page.get_by_role("navigation", name="Indholdsfortegnelse", exact=True)
    page.goto("arbejdsark/trin-4-risikoanalyse/")
    page.wait_for_load_state("load")
    settled(page)
    assert toc.count() == 0
    page.goto("trin-4/")
    page.wait_for_load_state("load")
    settled(page)
    assert toc.count() == 1 and toc.get_by_role("link").count() > 3


def test_the_search_field_has_a_label(page):
    page.goto("")
    page.keyboard.press("/")
    field = page.locator("#sog-felt")
    field.wait_for()
    assert page.get_by_label("Søgeord", exact=True).count() == 1
    assert field.evaluate("f => [...f.labels].map((l) => l.textContent)") == ["Søgeord"]


# --- 200 % zoom --------------------------------------------------------------------------------


@pytest.mark.parametrize("ws", ["trin-5-roller-to-parter", "trin-5-roller-flere-parter"])
def test_role_tables_show_their_answer_column_at_200_percent_zoom(page, ws):
    page.set_viewport_size(ZOOMED)
    sheet = open_sheet(page, f"arbejdsark/{ws}/", ws)
    wrap = sheet.locator(".ark-table-wrap")
    assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth"), "the table scrolls sideways"
    box = sheet.bounding_box()
    rows = sheet.locator("table").evaluate(CELLS)
    answers = [cell for cells in rows for cell in cells if cell["field"]]
    assert answers
    for cell in answers:
        assert box["x"] <= cell["left"] and cell["right"] <= box["x"] + box["width"], f"{cell['field']} is cut off"
