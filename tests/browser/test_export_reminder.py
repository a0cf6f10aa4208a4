"""'Mit partnerskab' says when the current set was last exported and, quietly, reminds the person when
changed answers were not exported for a while (issue 26; the rule: core/reminder.js)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from .helpers import export, field, open_overview, open_sheet

SHEET = "trin-3-foer-moedet"
NOTE = "research-af-moedeltagerne--note"


def age_changes(page, days: int):
    """Pretend the current set's first unexported change was `days` days ago (the stored set list)."""
    page.evaluate(
        """(since) => { const k = Object.keys(localStorage).find((k) => k.endsWith('|sets'));
             const list = JSON.parse(localStorage.getItem(k)); list.forEach((s) => { s.unexportedSince = since; });
             localStorage.setItem(k, JSON.stringify(list)); }""",
        (datetime.now(UTC) - timedelta(days=days)).isoformat(),
    )


def test_export_reminder_shows_after_two_weeks_and_goes_with_an_export(page):
    sheet = open_sheet(page, f"arbejdsark/{SHEET}/", SHEET)
    field(sheet, NOTE).fill("Et svar")
    overview = open_overview(page)
    note = overview.locator("[data-ark-export]")
    assert note.inner_text() == "Svarsættet ”Mine svar” er ikke eksporteret til en fil endnu."
    assert overview.locator("[data-ark-reminder]").count() == 0  # changed today: no reminder yet
    age_changes(page, 13)
    overview = open_overview(page)
    assert overview.locator("[data-ark-reminder]").count() == 0
    age_changes(page, 15)
    overview = open_overview(page)
    reminder = overview.locator("[data-ark-reminder]")
    assert reminder.inner_text().startswith("Du har ændret svar, som ikke er eksporteret i over 14 dage.")
    # Quiet: a line on this page, no dialog, no alert.
    assert page.locator("dialog[open], [role=alert], [role=alertdialog]").count() == 0
    name, data = export(page, overview, "export-all")
    assert data["worksheets"][SHEET][NOTE] == "Et svar"
    assert reminder.count() == 0
    today = page.evaluate(
        "() => new Date().toLocaleDateString('da-DK', {day: 'numeric', month: 'long', year: 'numeric'})"
    )
    assert note.inner_text() == f"Svarsættet ”Mine svar” blev sidst eksporteret til en fil {today}."
    sets = page.evaluate("() => localStorage.getItem(Object.keys(localStorage).find((k) => k.endsWith('|sets')))")
    assert "unexportedSince" not in json.loads(sets)[0] and json.loads(sets)[0]["exported"]
    overview = open_overview(page)  # kept across visits
    assert overview.locator("[data-ark-export]").inner_text().endswith(f"{today}.")


def test_other_pages_never_remind(page):
    sheet = open_sheet(page, f"arbejdsark/{SHEET}/", SHEET)
    field(sheet, NOTE).fill("Et svar")
    age_changes(page, 40)
    sheet = open_sheet(page, f"arbejdsark/{SHEET}/", SHEET)
    assert page.locator("[data-ark-reminder]").count() == 0
    assert "eksporteret i over" not in page.locator("body").inner_text()
