"""Helpers shared by the worksheet browser tests: open a sheet, fill it, export and import files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import ROOT


def contract() -> dict:
    """The key contract as the build publishes it (macros/contract.py)."""
    from macros.content import load_content
    from macros.contract import contract_json

    return contract_json(load_content(ROOT))


def wait_bound(page, ws: str | None = None) -> None:
    """Scroll the worksheet `ws` (default: the page's first) into view, as a reader does, and wait
    until its code has bound it: without stored answers it loads when a sheet shows (ark/main.js)."""
    sheet = page.locator(f'.ark[data-ark="{ws}"]' if ws else ".ark[data-ark]").first
    sheet.scroll_into_view_if_needed()
    page.wait_for_selector(f'.ark[data-ark="{ws}"][data-bound="1"]' if ws else '.ark[data-bound="1"]')


def bind_all(page) -> None:
    """Scroll to every worksheet of the page in turn, as a reader going down it does, until each is
    bound, then back to the top."""
    for ws in page.eval_on_selector_all(".ark[data-ark]", "els => els.map((el) => el.dataset.ark)"):
        wait_bound(page, ws)
    page.evaluate("window.scrollTo(0, 0)")


def open_sheet(page, path: str, ws: str):
    page.goto(path)
    wait_bound(page, ws)
    return page.locator(f'.ark[data-ark="{ws}"]')


def open_overview(page, path: str = "arbejdsark/"):
    page.goto(path)
    page.wait_for_selector("[data-ark-oversigt][data-ready='1']")
    return page.locator("[data-ark-oversigt]")


def new_set(overview, name: str) -> None:
    """Make the answer set `name` with the overview's new-set button (its prompt answered)."""
    overview.page.once("dialog", lambda d: d.accept(name))
    overview.locator('button[data-action="new-set"]').click()


def wait_for_set(page, name: str) -> None:
    """Wait until `page` shows `name` as the set it writes to ([data-ark-set])."""
    page.wait_for_function("(name) => document.querySelector('[data-ark-set]').textContent === name", arg=name)


def field(sheet, key: str):
    return sheet.locator(f'[data-key="{key}"]').first


def tool(scope, action: str):
    """The control of `action` (its data-action) in `scope`, ready to click: a worksheet keeps all
    but one of its actions in the "Flere handlinger" menu (ark/menu.js), which this opens first."""
    control = scope.locator(f'[data-action="{action}"]').first
    toggle = scope.locator("[data-ark-menu]")
    if toggle.count() and not control.is_visible() and control.evaluate("el => !!el.closest('.ark-menu')"):
        toggle.first.click()
        control.wait_for(state="visible")
    return control


def export(page, scope, action="export") -> tuple[str, dict]:
    with page.expect_download() as info:
        tool(scope, action).click()
    return info.value.suggested_filename, json.loads(Path(info.value.path()).read_text(encoding="utf-8"))


def import_bytes(scope, payload: bytes, name="svar.json", action="import"):
    scope.locator(f'input[data-action="{action}"]').set_input_files(
        {"name": name, "mimeType": "application/json", "buffer": payload}
    )


def choose(page, choice: str):
    """Press a button of the import dialog: "new", "merge", "cancel" (or, in the merge preview, "merge")."""
    button = page.locator(f'dialog.ark-dialog[open] button[data-choice="{choice}"]')
    button.wait_for()
    button.click()


def import_file(page, scope, payload: bytes, choice: str, action="import"):
    import_bytes(scope, payload, action=action)
    choose(page, choice)


def wait_status(page, scope, text: str):
    page.wait_for_function(
        "([el, t]) => el.textContent.includes(t)", arg=[scope.locator(".ark-status").first.element_handle(), text]
    )


def fill_everything(page, sheet, ws: str, extra_rows: int = 2) -> dict:
    """Type an answer into every field of a worksheet (adding rows where it can); returns {key: value}."""
    for _ in range(extra_rows if sheet.locator('button[data-action="add-row"]').count() else 0):
        sheet.locator('button[data-action="add-row"]').click()
    answers: dict[str, str] = {}
    seen_radio: set[str] = set()
    for el in sheet.locator("form [data-key]").element_handles():
        key = el.get_attribute("data-key")
        kind = el.evaluate("e => e.type")
        if kind == "checkbox":
            el.check()
            answers[key] = "1"
        elif kind == "radio":
            if key in seen_radio:
                continue
            seen_radio.add(key)
            el.check()
            answers[key] = el.get_attribute("value")
        else:
            value = f"Svar til {key} – æøå „citat“\nlinje 2"
            el.fill(value)
            answers[key] = value
    if not answers:
        pytest.fail(f"{ws}: no fields to fill")
    return answers


STORE = (
    "(await import(new URL('../javascripts/ark/site.js', new URL(document.querySelector('[data-ark-contract]')"
    ".dataset.arkContract, location.href)).href)).getStore()"
)


def answer_sets(page) -> list[dict]:
    """The page's answer sets [{id, name, created}] from its store."""
    return page.evaluate(f"async () => {STORE}.sets()")


def fill_storage(page):
    """From now on the browser refuses to store answers (as with a full quota); other keys still work."""
    page.evaluate(
        """() => { const orig = Storage.prototype.setItem;
             Storage.prototype.setItem = function (k, v) {
               if (k.includes('|a|')) throw new DOMException('full', 'QuotaExceededError');
               return orig.call(this, k, v); }; }"""
    )


def stored(page, ws: str) -> dict:
    """What the page's store holds for a worksheet in the current set."""
    return page.evaluate(f"async (ws) => {STORE}.entries(ws)", ws)


def clear_sheet(page, sheet, accept: bool = True):
    """Press "Ryd svar" and answer its confirmation; returns once the sheet has acted on it."""
    page.once("dialog", lambda d: d.accept() if accept else d.dismiss())
    with page.expect_event("dialog") as asked:  # the action module loads on the first click, then asks
        tool(sheet, "clear").click()
    assert asked.value.type == "confirm", "Ryd svar did not ask first"
    if accept:
        wait_status(page, sheet, "slettet")
    else:
        settled(page)  # the click handler returns right after a refused confirm()


def settled(page) -> None:
    """Returns once the page's script has run to rest: the current task (and a dialog it waits on) is
    over, a frame has been drawn since, and the CSS transitions and finite animations have ended."""
    page.evaluate(
        """() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))).then(() =>
             Promise.all(document.getAnimations()
               .filter((a) => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
               .map((a) => a.finished.catch(() => null))))"""
    )


def storage_barrier(writer, reader) -> None:
    """Returns once `reader` (another tab) has handled every `storage` event that `writer`'s writes so
    far caused: storage events arrive in order, so a marker written last is seen last, and the site's
    handlers (main.js) act on each event before the next task runs."""
    reader.evaluate(
        """() => { window.__barrier = new Promise((done) => addEventListener("storage", function seen(e) {
             if (e.key === "test-barrier" && e.newValue !== null) { removeEventListener("storage", seen); done(); }
           })); }"""
    )
    writer.evaluate("() => { localStorage.setItem('test-barrier', String(Math.random())); }")
    reader.evaluate("() => window.__barrier.then(() => new Promise((r) => setTimeout(r)))")
    writer.evaluate("() => localStorage.removeItem('test-barrier')")


def delete_row(page, sheet, n: int):
    """Press "Slet" on added row n; returns once the row is gone and the rest renumbered."""
    sheet.locator(f'tr[data-added-row="{n}"] button[data-action="delete-row"]').click()
    wait_status(page, sheet, "Rækken er slettet")


def add_rows(sheet, texts):
    """Add one row per text ("Tilføj række/udsagn") and type the text into its first field."""
    for text in texts:
        sheet.locator('button[data-action="add-row"]').click()
        sheet.locator("tr[data-added-row]").last.locator("textarea").first.fill(text)
