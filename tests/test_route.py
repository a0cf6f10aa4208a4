"""Finding the tools (issue 11): the route as a step-by-step, the route panel on worksheet and
example pages, print packs at the top of every step and on "Mit partnerskab", the start page,
and one previous/next navigation on step pages. Built-HTML tests (conftest.site); the browser
side (show/hide, 320 px) is tests/browser/test_route.py."""

from __future__ import annotations

import json

import pytest

from macros.pages import NO_STEP, NO_STEP_TITLE, pack_name
from pdfbuild.meta import read_config
from tests.conftest import squeeze
from tests.support import ROOT

STEP_IDS = [f"trin-{n}" for n in range(1, 8)]


@pytest.fixture(scope="module")
def pdfs(pdf_dir) -> dict:
    """The PDFs the site was built with (the session's, tests/conftest.py: built_site)."""
    return json.loads((pdf_dir / "manifest.json").read_text(encoding="utf-8"))["files"]


def links(site, page, node) -> dict[str, str]:
    """Built file each link under node names → the link's text."""
    out = {}
    for a in node.find_all("a"):
        target = site.target(page, a.get("href") or "")
        if target is not None:
            out[target] = a.text()
    return out


def pack_links(site, page, node) -> set[str]:
    return {t for t, _ in links(site, page, node).items() if t.startswith("pdf/printpakke-")}


def all_packs(content) -> set[str]:
    return {f"pdf/{pack_name(s)}.pdf" for s in [*content.steps, None]}


# --- 1. The step-by-step on "Partnerskabsruten" ----------------------------------------------------


@pytest.mark.parametrize("step_id", STEP_IDS)
def test_step_by_step_lists_each_steps_sheets_pdfs_and_print_pack(site, content, pdfs, step_id):
    page = site.pages["partnerskabsruten/index.html"]
    step = content.steps[step_id]
    item = page.article.find("li", id=f"rute-{step_id}")
    assert item is not None and "ruten-trin" in item.classes
    heading = item.find("h2")
    assert squeeze(heading.text()) == f"Trin {step.number}: {step.title}"
    assert site.target(page, heading.find("a").get("href")) == f"{step_id}/index.html"
    assert squeeze(step.summary) in item.find("p", class_="ruten-resume").text()
    details = item.find("details", class_="rute-indhold")
    assert details is not None and details.find("summary") is not None
    found = links(site, page, details)
    sheets = content.worksheets_for_step(step_id)
    assert sheets
    for sheet in sheets:
        assert found.get(f"arbejdsark/{sheet.id}/index.html") == sheet.title
        assert (f"pdf/{sheet.id}.pdf" in found) == (f"{sheet.id}.pdf" in pdfs)
    assert pack_links(site, page, details) == {f"pdf/{pack_name(step_id)}.pdf"}


def test_step_by_step_numbers_the_steps_in_order_with_show_all(site, content):
    page = site.pages["partnerskabsruten/index.html"]
    route = next(d for d in page.article.find_all("div") if "data-rute" in d.attrs)
    steps = [li for li in route.find_all("li") if "ruten-trin" in li.classes]
    assert [li.find("span", class_="rute-cirkel").text() for li in steps] == [
        f"Trin {s.number}" for s in content.steps.values()
    ]
    button = next(b for b in route.find_all("button") if "data-rute-alle" in b.attrs)
    assert button.get("aria-expanded") == "false" and "ark-js" in button.parent.classes
    # The worksheets without a step, after the route, with their print pack.
    after = route.find("div", id=f"rute-{NO_STEP}")
    assert after is not None and pack_links(site, page, after) == {f"pdf/{pack_name(None)}.pdf"}
    # The book's own text of the page stays.
    assert "Med partnerskabsruten beskriver CFSA syv trin" in page.article.text()


# --- 2. "Del af Partnerskabsruten – Trin N" -------------------------------------------------------


@pytest.mark.parametrize("sheet_id", sorted(p.stem for p in (ROOT / "data" / "arbejdsark").glob("*.yml")))
def test_every_worksheet_page_names_its_step(site, content, sheet_id):
    page = site.pages[f"arbejdsark/{sheet_id}/index.html"]
    panels = [a for a in page.article.find_all("aside") if "rute-panel" in a.classes]
    assert len(panels) == 1, f"{sheet_id}: {len(panels)} route panels"
    panel = panels[0]
    # Before the worksheet: the reader sees where the sheet belongs first.
    order = list(page.article.iter())
    assert order.index(panel) < order.index(page.article.find(id=sheet_id))
    found = links(site, page, panel)
    title = panel.find("p", class_="rute-panel-titel").text()
    sheet = content.worksheets[sheet_id]
    if sheet.step is None:
        assert title == f"Del af {NO_STEP_TITLE}"
        assert f"{NO_STEP}/index.html" in found
        assert "partnerskabsruten/index.html" in found
        return
    steps = list(content.steps.values())
    i = [s.id for s in steps].index(sheet.step)
    step = steps[i]
    assert title == f"Del af Partnerskabsruten – Trin {step.number}"
    assert step.title in found[f"{step.id}/index.html"]
    assert "partnerskabsruten/index.html" in found
    neighbours = {s.id for s in steps[max(i - 1, 0) : i + 2]} - {step.id}
    assert {t.removesuffix("/index.html") for t in found if t.startswith("trin-")} == {step.id} | neighbours
    for s in neighbours:
        assert found[f"{s}/index.html"] == f"Trin {content.steps[s].number}: {content.steps[s].title}"


@pytest.mark.parametrize("example_id", sorted(p.stem for p in (ROOT / "data" / "eksempler").glob("*.yml")))
def test_every_example_page_names_its_steps_as_the_sites_cross_reference(site, content, example_id):
    page = site.pages[f"eksempler/{example_id}/index.html"]
    panels = [a for a in page.article.find_all("aside") if "rute-panel" in a.classes]
    assert len(panels) == 1
    panel = panels[0]
    steps = [content.steps[s] for s in content.examples[example_id].steps]
    numbers = [f"Trin {s.number}" for s in steps]
    title = panel.find("p", class_="rute-panel-titel").text()
    assert title.startswith("Relevant for Partnerskabsruten – ") and all(n in title for n in numbers)
    assert "Del af" not in panel.text()  # never presented as the book's own placing
    found = links(site, page, panel)
    assert {t for t in found if t.startswith("trin-")} == {f"{s.id}/index.html" for s in steps}
    assert "partnerskabsruten/index.html" in found
    note = panel.find("p", class_="hjemmesidens").text()
    assert note.startswith("Henvisningerne er hjemmesidens, ikke bogens. Bogen skriver: ”Eksemplerne refererer")


# --- 3. Print packs at the top of each step and on "Mit partnerskab" ------------------------------


@pytest.mark.parametrize("step_id", STEP_IDS)
def test_print_pack_is_linked_at_the_top_of_its_step(site, step_id):
    page = site.pages[f"{step_id}/index.html"]
    top = page.article.find("p", class_="trin-vaerktoej")
    assert top is not None
    assert pack_links(site, page, top) == {f"pdf/{pack_name(step_id)}.pdf"}
    order = list(page.article.iter())
    first_sheet = next(n for n in order if n.get("data-ark"))
    first_prose = next(n for n in order if n.tag == "p" and n.parent is page.article and not n.classes)
    assert order.index(top) < order.index(first_prose) < order.index(first_sheet)
    # "N arbejdsark til trinnet" jumps to the step's list of worksheets.
    jump = next(a for a in top.find_all("a") if a.get("href", "").startswith("#"))
    assert page.root.find(id=jump.get("href")[1:]) is not None


def test_every_print_pack_is_linked_from_mit_partnerskab(site, content):
    page = site.pages["arbejdsark/index.html"]
    assert pack_links(site, page, page.article) == all_packs(content)


# --- 4. The start page ------------------------------------------------------------------------------


def test_start_page_has_the_start_button_the_steps_the_worksheets_and_the_pdfs(site, content):
    page = site.pages["index.html"]
    article = page.article
    button = article.find("a", class_="start-knap")
    assert (
        button is not None
        and "md-button" in button.classes
        and site.target(page, button.get("href")) == "trin-1/index.html"
    )
    steps = article.find("ol", class_="ruten--kort")
    found = links(site, page, steps)
    assert {t: squeeze(text.split(":", 1)[-1]) for t, text in found.items()} == {
        f"{s.id}/index.html": s.title for s in content.steps.values()
    }
    everything = links(site, page, article)
    for target in ("arbejdsark/index.html", "partnerskabsruten/index.html", "pdf/parat-til-private-partnerskaber.pdf"):
        assert target in everything, target
    assert pack_links(site, page, article) == all_packs(content)
    # What the guide is and who it is for: the book's own sentences, as the manuscript has them.
    text = article.text()
    for sentence in (
        "Denne bogs sigte er på den ene side at inspirere frivillige sociale organisationer",
        "Redskaberne bliver præsenteret gennem partnerskabsruten, der er inddelt i syv trin",
        "Parat til private partnerskaber er især målrettet ledere, ansatte og bestyrelser",
    ):
        assert sentence in text


# --- 5. One previous/next navigation, following the nav ---------------------------------------------


def nav_order() -> list[str]:
    """The pages in the order of mkdocs.yml's nav, as built files."""
    config = read_config()
    out: list[str] = []

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                walk(value)
            else:
                stem = value.removesuffix(".md")
                out.append(
                    "index.html"
                    if stem == "index"
                    else stem.removesuffix("index") + ("" if stem.endswith("index") else "/") + "index.html"
                )

    walk(config["nav"])
    return out


@pytest.mark.parametrize("step_id", STEP_IDS)
def test_step_pages_have_one_previous_next_navigation_following_the_nav(site, step_id):
    page = site.pages[f"{step_id}/index.html"]
    prev_next = [n for n in page.root.find_all("nav") if "md-footer__inner" in n.classes or "trin-naeste" in n.classes]
    assert len(prev_next) == 1 and "md-footer__inner" in prev_next[0].classes
    assert not [a for a in page.article.find_all("a") if a.get("rel") in ("prev", "next")]
    order = nav_order()
    i = order.index(f"{step_id}/index.html")
    nav = prev_next[0]
    prev = site.target(page, nav.find("a", class_="md-footer__link--prev").get("href"))
    nxt = site.target(page, nav.find("a", class_="md-footer__link--next").get("href"))
    assert (prev, nxt) == (order[i - 1], order[i + 1])
