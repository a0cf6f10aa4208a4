""" "Vis på skærm": a step's or a worksheet's numbered items one at a time, with a QR code that
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

    opener = page.get_by_role("button", name="Vis trinnet på skærm")
    opener.focus()
    opener.click()
    dialog = page.get_by_role("dialog", name="Vis på skærm: Trin 3: Det første møde")
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
    assert page.evaluate("document.activeElement.textContent") == "Vis trinnet på skærm"
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
    page.get_by_role("dialog", name="Vis på skærm: Gode råd under mødet").wait_for()
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
