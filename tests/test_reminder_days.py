"""The export reminder's period is defined once (core/reminder.js); the help page states the same."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_help_page_states_the_reminder_period():
    js = (ROOT / "overrides/assets/javascripts/ark/core/reminder.js").read_text(encoding="utf-8")
    days = int(re.search(r"export const REMIND_AFTER_DAYS = (\d+);", js).group(1))
    page = (ROOT / "docs/saadan-gemmes-dine-svar.md").read_text(encoding="utf-8")
    assert f"i over {days} dage" in page
    assert "syv dage" in page and "Føj til hjemmeskærm" in page
