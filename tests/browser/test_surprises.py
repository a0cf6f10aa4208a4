"""Answers that never surprise (issue 23), in Chromium: each way the issue found to lose, garble
or silently cut answers has a test here that failed before its fix. (The long-answer PDF and the
characters PDFs could not draw are in test_copies.py; the malformed address in test_links.py.)
"""

from __future__ import annotations

import json
from pathlib import Path

from .helpers import (
    STORE,
    answer_sets,
    contract,
    field,
    new_set,
    open_overview,
    open_sheet,
    settled,
    stored,
    wait_for_set,
    wait_status,
)

SHEET = "trin-3-foer-moedet"
NOTE = "research-af-moedeltagerne--note"
DEFAULT_SET = "Mine svar"
STRINGS = json.loads((Path(__file__).parents[2] / "overrides/assets/strings/da.json").read_text(encoding="utf-8"))


def sheet_path(ws: str) -> str:
    return f"arbejdsark/{ws}/"


def status_of(scope) -> str:
    return scope.locator(".ark-status").first.inner_text()


def test_pasting_past_the_limit_says_what_was_cut(page):
    limit = contract()["limits"]["valueChars"]
    sheet = open_sheet(page, sheet_path(SHEET), SHEET)
    page.evaluate("(n) => navigator.clipboard.writeText('æ'.repeat(n))", limit + 11)
    field(sheet, NOTE).click()
    page.keyboard.press("Control+V")
    wait_status(page, sheet, "ikke sat ind")
    assert len(field(sheet, NOTE).input_value()) == limit
    text = status_of(sheet)
    assert "de sidste 11 tegn" in text and "50.000 tegn" in text, text
    # A paste that fits says nothing of the kind.
    field(sheet, "research-af-virksomheden--note").click()
    page.keyboard.press("Control+A")
    page.evaluate("() => navigator.clipboard.writeText('kort')")
    page.keyboard.press("Control+V")
    wait_status(page, sheet, "Gemt")


def test_rows_stop_at_the_limit_export_and_import_accept(page):
    ws = "trin-7-kpi"
    limit = contract()["limits"]["rows"]
    sheet = open_sheet(page, sheet_path(ws), ws)
    page.evaluate(
        f"""async ([ws, n]) => {{ const s = {STORE}; const a = {{}};
              for (let i = 1; i <= n; i++) a[`raekke-${{i}}--maal`] = `Mål ${{i}}`;
              s.replaceSheets(s.currentSet().id, {{ [ws]: a }}); }}""",
        [ws, limit],
    )
    page.reload()
    sheet = open_sheet(page, sheet_path(ws), ws)
    assert sheet.locator("tr[data-added-row]").count() == limit
    sheet.locator('button[data-action="add-row"]').click()
    wait_status(page, sheet, f"højst have {limit} tilføjede rækker")
    assert sheet.locator("tr[data-added-row]").count() == limit
    assert sheet.locator(".ark-status").evaluate("el => el.classList.contains('is-error')")


def test_set_names_are_cut_with_a_word_and_kept_unique(page):
    overview = open_overview(page)
    long = "Partnerskab " * 420  # 5,040 characters
    page.once("dialog", lambda d: d.accept(long))
    overview.locator('button[data-action="new-set"]').click()
    wait_status(page, overview, "forkortet til 200 tegn")
    assert len(status_of(overview)) < 400, "the status does not repeat all that was typed"
    page.once("dialog", lambda d: d.accept(DEFAULT_SET))
    overview.locator('button[data-action="new-set"]').click()
    wait_status(page, overview, f"”{DEFAULT_SET} 2” er oprettet")
    assert "bruges allerede" in status_of(overview)
    names = [s["name"] for s in answer_sets(page)]
    assert len(names) == len(set(names)) == 3 and max(map(len, names)) <= 200, names
    # Renaming one to another's name numbers it too.
    page.once("dialog", lambda d: d.accept(DEFAULT_SET))
    overview.locator(f'li:has(strong:text-is("{DEFAULT_SET} 2")) button[data-action="rename-set"]').click()
    wait_status(page, overview, "bruges allerede")
    names = [s["name"] for s in answer_sets(page)]
    assert len(names) == len(set(names)) == 3, names


def test_a_new_set_while_storage_is_full_is_not_made(page):
    overview = open_overview(page)
    page.evaluate(
        """() => { const orig = Storage.prototype.setItem;
             Storage.prototype.setItem = function (k, v) {
               if (k.endsWith('|sets') || k.includes('|a|')) throw new DOMException('full', 'QuotaExceededError');
               return orig.call(this, k, v); }; }"""
    )
    page.once("dialog", lambda d: d.accept("Klient Z"))
    overview.locator('button[data-action="new-set"]').click()
    wait_status(page, overview, "kunne ikke oprettes")
    assert "ikke gemt" not in status_of(overview)
    assert [s["name"] for s in answer_sets(page)] == [DEFAULT_SET]
    assert page.evaluate(f"async () => {STORE}.unsaved()") == 0
    assert overview.locator("[data-ark-sets] li[data-set]").count() == 1


def test_blocked_storage_asks_before_the_page_goes(browser, site_url):
    ctx = browser.new_context(base_url=site_url)
    ctx.add_init_script(
        "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });"
    )
    page = ctx.new_page()
    sheet = open_sheet(page, sheet_path(SHEET), SHEET)
    assert "tillader ikke" in status_of(sheet)
    field(sheet, NOTE).click()
    page.keyboard.type("Kun på siden")  # a real gesture: browsers ask before unload only after one
    kinds = []
    page.on("dialog", lambda d: (kinds.append(d.type), d.dismiss()))
    with page.expect_event("dialog"):
        page.close(run_before_unload=True)
    settled(page)
    assert kinds == ["beforeunload"]
    assert field(sheet, NOTE).input_value() == "Kun på siden"
    ctx.close()


def test_a_set_deleted_in_another_tab_is_said_and_nothing_is_written_until_one_is_chosen(context):
    a, b = context.new_page(), context.new_page()
    sa = open_sheet(a, sheet_path(SHEET), SHEET)
    field(sa, NOTE).fill("I Mine svar")
    overview = open_overview(b)
    new_set(overview, "Klient X")
    wait_for_set(a, "Klient X")
    field(sa, NOTE).fill("I Klient X")
    b.once("dialog", lambda d: d.accept())
    overview.locator('li:has(strong:text-is("Klient X")) button[data-action="delete-set"]').click()
    wait_status(a, sa, "slettet i et andet vindue")
    assert "”Klient X”" in status_of(sa) and "skiftet" not in status_of(sa)
    field(sa, NOTE).fill("Skrevet efter sletningen")
    field(sa, "research-af-virksomheden--note").fill("Også efter")
    assert stored(a, SHEET) == {NOTE: "I Mine svar"}, "nothing went into the current set"
    assert "slettet i et andet vindue" in status_of(sa)
    # The person chooses: the current set, shown as it is, and typing goes there from now on.
    sa.locator(".ark-status button", has_text=f"Skriv videre i ”{DEFAULT_SET}”").click()
    assert field(sa, NOTE).input_value() == "I Mine svar"
    field(sa, NOTE).fill("Videre i Mine svar")
    assert stored(a, SHEET) == {NOTE: "Videre i Mine svar"}


def _partner(browser, site_url, name: str, text: str):
    """A browser of its own (one organisation) with its set renamed to `name` and NOTE answered."""
    ctx = browser.new_context(base_url=site_url, accept_downloads=True)
    page = ctx.new_page()
    overview = open_overview(page)
    page.once("dialog", lambda d: d.accept(name))
    overview.locator('button[data-action="rename-set"]').click()
    wait_status(page, overview, name)
    sheet = open_sheet(page, sheet_path(SHEET), SHEET)
    field(sheet, NOTE).fill(text)
    return ctx, page, sheet


def _merge_both(page, sheet, payload: bytes):
    from .helpers import choose, import_file

    import_file(page, sheet, payload, "merge")
    preview = page.locator("dialog.ark-dialog[open]")
    preview.wait_for()
    preview.locator('input[value="both"]').check()
    choose(page, "merge")
    wait_status(page, sheet, "flettet")


def test_two_partners_keeping_both_end_with_the_same_text_and_merging_again_adds_nothing(browser, site_url):
    from .helpers import export, import_file

    ca, a, sa = _partner(browser, site_url, "Foreningen", "Vi bidrager med frivillige.")
    cb, b, sb = _partner(browser, site_url, "Virksomheden", "Vi bidrager med lokaler.")
    _, file_a = export(a, sa)
    _, file_b = export(b, sb)
    _merge_both(a, sa, json.dumps(file_b).encode())
    _merge_both(b, sb, json.dumps(file_a).encode())
    at_a, at_b = field(sa, NOTE).input_value(), field(sb, NOTE).input_value()
    assert (
        at_a
        == at_b
        == ("”Foreningen” skrev:\nVi bidrager med frivillige.\n\n”Virksomheden” skrev:\nVi bidrager med lokaler.")
    )
    # Merging the same file again, or the partner's merged one: nothing to decide, nothing added.
    import_file(a, sa, json.dumps(file_b).encode(), "merge")
    wait_status(a, sa, "flettet")
    _, merged_b = export(b, sb)
    import_file(a, sa, json.dumps(merged_b).encode(), "merge")
    wait_status(a, sa, "flettet")
    assert a.locator("dialog.ark-dialog[open]").count() == 0
    assert field(sa, NOTE).input_value() == at_a
    ca.close()
    cb.close()


def test_a_merge_can_be_undone(page):
    from .helpers import choose, import_file

    sheet = open_sheet(page, sheet_path(SHEET), SHEET)
    field(sheet, NOTE).fill("Mit svar")
    theirs = {
        "format": contract()["format"],
        "version": 2,
        "name": "Partneren",
        "worksheets": {SHEET: {NOTE: "Deres svar", "research-af-virksomheden--note": "Kun deres"}},
    }
    import_file(page, sheet, json.dumps(theirs).encode(), "merge")
    page.locator("dialog.ark-dialog[open]").wait_for()
    page.locator('dialog.ark-dialog[open] input[value="theirs"]').check()
    choose(page, "merge")
    wait_status(page, sheet, "flettet")
    assert stored(page, SHEET) == {NOTE: "Deres svar", "research-af-virksomheden--note": "Kun deres"}
    sheet.locator(".ark-status button", has_text=STRINGS["ark"]["undo"]).click()
    wait_status(page, sheet, "fortrudt")
    assert stored(page, SHEET) == {NOTE: "Mit svar"}
    assert field(sheet, NOTE).input_value() == "Mit svar"
    assert field(sheet, "research-af-virksomheden--note").input_value() == ""


def test_all_my_answers_as_pdf_shows_its_progress(page):
    sheet = open_sheet(page, sheet_path(SHEET), SHEET)
    field(sheet, NOTE).fill("Et svar")
    sheet = open_sheet(page, sheet_path("trin-7-aarshjul"), "trin-7-aarshjul")
    field(sheet, "januar").fill("Nytårskur")
    overview = open_overview(page)
    page.evaluate(
        """() => { window.__said = []; const el = document.querySelector('[data-ark-oversigt] .ark-status');
             new MutationObserver(() => window.__said.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true }); }"""
    )
    with page.expect_download() as info:
        overview.locator('button[data-action="pdf-all"]').click()
    assert info.value.suggested_filename.endswith(".pdf")
    wait_status(page, overview, "er hentet")
    said = page.evaluate("window.__said")
    assert any("1 af 2 arbejdsark" in s for s in said) and any("2 af 2 arbejdsark" in s for s in said), said
