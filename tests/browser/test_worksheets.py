"""Worksheets in Chromium: what a person filling them in relies on."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from .helpers import (
    clear_sheet,
    contract,
    field,
    import_file,
    open_overview,
    storage_barrier,
    tool,
    wait_bound,
    wait_status,
)
from .helpers import export as _export
from .helpers import open_sheet as _open_sheet

STEP3 = "trin-3/"
SHEET = "trin-3-foer-moedet"
SHEET_PAGE = f"arbejdsark/{SHEET}/"
ITEM = "research-af-moedeltagerne"
XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> & "æøå"'


def open_sheet(page, path: str, ws: str = SHEET):
    return _open_sheet(page, path, ws)


def note_key(item: str) -> str:
    return f"{item}--note"


def test_answers_survive_reload_and_status_is_announced(page):
    sheet = open_sheet(page, SHEET_PAGE)
    field(sheet, ITEM).check()
    field(sheet, note_key(ITEM)).fill("Vi kender direktøren fra Rotary.\nSpørg om mandat.")
    status = sheet.locator(".ark-status")
    assert status.get_attribute("role") == "status"
    assert "Gemt" in status.inner_text()
    page.reload()
    sheet = open_sheet(page, SHEET_PAGE)
    assert field(sheet, ITEM).is_checked()
    assert field(sheet, note_key(ITEM)).input_value() == "Vi kender direktøren fra Rotary.\nSpørg om mandat."


def test_text_typed_before_the_sheet_is_bound_is_kept_and_saved(page):
    """A fast typist or a slow phone: what is typed before the worksheet modules have bound the
    sheet stays on screen and is saved (the first re-sync once wrote the empty store over it)."""
    release = []
    page.route("**/ark/sheet.js", lambda route: release.append(route))  # hold the module back
    with page.expect_request("**/ark/sheet.js"):
        page.goto(SHEET_PAGE)
    note = page.locator(f'.ark[data-ark="{SHEET}"] [data-key="{note_key(ITEM)}"]')
    note.fill("Skrevet før scriptet")
    field(page.locator(f'.ark[data-ark="{SHEET}"]'), ITEM).check()
    release[0].continue_()
    sheet = page.locator(f'.ark[data-ark="{SHEET}"][data-bound="1"]')
    sheet.wait_for()
    assert field(sheet, note_key(ITEM)).input_value() == "Skrevet før scriptet"
    page.unroute("**/ark/sheet.js")
    page.reload()
    sheet = open_sheet(page, SHEET_PAGE)
    assert field(sheet, note_key(ITEM)).input_value() == "Skrevet før scriptet"
    assert field(sheet, ITEM).is_checked()


def test_same_sheet_on_step_page_and_own_page_share_answers(page):
    sheet = open_sheet(page, STEP3)
    field(sheet, note_key(ITEM)).fill("Skrevet på trinsiden")
    sheet = open_sheet(page, SHEET_PAGE)
    assert field(sheet, note_key(ITEM)).input_value() == "Skrevet på trinsiden"


def test_answers_come_back_after_going_on_and_back(page):
    """Next step by the footer's link, then the browser's Back: the answer is there again. Each is a
    page load: navigation.instant is off (mkdocs.yml; issue 25, benchmarks/issue25.md)."""
    sheet = open_sheet(page, STEP3)
    field(sheet, note_key(ITEM)).fill("Før navigation")
    page.evaluate("window.__marker = 1")  # gone after a page load
    page.locator(".md-footer__link--next").click()
    page.wait_for_url(lambda url: "/trin-4/" in url)
    page.go_back()
    page.wait_for_url(lambda url: "/trin-3/" in url)
    sheet = page.locator(f'.ark[data-ark="{SHEET}"]')
    page.wait_for_selector(f'.ark[data-ark="{SHEET}"][data-bound="1"]')
    assert field(sheet, note_key(ITEM)).input_value() == "Før navigation"
    assert page.evaluate("window.__marker") is None, (
        "a link was followed without a page load: navigation.instant is on again?"
    )


def test_another_open_tab_follows(context):
    first, second = context.new_page(), context.new_page()
    a = open_sheet(first, SHEET_PAGE)
    b = open_sheet(second, STEP3)
    field(a, note_key(ITEM)).fill("Fra fane ét")
    field(a, ITEM).check()
    # The note and the tick are two writes, so two storage events in the other tab: the note could
    # show there before the tick's event had been handled. Wait until both have.
    storage_barrier(first, second)
    assert field(b, note_key(ITEM)).input_value() == "Fra fane ét"
    assert field(b, ITEM).is_checked()


def test_every_kind_of_field_saves(page):
    cases = [
        ("arbejdsark/trin-1-refleksion/", "trin-1-refleksion", "textarea"),
        ("arbejdsark/trin-4-dialogpapir/", "trin-4-dialogpapir", "textarea"),
        ("arbejdsark/trin-2-virksomhedens-briller/", "trin-2-virksomhedens-briller", "textarea"),
        ("arbejdsark/trin-5-roller-to-parter/", "trin-5-roller-to-parter", "textarea"),
        ("arbejdsark/trin-7-aarshjul/", "trin-7-aarshjul", "textarea"),
        ("arbejdsark/trin-4-risikoanalyse/", "trin-4-risikoanalyse", "radio"),
    ]
    for path, ws, kind in cases:
        sheet = open_sheet(page, path, ws)
        if kind == "radio":
            sheet.locator('input[type="radio"]').nth(1).check()
        else:
            for i in range(sheet.locator("textarea[data-key]").count()):
                sheet.locator("textarea[data-key]").nth(i).fill(f"Svar {i} i {ws}")
        page.reload()
        sheet = open_sheet(page, path, ws)
        if kind == "radio":
            assert sheet.locator('input[type="radio"]').nth(1).is_checked(), ws
        else:
            n = sheet.locator("textarea[data-key]").count()
            assert n > 0
            for i in range(n):
                assert sheet.locator("textarea[data-key]").nth(i).input_value() == f"Svar {i} i {ws}", ws


def test_rows_can_be_added_and_are_kept(page):
    for ws, path in (
        ("trin-4-risikoanalyse", "arbejdsark/trin-4-risikoanalyse/"),
        ("trin-7-kpi", "arbejdsark/trin-7-kpi/"),
    ):
        sheet = open_sheet(page, path, ws)
        before = sheet.locator("tbody tr:not(.ark-blank-row)").count()
        sheet.locator('button[data-action="add-row"]').click()
        assert sheet.locator("tbody tr:not(.ark-blank-row)").count() == before + 1
        new_row = sheet.locator("tr[data-added-row]").last
        new_row.locator("textarea").first.fill(f"Egen række i {ws}")
        if ws == "trin-4-risikoanalyse":
            new_row.locator('input[type="radio"]').first.check()
        page.reload()
        sheet = open_sheet(page, path, ws)
        row = sheet.locator("tr[data-added-row]").last
        assert row.locator("textarea").first.input_value() == f"Egen række i {ws}"
        if ws == "trin-4-risikoanalyse":
            assert row.locator('input[type="radio"]').first.is_checked()


def test_book_example_loads_into_the_dialogue_paper(page):
    sheet = open_sheet(page, "arbejdsark/trin-4-dialogpapir/", "trin-4-dialogpapir")
    # The book's example is shown open above the blank form (figure "EKSEMPEL PÅ DIALOGPAPIR").
    sheet.locator('button[data-action="load-example"]').click()
    wait_status(page, sheet, "Bogens eksempel er sat ind")
    assert "Ordentlighed" in field(sheet, "faelles-vaerdier").input_value()
    page.reload()
    sheet = open_sheet(page, "arbejdsark/trin-4-dialogpapir/", "trin-4-dialogpapir")
    assert "Ordentlighed" in field(sheet, "faelles-vaerdier").input_value()


def export(page, sheet, action="export"):
    return _export(page, sheet, action)


def test_export_clear_import_round_trip(page):
    sheet = open_sheet(page, SHEET_PAGE)
    field(sheet, ITEM).check()
    field(sheet, note_key(ITEM)).fill("Round trip ÆØÅ")
    name, data = export(page, sheet)
    assert name.startswith(f"arbejdsark-mine-svar-{SHEET}-") and name.endswith(".json")
    assert data["format"] == "parat-til-private-partnerskaber/svar" and data["version"] == 2
    assert data["worksheets"][SHEET][note_key(ITEM)] == "Round trip ÆØÅ"
    clear_sheet(page, sheet)
    assert field(sheet, note_key(ITEM)).input_value() == ""
    assert not field(sheet, ITEM).is_checked()
    page.reload()
    sheet = open_sheet(page, SHEET_PAGE)
    assert field(sheet, note_key(ITEM)).input_value() == ""
    import_file(page, sheet, json.dumps(data).encode(), "merge")
    page.wait_for_function(f"document.querySelector('#f-{SHEET}--{ITEM}--note').value === 'Round trip ÆØÅ'")
    assert field(sheet, ITEM).is_checked()
    assert "flettet" in sheet.locator(".ark-status").inner_text()


def test_clearing_asks_first_and_cancel_keeps_answers(page):
    sheet = open_sheet(page, SHEET_PAGE)
    field(sheet, note_key(ITEM)).fill("Bliver")
    clear_sheet(page, sheet, accept=False)
    assert field(sheet, note_key(ITEM)).input_value() == "Bliver"


def test_answers_are_text_never_html(page):
    sheet = open_sheet(page, SHEET_PAGE)
    field(sheet, note_key(ITEM)).fill(XSS)
    page.reload()
    sheet = open_sheet(page, SHEET_PAGE)
    assert field(sheet, note_key(ITEM)).input_value() == XSS
    tool(sheet, "copy-text").click()
    page.wait_for_function("document.querySelector('.ark-status').textContent.includes('kopieret')")
    payload = {
        "format": "parat-til-private-partnerskaber/svar",
        "version": 2,
        "name": XSS,
        "worksheets": {SHEET: {note_key(ITEM): XSS, ITEM: "1"}},
    }
    import_file(page, sheet, json.dumps(payload).encode(), "new")  # the set is named after the file's XSS name
    wait_status(page, sheet, "svarsæt")
    assert sheet.locator("[data-ark-set] img, [data-ark-set] script").count() == 0
    copy = sheet.locator(f"#{SHEET}--{ITEM} .ark-note .ark-print")
    assert copy.text_content() == XSS
    assert copy.locator("img, script").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_copy_as_text_puts_rich_text_on_the_clipboard(page):
    sheet = open_sheet(page, SHEET_PAGE)
    field(sheet, ITEM).check()
    field(sheet, note_key(ITEM)).fill("Vores note til mødet")
    tool(sheet, "copy-text").click()
    page.wait_for_function("document.querySelector('.ark-status').textContent.includes('kopieret')")
    html = page.evaluate(
        """async () => { const items = await navigator.clipboard.read();
             const blob = await items[0].getType('text/html'); return await blob.text(); }"""
    )
    text = page.evaluate("navigator.clipboard.readText()")
    for content in (html, text):
        assert "Gode råd før mødet" in content
        assert "Lav en grundig research af mødedeltagerne." in content
        assert "Vores note til mødet" in content
    assert "☑" in text
    assert "<textarea" not in html and "<button" not in html


def test_nothing_leaves_the_browser_while_filling(page, context):
    sheet = open_sheet(page, SHEET_PAGE)
    field(sheet, ITEM).check()
    field(sheet, note_key(ITEM)).fill("Hemmeligt svar")
    export(page, sheet)
    tool(sheet, "copy-text").click()
    open_overview(page)
    assert context.requests, "no requests were recorded at all"
    assert context.requests.foreign() == []
    assert not any("Hemmeligt" in url for url in context.requests)


def test_forms_never_submit(page):
    open_sheet(page, SHEET_PAGE)
    url = page.url
    # A listener on the document runs after the form's own: it sees whether the submit was prevented.
    prevented = page.evaluate(
        f"""() => {{ let prevented = null;
             document.addEventListener("submit", (e) => {{ prevented = e.defaultPrevented; }}, {{ once: true }});
             document.querySelector('.ark[data-ark="{SHEET}"] form').requestSubmit();
             return prevented; }}"""
    )
    assert prevented is True
    assert page.url == url


def test_blocked_storage_is_explained_and_page_still_works(browser, site_url):
    ctx = browser.new_context(base_url=site_url)
    ctx.add_init_script(
        "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });"
    )
    page = ctx.new_page()
    errors = []
    # Material's own inline scripts also touch localStorage and throw here; ours must not.
    page.on("pageerror", lambda e: errors.append(e.stack or str(e)))
    sheet = open_sheet(page, SHEET_PAGE)
    assert "tillader ikke" in sheet.locator(".ark-status").inner_text()
    field(sheet, note_key(ITEM)).fill("Stadig muligt")
    with page.expect_download() as info:
        tool(sheet, "export").click()
    data = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert data["worksheets"][SHEET][note_key(ITEM)] == "Stadig muligt"
    assert [e for e in errors if "/ark/" in e or "links.js" in e] == []
    ctx.close()


def test_full_storage_says_so_and_keeps_the_text(browser, site_url):
    ctx = browser.new_context(base_url=site_url)
    ctx.add_init_script(
        """const orig = Storage.prototype.setItem;
           Storage.prototype.setItem = function (k, v) {
             if (k.includes('|a|')) throw new DOMException('full', 'QuotaExceededError');
             return orig.call(this, k, v); };"""
    )
    page = ctx.new_page()
    sheet = open_sheet(page, SHEET_PAGE)
    field(sheet, note_key(ITEM)).fill("Ikke plads")
    assert "lager er fuldt" in sheet.locator(".ark-status").inner_text()
    assert field(sheet, note_key(ITEM)).input_value() == "Ikke plads"
    ctx.close()


def pdf_text(page, blank: bool = False) -> str:
    page.emulate_media(media="print")
    if blank:
        page.evaluate("document.body.classList.add('print-blank')")
    data = page.pdf(format="A4", print_background=True)
    page.emulate_media(media="screen")
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_printout_holds_the_full_answers_and_no_site_chrome(page):
    sheet = open_sheet(page, SHEET_PAGE)
    long_answer = " ".join(f"Linje{i} af et langt svar om mødet." for i in range(40))
    field(sheet, ITEM).check()
    field(sheet, note_key(ITEM)).fill(long_answer)
    text = pdf_text(page)
    flat = " ".join(text.split())
    assert "Linje0 af" in flat and "Linje39 af et langt svar om mødet." in flat  # not clipped
    assert "Gode råd før mødet" in flat and "Lav en grundig research af mødedeltagerne." in flat
    assert "Udskriv med svar" not in flat and "Kopiér link" not in flat  # no buttons
    assert "Indholdsfortegnelse" not in flat and "Partnerskabets potentialer" not in flat  # no navigation
    assert f"arbejdsark/{SHEET}/" in flat  # the page's address on the printout
    assert "Trin 3: Det første møde · Gode råd før mødet" in flat  # step and title in the margin


SITE_NAME = "Parat til private partnerskaber"


def test_print_margins_follow_navigation(browser, site_url):
    """The printout's margins (print-page.css) name the page shown and the address it was opened
    at, also after following a link: the title from main.html, the step and the opened address
    from links.js (here localhost: the site was built for 127.0.0.1)."""
    opened = site_url.replace("127.0.0.1", "localhost")
    ctx = browser.new_context(base_url=opened)
    page = ctx.new_page()
    page.goto(STEP3)
    page.wait_for_function("(document.getElementById('print-opened')?.textContent || '').includes('/trin-3/')")
    # In a print-only stylesheet, not on <html>'s style (which would restyle the whole page on load).
    assert page.evaluate("document.documentElement.getAttribute('style')") is None
    flat = " ".join(pdf_text(page).split())
    assert f"{SITE_NAME} · Trin 3 af 7 · Det første møde" in flat
    assert f"{opened}trin-3/ · Side 1 af" in flat
    page.locator(".md-footer__link--next").click()
    page.wait_for_function("(document.getElementById('print-opened')?.textContent || '').includes('/trin-4/')")
    flat = " ".join(pdf_text(page).split())
    assert f"{SITE_NAME} · Trin 4 af 7 · Dialog om de fælles idéer og mål" in flat
    assert f"{opened}trin-4/ · Side 1 af" in flat
    assert f"{SITE_NAME} · Trin 3 af 7" not in flat and f"{opened}trin-3/" not in flat  # nothing of the first page
    ctx.close()


def test_print_margins_without_javascript(browser, site_url):
    """Without JavaScript the margins still name the guide, the page and the address it was built for (main.html)."""
    ctx = browser.new_context(base_url=site_url, java_script_enabled=False)
    page = ctx.new_page()
    page.goto(SHEET_PAGE)
    flat = " ".join(pdf_text(page).split())
    assert f"{SITE_NAME} · Gode råd før mødet" in flat
    assert f"{site_url}{SHEET_PAGE} · Side 1 af" in flat
    ctx.close()


def test_blank_printout_has_no_answers(page):
    sheet = open_sheet(page, SHEET_PAGE)
    field(sheet, note_key(ITEM)).fill("Dette svar må ikke ses")
    text = " ".join(pdf_text(page, blank=True).split())
    assert "Dette svar må ikke ses" not in text
    assert "Lav en grundig research af mødedeltagerne." in text


def test_print_button_on_a_step_page_prints_only_that_worksheet(page):
    """ "Udskriv med svar" on a page with several worksheets prints that one, with its heading."""
    sheet = open_sheet(page, STEP3)
    field(sheet, note_key(ITEM)).fill("Kun dette ark")
    page.evaluate("window.print = () => { window.__printed = true; }")  # keep the classes it sets
    sheet.locator('button[data-action="print-filled"]').click()
    assert page.evaluate("window.__printed") is True  # printing starts in the click itself
    assert page.evaluate("document.body.classList.contains('print-one')")
    assert page.locator(f'.ark[data-ark="{SHEET}"].print-target').count() == 1
    text = " ".join(pdf_text(page).split())
    assert "Gode råd før mødet" in text and "Kun dette ark" in text
    assert "Gode råd under mødet" not in text  # the step's other worksheets
    assert "Hvem skal med til mødet?" not in text  # the step's prose
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.body.className").find("print-one") < 0


def test_printout_header_has_the_sets_organisation_and_todays_date(page):
    """Every printed sheet starts with "Organisation / partnerskab" and "Dato": filled from the
    organisation name the current answer set carries (asked for on "Mit partnerskab"; never the
    set's own name, issue 24) and today's date, empty writing lines on a blank printout, hidden on screen."""
    sheet = open_sheet(page, STEP3)
    page.evaluate("window.print = () => {}")
    sheet.locator('button[data-action="print-filled"]').click()
    page.emulate_media(media="print")
    assert sheet.locator('[data-ark-header="organisation"]').inner_text() == ""  # not "Mine svar"
    assert sheet.locator('[data-ark-header="organisation"]').bounding_box()["width"] > 200  # a line to write on
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    overview = open_overview(page)
    page.once("dialog", lambda d: d.accept("Sættet"))
    overview.locator('button[data-action="new-set"]').click()
    wait_status(page, overview, "Sættet")
    overview.locator("[data-ark-organisation]").fill("Familieven og Trævarebutikken")
    overview.locator("[data-ark-organisation]").press("Tab")
    wait_status(page, overview, "Navnet til udskrifterne er gemt")
    sheet = open_sheet(page, STEP3)
    header = sheet.locator(".ark-kopi")
    assert not header.is_visible()  # print only
    today = page.evaluate("new Date().toLocaleDateString('da-DK', {day: 'numeric', month: 'long', year: 'numeric'})")
    assert today.split()[1] in (
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    )
    page.evaluate("window.print = () => { window.__printed = true; }")
    sheet.locator('button[data-action="print-filled"]').click()
    page.emulate_media(media="print")
    assert header.is_visible()
    assert header.locator('[data-ark-header="organisation"]').inner_text() == "Familieven og Trævarebutikken"
    assert header.locator('[data-ark-header="date"]').inner_text() == today
    text = " ".join(pdf_text(page).split())
    assert "Organisation / partnerskab Familieven og Trævarebutikken" in text and f"Dato {today}" in text
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    tool(sheet, "print-blank").click()
    page.emulate_media(media="print")
    assert header.is_visible()
    assert header.locator(".ark-kopi-value").evaluate_all("els => els.map(e => e.textContent)") == ["", ""]
    box = header.locator('[data-ark-header="organisation"]').bounding_box()
    assert box["width"] > 200 and box["height"] > 20  # a line to write on
    text = " ".join(pdf_text(page).split())
    assert "Organisation / partnerskab" in text and "Familieven" not in text
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")


@pytest.mark.parametrize("ws", ["trin-4-risikoanalyse", "trin-7-kpi"])
def test_blank_printout_has_the_contracts_rows_on_one_page(page, ws):
    """ "Udskriv tomt ark" prints the contract's blank rows (rows.printed, as the PDFs) on one A4 page."""
    printed = contract()["worksheets"][ws]["rows"]["printed"]
    sheet = open_sheet(page, f"arbejdsark/{ws}/", ws)
    page.evaluate("window.print = () => {}")
    tool(sheet, "print-blank").click()
    page.emulate_media(media="print")
    rows = sheet.locator("tr.ark-blank-row")
    assert rows.count() == printed >= 5
    assert all(rows.nth(i).is_visible() for i in range(printed))
    # The cells are the space to write in, as in the fillable PDF: no writing lines drawn inside.
    lined = rows.locator(".ark-print").evaluate_all(
        "els => els.filter((e) => getComputedStyle(e).backgroundImage !== 'none').length"
    )
    assert rows.locator(".ark-print").count() >= printed and lined == 0
    data = page.pdf(format="A4", print_background=True)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")


# --- The worksheet code loads when a reader needs it (issue 25) ------------------------------------

SHEET_CODE = ("/ark/sheet.js", "/ark/site.js", "/ark/core/store.js", "/strings/da.json")
STEP4, RISK, DIALOG = "trin-4/", "trin-4-risikoanalyse", "trin-4-dialogpapir"


def sheet_code_requests(page) -> list[str]:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url) if r.url.endswith(SHEET_CODE) else None)
    return requested


def test_a_step_page_loads_the_worksheet_code_when_a_sheet_shows(context):
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    requested = sheet_code_requests(page)
    page.goto(STEP4)
    page.wait_for_load_state("networkidle")
    assert requested == [], "the worksheet code loaded before any sheet showed"
    assert page.locator('.ark[data-bound="1"]').count() == 0
    with page.expect_request("**/ark/sheet.js"):
        page.locator(f'.ark[data-ark="{RISK}"]').scroll_into_view_if_needed()
    page.wait_for_selector(f'.ark[data-ark="{RISK}"][data-bound="1"]')


def test_stored_answers_show_at_once_in_a_sheet_far_down_a_step_page(page):
    page.set_viewport_size({"width": 390, "height": 844})
    sheet = open_sheet(page, f"arbejdsark/{DIALOG}/", DIALOG)
    note = sheet.locator("textarea[data-key]").first
    note.fill("Gemt tidligere")
    key = note.get_attribute("data-key")
    page.goto(STEP4)
    # Not scrolled: the code loads with the page because this browser holds answers.
    far = page.locator(f'.ark[data-ark="{DIALOG}"][data-bound="1"]')
    far.wait_for(state="attached")
    assert far.bounding_box()["y"] > 844, "the sheet is below the first screen"
    assert page.evaluate("scrollY") == 0
    assert far.locator(f'[data-key="{key}"]').input_value() == "Gemt tidligere"


def test_a_click_on_a_sheets_button_before_its_code_is_there_is_made_once_it_is(page):
    release = []
    page.route("**/ark/sheet.js", lambda route: release.append(route))  # hold the module back
    page.goto(STEP4)
    sheet = page.locator(f'.ark[data-ark="{RISK}"]')
    before = sheet.locator("tbody tr:not(.ark-blank-row)").count()
    with page.expect_request("**/ark/sheet.js"):
        sheet.locator('button[data-action="add-row"]').click()
    assert sheet.locator("tbody tr:not(.ark-blank-row)").count() == before
    release[0].continue_()
    page.wait_for_selector(f'.ark[data-ark="{RISK}"][data-bound="1"]')
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length === n",
        arg=[f'.ark[data-ark="{RISK}"] tbody tr:not(.ark-blank-row)', before + 1],
    )
    page.unroute("**/ark/sheet.js")


def _pages_with_sheets() -> list[str]:
    from macros.content import load_content
    from macros.slug import page_url

    from .helpers import ROOT

    return sorted({page_url(s.page) for s in load_content(ROOT).worksheets.values()})


# The title a sheet has on its step page: the heading, box label or title line above it (the
# book's caption, "Eksempel på risikoanalyse", where it has one), past the site's notes.
PRINTED_TITLE = """(root) => {
  for (let el = root.previousElementSibling; el; el = el.previousElementSibling) {
    if (el.classList.contains('kopier-overskrift')) el = el.firstElementChild;  // with its "Kopiér link"
    if (/^H[1-6]$/.test(el.tagName) || el.matches('.ark-titel, .boks-label'))
      return el.textContent.replace('¶', '').trim().split(/\\s+/).join(' ');
    if (!el.classList.contains('hjemmesidens')) return '';
  }
  return '';
}"""


@pytest.mark.parametrize("path", _pages_with_sheets())
def test_a_sheet_printed_from_its_step_page_starts_with_its_title(page, path):
    """ "Udskriv tomt ark" on a step page: page 1 of the printout (Chromium's print media, read with
    pypdfium2) starts with the sheet's title, above "Organisation / partnerskab" (issue 24: the five
    Trin 4 sheets and every sheet with the site's title printed without one)."""
    import pypdfium2 as pdfium

    page.goto(path)
    page.evaluate("window.print = () => {}")
    label = "Organisation / partnerskab"
    for ident in page.locator(".ark[data-ark]").evaluate_all("els => els.map(e => e.dataset.ark)"):
        wait_bound(page, ident)  # the code binds a sheet when it shows, as a reader scrolls to it
        sheet = page.locator(f'.ark[data-ark="{ident}"]')
        # Its name, or the book's caption above it where the printout takes that as its title.
        titles = [sheet.get_attribute("data-ark-title"), sheet.evaluate(PRINTED_TITLE)]
        tool(sheet, "print-blank").click()
        page.emulate_media(media="print")
        first = pdfium.PdfDocument(page.pdf(format="A4", prefer_css_page_size=True))[0].get_textpage().get_text_range()
        page.emulate_media(media="screen")
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        flat = " ".join(first.split())
        assert label in flat, f"{path} {ident}: no header on page 1"
        assert any(t and t in flat and flat.index(t) < flat.index(label) for t in titles), (
            f"{path} {ident}: none of {titles} above the header"
        )


@pytest.mark.parametrize("ws", ["trin-3-foer-moedet", "trin-1-refleksion"])
def test_a_blank_browser_printout_matches_the_pdf(page, site_url, ws):
    """ "Udskriv tomt ark" from the step page gives each field the room its blank PDF gives it (a
    checklist note two lines, not one) and ends with the sheet's address and a QR code leading
    there, as the PDF's footer (issue 24)."""
    import pypdfium2 as pdfium
    import zxingcpp

    step = "-".join(ws.split("-")[:2]) + "/"  # "trin-3-foer-moedet" is on "trin-3/"
    sheet = open_sheet(page, step, ws)
    pdf_href = sheet.locator("a[download]").first.get_attribute("href")
    fields = {}
    for pdf_page in PdfReader(io.BytesIO(page.request.get(pdf_href).body())).pages:
        for annot in pdf_page.get("/Annots", []) or []:
            annot = annot.get_object()
            if annot.get("/FT") == "/Tx" and not str(annot.get("/T", "")).startswith("_"):
                rect = [float(v) for v in annot["/Rect"]]
                fields[str(annot["/T"])] = abs(rect[3] - rect[1]) / 72 * 25.4  # mm
    page.evaluate("window.print = () => {}")
    tool(sheet, "print-blank").click()
    page.emulate_media(media="print")
    heights = sheet.locator("textarea[data-key] + .ark-print").evaluate_all(
        "els => els.map(e => [e.previousElementSibling.dataset.key, e.getBoundingClientRect().height * 25.4 / 96])"
    )
    assert len(heights) >= 5
    for key, mm in heights:
        assert fields[key] - 0.5 <= mm <= fields[key] + 4, (
            f"{ws} {key}: {mm:.1f} mm to write in, the PDF {fields[key]:.1f} mm"
        )
    data = page.pdf(format="A4", prefer_css_page_size=True)
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    address = f"{site_url}arbejdsark/{ws}/"
    doc = pdfium.PdfDocument(data)
    last = doc[len(doc) - 1]
    assert address in " ".join(last.get_textpage().get_text_range().split())
    image = last.render(scale=200 / 72).to_pil().convert("L")
    assert [c.text for c in zxingcpp.read_barcodes(image)] == [address]
