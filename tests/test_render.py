"""Unit tests of the renderers (macros.render / macros.pages / macros.slug), without MkDocs."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from macros import pages
from macros.render import heading_anchor, render_worksheet, worksheet_fields
from macros.schema import Worksheet
from macros.slug import slugify
from tests.support import ROOT

SHEET_IDS = sorted(p.stem for p in (ROOT / "data" / "arbejdsark").glob("*.yml"))
# The book's lists (kind: list, the five pitfalls) have nothing to fill in.
LISTS = {"trin-5-faldgruber"}
FORMS = [s for s in SHEET_IDS if s not in LISTS]
KINDS = {"questions", "checklist", "list", "dialogue", "risk", "table", "perspectives", "calendar"}
CONTROLS = {"input", "textarea", "select"}


def controls(fragment):
    """Form controls a reader fills in (rows added by script from a <template> are not rendered yet)."""
    return [n for n in fragment.iter(skip={"template"}) if n.tag in CONTROLS]


def has_label(fragment, control) -> bool:
    ident = control.get("id")
    by_for = ident is not None and any(lbl.get("for") == ident and lbl.text() for lbl in fragment.iter("label"))
    wrapped = any(a.tag == "label" for a in control.ancestors())
    return by_for or wrapped or bool((control.get("aria-label") or "").strip())


@pytest.fixture(scope="module")
def rendered(content, html_parser):
    """id → parsed fragment of the worksheet as embedded in a page."""
    return {sid: html_parser(render_worksheet(content, sid)) for sid in SHEET_IDS}


def test_every_worksheet_kind_is_in_the_data(content):
    assert {w.kind for w in content.worksheets.values()} == KINDS


@pytest.mark.parametrize("sheet_id", FORMS)
def test_fragment_is_one_worksheet_with_unique_ids(rendered, sheet_id):
    fragment = rendered[sheet_id]
    arks = list(fragment.find_all(data_ark=sheet_id))
    assert len(arks) == 1
    ids = [n.get("id") for n in fragment.iter() if n.get("id")]
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_delete_row_buttons_read_as_a_sentence(rendered):
    """The added rows' delete button is named "Slet række 3" / "Slet eget udsagn 3" (the row's label
    starts a sentence elsewhere, so it is capitalised in the contract)."""
    names = {
        b.get("aria-label")
        for fragment in rendered.values()
        for b in fragment.iter()
        if b.tag == "button" and b.get("data-action") == "delete-row"
    }
    assert names == {"Slet række {n}", "Slet eget udsagn {n}"}


@pytest.mark.parametrize("sheet_id", SHEET_IDS)
def test_every_control_has_a_label(rendered, sheet_id):
    fragment = rendered[sheet_id]
    unlabelled = [(c.tag, c.get("id"), c.get("data-key")) for c in controls(fragment) if not has_label(fragment, c)]
    assert unlabelled == []


@pytest.mark.parametrize("sheet_id", SHEET_IDS)
def test_stored_text_and_check_fields_have_ids(rendered, sheet_id):
    # Radio buttons are the exception: a choice field is one named group of radios, each
    # with its own aria-label; the group's row (<tr id=…>) carries the anchor.
    fragment = rendered[sheet_id]
    stored = [c for c in controls(fragment) if c.get("data-key") is not None and c.get("type") != "radio"]
    assert [c.get("data-key") for c in stored if not c.get("id")] == []
    radios = [c for c in controls(fragment) if c.get("type") == "radio"]
    assert all(r.get("name") for r in radios)


@pytest.mark.parametrize("sheet_id", SHEET_IDS)
def test_data_keys_match_worksheet_fields_one_to_one(content, rendered, sheet_id):
    sheet = content.worksheets[sheet_id]
    fields = worksheet_fields(content, sheet)
    keys = [f.key for f in fields]
    assert len(keys) == len(set(keys)), "worksheet_fields returned duplicate keys"
    found = Counter(c.get("data-key") for c in controls(rendered[sheet_id]) if c.get("data-key") is not None)
    # Retired keys (a list that was a checklist) stay in the contract but have no input.
    expected = Counter({f.key: len(f.choices) if f.type == "choice" else 1 for f in fields if not f.retired})
    assert found == expected


@pytest.mark.parametrize("sheet_id", FORMS)
def test_fieldsets_have_legends(rendered, sheet_id):
    fieldsets = list(rendered[sheet_id].iter("fieldset"))
    assert fieldsets, "a worksheet groups its fields in at least one <fieldset>"
    without = [
        fs.get("id")
        for fs in fieldsets
        if not any(c.tag == "legend" and c.text() for c in fs.children if not isinstance(c, str))
    ]
    assert without == []


@pytest.mark.parametrize("sheet_id", SHEET_IDS)
def test_embedded_worksheet_has_a_markdown_heading_with_its_id(content, sheet_id):
    """Embedded: a Markdown heading (so it reaches the TOC and search) anchored at the readable
    title (#gode-raad-foer-moedet); the worksheet block itself carries the sheet id."""
    sheet = content.worksheets[sheet_id]
    title = sheet.title
    rendered = render_worksheet(content, sheet_id, level=3).strip()
    first_line = rendered.splitlines()[0]
    if sheet.box:
        # In one of the book's boxes: the label is no heading (the text after the box returns to
        # the chapter's section); the label or the title line carries the anchor.
        assert first_line.startswith('<div class="boks"') and not any(
            line.startswith("#") for line in rendered.splitlines()
        )
        assert f'id="{heading_anchor(sheet)}"' in rendered
    elif sheet.caption:
        # The book's caption over the sheet ("Eksempel på risikoanalyse"): a line, not a heading,
        # so the book's prose after the sheet stays in its section; it carries the anchor.
        assert f'<p id="{heading_anchor(sheet)}" class="ark-titel">{sheet.caption}' in first_line
        assert not any(line.startswith("#") for line in rendered.splitlines())
    else:
        assert first_line.startswith("### ") and first_line.endswith(f"{{ #{heading_anchor(sheet)} .ark-titel }}")
        assert title.split()[0].lower() in first_line.lower()
    assert f'id="{sheet_id}"' in rendered
    if sheet_id not in LISTS:
        assert f'data-ark="{sheet_id}"' in rendered
    standalone = render_worksheet(content, sheet_id, standalone=True)
    assert not any(line.startswith("#") for line in standalone.splitlines())


# --- Escaping ----------------------------------------------------------------------------

EVIL = 'Ord & <script>alert(1)</script> "citat"'
EVIL_SHEETS = {
    "questions": {
        "sections": [
            {
                "id": "s",
                "title": EVIL,
                "intro": EVIL,
                "items": [{"id": "i", "lead": EVIL, "text": EVIL, "example": EVIL}],
            }
        ]
    },
    "checklist": {"sections": [{"id": "s", "title": EVIL, "items": [{"id": "i", "lead": EVIL, "text": EVIL}]}]},
    "dialogue": {
        "parties": [EVIL, "B"],
        "example_parties": [EVIL, "D"],
        "rows": [
            {"id": "r", "title": EVIL, "split": False, "example": EVIL},
            {"id": "s", "title": EVIL, "split": True, "titles": [EVIL, EVIL], "example": [EVIL, EVIL]},
        ],
    },
    "risk": {"scale": [EVIL, "Lav"], "rows": [{"id": "r", "text": EVIL}]},
    "table": {
        "columns": [{"id": "a", "label": EVIL}, {"id": "b", "label": EVIL, "input": True}],
        "rows": [{"id": "r", "cells": {"a": EVIL}}],
        "addable": True,
        "extra_rows": 1,
        "examples": [EVIL],
    },
    "calendar": {"hint": EVIL},
}
EVIL_LIST = {"sections": [{"id": "s", "title": EVIL, "items": [{"id": "i", "lead": EVIL, "text": EVIL}]}]}


def evil_content(content, kind):
    sheet = TypeAdapter(Worksheet).validate_python(
        {
            "id": "ondt-ark",
            "title": EVIL,
            "intro": EVIL,
            "page": "trin-1.md",
            "step": "trin-1",
            "kind": kind,
            **({**EVIL_LIST, "box": EVIL} if kind == "list" else EVIL_SHEETS[kind]),
        }
    )
    return dataclasses.replace(content, worksheets={sheet.id: sheet})


@pytest.mark.parametrize("kind", sorted(EVIL_SHEETS))
def test_texts_are_escaped(content, html_parser, kind):
    out = render_worksheet(evil_content(content, kind), "ondt-ark")
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "Ord &amp; " in out
    fragment = html_parser(out)
    assert list(fragment.iter("script")) == []
    # Escaped, not mangled: what the reader sees is exactly the YAML text.
    assert EVIL in fragment.find(data_ark="ondt-ark").text()
    assert fragment.find(data_ark="ondt-ark").get("data-ark-title") == EVIL


def test_list_texts_are_escaped(content, html_parser):
    out = render_worksheet(evil_content(content, "list"), "ondt-ark")
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    fragment = html_parser(out)
    assert EVIL in fragment.find(id="ondt-ark").text() and not list(fragment.iter("input"))


def test_dialogue_example_attribute_round_trips(content, html_parser):
    fragment = html_parser(render_worksheet(evil_content(content, "dialogue"), "ondt-ark"))
    examples = [t.get("data-example") for t in fragment.iter("textarea") if t.get("data-example")]
    assert examples == [EVIL, EVIL, EVIL]


def test_perspective_texts_are_escaped(content, html_parser):
    """The perspectives sheet takes its texts from vaerdiperspektiver.yml: those are escaped too."""
    first = next(p for p in content.perspectives.values() if p.question)
    evil_p = first.model_copy(update={"name": EVIL, "question": EVIL})
    sheet = TypeAdapter(Worksheet).validate_python(
        {
            "id": "ondt-ark",
            "title": EVIL,
            "page": "trin-4.md",
            "kind": "perspectives",
            "context": "question",
            "order": [first.id],
        }
    )
    evil = dataclasses.replace(
        content, worksheets={sheet.id: sheet}, perspectives={**content.perspectives, first.id: evil_p}
    )
    out = render_worksheet(evil, "ondt-ark")
    assert "<script>" not in out
    assert EVIL in html_parser(out).text()


# --- slugify and base_for -------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading, slug",
    [
        ("Gode råd før mødet", "gode-raad-foer-moedet"),
        ("ÆBLER, ØL OG ÅER", "aebler-oel-og-aaer"),
        ("Ærlighed Øverst Åben", "aerlighed-oeverst-aaben"),
        ("Idé og café", "ide-og-cafe"),
        ("Müller & Søn", "muller-soen"),
        ("”VM i MUR”", "vm-i-mur"),
        ("“licens to operate”", "licens-to-operate"),
        # Published anchors, pinned: a typographic apostrophe is dropped, an ASCII one separates.
        ("KPI’er som målemetode", "kpier-som-maalemetode"),
        ("KPI'er for partnerskabet", "kpi-er-for-partnerskabet"),
        ("Citat \"med\" 'quotes'", "citat-med-quotes"),
        ("Flere   mellemrum\tog\nlinjer", "flere-mellemrum-og-linjer"),
        ("Partnerskabsruten – syv trin", "partnerskabsruten-syv-trin"),
        ("  - Kanter -  ", "kanter"),
        ("Trin 4: Dialog?", "trin-4-dialog"),
        ("snake_case_ord", "snake-case-ord"),
    ],
)
def test_slugify(heading, slug):
    assert slugify(heading) == slug


def test_slugify_separator():
    assert slugify("Gode råd før mødet", "_") == "gode_raad_foer_moedet"


@pytest.mark.parametrize(
    "page_url, base",
    [
        ("", ""),
        ("trin-3/", "../"),
        ("eksempler/", "../"),
        ("eksempler/murmal/", "../../"),
        ("arbejdsark/trin-1-refleksion/", "../../"),
        ("404.html", ""),
    ],
)
def test_base_for(page_url, base):
    assert pages.base_for(page_url) == base


# --- Generated page stubs ---------------------------------------------------------------------


def test_generated_page_stubs_match_the_data(content):
    """docs/arbejdsark/<id>.md and docs/vaerdiperspektiver/<id>.md are written by
    `python -m macros.stubs`; a hand edit or a renamed worksheet shows up here."""
    from macros.stubs import expected_stubs

    docs = Path(__file__).resolve().parent.parent / "docs"
    stale = [
        rel
        for rel, text in expected_stubs(content).items()
        if not (docs / rel).exists() or (docs / rel).read_text(encoding="utf-8") != text
    ]
    assert not stale, f"run `.venv/bin/python -m macros.stubs`; stale: {stale}"
    orphans = sorted(
        p.name for p in (docs / "arbejdsark").glob("*.md") if p.name != "index.md" and p.stem not in content.worksheets
    )
    assert not orphans, f"worksheet pages without a worksheet in data/: {orphans}"


MARKDOWN_TITLE = "Mål *a* _b_ [c](d) `e` {f} #g <h> & i"


def test_a_title_with_markdown_characters_shows_as_written(content, html_parser):
    """An embedded worksheet's Markdown heading: what Markdown would read as emphasis, a link or
    code, and what HTML would read as a tag, shows as written, without backslashes, in the
    heading, the table of contents and the "Kopiér link" button's name."""
    import markdown

    from macros.slug import slugify as site_slugify

    sheet = content.worksheets["trin-1-hvem-leder-i-efter"]
    assert not sheet.box  # a sheet whose title is a Markdown heading
    changed = dataclasses.replace(
        content, worksheets={**content.worksheets, sheet.id: sheet.model_copy(update={"title": MARKDOWN_TITLE})}
    )
    md = markdown.Markdown(
        extensions=["attr_list", "toc", "macros.copy_links"], extension_configs={"toc": {"slugify": site_slugify}}
    )
    out = md.convert(render_worksheet(changed, sheet.id, level=2))
    heading = html_parser(out).find("h2")
    assert heading.text() == MARKDOWN_TITLE and "\\" not in out
    assert [t["name"] for t in md.toc_tokens] == ["Mål *a* _b_ [c](d) `e` {f} #g &lt;h&gt; &amp; i"]
    assert (
        f'aria-label="Kopiér link til afsnittet ”{MARKDOWN_TITLE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")}”"'
        in out
    )


def test_the_books_own_numbers_are_not_doubled(rendered, content):
    """The agreement's 14 points carry the book's numbers ("1. Parterne"): no site number is shown
    in front of them (never "7.1 1. Parterne"), but each keeps its question number 7.1 … 7.14 as
    data-ark-nr (stable, tests/item_numbers.txt); items without a book number still show theirs."""
    agreement = rendered["trin-7-partnerskabsaftale"]
    items = [n for n in agreement.iter() if n.get("data-ark-nr")]
    assert [n.get("data-ark-nr") for n in items] == [f"7.{i}" for i in range(1, 15)]
    for i, node in enumerate(items, 1):
        assert "data-ark-bognr" in node.attrs
        assert not [s for s in node.iter("span") if "ark-nr" in s.classes]
        assert node.find("label").text().startswith(f"{i}. ")
    checklist = rendered["trin-7-aftalens-indhold"]
    first = next(n for n in checklist.iter() if n.get("data-ark-nr"))
    assert first.get("data-ark-nr") == "7.15" and "data-ark-bognr" not in first.attrs
    assert next(s for s in first.iter("span") if "ark-nr" in s.classes).text() == "7.15"


def test_niveau_0_sets_a_sites_title_as_a_line_not_a_heading(content):
    """{{ arbejdsark(id, niveau=0) }}: the site's title over a list inside the book's section (the
    prose after it stays in that section of the table of contents), still marked as the site's."""
    sheet = content.worksheets["trin-1-hvem-leder-i-efter"]
    rendered = render_worksheet(content, sheet.id, level=0)
    assert f'<p id="{heading_anchor(sheet)}" class="ark-titel">{sheet.title}' in rendered
    assert not any(line.startswith("#") for line in rendered.splitlines())
    assert "Overskriften er hjemmesidens, ikke bogens." in rendered
