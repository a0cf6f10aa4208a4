"""The answer journeys in WebKit (issue 26): Debian's WebKitGTK, the engine of every iPhone browser.

Not every test again: one journey per thing a visitor relies on, each from an empty storage (the
Chromium tests under tests/browser/ cover the details). Files the site offers as downloads are taken
from the blob the page hands to its download link (WebKitWebDriver has no download folder), and
checked as files: the JSON export, the filled PDF (pypdfium2) and the Word copy (python-docx).

What WebKitWebDriver cannot do: emulate print media (no such command). The print journey checks what
the page does around window.print() (the sheet chosen, the header filled, the classes removed after
printing); print-page.css itself is checked in Chromium (tests/test_print_css.py, tests/browser).
"""

from __future__ import annotations

import base64
import io
import json
import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.webkit

SHEET = "trin-3-foer-moedet"  # a checklist with notes and numbered items (present, PDF)
NOTE = "research-af-moedeltagerne--note"
ITEM = "research-af-moedeltagerne"
PRESENT = "trin-3-under-moedet"
FORMAT = "parat-til-private-partnerskaber/svar"
ORGANISATION = "Familieven og Trævarebutikken"

# Records every file the page offers (ark/download.js clicks an <a download href="blob:…">), and
# every uncaught error, from the moment it runs on a page.
HOOKS = """
if (!window.__hooked) {
  window.__hooked = true; window.__files = []; window.__errors = [];
  addEventListener('error', (e) => window.__errors.push(String(e.message)));
  addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.download && this.href.startsWith('blob:')) {
      const name = this.download;
      fetch(this.href).then((r) => r.arrayBuffer()).then((buf) => {
        let s = ''; const b = new Uint8Array(buf);
        for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode.apply(null, b.subarray(i, i + 0x8000));
        window.__files.push({ name, data: btoa(s) });
      });
      return;
    }
    return click.call(this);
  };
}
"""

STORE = (
    "(await import(new URL('../javascripts/ark/site.js', new URL(document.querySelector('[data-ark-contract]')"
    ".dataset.arkContract, location.href)).href)).getStore()"
)


def wait(d, js: str, *args, timeout: float = 15):
    """Returns once the script `js` (a function body) returns something truthy; returns that."""
    return WebDriverWait(d, timeout, poll_frequency=0.05).until(lambda drv: drv.execute_script(js, *args))


def go(d, path: str, ready: str, show: str | None = None):
    """Open `path`, scroll `show` into view (a worksheet binds when it shows, ark/main.js), wait for `ready`."""
    d.get(d.base + path)
    if show:
        wait(d, "return !!document.querySelector(arguments[0])", show)
        d.execute_script("document.querySelector(arguments[0]).scrollIntoView({block: 'center'})", show)
    wait(d, "return !!document.querySelector(arguments[0])", ready)
    d.execute_script(HOOKS)


def open_sheet(d, ws: str, path: str | None = None):
    """The sheet on its own page, or on `path` (scrolled into view there: further down, it binds when it shows)."""
    go(d, path or f"arbejdsark/{ws}/", f'.ark[data-ark="{ws}"][data-bound="1"]', path and f'.ark[data-ark="{ws}"]')
    return d.find_element(By.CSS_SELECTOR, f'.ark[data-ark="{ws}"]')


def open_overview(d):
    go(d, "arbejdsark/", "[data-ark-oversigt][data-ready='1']")
    return d.find_element(By.CSS_SELECTOR, "[data-ark-oversigt]")


def field(scope, key: str):
    return scope.find_element(By.CSS_SELECTOR, f'[data-key="{key}"]')


def tool(scope, action: str):
    """The control of `action`, opening the "Flere handlinger" menu first when it is in there."""
    control = scope.find_element(By.CSS_SELECTOR, f'[data-action="{action}"]')
    if not control.is_displayed():
        scope.find_element(By.CSS_SELECTOR, "[data-ark-menu]").click()
        WebDriverWait(scope.parent, 5).until(lambda _: control.is_displayed())
    return control


def status(d, scope, text: str):
    wait(d, "return arguments[0].querySelector('.ark-status').textContent.includes(arguments[1])", scope, text)


def choose(d, choice: str):
    """Press a button of the open import dialog ("new", "merge", "cancel")."""
    sel = f'dialog.ark-dialog[open] button[data-choice="{choice}"]'
    wait(d, "return !!document.querySelector(arguments[0])", sel)
    d.find_element(By.CSS_SELECTOR, sel).click()


def downloaded(d, count: int = 1) -> tuple[str, bytes]:
    """The `count`th file the page offered since it loaded: (name, bytes)."""
    files = wait(d, "return window.__files.length >= arguments[0] && window.__files", count)
    return files[count - 1]["name"], base64.b64decode(files[count - 1]["data"])


def store_call(d, expr: str, *args):
    return d.execute_async_script(
        f"const done = arguments[arguments.length - 1]; (async (a) => {{ const s = {STORE}; return {expr}; }})(arguments)"
        ".then(done, (e) => done('ERROR ' + e));",
        *args,
    )


def import_file(d, scope, tmp_path, data: dict, action: str = "import"):
    path = tmp_path / f"svar-{time.monotonic_ns()}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    scope.find_element(By.CSS_SELECTOR, f'input[data-action="{action}"]').send_keys(str(path))


def no_errors(d):
    assert d.execute_script("return window.__errors") == []


def test_type_reload_and_overview(wk):
    sheet = open_sheet(wk, SHEET)
    field(sheet, NOTE).send_keys("Skrevet i WebKit – æøå")
    field(sheet, ITEM).click()
    WebDriverWait(wk, 10).until(lambda d: store_call(d, "s.entries(a[0])", SHEET).get(ITEM) == "1")
    wk.refresh()
    sheet = open_sheet(wk, SHEET)
    assert field(sheet, NOTE).get_property("value") == "Skrevet i WebKit – æøå"
    assert field(sheet, ITEM).is_selected()
    overview = open_overview(wk)
    row = overview.find_element(By.CSS_SELECTOR, f'[data-ark-progress="{SHEET}"] .ark-progress')
    assert row.text not in ("", "(ikke påbegyndt)"), row.text
    # What WebKit answers to "keep the answers for good" (ark/overview.js showPersistence).
    persist = wait(wk, "return document.querySelector('[data-ark-persist]').textContent")
    print(f"\nWebKit [data-ark-persist]: {persist!r}")
    assert "varigt" in persist or "slette" in persist, persist
    if wk.execute_script("return typeof navigator.storage") == "undefined":  # WebKitGTK 2.50: no StorageManager
        assert persist.startswith("Browseren oplyser ikke"), persist
    # The export reminder (core/reminder.js) after changes left unexported for 15 days.
    assert not overview.find_elements(By.CSS_SELECTOR, "[data-ark-reminder]")
    wk.execute_script(
        "const k = Object.keys(localStorage).find((k) => k.endsWith('|sets')); const list = JSON.parse(localStorage.getItem(k));"
        "list[0].unexportedSince = new Date(Date.now() - 15 * 864e5).toISOString(); localStorage.setItem(k, JSON.stringify(list));"
    )
    overview = open_overview(wk)
    assert "i over 14 dage" in overview.find_element(By.CSS_SELECTOR, "[data-ark-reminder]").text
    no_errors(wk)


def test_answer_sets_export_import_and_merge(wk, tmp_path):
    sheet = open_sheet(wk, SHEET)
    field(sheet, NOTE).send_keys("Mit svar")
    tool(sheet, "export").click()
    name, data = downloaded(wk)
    exported = json.loads(data)
    assert name.endswith(".json") and exported["format"] == FORMAT
    assert exported["worksheets"][SHEET][NOTE] == "Mit svar"
    # Import as a new set: the sheet now writes in it and shows the file's answers.
    exported["worksheets"][SHEET][NOTE] = "Fra filen"
    import_file(wk, sheet, tmp_path, exported)
    choose(wk, "new")
    status(wk, sheet, "svarsæt")
    assert field(sheet, NOTE).get_property("value") == "Fra filen"
    assert len(store_call(wk, "s.sets()")) == 2
    # Merge a partner's file into it: a difference is shown and decided ("Behold begge").
    theirs = {
        "format": FORMAT,
        "version": 2,
        "name": "Partneren",
        "worksheets": {SHEET: {NOTE: "Partnerens", ITEM: "1"}},
    }
    import_file(wk, sheet, tmp_path, theirs)
    choose(wk, "merge")
    wait(wk, "return !!document.querySelector('dialog.ark-dialog[open] input[value=\"both\"]')")
    wk.find_element(By.CSS_SELECTOR, 'dialog.ark-dialog[open] input[value="both"]').click()
    choose(wk, "merge")
    status(wk, sheet, "flettet")
    # "Behold begge" joins the texts, each under its set's name (core/merge.js).
    assert (
        field(sheet, NOTE).get_property("value")
        == "”Mine svar (importeret)” skrev:\nFra filen\n\n”Partneren” skrev:\nPartnerens"
    )
    assert field(sheet, ITEM).is_selected()
    # "Mit partnerskab": both sets listed, switching back shows the first set's answer.
    overview = open_overview(wk)
    sets = overview.find_elements(By.CSS_SELECTOR, "[data-ark-sets] li[data-set]")
    assert len(sets) == 2
    other = next(li for li in sets if "is-current" not in (li.get_attribute("class") or ""))
    other.find_element(By.CSS_SELECTOR, 'button[data-action="switch-set"]').click()
    status(wk, overview, "")
    sheet = open_sheet(wk, SHEET)
    assert field(sheet, NOTE).get_property("value") == "Mit svar"
    no_errors(wk)


def test_share_link_with_code(wk):
    sheet = open_sheet(wk, SHEET)
    field(sheet, NOTE).send_keys("Delt fra WebKit")
    tool(sheet, "share").click()
    wait(wk, "return document.querySelector('dialog.ark-del[open] [data-share-link]')")
    link = wk.find_element(By.CSS_SELECTOR, "[data-share-link]").get_property("value")
    code = wk.find_element(By.CSS_SELECTOR, "[data-share-code]").text
    assert "#del=v1." in link and code
    # The receiver: an empty storage, the link, the code, a new set.
    wk.execute_script("localStorage.clear()")
    wk.get("about:blank")
    wk.get(link)
    wait(wk, "return !!document.querySelector('dialog[data-ark-share-ask][open]')")
    ask = wk.find_element(By.CSS_SELECTOR, "dialog[data-ark-share-ask][open]")
    ask.find_element(By.CSS_SELECTOR, "input").send_keys(code)
    ask.find_element(By.CSS_SELECTOR, "input").send_keys(Keys.ENTER)
    choose(wk, "new")
    wait(wk, "return location.hash === '' && !document.querySelector('dialog[open]')")
    sheet = wk.find_element(By.CSS_SELECTOR, f'.ark[data-ark="{SHEET}"]')
    assert field(sheet, NOTE).get_property("value") == "Delt fra WebKit"


def test_filled_pdf_and_word_copy(wk):
    import docx
    from pypdf import PdfReader

    sheet = open_sheet(wk, SHEET)
    field(sheet, NOTE).send_keys("Svar i kopien")
    field(sheet, ITEM).click()
    tool(sheet, "pdf-filled").click()
    name, pdf = downloaded(wk)
    assert name.endswith(".pdf") and pdf.startswith(b"%PDF")
    fields = {k: str(v.get("/V")) for k, v in (PdfReader(io.BytesIO(pdf)).get_fields() or {}).items()}
    assert "Svar i kopien" in fields.values(), fields  # the answer fills the sheet's form field
    tool(sheet, "docx").click()
    name, data = downloaded(wk, 2)
    assert name.endswith(".docx")
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "Svar i kopien" in texts
    no_errors(wk)


def test_presentation(wk):
    sheet = open_sheet(wk, PRESENT)
    tool(sheet, "present").click()
    wait(wk, "return document.querySelector('.ark-vis [data-ark-vis-nr], .ark-vis-taeller')")
    counter = wk.find_element(By.CSS_SELECTOR, ".ark-vis-taeller")
    total = int(counter.text.split(" af ")[1])
    assert counter.text == f"1 af {total}" and total > 1
    ActionChains(wk).send_keys(Keys.END).perform()
    wait(wk, "return document.querySelector('.ark-vis-taeller').textContent === arguments[0]", f"{total} af {total}")
    assert wk.find_element(By.CSS_SELECTOR, ".ark-vis svg")  # the QR code of the item
    ActionChains(wk).send_keys(Keys.ESCAPE).perform()
    wait(wk, "return !document.querySelector('.ark-vis')")
    no_errors(wk)


def test_print_view_marks_the_sheet_and_fills_the_header(wk):
    """Print media cannot be emulated in WebKitWebDriver: window.print() is replaced by a recorder, and
    what the page sets up for print-page.css is checked (the target, the header, the cleanup). The
    header carries the organisation the set was given on "Mit partnerskab" (not the set's name)."""
    overview = open_overview(wk)
    name = overview.find_element(By.CSS_SELECTOR, "[data-ark-organisation]")
    name.send_keys(ORGANISATION)
    name.send_keys(Keys.TAB)
    status(wk, overview, "Navnet til udskrifterne er gemt")
    sheet = open_sheet(wk, SHEET, "trin-3/")
    field(sheet, NOTE).send_keys("Til print")
    wk.execute_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    button = sheet.find_element(By.CSS_SELECTOR, '[data-action="print-filled"]')
    wk.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)  # not under the sticky header
    button.click()
    wait(wk, "return window.__printed === 1")
    state = wk.execute_script(
        "const b = document.body.classList; const s = arguments[0];"
        "return [b.contains('print-one'), b.contains('print-filled'), s.classList.contains('print-target'),"
        " s.querySelector('[data-ark-header=organisation]')?.textContent, s.querySelector('[data-ark-header=date]')?.textContent];",
        sheet,
    )
    assert state[:3] == [True, True, True], state
    assert state[3] == ORGANISATION and state[4], state
    wk.execute_script("dispatchEvent(new Event('afterprint'))")
    assert wk.execute_script("return document.body.classList.contains('print-one')") is False
    no_errors(wk)
