"""Sharing answers by link and QR code (issue 23, "Share by link" and "Privacy, proven").

Two browser contexts play two organisations: they exchange one sheet and a whole answer set by
link and by QR code (decoded from a screenshot with zxing-cpp, as a phone would), merge both ways
and end with the same answers. Every request of both is logged: neither the answers, the code
nor the fragment is ever sent. A wrong code, a changed link and a cut-off link change nothing.
"""

from __future__ import annotations

import base64
import io
import zlib

import pytest
import zxingcpp
from PIL import Image

from .helpers import STORE, add_rows, choose, field, open_overview, open_sheet, stored, tool
from .test_quality import axe_violations

DIALOGUE = "trin-4-dialogpapir"  # a two-party sheet: each side its column, some fields shared
KPI = "trin-7-kpi"  # a table with added rows
YEAR = "trin-7-aarshjul"


class Party:
    """One organisation: its own browser context (own storage), every request logged in full."""

    def __init__(self, browser, site_url, width=1366, height=900, mobile=False):
        self.ctx = browser.new_context(
            base_url=site_url,
            viewport={"width": width, "height": height},
            is_mobile=mobile,
            has_touch=mobile,
            locale="da-DK",
            accept_downloads=True,
        )
        self.ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
        self.ctx.set_default_timeout(15_000)
        self.sent: list[str] = []  # url, headers and body of every request, as text
        self.ctx.on("request", self._log)
        self.page = self.ctx.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))

    def _log(self, request):
        body = request.post_data_buffer or b""
        self.sent.append(f"{request.url}\n{request.headers}\n{body.decode('utf-8', 'replace')}")

    def close(self):
        self.ctx.close()
        assert not self.errors, f"JavaScript errors: {self.errors}"


@pytest.fixture
def parties(browser, site_url):
    made: list[Party] = []

    def make(**kw) -> Party:
        made.append(Party(browser, site_url, **kw))
        return made[-1]

    yield make
    for p in made:
        p.close()


def share_dialog(page, scope, action):
    """Press a share action; returns (dialog, link, code) once the link is made."""
    tool(scope, action).click()
    dialog = page.locator("dialog.ark-del[open][data-ark-share]")
    dialog.wait_for()
    if not dialog.locator("[data-share-link]").count():  # too long to send: no link, no code
        return dialog, None, None
    return dialog, dialog.locator("[data-share-link]").input_value(), dialog.locator("[data-share-code]").inner_text()


def close_dialog(dialog):
    dialog.get_by_role("button", name="Luk").click()
    dialog.wait_for(state="detached")


def decode_qr(dialog) -> str:
    png = dialog.locator("[data-share-qr] svg").screenshot()
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))
    assert len(found) == 1, f"expected one QR code, found {len(found)}"
    return found[0].text


def ask_dialog(page):
    ask = page.locator("dialog[data-ark-share-ask][open]")
    ask.wait_for()
    return ask


def enter_code(page, code: str):
    ask = ask_dialog(page)
    ask.get_by_label("Kode").fill(code)
    ask.get_by_role("button", name="Åbn").click()
    return ask


def open_link(page, link: str, code: str, choice: str, theirs: bool = False):
    """Open a share link, give the code, choose "new" or "merge" (taking the link's answers in
    every difference when `theirs`); returns once the fragment is gone from the address."""
    page.goto(link)
    enter_code(page, code)
    choose(page, choice)
    if theirs:
        page.locator("dialog.ark-dialog[open] .ark-merge").wait_for()
        for radio in page.locator('dialog.ark-dialog[open] input[type=radio][value="theirs"]').all():
            radio.check()
        choose(page, "merge")
    page.wait_for_function("() => location.hash === '' && !document.querySelector('dialog[open]')")


def all_entries(page) -> dict:
    """The current set's answers, sheets without any left out."""
    return {k: v for k, v in page.evaluate(f"async () => {STORE}.allEntries()").items() if v}


def assert_never_sent(parties_, *secrets):
    for party in parties_:
        for text in party.sent:
            for secret in secrets:
                assert secret not in text, f"{secret!r} was sent: {text[:200]}"


def payload(link: str) -> bytes:
    token = link.split("#del=v1.", 1)[1]
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))


def assert_not_decodable(link: str, *answers: str):
    """The link holds no answer as text, as base64 of it, nor as deflate data of any of its bytes."""
    data = payload(link)
    for answer in answers:
        raw = answer.encode()
        assert answer not in link and raw not in data
        assert base64.urlsafe_b64encode(raw)[:16].decode() not in link
    for start in range(len(data)):
        try:
            out = zlib.decompressobj(-15).decompress(data[start:])
        except zlib.error:
            continue
        assert not any(a.encode() in out for a in answers), f"answers inflate from byte {start}"


def test_one_sheet_by_link_both_ways_wrong_code_and_privacy(parties):
    a, b = parties(), parties()
    sheet_a = open_sheet(a.page, f"arbejdsark/{DIALOGUE}/", DIALOGUE)
    field(sheet_a, "aktivitet-produkt--a").fill("Foreningen: lektiecafé i Nordvest")
    field(sheet_a, "faelles-vaerdier").fill("Tryghed og fællesskab")
    sheet_b = open_sheet(b.page, f"arbejdsark/{DIALOGUE}/", DIALOGUE)
    field(sheet_b, "aktivitet-produkt--b").fill("Virksomheden: regnskabsprogrammer")
    field(sheet_b, "faelles-vaerdier").fill("Ordentlighed")
    before_b = stored(b.page, DIALOGUE)

    dialog, link, code = share_dialog(a.page, sheet_a, "share")
    assert link.startswith(f"{a.page.url.split('#')[0]}#del=v1.")
    assert dialog.locator("[data-share-qr] svg").count() == 1
    assert decode_qr(dialog) == link
    assert axe_violations(a.page) == []
    dialog.get_by_role("button", name="Kopiér link").click()
    assert a.page.evaluate("navigator.clipboard.readText()") == link
    close_dialog(dialog)
    assert_not_decodable(link, "lektiecafé", "Tryghed og fællesskab")

    # B: a wrong code says so and changes nothing; the right one leads to the import choice.
    b.page.goto(link)
    ask = enter_code(b.page, "sol-bro-kage-123")
    ask.get_by_role("alert").filter(has_text="Koden passer ikke").wait_for()
    assert ask.get_by_label("Kode").get_attribute("aria-invalid") == "true"
    assert axe_violations(b.page) == []
    ask.get_by_label("Kode").fill("ikke en kode")
    ask.get_by_role("button", name="Åbn").click()
    ask.get_by_role("alert").filter(has_text="Det ligner ikke en kode").wait_for()
    assert stored(b.page, DIALOGUE) == before_b
    enter_code(b.page, code.upper().replace("-", " "))  # as someone types what they heard
    choose(b.page, "merge")
    b.page.locator('dialog.ark-dialog[open] input[type=radio][value="theirs"]').check()
    choose(b.page, "merge")
    b.page.wait_for_function("() => location.hash === '' && !document.querySelector('dialog[open]')")
    assert "#" not in b.page.url
    assert field(sheet_b, "aktivitet-produkt--a").input_value() == "Foreningen: lektiecafé i Nordvest"

    # …and back: A merges B's sheet; both end with the same answers.
    dialog, back, back_code = share_dialog(b.page, sheet_b, "share")
    close_dialog(dialog)
    open_link(a.page, back, back_code, "merge")
    assert stored(a.page, DIALOGUE) == stored(b.page, DIALOGUE)
    assert stored(a.page, DIALOGUE) == {
        "faelles-vaerdier": "Tryghed og fællesskab",
        "aktivitet-produkt--a": "Foreningen: lektiecafé i Nordvest",
        "aktivitet-produkt--b": "Virksomheden: regnskabsprogrammer",
    }
    # The fragment left the history entry too: going back does not bring the link back.
    b.page.go_back()
    assert "#del=" not in b.page.url

    assert_never_sent(
        [a, b],
        "lektiecafé",
        "fællesskab",
        "regnskabsprogrammer",
        "Ordentlighed",
        code,
        back_code,
        link.split("#")[1],
        back.split("#")[1],
        "del=",
        "#",
    )


def test_whole_set_by_qr_code_both_ways(parties):
    a, b = parties(), parties()
    kpi = open_sheet(a.page, f"arbejdsark/{KPI}/", KPI)
    add_rows(kpi, ["Flere frivillige", "Synlighed i lokalområdet"])
    year = open_sheet(a.page, f"arbejdsark/{YEAR}/", YEAR)
    field(year, "januar").fill("Kickoff med begge parter")
    year_b = open_sheet(b.page, f"arbejdsark/{YEAR}/", YEAR)
    field(year_b, "juni").fill("Sommerfest for frivillige")

    overview = open_overview(a.page)
    dialog, link, code = share_dialog(a.page, overview, "share-set")
    assert link.startswith(f"{a.page.url.split('#')[0]}#del=v1."), "a set opens on Mit partnerskab"
    scanned = decode_qr(dialog)
    assert scanned == link
    close_dialog(dialog)
    open_link(b.page, scanned, code, "merge")
    assert b.page.url.endswith("/arbejdsark/")

    overview_b = open_overview(b.page)
    dialog, back, back_code = share_dialog(b.page, overview_b, "share-set")
    back_scanned = decode_qr(dialog)
    close_dialog(dialog)
    open_link(a.page, back_scanned, back_code, "merge")
    assert all_entries(a.page) == all_entries(b.page)
    assert all_entries(a.page)[YEAR] == {"januar": "Kickoff med begge parter", "juni": "Sommerfest for frivillige"}
    assert all_entries(b.page)[KPI] == {
        "raekke-1--maal": "Flere frivillige",
        "raekke-2--maal": "Synlighed i lokalområdet",
    }
    assert_never_sent([a, b], "Kickoff", "Sommerfest", "Synlighed", code, back_code, link.split("#")[1], "del=")


def test_continue_on_the_phone_as_a_new_set(parties):
    laptop = parties()
    phone = parties(width=390, height=844, mobile=True)
    sheet = open_sheet(laptop.page, f"arbejdsark/{YEAR}/", YEAR)
    field(sheet, "marts").fill("Fælles workshop")
    dialog, _, code = share_dialog(laptop.page, sheet, "continue-phone")
    assert dialog.get_by_role("heading").inner_text().startswith("Fortsæt på telefonen")
    scanned = decode_qr(dialog)
    open_link(phone.page, scanned, code, "new")
    phone_sheet = phone.page.locator(f'.ark[data-ark="{YEAR}"]')
    assert field(phone_sheet, "marts").input_value() == "Fælles workshop"
    assert stored(phone.page, YEAR) == {"marts": "Fælles workshop"}
    current = phone.page.evaluate(f"async () => {STORE}.currentSet().name")
    assert current != "Mine svar" and phone_sheet.locator("[data-ark-set]").inner_text() == current
    # A phone does not offer it (a coarse pointer): it is what it would continue on.
    phone_sheet.locator("[data-ark-menu]").click()
    assert not phone_sheet.locator('[data-action="continue-phone"]').is_visible()
    assert phone_sheet.locator('[data-action="share"]').is_visible()


def test_changed_and_cut_off_links_change_nothing(parties):
    a, b = parties(), parties()
    sheet = open_sheet(a.page, f"arbejdsark/{YEAR}/", YEAR)
    field(sheet, "maj").fill("Evaluering")
    dialog, link, code = share_dialog(a.page, sheet, "share")
    close_dialog(dialog)
    open_sheet(b.page, f"arbejdsark/{YEAR}/", YEAR)
    field(b.page.locator(f'.ark[data-ark="{YEAR}"]'), "maj").fill("Mit eget svar")

    # One character changed in the middle of the payload: AES-GCM refuses it, even with the right code.
    i = len(link) - 30
    tampered = link[:i] + ("A" if link[i] != "A" else "B") + link[i + 1 :]
    b.page.goto(tampered)
    ask = enter_code(b.page, code)
    ask.get_by_role("alert").filter(has_text="ændret undervejs").wait_for()
    ask.get_by_role("button", name="Annullér").click()
    b.page.wait_for_function("() => location.hash === ''")
    assert stored(b.page, YEAR) == {"maj": "Mit eget svar"}
    assert "Intet er ændret" in b.page.locator(f'.ark[data-ark="{YEAR}"] .ark-status').inner_text()

    # Cut off (as a mail program might) and with a stray %: said, never thrown; nothing changes.
    for broken in (
        link[: link.index("#del=") + 20],
        link.split("#")[0] + "#del=v1.ab%E0%A4%A",
        link.split("#")[0] + "#del=v9.AAAA",
    ):
        b.page.goto(broken)
        alert = b.page.locator("dialog[data-ark-share-error][open]")
        alert.wait_for()
        assert "Intet er ændret" in alert.get_by_role("alert").inner_text()
        alert.get_by_role("button", name="Luk").click()
        b.page.wait_for_function("() => location.hash === ''")
        assert stored(b.page, YEAR) == {"maj": "Mit eget svar"}


def test_too_long_for_a_link_or_too_dense_for_a_qr_code(parties):
    a = parties()
    sheet = open_sheet(a.page, f"arbejdsark/{YEAR}/", YEAR)
    noise = "n => Array.from(crypto.getRandomValues(new Uint8Array(n)), b => 'abcdefghij'[b % 10]).join('')"
    # Random letters hardly compress: 3,000 make a link too dense for a QR code …
    field(sheet, "januar").fill(a.page.evaluate(noise, 3000))
    dialog, link, _ = share_dialog(a.page, sheet, "share")
    assert 1200 < len(link.encode()) and len(link) <= 8000, len(link)
    assert "for meget til en QR-kode" in dialog.inner_text()
    assert dialog.locator("[data-share-qr]").count() == 0
    close_dialog(dialog)
    # "Fortsæt på telefonen" is the QR code: without one, the file is offered beside the link.
    dialog, link, _ = share_dialog(a.page, sheet, "continue-phone")
    assert link and dialog.locator("[data-share-qr]").count() == 0
    assert "Send linket til dig selv" in dialog.inner_text() and "Scan QR-koden" not in dialog.inner_text()
    with a.page.expect_download() as info:
        dialog.get_by_role("button", name="Eksportér som fil").click()
    assert info.value.suggested_filename.endswith(".json")
    dialog.wait_for(state="detached")
    # … and 20,000 more a link too long to send: the file is offered instead, and it is the export.
    field(sheet, "februar").fill(a.page.evaluate(noise, 20000))
    dialog, link, _ = share_dialog(a.page, sheet, "share")
    assert link is None
    assert "for meget til et link" in dialog.inner_text()
    assert int(dialog.get_attribute("data-link-chars")) > 8000
    with a.page.expect_download() as info:
        dialog.get_by_role("button", name="Eksportér som fil").click()
    name = info.value.suggested_filename
    assert f"-{YEAR}-" in name and name.endswith(".json"), name
