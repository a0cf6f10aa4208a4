"""Phones, keyboards and screen readers (issue 11): the worksheet menu, tables as cards on narrow
screens, printed tables that fit A4, reachable "Kopiér link" buttons, heading names without
their buttons, and form field borders with enough contrast."""

from __future__ import annotations

import pytest

from tests.support import CHROMIUM_ARGS, chromium_path

from .helpers import open_sheet, tool, wait_bound, wait_status

PHONE = {"width": 390, "height": 844}
SHEET_PAGE, SHEET = "arbejdsark/trin-3-foer-moedet/", "trin-3-foer-moedet"
MENU_ACTIONS = [
    "print-blank",
    "present",
    "copy-text",
    "share",
    "continue-phone",
    "export",
    "import",
    "clear",
    "docx",
    "pdf-filled",
]


@pytest.fixture
def phone(browser, site_url):
    """A page on a 390 px touch phone."""
    ctx = browser.new_context(
        base_url=site_url, viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2, locale="da-DK"
    )
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    ctx.set_default_timeout(10_000)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    ctx.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def visible_tools(sheet) -> list[str]:
    return sheet.locator(".ark-tools").evaluate(
        "el => [...el.querySelectorAll('button, a, label')].filter(c => c.getClientRects().length)"
        ".map(c => c.textContent.trim())"
    )


# --- One visible action, the rest in "Flere handlinger" ---------------------------------------


def test_a_worksheet_starts_with_one_action_and_a_menu_on_a_phone(phone):
    sheet = open_sheet(phone, SHEET_PAGE, SHEET)
    assert visible_tools(sheet) == ["Udskriv med svar", "Flere handlinger"]
    primary, toggle = sheet.locator('[data-action="print-filled"]'), sheet.locator("[data-ark-menu]")
    assert primary.bounding_box()["y"] == toggle.bounding_box()["y"], "both on one line"
    assert toggle.get_attribute("aria-expanded") == "false"
    menu = phone.locator("#" + toggle.get_attribute("aria-controls"))
    assert menu.is_hidden()
    toggle.tap()
    assert toggle.get_attribute("aria-expanded") == "true" and menu.is_visible()
    actions = menu.evaluate("m => [...m.querySelectorAll('[data-action]')].map(el => el.dataset.action)")
    assert actions == MENU_ACTIONS
    assert menu.locator("a[download]").is_visible()  # the blank PDF
    toggle.tap()
    assert menu.is_hidden() and toggle.get_attribute("aria-expanded") == "false"


def test_the_menu_by_keyboard(page):
    sheet = open_sheet(page, SHEET_PAGE, SHEET)
    toggle = sheet.locator("[data-ark-menu]")
    sheet.locator('[data-action="print-filled"]').focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-ark-menu')")
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")  # into the menu, in its order
    assert page.evaluate("document.activeElement.dataset.action") == "print-blank"
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.hasAttribute('data-ark-menu')"), "focus back on the toggle"
    assert sheet.locator(".ark-menu").is_hidden()
    page.keyboard.press("Space")  # a real button: Space opens it too
    for _ in range(3):  # print-blank, present ("Vis som præsentation"), copy-text
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "copy-text"
    page.keyboard.press("Enter")  # an action closes the menu and leaves focus on its toggle
    wait_status(page, sheet, "kopieret")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.hasAttribute('data-ark-menu')")


def test_every_worksheet_of_a_step_has_its_own_menu(page):
    page.goto("trin-4/")
    wait_bound(page)
    sheets = page.locator(".ark[data-ark]")
    assert sheets.count() > 3
    for i in range(sheets.count()):
        sheet = sheets.nth(i)
        assert visible_tools(sheet) == ["Udskriv med svar", "Flere handlinger"]
    # Each toggle opens its own sheet's menu only.
    second = sheets.nth(1)
    tool(second, "export")
    assert second.locator(".ark-menu").is_visible()
    assert sheets.nth(0).locator(".ark-menu").is_hidden()


# --- Headings are named by their text alone ---------------------------------------------------


@pytest.mark.parametrize("path", ["trin-3/", "arbejdsark/", "eksempler/murmal/"])
def test_headings_are_named_by_their_text(page, path):
    """Screen readers heard "Det første møde ¶ Kopiér link til siden …": the button (and no
    permalink) is beside the heading, not in it; the heading's accessible name is its text."""
    page.goto(path)
    headings = page.evaluate(
        "() => [...document.querySelectorAll('article :is(h1, h2, h3)')].map(h => [h.textContent.trim(), h.id, h.tagName === 'H1'])"
    )
    assert len(headings) >= 3
    for text, anchor, is_page in headings:
        assert text and "Kopiér" not in text and "¶" not in text, text
        assert page.get_by_role("heading", name=text, exact=True).count() >= 1, f"heading {text!r} is named otherwise"
        if anchor:  # its button is still beside it, copying its address
            link = "" if is_page else anchor  # the page's own heading copies the page's address
            assert page.locator(f'[id="{anchor}"] + button.kopier-link[data-link-id="{link}"]').count() == 1
    h1 = page.locator("article h1").first
    button = page.locator("article h1 + button.kopier-link")
    h1_box, button_box = h1.bounding_box(), button.bounding_box()
    assert (
        abs((h1_box["y"] + h1_box["height"] / 2) - (button_box["y"] + button_box["height"] / 2)) < h1_box["height"] / 2
    ), "the page's button sits on the heading's line"


# --- "Kopiér link" on a question: there on touch, without hover or focus -----------------------


def test_a_questions_copy_link_is_shown_and_works_by_touch(phone, site_url):
    phone.goto("trin-3/")
    item = "trin-3-foer-moedet--research-af-moedeltagerne"
    button = phone.locator(f'button.kopier-link[data-link-id="{item}"]')
    button.scroll_into_view_if_needed()
    # Nothing hovered or focused (a phone has no hover): the button is drawn all the same.
    assert not phone.evaluate("document.activeElement.closest('.ark-item')")
    opacity = button.evaluate(
        "el => { let o = 1; for (let n = el; n; n = n.parentElement) o *= +getComputedStyle(n).opacity; return o; }"
    )
    assert opacity == 1
    assert button.evaluate("el => getComputedStyle(el).visibility") == "visible"
    button.tap()
    phone.wait_for_function("document.getElementById('kopier-link-status')?.textContent.includes('kopieret')")
    assert phone.evaluate("navigator.clipboard.readText()") == f"{site_url}trin-3/#{item}"


# --- Non-text contrast of form fields (WCAG 2.1, 1.4.11) ---------------------------------------


def _luminance(rgb) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# The colour of a field's border as drawn (alpha composited over what is behind the field) and of
# the background around it (the nearest ancestor with one).
COLOURS = """el => {
  const rgba = (s) => { const m = s.match(/[\\d.]+/g).map(Number); return m.length === 3 ? [...m, 1] : m; };
  let bg = null;
  for (let n = el.parentElement; n && !bg; n = n.parentElement) {
    const c = rgba(getComputedStyle(n).backgroundColor);
    if (c[3] > 0) bg = c;
  }
  bg = bg || [255, 255, 255, 1];
  const b = rgba(getComputedStyle(el).borderTopColor);
  return { border: b.slice(0, 3).map((v, i) => v * b[3] + bg[i] * (1 - b[3])), bg: bg.slice(0, 3),
           style: getComputedStyle(el).borderTopStyle };
}"""


@pytest.mark.parametrize(
    "path, selector",
    [
        ("arbejdsark/trin-1-refleksion/", "textarea[data-key]"),
        ("arbejdsark/trin-3-foer-moedet/", ".ark-note textarea"),
        ("arbejdsark/trin-5-roller-to-parter/", "table textarea"),
    ],
)
def test_text_field_borders_have_3_to_1_contrast(page, path, selector):
    page.goto(path)
    field = page.locator(selector).first
    colours = field.evaluate(COLOURS)
    assert colours["style"] == "solid"
    assert contrast(colours["border"], colours["bg"]) >= 3, colours


@pytest.mark.parametrize(
    "path, selector",
    [
        ("arbejdsark/trin-3-foer-moedet/", ".ark input[type=checkbox]"),
        ("arbejdsark/trin-4-risikoanalyse/", ".ark input[type=radio]"),
    ],
)
def test_checkbox_and_radio_outlines_have_3_to_1_contrast(page, path, selector, tmp_path):
    """Chromium draws these itself: measure the drawn outline (its darkest pixel) against the page."""
    from PIL import Image

    page.goto(path)
    box = page.locator(selector).first
    box.scroll_into_view_if_needed()
    bg = box.evaluate(COLOURS)["bg"]
    shot = tmp_path / "box.png"
    box.screenshot(path=str(shot))
    img = Image.open(shot).convert("RGB")
    pixels = [img.getpixel((x, y)) for x in range(img.width) for y in range(img.height)]
    darkest = min(pixels, key=_luminance)
    assert contrast(darkest, bg) >= 3, (darkest, bg)


# --- Tables as cards on a phone ---------------------------------------------------------------

TABLES = [
    ("arbejdsark/trin-5-roller-to-parter/", "trin-5-roller-to-parter"),
    ("arbejdsark/trin-5-roller-flere-parter/", "trin-5-roller-flere-parter"),
    ("arbejdsark/trin-7-kpi/", "trin-7-kpi"),
    ("arbejdsark/trin-4-risikoanalyse/", "trin-4-risikoanalyse"),
]

# Per shown row: its cells' boxes, the label each cell shows (its ::before) and its column header.
CELLS = """table => {
  const headers = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
  return [...table.querySelectorAll('tbody tr')].filter(tr => tr.getClientRects().length).map(tr =>
    [...tr.children].map((cell, i) => {
      const r = cell.getBoundingClientRect();
      const field = cell.querySelector('[data-key]');
      const label = getComputedStyle(cell, '::before').content;
      return { left: r.left, right: r.right, shown: r.width > 0 && r.height > 0, header: headers[i],
               label: label === 'none' ? null : JSON.parse(label), rowHeader: cell.matches('th[scope=row]'),
               field: field && field.getAttribute('aria-label'), role: field && (field.type === 'radio' ? 'radio' : 'textbox') };
    }));
}"""


@pytest.mark.parametrize("path, ws", TABLES)
def test_table_rows_are_labelled_cards_on_a_phone(phone, path, ws):
    sheet = open_sheet(phone, path, ws)
    if sheet.locator('button[data-action="add-row"]').count():
        sheet.locator('button[data-action="add-row"]').click()  # an added row is a card too
    table = sheet.locator("table").first
    width = sheet.locator(".ark-table-wrap").evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert width[0] <= width[1], f"the table scrolls sideways: {width}"
    box = sheet.bounding_box()
    rows = table.evaluate(CELLS)
    assert rows and all(rows)
    for cells in rows:
        for cell in cells:
            assert cell["shown"], f"a column is hidden: {cell['header']}"
            assert box["x"] <= cell["left"] and cell["right"] <= box["x"] + box["width"], (
                f"{cell['header']} is off-screen"
            )
            if not cell["rowHeader"] or cell["field"]:
                assert cell["label"] == cell["header"], cell  # the column header as the cell's visible label
            if cell["field"]:  # a field keeps its own accessible name (its aria-label), as on a desktop
                assert phone.get_by_role(cell["role"], name=cell["field"], exact=True).count() == 1, cell["field"]


@pytest.mark.parametrize("path, ws", TABLES[::2])
def test_a_desktop_keeps_the_table(page, path, ws):
    sheet = open_sheet(page, path, ws)
    table = sheet.locator("table").first
    assert table.evaluate("t => getComputedStyle(t).display") == "table"
    assert table.locator("thead").is_visible()
    assert all(c["label"] is None for cells in table.evaluate(CELLS) for c in cells)


# --- Printed tables fit A4, and people get room where they write -------------------------------

MM = 72 / 25.4  # PDF points per millimetre
PAGE_MARGIN_MM = 15  # print-page.css @page: left and right margins (a collapsed border may reach 1 pt past)
LONG = "Frivilligkoordinatorens kvartalsrapportering https://eksempel.dk/partnerskabsaftale-med-virksomheden-2025"


def print_pdf(page):
    """The page as Chromium prints it (A4, print.css), opened with pypdfium2."""
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(page.pdf(format="A4", prefer_css_page_size=True))


def drawn_right_edge(pdf_page) -> float:
    """The rightmost x of anything drawn on the page (rules, borders, text)."""
    return max(obj.get_bounds()[2] for obj in pdf_page.get_objects())


def test_a_filled_table_prints_inside_the_page(page):
    sheet = open_sheet(page, "arbejdsark/trin-7-kpi/", "trin-7-kpi")
    for _ in range(2):
        sheet.locator('button[data-action="add-row"]').click()
    for area in sheet.locator("textarea[data-key]").all():
        area.fill(LONG)  # long words and an address: they used to push the last column off the paper
    pdf = print_pdf(page)
    try:
        for pdf_page in pdf:
            width = pdf_page.get_size()[0]
            assert drawn_right_edge(pdf_page) <= width - PAGE_MARGIN_MM * MM + 2, "the table runs past the right margin"
        text = pdf[0].get_textpage().get_text_range()
        assert "Ansvarlig" in text  # the last column is on the paper
    finally:
        pdf.close()


@pytest.mark.parametrize(
    "path, ws, column",
    [
        ("arbejdsark/trin-5-roller-to-parter/", "trin-5-roller-to-parter", "Hvem"),
        ("arbejdsark/trin-5-roller-flere-parter/", "trin-5-roller-flere-parter", "Hvem"),
    ],
)
def test_the_column_people_write_in_is_wide_on_paper(page, path, ws, column):
    """ "Hvem" was about 12 mm wide: the column written in by hand gets room (here the last one)."""
    open_sheet(page, path, ws)
    pdf = print_pdf(page)
    try:
        pdf_page = pdf[0]
        text = pdf_page.get_textpage()
        found = text.search(column, match_case=True, match_whole_word=True).get_next()
        assert found, f"{column} is not printed"
        left = text.get_charbox(found[0])[0]
        right = drawn_right_edge(pdf_page)
        assert right <= pdf_page.get_size()[0] - PAGE_MARGIN_MM * MM + 2
        assert (right - left) / MM >= 40, f"{column} is {(right - left) / MM:.0f} mm wide"
    finally:
        pdf.close()


def test_the_way_into_trin_1_is_on_the_home_pages_first_screen(phone):
    """Issue 25: on a 390 × 844 phone the home page's "Start med trin 1" shows without scrolling,
    after the sentence of the book it belongs to."""
    phone.goto("")
    button = phone.locator("article .start-knap")
    box = button.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], f"the button ends at y = {box}"
    assert phone.evaluate("scrollY") == 0


def test_back_after_a_link_in_the_drawer_shows_the_page(browser, site_url):
    """A phone's Back can restore the page as it was left (Chromium's back/forward cache, which
    Playwright turns off unless asked): a link followed from the open drawer must not bring the
    page back under an open drawer (links.js closes it on a restored page)."""
    b = browser.browser_type.launch(
        executable_path=chromium_path(), args=CHROMIUM_ARGS, ignore_default_args=["--disable-back-forward-cache"]
    )
    try:
        ctx = b.new_context(
            base_url=site_url, viewport=PHONE, has_touch=True, is_mobile=True, locale="da-DK", service_workers="block"
        )
        ctx.add_init_script("window.addEventListener('pageshow', (e) => { window.__restored = e.persisted; })")
        pg = ctx.new_page()
        pg.goto("trin-3/")
        pg.locator('.md-header label[for="__drawer"]').tap()
        pg.wait_for_function("document.getElementById('__drawer').checked")
        pg.locator('.md-nav--primary a[href$="trin-5/"]').first.tap()
        pg.wait_for_url("**/trin-5/")
        pg.go_back(wait_until="commit")
        pg.wait_for_function("window.__restored !== undefined")
        assert pg.evaluate("window.__restored"), "Back did not restore the page from the cache: the test proves nothing"
        assert not pg.evaluate("document.getElementById('__drawer').checked"), "the drawer came back open"
    finally:
        b.close()
