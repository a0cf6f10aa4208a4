"""The site's question numbers ("3.2"): one scheme, emitted on every numbered item, stable.

Numbers come from macros/contract.py (item_numbers) and are kept in tests/item_numbers.txt.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.content import load_content
from macros.contract import item_numbers, numbered_items
from tests.item_numbers import NUMBERS, changed, current, read_numbers, sort_key
from tests.support import ROOT

HOW_TO_ADD = (
    "The site's question numbers are said aloud and printed on paper, so a published number must keep "
    "its meaning. Numbers run over a step's worksheets in page order: add a new question or checklist "
    "item at the end of the step's last numbered worksheet (or of the Bevar gejsten sheets), never "
    "before an existing one, and do not remove or reorder published items."
)


def test_published_numbers_keep_their_meaning(content):
    problems = changed(read_numbers(), current(content))
    assert not problems, f"{HOW_TO_ADD}\nIn tests/item_numbers.txt:\n" + "\n".join(problems)


def test_every_number_is_listed(content):
    missing = sorted(set(current(content)) - set(read_numbers()), key=sort_key)
    assert not missing, (
        f"New question numbers are not in {NUMBERS.name}; run `.venv/bin/python -m tests.item_numbers`: {', '.join(missing)}"
    )


def test_numbers_file_is_in_order():
    lines = [
        line.split()[0]
        for line in NUMBERS.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert lines == sorted(set(lines), key=sort_key)


def test_numbers_run_over_each_step_in_page_order(content):
    numbers = item_numbers(content)
    for step_id, sheets in content.worksheet_groups().items():
        prefix = str(content.steps[step_id].number) if step_id else "G"
        seen = [numbers[s.id][item] for s in sheets for item in numbered_items(content, s)]
        assert seen == [f"{prefix}.{n}" for n in range(1, len(seen) + 1)], step_id
    # Table-like sheets, the årshjul and the book's plain lists carry no numbers; every question and
    # checklist item does.
    for sheet in content.worksheets.values():
        if sheet.kind in ("dialogue", "risk", "table", "calendar", "list"):
            assert numbers[sheet.id] == {}, sheet.id
        else:
            assert numbers[sheet.id] and len(numbers[sheet.id]) == len(numbered_items(content, sheet)), sheet.id


def _project_copy(tmp_path: Path) -> Path:
    """data/ and docs/*.md (load_content checks that pages embed their worksheets) in tmp_path."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "docs").mkdir()
    for md in (ROOT / "docs").glob("*.md"):
        shutil.copy(md, tmp_path / "docs" / md.name)
    return tmp_path


def _add_item(project: Path, sheet_id: str, *, first: bool) -> None:
    path = project / "data" / "arbejdsark" / f"{sheet_id}.yml"
    text = path.read_text(encoding="utf-8")
    item = "      - id: et-nyt-punkt\n        text: Et nyt punkt\n"
    if first:
        text = text.replace("    items:\n", "    items:\n" + item, 1)
    else:
        text = text.rstrip("\n") + "\n" + item
    path.write_text(text, encoding="utf-8")


def test_adding_at_the_end_keeps_numbers_and_inserting_fails_clearly(tmp_path):
    published = read_numbers()
    # At the end of Trin 3's last worksheet: every published number keeps its meaning, one is new.
    end = _project_copy(tmp_path / "end")
    _add_item(end, "trin-3-efter-moedet", first=False)
    now = current(load_content(end))
    assert changed(published, now) == []
    assert now["3.22"] == "trin-3-efter-moedet--et-nyt-punkt"
    # Before the first item of Trin 3: every number of the step moves, and the check names them.
    front = _project_copy(tmp_path / "front")
    _add_item(front, "trin-3-foer-moedet", first=True)
    problems = changed(published, current(load_content(front)))
    assert (
        problems
        and problems[0]
        == "  3.1: published for trin-3-foer-moedet--research-af-moedeltagerne, would now be trin-3-foer-moedet--et-nyt-punkt"
    )
    assert not any(re.match(r"  [124567G]\.", p) for p in problems)  # other steps keep theirs


@pytest.mark.parametrize("step", [f"trin-{n}" for n in range(1, 8)] + ["bevar-gejsten"])
def test_built_pages_show_each_number_once_on_its_item(site, content, step):
    """On a step page: numbers in page order, each on the element with the item's anchor, shown in
    its label; the worksheet's own page shows the same numbers."""
    page = site.pages[f"{step}/index.html"]
    items = [el for el in page.article.iter() if el.get("data-ark-nr")]
    prefix = step.removeprefix("trin-") if step.startswith("trin-") else "G"
    assert [el.get("data-ark-nr") for el in items] == [f"{prefix}.{n}" for n in range(1, len(items) + 1)]
    expected = read_numbers()
    for el in items:
        nr = el.get("data-ark-nr")
        assert expected[nr] == el.get("id"), nr
        label = el.find("label", class_="ark-label")
        if "data-ark-bognr" in el.attrs:  # the book's own number leads the text: no second one
            assert label.find("span", class_="ark-nr") is None and re.match(r"\d+\. ", label.text()), nr
            continue
        assert label.find("span", class_="ark-nr").text() == nr
    sheets = {el.get("id").split("--")[0] for el in items}
    for sheet_id in sheets:
        own = [el for el in site.pages[f"arbejdsark/{sheet_id}/index.html"].article.iter() if el.get("data-ark-nr")]
        assert [(el.get("id"), el.get("data-ark-nr")) for el in own] == [
            (el.get("id"), el.get("data-ark-nr")) for el in items if el.get("id").startswith(sheet_id + "--")
        ]


@pytest.fixture(scope="module")
def trin_3_pack(content):
    """Trin 3's print pack as the PDF build step makes it (pdfbuild, the site's own markup)."""
    from pdfbuild import engine
    from pdfbuild.meta import load_build_info
    from pdfbuild.sheets import pack_document

    data, _ = engine.render_pdf(pack_document(content, load_build_info(), "trin-3"), "sheet", forms=True)
    return data


def test_pdfs_print_the_same_numbers(trin_3_pack, content):
    """The numbers are printed in the PDF, each before its item's text, in order (the print pack
    holds the step's three worksheets, 3.1 … 3.21)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(trin_3_pack)
    text = " ".join(" ".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf)))
    numbers = item_numbers(content)
    at = 0
    for sheet in content.worksheets_for_step("trin-3"):
        for section in sheet.sections:
            for item in section.items:
                nr = numbers[sheet.id][item.id]
                start = " ".join((item.lead or item.text).split())[:25]
                found = text.find(f"{nr} {start}", at)
                assert found >= 0, f"{nr} {start!r} not printed in order in the print pack"
                at = found
