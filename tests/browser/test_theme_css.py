"""The cut theme stylesheets (cssbuild/) style every page exactly as the theme's full ones.

Issue 25: scripts/build keeps only the rules of Material's main.css and palette.css that the built
pages and scripts can match. Each page is loaded twice in Chromium, once as published and once with
the theme's full stylesheets served in place of the cut ones, in the states a reader brings about
(the phone's drawer open, a worksheet's menu open, the search dialog open, printing); every element's and
pseudo-element's computed style must be the same. A rule lost by the cut shows as a difference
naming the element and the property.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.helpers import settled

# The properties compared: what a reader sees of an element and where it sits.
PROPERTIES = (
    "display visibility position top left width height margin-top margin-right margin-bottom margin-left "
    "padding-top padding-right padding-bottom padding-left color background-color background-image "
    "border-top-width border-top-style border-top-color border-bottom-width border-bottom-style "
    "border-left-width border-left-color border-radius box-shadow outline-style outline-color font-family "
    "font-size font-weight font-style line-height letter-spacing text-decoration-line text-transform "
    "text-align white-space opacity transform mask-image z-index overflow-x overflow-y flex-direction "
    "align-items justify-content gap list-style-type cursor content"
).split()

STYLES = """(props) => {
  const out = [];
  const path = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
      parts.unshift(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.classList.length ? '.' + [...e.classList].join('.') : ''));
    }
    return parts.join(' > ');
  };
  for (const el of document.body.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      const s = getComputedStyle(el, pseudo);
      if (pseudo && (s.content === 'none' || s.content === 'normal')) continue;
      out.push([path(el) + (pseudo || ''), props.map((p) => s.getPropertyValue(p)).join('|')]);
    }
  }
  return out;
}"""

# (page, width, what the reader does before the styles are read)
CASES = [
    ("", 390, None),
    ("", 1366, None),
    ("trin-4/", 390, "drawer"),
    ("trin-4/", 1366, None),
    ("trin-4/", 390, "menu"),
    ("arbejdsark/trin-4-dialogpapir/", 1366, "menu"),
    ("arbejdsark/", 390, None),
    ("eksempler/murmal/", 1366, None),
    ("vaerdiperspektiver/", 390, None),
    ("saadan-gemmes-dine-svar/", 1366, "search"),
    ("findes-ikke/", 390, None),  # the 404 page
    ("trin-4/", 1366, "print"),
    ("arbejdsark/trin-4-dialogpapir/", 1366, "print"),
]


def full_theme_css() -> dict[str, str]:
    """The theme's stylesheets as the installed Material ships them: {"main": css, "palette": css}."""
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    return {name: next(folder.glob(f"{name}.*.min.css")).read_text(encoding="utf-8") for name in ("main", "palette")}


def styles(browser, site_url: str, path: str, width: int, action: str | None, full: dict[str, str] | None):
    context = browser.new_context(base_url=site_url, viewport={"width": width, "height": 900}, locale="da-DK")
    page = context.new_page()
    if full is not None:  # the cut file's request answered with the full one of the same name
        cut_css = re.compile(r"/assets/stylesheets/(main|palette)\.[0-9a-f]{8}\.min\.css$")
        page.route(
            cut_css,
            lambda route: route.fulfill(body=full[cut_css.search(route.request.url)[1]], content_type="text/css"),
        )
    page.goto(path, wait_until="networkidle")
    if action == "drawer":
        page.locator('label.md-header__button[for="__drawer"]').click()
    elif action == "menu":
        page.locator("[data-ark-menu]").first.click()
        page.locator(".ark-menu:not([hidden])").first.wait_for()
    elif action == "print":
        page.emulate_media(media="print")
    elif action == "search":
        page.keyboard.press("/")
        page.locator("#sog-felt").wait_for()
    page.mouse.move(0, 0)
    settled(page)
    result = dict(page.evaluate(STYLES, list(PROPERTIES)))
    context.close()
    return result


@pytest.mark.parametrize(("path", "width", "action"), CASES)
def test_cut_theme_css_styles_the_page_as_the_full_one(browser, site_url, path, width, action):
    cut = styles(browser, site_url, path, width, action, None)
    full = styles(browser, site_url, path, width, action, full_theme_css())
    assert cut.keys() == full.keys()
    differences = []
    for element, values in full.items():
        if cut[element] != values:
            changed = [
                f"{p}: {a!r} → {b!r}"
                for p, a, b in zip(PROPERTIES, values.split("|"), cut[element].split("|"), strict=True)
                if a != b
            ]
            differences.append(f"{element}: {'; '.join(changed)}")
    assert differences == [], "\n".join(differences[:20])


def test_pages_link_the_cut_theme_css(built_site):
    """Every page links the cut copies; the full files, and their source maps, are gone."""
    css = {p.name for p in (built_site / "assets" / "stylesheets").glob("*.min.css")}
    full = {name: len(text) for name, text in full_theme_css().items()}
    for name in ("main", "palette"):
        [cut] = [c for c in css if c.startswith(name + ".")]
        assert (built_site / "assets" / "stylesheets" / cut).stat().st_size < full[name] * 0.7
        assert not list((built_site / "assets" / "stylesheets").glob(f"{name}.*.map"))
    linked = set()
    for page in built_site.rglob("*.html"):
        linked |= set(re.findall(r'href="[^"]*/((?:main|palette)\.[0-9a-f]{8}\.min\.css)"', page.read_text("utf-8")))
    assert linked == css
