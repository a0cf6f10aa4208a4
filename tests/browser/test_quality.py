"""Quality gates in Chromium on every built page: WCAG 2.2 A/AA (axe-core) at a phone's and a laptop's
width, privacy, keyboard use."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.slug import page_url
from tests.support import ROOT

from .helpers import settled, wait_bound

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = [390, 1366]  # a phone and a laptop (CSS px)
# Every page the site builds, one per Markdown file (known before the build, so axe runs as one
# test per page); test_axe_checks_every_built_page holds this list to the built site.
DOCS = ROOT / "docs"
PAGES = sorted(page_url(md.relative_to(DOCS).as_posix()) for md in DOCS.rglob("*.md"))


def all_pages(site: Path) -> list[str]:
    pages = []
    for path in sorted(site.rglob("index.html")):
        text = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue
        pages.append(path.relative_to(site).as_posix().removesuffix("index.html"))
    return pages


@pytest.fixture(scope="module")
def pages(built_site):
    return all_pages(built_site)


def scroll_through(page) -> None:
    """Scroll the page to its end a screen at a time (a frame drawn at each stop), then back to the
    top: what a reader's scrolling starts (sticky headers, lazy parts) is then in place. Returns
    once the transitions the way back started have ended: back at the top, Material fades the
    header's title back to the site's name (0.15 s), and axe measured the half-faded text's
    contrast (a violation) when it ran at once."""
    page.evaluate(
        """async () => {
             const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
             for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) { scrollTo(0, y); await frame(); }
             scrollTo(0, 0);
             await frame();
           }"""
    )
    settled(page)


def axe_violations(page) -> list[str]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, { runOnly: { type: 'tag', values: tags } })", AXE_TAGS)
    out = []
    for v in result["violations"]:
        targets = [", ".join(n["target"]) for n in v["nodes"][:5]]
        out.append(f"{v['id']} ({v['impact']}): {v['help']} — {targets}")
    return out


def test_axe_core_is_installed():
    assert AXE.exists(), "node_modules/axe-core is missing: run ./scripts/test (it runs npm ci)"


def test_axe_checks_every_built_page(pages):
    assert len(pages) > 50
    assert PAGES == sorted(pages)


@pytest.mark.parametrize("width", WIDTHS, ids=lambda width: f"{width}px")
@pytest.mark.parametrize("path", PAGES, ids=lambda path: f"/{path}")
def test_page_passes_axe_and_loads_nothing_from_elsewhere(context, page, path, width):
    page.set_viewport_size({"width": width, "height": 844 if width < 500 else 800})
    page.goto(path)
    page.wait_for_load_state("load")
    scroll_through(page)
    violations = axe_violations(page)
    assert not violations, f"axe violations on /{path} at {width} px:\n" + "\n".join(violations)
    assert context.requests.foreign() == [], f"/{path}: requests left this machine: {context.requests.foreign()}"
    assert context.cookies() == [], f"/{path} set cookies"


def test_search_dialog_passes_axe_when_open(page):
    page.goto("")
    page.keyboard.press("/")  # opens the search dialog (sog/main.js)
    page.locator("#sog-felt").wait_for()
    page.keyboard.type("virksomhed")
    page.wait_for_selector("#sog-ui a.sog-link")
    assert axe_violations(page) == []
    assert page.get_by_role("dialog", name="Søg i guiden").count() == 1
    assert page.evaluate("document.activeElement.id === 'sog-felt'")


def test_only_storage_is_worksheet_answers(context, pages):
    page = context.new_page()
    for path in pages[:15]:
        page.goto(path)
    page.goto("arbejdsark/trin-1-refleksion/")
    page.locator("textarea[data-key]").first.fill("Et svar")
    keys = page.evaluate("Object.keys(localStorage)")
    session = page.evaluate("Object.keys(sessionStorage)")
    assert keys and all(k.startswith("ppp:v2:/|") for k in keys), keys
    assert session == [], session
    assert context.cookies() == []


def test_keyboard_only_through_a_step_and_a_worksheet(page):
    page.goto("trin-3/")
    wait_bound(page)
    seen = []
    for _ in range(400):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const el = document.activeElement;
                 return { tag: el.tagName, key: el.dataset.key || '', action: el.dataset.action || '',
                          visible: !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length),
                          outline: getComputedStyle(el).outlineStyle, cls: el.className } }"""
        )
        seen.append(info)
        if info["key"] == "research-af-moedeltagerne":
            break
    else:
        pytest.fail("Tab never reached the first checklist item of 'Gode råd før mødet'")
    assert all(i["visible"] for i in seen), "focus landed on something invisible"
    # Material's search field shows focus by turning white and widening, not by an outline.
    unmarked = [i for i in seen if i["outline"] == "none" and "md-search__input" not in i["cls"]]
    assert unmarked == [], f"focus is not visible on: {unmarked[:5]}"
    page.keyboard.press("Space")
    assert page.locator('[data-key="research-af-moedeltagerne"]').first.is_checked()
    for _ in range(3):  # past the item's "Kopiér link" button to its note
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.key") == "research-af-moedeltagerne--note":
            break
    page.keyboard.type("Skrevet med tastaturet")
    assert page.locator('[data-key="research-af-moedeltagerne--note"]').first.input_value() == "Skrevet med tastaturet"
    # The worksheet's tools are reachable too: its one action in sight and the menu of the rest
    # (test_phone.py goes through the menu by keyboard).
    actions = {i["action"] for i in seen}
    assert "print-filled" in actions and any("ark-menu-knap" in i["cls"] for i in seen)


# --- Stable first paint: the scripts add nothing that moves the page ---------------------------

# Entries not yet delivered to the observer's callback are read with takeRecords() at the end.
LAYOUT_SHIFTS = """window.__shifts = [];
window.__record = entries => { for (const e of entries) if (!e.hadRecentInput)
  window.__shifts.push([e.value, e.sources.map(s => s.node ? s.node.nodeName + '.' + s.node.className : '?').join(' | ')]);
  return window.__shifts; };
window.__shiftObserver = new PerformanceObserver(list => window.__record(list.getEntries()));
window.__shiftObserver.observe({ type: 'layout-shift', buffered: true });"""


@pytest.mark.parametrize(
    "path, sheet",
    [
        ("arbejdsark/trin-3-foer-moedet/", "trin-3-foer-moedet"),
        ("trin-4/", "trin-4-dialogpapir"),
    ],
)
def test_nothing_shifts_when_the_scripts_start(browser, site_url, path, sheet):
    """Toolbars and copy-link buttons are in the HTML; restoring answers fills fields in place."""
    ctx = browser.new_context(base_url=site_url, viewport={"width": 412, "height": 823})
    ctx.add_init_script(LAYOUT_SHIFTS)
    ctx.add_init_script(
        "localStorage.setItem('v1:trin-3-foer-moedet:research-af-moedeltagerne', '1');"
        "localStorage.setItem('v1:trin-3-foer-moedet:research-af-moedeltagerne--note', 'Et gemt svar');"
        "localStorage.setItem('v1:trin-4-dialogpapir:aktivitet-produkt--a', 'Et gemt svar');"
    )
    page = ctx.new_page()
    page.goto(path)
    page.wait_for_selector(f'.ark[data-ark="{sheet}"][data-bound="1"]')
    assert "svar hentet" in page.locator(f'.ark[data-ark="{sheet}"] .ark-status').inner_text()
    page.evaluate("document.fonts.ready")
    settled(page)  # a frame drawn after the last change: its shifts are recorded
    shifts = page.evaluate("window.__record(window.__shiftObserver.takeRecords())")
    assert sum(value for value, _ in shifts) < 0.01, shifts
    ctx.close()


def test_without_javascript_only_working_controls_show(browser, site_url):
    ctx = browser.new_context(base_url=site_url, java_script_enabled=False)
    page = ctx.new_page()
    page.goto("arbejdsark/trin-4-dialogpapir/")
    sheet = page.locator('.ark[data-ark="trin-4-dialogpapir"]')
    assert sheet.locator(".ark-noscript").is_visible()
    visible = page.evaluate(
        "() => [...document.querySelectorAll('article button, article label.ark-import')]"
        ".filter(el => el.getClientRects().length).map(el => el.textContent.trim())"
    )
    assert visible == []
    assert page.locator(".sog-knap").count() == 1 and not page.locator(".sog-knap").is_visible()  # the search needs it
    # The fillable PDF needs no JavaScript (the session's site is built with its PDFs).
    assert sheet.locator(".ark-tools a[download]").is_visible()
    ctx.close()


def test_phone_drawer_is_out_of_the_page_until_opened(browser, site_url):
    """site.css: the closed drawer is display:none (no work on load, no invisible tab stops)."""
    ctx = browser.new_context(base_url=site_url, viewport={"width": 412, "height": 823})
    page = ctx.new_page()
    page.goto("trin-4/")
    drawer = page.locator(".md-sidebar--primary")
    assert drawer.evaluate("el => getComputedStyle(el).display") == "none"
    page.keyboard.press("Tab")  # skip link, then the first real stops: none inside the drawer
    for _ in range(6):
        page.keyboard.press("Tab")
        assert not page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
    page.locator('label.md-header__button[for="__drawer"]').click()
    active = drawer.locator(".md-nav__link--active").first
    active.wait_for(state="visible")
    settled(page)  # the slide-in has ended
    box = active.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 412
    ctx.close()
