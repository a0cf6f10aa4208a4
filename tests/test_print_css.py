"""The print rules are in one place per paper: no declaration (selector and property) is written
in two of the stylesheets one paper loads: the browser's printout (main.html's print links), the
fillable worksheet PDFs and the guide PDF (pdfbuild/engine.py). What every paper shares is in
paper.css, what the browser and the guide share in print.css, the rest in each one's own file."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import tinycss2

from pdfbuild import engine
from tests.support import ROOT

SITE_CSS = ROOT / "overrides" / "assets" / "stylesheets"
# What the browser prints with: the stylesheets printing.css imports (main.html links it, media="print").
BROWSER_PRINT = tuple(re.findall(r'^@import "([^"]+)";', (SITE_CSS / "printing.css").read_text(encoding="utf-8"), re.M))
# The site's screen styles the guide also loads: a print rule that overrides one is medium-specific.
SCREEN = {SITE_CSS / "site.css", SITE_CSS / "arbejdsark.css"}


def _declarations(declarations, where: str, values: bool):
    for d in declarations:
        if d.type == "declaration":
            value = tinycss2.serialize(d.value).strip() + (" !important" if d.important else "")
            yield (where, d.lower_name, value) if values else (where, d.lower_name)
        elif d.type == "at-rule" and d.content is not None:  # a page-margin box: @bottom-left { … }
            inner = tinycss2.parse_declaration_list(d.content, skip_whitespace=True, skip_comments=True)
            yield from _declarations(inner, f"{where} @{d.lower_at_keyword}", values)


def declared(path: Path, values: bool = False) -> set[tuple[str, ...]]:
    """{(selector, property), …} of a stylesheet (with values: (selector, property, value)), one
    entry per selector of a list; @media print and @page rules included (a page rule's selector
    is "@page" plus its pseudo-class)."""
    out: set[tuple[str, ...]] = set()

    def walk(rules) -> None:
        for rule in rules:
            if rule.type == "qualified-rule":
                body = tinycss2.parse_declaration_list(rule.content, skip_whitespace=True, skip_comments=True)
                for selector in tinycss2.serialize(rule.prelude).split(","):
                    out.update(_declarations(body, " ".join(selector.split()), values))
            elif rule.type == "at-rule" and rule.lower_at_keyword == "media" and rule.content is not None:
                walk(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True))
            elif rule.type == "at-rule" and rule.lower_at_keyword == "page":
                body = tinycss2.parse_declaration_list(rule.content, skip_whitespace=True, skip_comments=True)
                out.update(_declarations(body, "@page" + tinycss2.serialize(rule.prelude).strip(), values))

    walk(tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"), skip_whitespace=True, skip_comments=True))
    return out


PAPERS = {
    "browser": tuple(SITE_CSS / name for name in BROWSER_PRINT),
    **{kind: tuple(p for p in sheets if p not in SCREEN) for kind, sheets in engine.STYLESHEETS.items()},
}


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_no_print_rule_is_declared_twice(paper):
    where = defaultdict(list)
    for path in PAPERS[paper]:
        for key in declared(path):
            where[key].append(path.name)
    twice = sorted(f"{sel} {{ {prop} }}: {', '.join(files)}" for (sel, prop), files in where.items() if len(files) > 1)
    assert twice == [], (
        f"{paper}: declared in two stylesheets (keep one; a medium's own value in its own file):\n" + "\n".join(twice)
    )


def test_every_paper_shares_paper_css():
    assert all(SITE_CSS / "paper.css" in sheets for sheets in PAPERS.values())


def test_the_declaration_finder_sees_what_it_checks():
    """The finder reads @media print and @page margin boxes, one entry per selector of a list."""
    found = declared(SITE_CSS / "print-page.css")
    assert ("@page @bottom-left", "content") in found
    assert (".md-typeset a", "color") in found
    assert (".ark-kopi", "display") in declared(SITE_CSS / "paper.css")


def test_no_print_declaration_is_copied_between_papers():
    """The same declaration (selector, property, value) in two papers' files belongs in the file they share."""
    where = defaultdict(set)
    for sheets in PAPERS.values():
        for path in sheets:
            for key in declared(path, values=True):
                where[key].add(path.name)
    copies = sorted(
        f"{sel} {{ {prop}: {value} }}: {', '.join(sorted(files))}"
        for (sel, prop, value), files in where.items()
        if len(files) > 1
    )
    assert copies == [], "written in two stylesheets (move it to paper.css or print.css):\n" + "\n".join(copies)
