""" "Vis som præsentation": a step's or a worksheet's numbered items one at a time, with a QR code that
opens the same item on a phone. The QR code is decoded from a screenshot (zxing-cpp), under a
sub-path, so the address is the one a participant's phone would open."""

from __future__ import annotations

import io

import zxingcpp
from PIL import Image

from tests.browser.helpers import tool, wait_bound
from tests.browser.test_quality import axe_violations
from tests.item_numbers import read_numbers

NUMBERS = read_numbers()  # "3.2" → "trin-3-foer-moedet--…" (the anchor)
SHEET = "trin-3-under-moedet"


def decode_qr(page) -> str:
    png = page.locator(".ark-vis-qr-kode svg").screenshot()
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))
    assert len(found) == 1, f"expected one QR code, found {len(found)}"
    return found[0].text


def shown(page) -> str:
    return page.locator(".ark-vis-nr").inner_text()


def test_step_presentation_keys_qr_escape_and_focus(browser, sub_path_site):
    ctx = browser.new_context(base_url=sub_path_site, viewport={"width": 1366, "height": 800}, locale="da-DK")
    requests: list[str] = []
    ctx.on("request", lambda r: requests.append(r.url))
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("trin-3/")
    wait_bound(page, SHEET)
    assert not [u for u in requests if "uqr" in u or "present" in u], "the presentation's code loads only when it opens"

    opener = page.get_by_role("button", name="Vis trinnet som præsentation")
    opener.focus()
    opener.click()
    dialog = page.get_by_role("dialog", name="Præsentation: Trin 3: Det første møde")
    dialog.wait_for()
    assert page.locator(".ark-vis[aria-modal='true'] [aria-live='polite']").count() == 1
    assert shown(page) == "3.1"
    page.wait_for_function("document.fullscreenElement && document.fullscreenElement.classList.contains('ark-vis')")
    assert "Gode råd før mødet" in page.locator(".ark-vis-punkt").inner_text()
    assert page.locator(".ark-vis-taeller").inner_text() == "1 af 21"
    assert decode_qr(page) == f"{sub_path_site}trin-3/#{NUMBERS['3.1']}"

    page.keyboard.press("ArrowRight")
    assert shown(page) == "3.2"
    assert decode_qr(page) == f"{sub_path_site}trin-3/#{NUMBERS['3.2']}"
    page.keyboard.press("PageDown")
    assert shown(page) == "3.3"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("PageUp")
    assert shown(page) == "3.1"
    page.keyboard.press("ArrowLeft")  # no wrapping
    assert shown(page) == "3.1"
    page.keyboard.press("End")
    assert shown(page) == "3.21"
    assert "Gode råd efter mødet" in page.locator(".ark-vis-punkt").inner_text()  # across the worksheets
    page.keyboard.press("Home")
    assert shown(page) == "3.1"
    page.get_by_role("button", name="Næste →").click()
    assert shown(page) == "3.2"
    assert axe_violations(page) == []  # the open presentation (WCAG 2.1 A/AA)

    page.keyboard.press("Escape")  # in fullscreen the browser's: it leaves fullscreen, which closes
    dialog.wait_for(state="detached")
    assert page.evaluate("document.fullscreenElement") is None
    assert page.evaluate("document.activeElement.textContent") == "Vis trinnet som præsentation"
    assert page.evaluate("Array.from(document.body.children).some((n) => n.inert)") is False
    assert not [u for u in requests if not u.startswith("http://127.0.0.1:")], "nothing leaves the machine"
    assert any(u.endswith("assets/vendor/uqr/uqr.esm.js") for u in requests)
    assert not errors, errors
    ctx.close()


def test_worksheet_presentation_shows_only_its_items(page):
    """On the worksheet's own page, in a browser without the Fullscreen API (the overlay fills the window)."""
    page.add_init_script("Object.defineProperty(Document.prototype, 'fullscreenEnabled', { get: () => false })")
    page.goto(f"arbejdsark/{SHEET}/")
    page.wait_for_selector(f'.ark[data-ark="{SHEET}"][data-bound="1"]')
    sheet = page.locator(f'.ark[data-ark="{SHEET}"]')
    tool(sheet, "present").click()  # in the "Flere handlinger" menu
    page.get_by_role("dialog", name="Præsentation: Gode råd under mødet").wait_for()
    first = [nr for nr, item in NUMBERS.items() if item.startswith(SHEET + "--")]
    assert shown(page) == first[0] == "3.9"
    assert page.evaluate("document.fullscreenElement") is None
    box = page.locator(".ark-vis").bounding_box()
    assert (box["width"], box["height"]) == (1280, 900)  # the whole window
    assert page.locator(".ark-vis-taeller").inner_text() == f"1 af {len(first)}"
    page.keyboard.press("End")
    assert shown(page) == first[-1]
    assert decode_qr(page).endswith(f"/arbejdsark/{SHEET}/#{NUMBERS[first[-1]]}")
    page.get_by_role("button", name="Luk (Esc)").click()
    assert page.locator(".ark-vis").count() == 0
    # The button sat in the "Flere handlinger" menu, closed again by now: focus goes to its toggle.
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == f"ark-menu-{SHEET}"


def test_sheets_without_numbered_items_have_no_present_button(page):
    page.goto("trin-7/")
    wait_bound(page, "trin-7-kpi")
    assert page.locator('.ark[data-ark="trin-7-kpi"] button[data-action="present"]').count() == 0
    assert page.locator('.ark[data-ark="trin-7-partnerskabsaftale"] button[data-action="present"]').count() == 1


def test_the_books_own_numbers_are_not_doubled_in_the_presentation(page):
    """The agreement's points carry the book's numbers ("1. Parterne"): the screen shows no site
    number beside them (never "7.1" over "1. Parterne"), but the QR code still opens the item."""
    sheet_id = "trin-7-partnerskabsaftale"
    page.goto(f"arbejdsark/{sheet_id}/")
    page.wait_for_selector(f'.ark[data-ark="{sheet_id}"][data-bound="1"]')
    tool(page.locator(f'.ark[data-ark="{sheet_id}"]'), "present").click()
    page.locator(".ark-vis").wait_for()
    assert shown(page) == ""
    assert page.locator(".ark-vis-tekst").inner_text().startswith("1. Parterne")
    assert decode_qr(page).endswith(f"/arbejdsark/{sheet_id}/#{NUMBERS['7.1']}")


NO_FULLSCREEN = "Object.defineProperty(Document.prototype, 'fullscreenEnabled', { get: () => false })"


def focus_in_view(page) -> str:
    """What has focus: "view" (the presentation itself), a button's data-move, or "outside"."""
    return page.evaluate(
        """() => { const a = document.activeElement, view = document.querySelector('.ark-vis');
             if (!view || !view.contains(a)) return 'outside';
             return a === view ? 'view' : a.dataset.move || a.tagName; }"""
    )


def test_presentation_keys_as_in_a_slide_program_focus_kept_inside(page):
    """Space and Enter closed the view (focus sat on "Luk (Esc)"): they page forward now."""
    page.add_init_script(NO_FULLSCREEN)  # Escape is then the page's, not the browser's
    page.goto("trin-3/")
    wait_bound(page, SHEET)
    opener = page.get_by_role("button", name="Vis trinnet som præsentation")
    opener.focus()
    page.keyboard.press("Enter")
    page.get_by_role("dialog", name="Præsentation: Trin 3: Det første møde").wait_for()
    assert shown(page) == "3.1" and focus_in_view(page) == "view"
    live = page.locator(".ark-vis [aria-live='polite']")
    region = live.element_handle()
    for key, expected in [
        ("Space", "3.2"),
        ("Enter", "3.3"),
        ("PageDown", "3.4"),
        ("ArrowRight", "3.5"),
        ("Shift+Space", "3.4"),
        ("PageUp", "3.3"),
        ("ArrowLeft", "3.2"),
    ]:
        page.keyboard.press(key)
        assert shown(page) == expected, key
    # Announced: the same polite live region (a replaced one is not read) holds the new item.
    assert region.evaluate("r => r.isConnected && r.textContent.includes('3.2')")
    assert live.get_attribute("aria-atomic") == "true"
    # Tab goes round the view's buttons and never leaves it.
    order = []
    for _ in range(4):
        page.keyboard.press("Tab")
        order.append(focus_in_view(page))
    assert order == ["close", "prev", "next", "close"]
    page.keyboard.press("Shift+Tab")
    assert focus_in_view(page) == "next"
    # On a button, Space and Enter are that button's: "Forrige" goes back.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert shown(page) == "3.1"
    assert focus_in_view(page) == "view", "focus left with the disabled button"
    page.keyboard.press("Escape")
    page.locator(".ark-vis").wait_for(state="detached")
    assert page.evaluate("document.activeElement.textContent") == "Vis trinnet som præsentation"


def test_presentation_fits_a_window_at_200_percent_zoom(page):
    page.set_viewport_size({"width": 683, "height": 384})  # 1366 × 768 at 200 %
    page.add_init_script(NO_FULLSCREEN)
    page.goto("trin-3/")
    wait_bound(page, SHEET)
    page.get_by_role("button", name="Vis trinnet som præsentation").click()
    page.locator(".ark-vis-qr-kode svg").wait_for()
    view = page.locator(".ark-vis").evaluate("v => [v.scrollWidth, v.clientWidth, v.scrollHeight, v.clientHeight]")
    assert view[0] <= view[1] and view[2] <= view[3], f"the view scrolls: {view}"
    for part in [".ark-vis-luk", '[data-move="prev"]', '[data-move="next"]', ".ark-vis-nr", ".ark-vis-qr-kode svg"]:
        box = page.locator(part).bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 384 and box["x"] + box["width"] <= 683, part
