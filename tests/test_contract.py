"""The key contract (macros/contract.py): one definition of every worksheet's stored keys.

The templates, the published JSON the browser reads, and the PDF field names must all agree with
it; the key scheme itself is stated here once more, independently, so a change to it is noticed.
"""

from __future__ import annotations

import json
import re

import pytest

from macros.contract import PUBLISHED_PATH, VERSION, contract_json, contract_text, publish, sheet_contract
from macros.render import render_worksheet

from .conftest import ROOT

KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*(--[a-z0-9]+(-[a-z0-9]+)*)?$")


def test_the_site_publishes_the_contract(built_site, content):
    published = json.loads((built_site / PUBLISHED_PATH).read_text(encoding="utf-8"))
    assert published == contract_json(content)
    assert published["version"] == VERSION == 2
    assert set(published["worksheets"]) == set(content.worksheets)


def test_publish_writes_only_when_the_contract_changed(content, tmp_path):
    path = publish(content, tmp_path)
    assert path.read_text(encoding="utf-8") == contract_text(content)
    before = path.stat().st_mtime_ns
    publish(content, tmp_path)
    assert path.stat().st_mtime_ns == before  # `mkdocs serve` would otherwise rebuild forever
    path.write_text("{}", encoding="utf-8")
    publish(content, tmp_path)
    assert json.loads(path.read_text(encoding="utf-8")) == contract_json(content)


def test_keys_are_unique_ascii_and_never_contain_the_storage_separator(content):
    for sheet_id in content.worksheets:
        c = sheet_contract(content, sheet_id)
        keys = c.keys() + [f.key for f in c.printed_fields()]
        assert len(set(c.keys())) == len(c.keys()), sheet_id
        assert all(KEY.match(k) for k in keys), [k for k in keys if not KEY.match(k)]
        assert "--" not in sheet_id  # print packs split "<sheet>--<key>" at the first "--"


def test_key_scheme_of_each_kind(content):
    """The scheme as DESIGN.md states it, checked against real sheets of every kind."""
    risk = sheet_contract(content, "trin-4-risikoanalyse")
    assert risk.rows.keys(3) == ["egen-3--tekst", "egen-3"]
    kpi = sheet_contract(content, "trin-7-kpi")
    assert kpi.rows.keys(1) == ["raekke-1--maal", "raekke-1--kpi", "raekke-1--milepael", "raekke-1--ansvarlig"]
    checklist = sheet_contract(content, "trin-3-foer-moedet")
    assert checklist.keys()[:2] == ["research-af-moedeltagerne", "research-af-moedeltagerne--note"]
    assert [f.note for f in checklist.fields[:2]] == [False, True]
    dialogue = sheet_contract(content, "trin-4-dialogpapir")
    assert "aktivitet-produkt--a" in dialogue.keys() and "aktivitet-produkt--b" in dialogue.keys()
    assert sheet_contract(content, "trin-7-aarshjul").keys()[:2] == ["januar", "februar"]
    sheets_with_rows = {s for s in content.worksheets if sheet_contract(content, s).rows}
    assert sheets_with_rows == {"trin-4-risikoanalyse", "trin-7-kpi"}


@pytest.mark.parametrize(
    "sheet_id", sorted(__import__("macros.content", fromlist=["load_content"]).load_content(ROOT).worksheets)
)
def test_added_row_template_uses_the_contract_keys(content, sheet_id):
    c = sheet_contract(content, sheet_id)
    html = render_worksheet(content, sheet_id)
    template = re.search(r'<template class="ark-row-template">(.*?)</template>', html, re.S)
    if not c.rows:
        assert template is None and "data-ark-rows" not in html
        return
    assert f'data-ark-rows="{c.rows.prefix}"' in html
    keys = list(dict.fromkeys(re.findall(r'data-key="([^"]+)"', template.group(1))))
    assert keys == [f.key for f in c.rows.fields]


def test_labels_name_what_a_person_sees(content):
    """Labels are shown in merge previews and copies: never empty, never an internal key."""
    for sheet_id in content.worksheets:
        c = sheet_contract(content, sheet_id)
        for f in c.printed_fields():
            assert f.label.strip() and f.label != f.key, (sheet_id, f.key)
            assert "{" not in f.label, (sheet_id, f.label)


def test_every_answer_field_stops_at_the_length_an_export_accepts(content):
    """A longer answer would be left out of exports (readExport rejects it): maxlength stops it."""
    from macros.contract import LIMITS

    for sheet_id in content.worksheets:
        if content.worksheets[sheet_id].kind == "list":
            continue  # the book's list: nothing to fill in (test_structure checks it has no fields)
        html = render_worksheet(content, sheet_id)
        areas = re.findall(r"<textarea[^>]*>", html)
        assert areas, sheet_id
        assert all(f'maxlength="{LIMITS["valueChars"]}"' in a for a in areas), sheet_id
