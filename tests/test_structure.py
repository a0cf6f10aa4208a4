"""The book's structure on the built pages, compared with the manuscript (issue 12).

The coverage test sees sentences; this one sees structure: list numbering, the book's boxes and
their labels, the dialogue paper's caption, heading levels of inserted blocks, the examples' order,
and that nothing the site made is presented as the book's.
"""

from __future__ import annotations

import re

import pytest
import yaml

from macros.render import heading_anchor
from tests.conftest import squeeze
from tests.support import ROOT

MANUSCRIPT = (ROOT / "source" / "parat-til-private-partnerskaber.txt").read_text(encoding="utf-8")
BOOK = squeeze(MANUSCRIPT.replace("-\n", "")).casefold()
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

# The book's boxes: (page, label as the site shows it, manuscript line where the book prints it).
BOOK_BOXES = [
    ("partnerskabets-potentialer/index.html", "Værdiperspektiver", 146),
    ("trin-1/index.html", "Refleksionsspørgsmål", 323),
    ("trin-2/index.html", "Værdiperspektiver", 605),
    ("trin-2/index.html", "Refleksionsspørgsmål", 642),
    ("trin-3/index.html", "Gode råd før mødet", 861),
    ("trin-3/index.html", "Gode råd under mødet", 896),
    ("trin-3/index.html", "Gode råd efter mødet", 927),
    ("trin-4/index.html", "Refleksionsspørgsmål", 1237),
    ("trin-4/index.html", "Værdiperspektiver", 1273),
    ("trin-4/index.html", "Refleksionsspørgsmål", 1336),
    ("trin-5/index.html", "Gode råd", 1645),
    ("trin-5/index.html", "Fem faldgruber i organisering af et partnerskab", 1822),
    ("trin-6/index.html", "Gode råd", 2065),
    ("trin-6/index.html", "Gode råd", 2089),
    ("eksempler/ombold-og-stark/index.html", "Gode råd fra partnerskabet", 536),
    ("eksempler/ombold-og-stark/index.html", "Sådan er partnerskabet organiseret", 553),
    ("eksempler/roede-kors-og-lb-forsikring/index.html", "Gode råd fra partnerskabet", 816),
    ("eksempler/foedevarebanken-og-jyske-bank/index.html", "Gode råd fra partnerskabet", 1020),
    ("eksempler/boerns-vilkaar-og-tdc-group/index.html", "Gode råd fra partnerskabet", 1496),
    (
        "eksempler/boerns-vilkaar-og-tdc-group/index.html",
        "Sådan er partnerskabet mellem Børns Vilkår og TDC Group organiseret",
        1516,
    ),
    ("eksempler/murmal/index.html", "Værdiperspektiver", 1901),
    ("eksempler/blindes-arbejde-og-isager-arkitekter/index.html", "Fakta", 2248),
    (
        "bevar-gejsten/index.html",
        "Gode råd til at fastholde energi og engagement længe efter partnerskabsaftalen er underskrevet",
        2449,
    ),
    ("bevar-gejsten/index.html", "Gode råd til at øge forudsætningerne for fælles værdiskabelse", 2490),
    ("bevar-gejsten/index.html", "Gode råd til at skabe nye ideer og potentialer i et langvarigt partnerskab", 2529),
]
# Where each example starts in the manuscript: its printed headline (Blindes Arbejde has none).
EXAMPLE_OPENINGS = {
    "ombold-og-stark": "Byggemarked",
    "roede-kors-og-lb-forsikring": "Kickstart",
    "foedevarebanken-og-jyske-bank": "EKSEMPEL: FØDEVAREBANKEN",
    "boerns-vilkaar-og-tdc-group": "Langvarigt partnerskab",
    "murmal": "Partnerskab forskønner",
    "blindes-arbejde-og-isager-arkitekter": "ISAGER Arkitekter",
}


def _t(node) -> str:
    """The text a reader sees, without the "Kopiér link" buttons and permalinks."""
    return squeeze(node.text(skip_class={"headerlink", "kopier-link"}))


def _label(box) -> str:
    node = box.find("p", class_="boks-label") or box.find("p", class_="admonition-title")
    return _t(node) if node else ""


def _boxes(page):
    return [n for n in page.article.iter() if "boks" in n.classes]


def _book_order() -> list[str]:
    return yaml.safe_load((ROOT / "data" / "eksempler.yml").read_text(encoding="utf-8"))["order"]


def _example_links(node) -> list[str]:
    """Example ids in the order `node` links to them (each once)."""
    out: list[str] = []
    for a in node.iter("a"):
        m = re.search(r"eksempler/([a-z0-9-]+)/", a.get("href") or "")
        if m and m.group(1) in EXAMPLE_OPENINGS and m.group(1) not in out:
            out.append(m.group(1))
    return out


# --- Lists and boxes -----------------------------------------------------------------------


def test_murmal_values_are_numbered_as_in_the_book(site):
    start = MANUSCRIPT.index("MurMal: Værdi på mange planer")
    book = re.findall(r"^(\d)\.\t\s*([^:\n]+):", MANUSCRIPT[start : start + 3000], re.M)
    assert [int(n) for n, _ in book] == list(range(1, 8)), book
    page = site.pages["eksempler/murmal/index.html"]
    lists = [n for n in page.article.iter("ol") if "eksempel-vaerdier" in n.classes]
    assert len(lists) == 1 and lists[0].get("start") in (None, "1")
    items = [_t(li) for li in lists[0].iter("li")]
    # An <ol> numbers its items 1, 2, …: item i shows number i + 1.
    assert [(str(i + 1), text.split(":")[0]) for i, text in enumerate(items)] == [
        (n, label.strip()) for n, label in book
    ]


@pytest.mark.parametrize(
    "page_rel,label,line", BOOK_BOXES, ids=[f"{p.split('/')[0]}:{label}:{n}" for p, label, n in BOOK_BOXES]
)
def test_book_boxes_are_boxes_with_the_books_label(site, page_rel, label, line):
    printed = " ".join(MANUSCRIPT.splitlines()[line - 1 : line + 2])
    assert squeeze(printed).strip(" :").casefold().startswith(label.casefold()[:40]), printed
    page = site.pages[page_rel]
    assert label in [_label(b) for b in _boxes(page)], f"{page_rel}: no box labelled {label!r}"


def test_no_heading_inside_a_box_so_text_after_it_returns_to_the_section(site):
    for rel, page in site.pages.items():
        for box in _boxes(page):
            inner = [n.tag for n in box.iter() if n.tag in HEADINGS]
            assert not inner, f"{rel}: box {_label(box)!r} holds headings {inner}"


def test_text_after_a_box_is_under_the_chapters_section(site):
    """Partnerskabets potentialer: the paragraph after the box is in the H1's intro, not under a 'Værdiperspektiver' heading."""
    page = site.pages["partnerskabets-potentialer/index.html"]
    headings = [_t(n) for n in page.article.iter() if n.tag in HEADINGS]
    assert "Værdiperspektiver" not in headings
    text = squeeze(page.article.text())
    assert (
        text.index("Værdiperspektiver")
        < text.index("For frivillige sociale organisationer kan perspektiverne")
        < text.index("Inspiration og redskaber")
    )


def test_the_five_pitfalls_are_the_books_list_not_a_checklist(site, content):
    page = site.pages["trin-5/index.html"]
    block = page.root.find(id="trin-5-faldgruber")
    assert block is not None and not list(block.iter("input")), "the pitfalls must not be ticked off"
    items = [li for li in block.iter("li")]
    ids = [i.id for s in content.worksheets["trin-5-faldgruber"].sections for i in s.items]
    assert [li.get("id") for li in items] == [f"trin-5-faldgruber--{i}" for i in ids]
    assert [_t(li).split(".")[0] for li in items] == ["Mistillid", "Ulighed", "Uklarhed", "Konfliktskyhed", "Enøjethed"]
    alone = site.pages["arbejdsark/trin-5-faldgruber/index.html"]
    assert not list(alone.article.iter("input"))


# --- The dialogue paper ----------------------------------------------------------------------


def test_dialogue_paper_example_is_captioned_and_reached_by_the_books_reference(site):
    assert "eksempel på dialogpapir" in BOOK
    page = site.pages["trin-4/index.html"]
    figure = page.root.find(id="trin-4-dialogpapir--eksempel")
    assert figure is not None and figure.tag == "figure", "the example is shown, not hidden in a collapsed block"
    assert not any(a.tag == "details" for a in figure.ancestors())
    caption = figure.find("figcaption")
    assert caption is not None and squeeze(caption.text()) == "EKSEMPEL PÅ DIALOGPAPIR"
    ref = [a for a in page.article.iter("a") if squeeze(a.text()) == "side 44-45"]
    assert ref and ref[0].get("href") == "#trin-4-dialogpapir--eksempel"
    # The blank form to fill follows the example.
    form = page.root.find(id="trin-4-dialogpapir").find("form")
    assert form is not None and list(form.iter("textarea"))


def test_dialogue_paper_column_heads_are_the_books(site):
    for head in ("Foreningens AKTIVITET", "Virksomhedens PRODUKT"):
        assert head.casefold() in BOOK
    page = site.pages["trin-4/index.html"]
    sheet = page.root.find(id="trin-4-dialogpapir")
    labels = [squeeze(n.text()) for n in sheet.iter("label")]
    assert "Foreningens AKTIVITET" in labels and "Virksomhedens PRODUKT" in labels
    assert "Aktivitet og produkt" not in squeeze(sheet.text())


# --- Headings and titles ---------------------------------------------------------------------


def test_agreement_template_has_the_books_heading(site):
    page = site.pages["trin-7/index.html"]
    heading = page.root.find(id="partnerskabsaftale-skabelon")
    assert heading is not None and heading.tag in HEADINGS
    title = _t(heading)
    assert title.startswith("Som minimum bør en partnerskabsaftale indeholde følgende punkter")
    assert "som minimum bør en partnerskabsaftale indeholde følgende punkter" in BOOK


def test_inserted_blocks_sit_one_level_below_their_section(site, content):
    pages = {w.page for w in content.worksheets.values()}
    for md in sorted(pages):
        page = site.pages[md.removesuffix(".md") + "/index.html"]
        section = 1
        for node in page.article.iter(skip={"aside"}):
            if node.tag not in HEADINGS:
                continue
            level = int(node.tag[1])
            if "ark-titel" in node.classes:
                assert level == section + 1, (
                    f"{md}: worksheet heading {squeeze(node.text())!r} is h{level} under an h{section}"
                )
            else:
                section = level


def test_worksheet_titles_are_the_books_or_marked_as_the_sites(site, content):
    for sheet in content.worksheets.values():
        page = site.pages[sheet.page.removesuffix(".md") + "/index.html"]
        anchor = page.root.find(id=heading_anchor(sheet))
        assert anchor is not None, f"{sheet.id}: title anchor #{heading_anchor(sheet)} is gone"
        if "kopier-overskrift" in anchor.parent.classes:  # the title and its "Kopiér link" button
            anchor = anchor.parent
        siblings = [n for n in anchor.parent.children if not isinstance(n, str)]
        after = siblings[siblings.index(anchor) + 1 :]
        marked = bool(after) and "hjemmesidens" in after[0].classes
        if sheet.caption:  # the step page shows the book's caption (a line, not a heading), unmarked
            assert squeeze(sheet.caption).casefold() in BOOK, f"{sheet.id}: {sheet.caption!r} is not in the manuscript"
            assert not marked and squeeze(page.root.find(id=heading_anchor(sheet)).text()) == sheet.caption
        elif sheet.title_source == "book":
            assert squeeze(sheet.title).casefold() in BOOK, f"{sheet.id}: {sheet.title!r} is not in the manuscript"
            assert not marked
        else:
            assert marked, f"{sheet.id}: the site's title {sheet.title!r} is not marked as the site's"
        alone = site.pages[f"arbejdsark/{sheet.id}/index.html"]
        has_note = any("hjemmesidens" in n.classes for n in alone.article.iter())
        assert has_note == (sheet.title_source == "site"), sheet.id


def test_site_built_tools_say_so(site):
    for sheet_id, words in (
        ("trin-7-kpi", "bogens eksempler på KPI’er"),
        ("trin-7-aarshjul", "bogens beskrivelse af årshjulet"),
    ):
        text = squeeze(site.pages[f"arbejdsark/{sheet_id}/index.html"].article.text())
        assert f"Et redskab, hjemmesiden har lavet ud fra {words} – ikke et arbejdsark fra bogen." in text
    overview = squeeze(site.pages["arbejdsark/index.html"].article.text())
    assert "Alle arbejdsark fra bogen" not in overview


# --- Examples: order and the site's index ----------------------------------------------------


def test_examples_order_is_the_books_and_the_navs():
    order = _book_order()
    positions = [MANUSCRIPT.index(EXAMPLE_OPENINGS[e]) for e in order]
    assert positions == sorted(positions), "data/eksempler.yml is not in the manuscript's order"
    nav = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["nav"]
    section = next(item["Eksempler"] for item in nav if isinstance(item, dict) and "Eksempler" in item)
    pages = [next(iter(x.values())) for x in section if isinstance(x, dict)]
    assert [p.removeprefix("eksempler/").removesuffix(".md") for p in pages] == order


def test_every_list_of_examples_follows_the_books_order(site):
    order = _book_order()
    lists = {
        "eksempler/index.html": site.pages["eksempler/index.html"].article,
        "partnerskabsruten/index.html": site.pages["partnerskabsruten/index.html"].article,
    }
    for rel, page in site.pages.items():
        if rel.startswith("vaerdiperspektiver/") or re.match(r"trin-\d/index.html", rel):
            lists[rel] = page.article
    checked = 0
    for rel, node in lists.items():
        found = _example_links(node)
        if rel.startswith("trin-"):
            found = _example_links(node.find("aside") or node)
        assert found == [e for e in order if e in found], f"{rel}: {found}"
        checked += len(found) > 1
    assert checked >= 3


def test_the_sites_index_of_examples_is_labelled_as_the_sites(site):
    for rel, page in site.pages.items():
        text = squeeze(page.article.text())
        assert "Eksempler fra bogen" not in text, rel
        assert "eksempeler" not in text, rel
        if rel.startswith("eksempler/") and rel != "eksempler/index.html":
            facts = next(n for n in page.article.iter() if "eksempel-fakta" in n.classes)
            facts_text = squeeze(facts.text())
            # One note each: the facts box says it is the site's; the route panel says its step
            # references are, and quotes the book's sentence (once).
            assert facts_text.endswith("Oversigten er hjemmesidens, ikke bogens."), rel
            assert "Relevant for værdiperspektiverne" in facts_text and "Eksemplerne refererer" not in facts_text
            assert "Relevant for Partnerskabsruten" in text, rel
            assert text.count("Henvisningerne er hjemmesidens, ikke bogens.") == 1, rel
            assert text.count("Eksemplerne refererer ikke direkte til de enkelte trin") == 1, rel
        if rel.startswith("vaerdiperspektiver/") and page.root.find(id="eksempler") is not None:
            assert "Henvisningerne er hjemmesidens, ikke bogens." in text, rel


def test_perspective_questions_carry_no_labels_the_book_does_not_print(site, content):
    block = site.pages["trin-4/index.html"].root.find(id="trin-4-vaerdiperspektiver")
    text = squeeze(block.text())
    for p in content.perspectives.values():
        assert f"({p.name})" not in text


# --- Small things ------------------------------------------------------------------------------


def test_page_references_and_addresses_are_links(site):
    def links(rel):
        return {squeeze(a.text()): a.get("href") for a in site.pages[rel].article.iter("a")}

    assert links("trin-1/index.html")["side 12"].endswith("partnerskabets-potentialer/#vaerdiperspektiver")
    # Question 2.13's "(se værdiperspektiverne)": Trin 2's own box "Værdiperspektiver" right above
    # it (ms 605, what the company gains); 4.5's "(se nedenfor)": the section below it (ms 1250).
    for rel, words, target in (
        ("trin-2/index.html", "se værdiperspektiverne", "trin-2/#vaerdiperspektiver-virksomhedens-briller-boks"),
        (
            "arbejdsark/trin-2-refleksion/index.html",
            "se værdiperspektiverne",
            "trin-2/#vaerdiperspektiver-virksomhedens-briller-boks",
        ),
        ("trin-4/index.html", "se nedenfor", "trin-4/#vaerdiskabelse-fra-flere-perspektiver"),
    ):
        href = links(rel)[words]
        assert href.endswith(target), (rel, href)
        page, anchor = target.split("#")
        assert site.pages[page + "index.html"].root.find(id=anchor) is not None, target
    assert links("trin-7/index.html")["frivillighed.dk"] == "https://frivillighed.dk"


def test_apostrophes_are_the_books(site):
    assert "KPI’er" in MANUSCRIPT and "CFSA’s" in MANUSCRIPT
    for rel, page in site.pages.items():
        text = page.article.text() if page.root.find("article") else ""
        assert "KPI'er" not in text and "CFSA's" not in text, rel


def test_further_reading_says_the_list_is_in_the_printed_book(site):
    text = squeeze(site.pages["videre-laesning/index.html"].article.text())
    assert "Listen over udgivelser står i den trykte bog." in text


# --- The book's framing and the site's (issue 27) -----------------------------------------------


def _note_texts(node) -> list[str]:
    """The site's notes ("… er hjemmesidens …", _hjemmesidens.html) inside `node`."""
    return [squeeze(n.text()) for n in node.iter() if "hjemmesidens" in n.classes]


def test_what_the_site_adds_says_so(site):
    examples = site.pages["eksempler/index.html"].article
    assert _note_texts(examples) == ["Henvisningerne er hjemmesidens, ikke bogens."]
    refs = [squeeze(n.text()) for n in examples.iter() if "eksempel-trin" in n.classes]
    # One way to write step references: as the example pages' route panel writes them.
    assert len(refs) == 6 and all(
        re.fullmatch(r"Relevant for Partnerskabsruten – Trin \d( og Trin \d|(, Trin \d)+ og Trin \d)?", r) for r in refs
    ), refs
    perspectives = site.pages["vaerdiperspektiver/index.html"].article
    assert _note_texts(perspectives)[0].startswith("Samlingen er hjemmesidens, ikke bogens")
    home = site.pages["index.html"].article
    listed = next(n for n in home.iter("ul") if any(a.text() == "Forord" for a in n.iter("a")))
    assert "Værdiperspektiver" not in listed.text(), "the compilation is listed as part of the book"
    kickstart = site.pages["eksempler/roede-kors-og-lb-forsikring/index.html"].article
    assert "Overskriftens første ord, ”Kickstart”, er hjemmesidens gengivelse af et logo i bogen." in _note_texts(
        kickstart
    )


def test_the_books_kickers_and_labels(site):
    murmal = site.pages["eksempler/murmal/index.html"].article
    kicker = squeeze(next(n for n in murmal.iter() if "eksempel-kicker" in n.classes).text())
    assert kicker.upper() == "EKSEMPEL: NORDJYSKE ERHVERVSUDDANNELSER, AALBORG KOMMUNE, FLÜGGER, JYSKE BANK M.FL."
    assert squeeze(murmal.find("dd").text()).endswith("Jyske Bank m.fl.")
    forord = site.pages["forord/index.html"].article
    first = next(n for n in forord.iter() if n.tag in ("p", "h1"))
    assert first.tag == "p" and "kicker" in first.classes and first.text() == "Forord"
    assert "Eksempel på risikoanalyse" in site.pages["trin-4/index.html"].article.text()


def _section_of(page, words: str) -> str:
    """The text of the last h2/h3 before the paragraph that contains `words`."""
    last = ""
    for node in page.article.iter():
        if node.tag in ("h2", "h3"):
            last = squeeze(node.text())
        elif node.tag == "p" and words in node.text():
            return last
    raise AssertionError(f"{words!r} is not on {page.rel}")


def test_prose_after_a_worksheet_stays_in_the_books_section(site):
    """The book's prose after a sheet with the site's title (ms 389) or the book's caption (ms
    1331–1334) belongs to the book's section, also in the table of contents."""
    assert _section_of(site.pages["trin-1/index.html"], "Men det helt overordnede kriterium") == "Hvem leder I efter?"
    assert (
        _section_of(site.pages["trin-4/index.html"], "Alle risici for negativ omtale")
        == "Tal åbent om risici og forventninger"
    )
    murmal = site.pages["eksempler/murmal/index.html"]
    assert not [h for h in murmal.article.iter("h2") if "organiseret" in h.text()]
    label = murmal.root.find(id="saadan-blev-murmal-projektet-organiseret")
    box = next(
        n
        for n in murmal.article.iter()
        if "boks" in n.classes and "Sådan blev MurMal-projektet organiseret" in n.text()
    )
    assert label is not None and box is not None


def test_run_in_leads_are_bold(site):
    """One rule for run-in leads: bold, as the worksheets' leads ("Vær nysgerrige.", "Aftale:")."""
    for rel, lead in (
        ("eksempler/roede-kors-og-lb-forsikring/index.html", "Vær nysgerrige."),
        ("eksempler/foedevarebanken-og-jyske-bank/index.html", "Vær nysgerrige."),
        ("eksempler/boerns-vilkaar-og-tdc-group/index.html", "Aftale:"),
        ("eksempler/boerns-vilkaar-og-tdc-group/index.html", "Organisering:"),
        ("eksempler/murmal/index.html", "Styregruppen:"),
    ):
        assert lead in [squeeze(b.text()) for b in site.pages[rel].article.iter("strong")], (rel, lead)
    # An advice point that is one sentence has no lead.
    ombold = site.pages["eksempler/ombold-og-stark/index.html"].article
    assert "Afstem de overordnede linjer fra starten i projektet" not in [b.text() for b in ombold.iter("strong")]


def test_the_help_page_says_du_to_the_reader_and_i_to_the_organisation(site):
    """ "du" for the person at the keyboard, "I" for the organisation, never both in one sentence
    (a sentence-initial "I" is the preposition)."""
    article = site.pages["saadan-gemmes-dine-svar/index.html"].article
    text = squeeze(article.text())
    # Sentences of each paragraph and list item (a heading's text never runs into the next line).
    blocks = [squeeze(node.text()) for node in article.iter() if node.tag in ("p", "li")]
    mixed = [
        s
        for block in blocks
        for s in re.split(r"(?<=[.!?:])\s+", block)
        if re.search(r"\b(du|dig|din|dit|dine)\b", s, re.I) and re.search(r"\b(jer|jeres)\b|(?<!^)\bI\b", s)
    ]
    assert not mixed, mixed
    assert "siger til" not in text and "siger det" not in text and "giver besked" in text
