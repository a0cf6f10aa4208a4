"""Quality gates in Chromium on every built page: WCAG 2.1 A/AA (axe-core), privacy, keyboard use."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


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


def axe_violations(page) -> list[str]:
    # Worksheets below the fold use content-visibility: auto (not laid out until near); lay
    # everything out so axe can measure contrast everywhere, not just on the first screen.
    page.add_style_tag(content=".ark { content-visibility: visible !important; }")
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


def test_every_page_passes_axe_and_loads_nothing_from_elsewhere(context, pages):
    assert len(pages) > 50
    page = context.new_page()
    problems = {}
    for path in pages:
        page.goto(path)
        page.wait_for_load_state("load")
        violations = axe_violations(page)
        if violations:
            problems[path] = violations
    assert not problems, "axe violations:\n" + "\n".join(f"/{p}: {v}" for p, vs in problems.items() for v in vs)
    assert context.requests.foreign() == [], f"requests left this machine: {context.requests.foreign()}"
    assert context.cookies() == []


def test_search_dialog_passes_axe_when_open(page):
    page.goto("")
    page.keyboard.press("/")  # Material's shortcut opens search
    page.keyboard.type("virksomhed")
    page.wait_for_selector(".md-search-result__item")
    assert axe_violations(page) == []
    assert page.get_attribute(".md-search", "aria-label") == "Søg"  # Material leaves the dialog unnamed


def test_only_storage_is_worksheet_answers(context, pages):
    page = context.new_page()
    for path in pages[:15]:
        page.goto(path)
    page.goto("arbejdsark/trin-1-refleksion/")
    page.locator("textarea[data-key]").first.fill("Et svar")
    keys = page.evaluate("Object.keys(localStorage)")
    session = page.evaluate("Object.keys(sessionStorage)")
    assert keys and all(k.startswith("v1:") for k in keys), keys
    assert session == [], session
    assert context.cookies() == []


def test_keyboard_only_through_a_step_and_a_worksheet(page):
    page.goto("trin-3/")
    page.wait_for_selector('.ark[data-bound="1"]')
    seen = []
    for _ in range(400):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const el = document.activeElement;
                 return { tag: el.tagName, key: el.dataset.key || '', action: el.dataset.action || '',
                          visible: !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length),
                          outline: getComputedStyle(el).outlineStyle } }"""
        )
        seen.append(info)
        if info["key"] == "research-af-moedeltagerne":
            break
    else:
        pytest.fail("Tab never reached the first checklist item of 'Gode råd før mødet'")
    assert all(i["visible"] for i in seen), "focus landed on something invisible"
    page.keyboard.press("Space")
    assert page.locator('[data-key="research-af-moedeltagerne"]').first.is_checked()
    for _ in range(3):  # past the item's "Kopiér link" button to its note
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.key") == "research-af-moedeltagerne--note":
            break
    page.keyboard.type("Skrevet med tastaturet")
    assert page.locator('[data-key="research-af-moedeltagerne--note"]').first.input_value() == "Skrevet med tastaturet"
    # The worksheet's tools are reachable too.
    actions = {i["action"] for i in seen}
    assert {"print-filled", "copy-text", "export", "clear"} <= actions
