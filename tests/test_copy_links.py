"""The "Kopiér link" buttons and worksheet tools are in the built HTML (macros/copy_links.py,
macros/templates/_ark.html): every heading, worksheet and item has its button, and the button
texts stay out of titles, the table of contents and the search index."""

from __future__ import annotations

import re

import markdown
import pytest

from macros.copy_links import copy_link, heading, item_link

BUTTON_TEXTS = (
    "Kopiér link",
    "Udskriv med svar",
    "Eksportér svar",
    "Importér svar",
    "Ryd svar",
    "Tilføj række",
    "Tilføj udsagn",
    "Brug eksemplet som udgangspunkt",
    "Eksportér svarsættet",
    "Hent som Word-dokument",
    "Hent med svar som PDF",
    "Nyt svarsæt",
    "Alle mine svar som PDF",
    "Ryd alle svar i svarsættet",
)


def html_pages(site):
    return {rel: page for rel, page in site.pages.items() if rel.endswith("index.html")}


def buttons(node):
    return [b for b in node.find_all("button") if "kopier-link" in b.classes]


def heading_button(heading):
    """A heading's button: beside it in their div.kopier-overskrift (never inside: it would be part
    of the heading's accessible name)."""
    wrap = heading.parent
    if wrap is None or "kopier-overskrift" not in wrap.classes:
        return None
    siblings = [c for c in wrap.children if not isinstance(c, str)]
    if siblings[:1] != [heading] or len(siblings) != 2:
        return None
    button = siblings[1]
    return button if button.tag == "button" and "kopier-link" in button.classes else None


def test_every_heading_has_one_button_with_its_anchor(site):
    problems, total = [], 0
    for rel, page in html_pages(site).items():
        article = page.article
        h1 = article.find("h1")
        assert h1 is not None, rel
        # The book's boxes name themselves in a label (or a title line under it), not a heading; so
        # does a worksheet under its caption line (p.ark-titel).
        boxes = [
            p
            for p in article.find_all("p")
            if {"boks-label", "boks-titel", "ark-titel"} & p.classes and not (p.get("id") or "").endswith("-boks")
        ]
        for target in [h1, *(h for tag in ("h2", "h3") for h in article.find_all(tag) if h.get("id")), *boxes]:
            total += 1
            expected = "" if target is h1 else target.get("id")
            what = "siden" if target is h1 else "afsnittet"
            button = heading_button(target)
            if button is None or list(target.find_all("button")) or list(target.find_all("a")):
                problems.append(
                    f"{rel}: <{target.tag} id={target.get('id')!r}>: no button beside it, or a control inside"
                )
                continue
            label = button.get("aria-label") or ""
            if button.get("data-link-id") != expected or not label.startswith(f"Kopiér link til {what} ”"):
                problems.append(f"{rel}: {target.tag}#{target.get('id')}: {button.get('data-link-id')!r}, {label!r}")
            if target.text() not in label:
                problems.append(f"{rel}: {target.tag}#{target.get('id')}: label {label!r} does not name the heading")
    assert problems == [], "\n".join(problems)
    assert total > 200


def test_every_item_and_worksheet_page_has_its_button(site, content):
    items = sheets = 0
    for rel, page in html_pages(site).items():
        for item in page.article.find_all("div"):
            if "ark-item" not in item.classes or not item.get("id"):
                continue
            items += 1
            ids = [b.get("data-link-id") for b in buttons(item)]
            assert ids == [item.get("id")], f"{rel}: item {item.get('id')} has buttons {ids}"
        for sheet in page.article.find_all("div"):
            if "ark" in sheet.classes and "data-standalone" in sheet.attrs:
                sheets += 1
                meta = sheet.find("p", class_="ark-meta")
                assert meta is not None and [b.get("data-link-id") for b in buttons(meta)] == [sheet.get("id")], rel
    assert items > 300
    assert sheets == len(content.worksheets)


def test_button_texts_reach_neither_titles_toc_nor_search(site, built_site):
    for rel, page in html_pages(site).items():
        title = page.root.find("title").text()
        assert "Kopiér" not in title, rel
        for link in page.root.find_all("a"):
            assert "Kopiér" not in (link.get("aria-label") or "") + (link.get("title") or ""), (
                f"{rel}: {link.get('href')}"
            )
        for nav in page.root.find_all("nav"):
            assert "Kopiér link" not in nav.text(), f"{rel}: navigation or table of contents"
    # The search index: tests/browser/test_search.py (no button text in any result).


def test_without_javascript_the_buttons_that_need_it_are_hidden(site):
    """overrides/main.html hides them in <noscript>; every such control carries one of the classes."""
    page = site.pages["trin-4/index.html"]
    noscript = [n for n in page.root.find("head").find_all("noscript")]
    assert any(re.search(r"\.ark-js\b.*\.kopier-link\b.*display:\s*none", n.text(skip=set())) for n in noscript)
    for control in page.article.find_all("button"):
        hidden = {"ark-js", "kopier-link"} & (control.classes | {c for a in control.ancestors() for c in a.classes})
        assert hidden, f"button {control.text()!r} shows without JavaScript but needs it"


def test_heading_extension_runs_after_toc_and_title():
    md = markdown.Markdown(extensions=["toc", "macros.copy_links"], extension_configs={"toc": {"permalink": True}})
    out = md.convert("# Trin & mål\n\n## Det første møde\n\n### Efter mødet")
    assert [t["name"] for t in md.toc_tokens] == ["Trin &amp; mål"]  # no button text in the TOC
    assert [t["name"] for t in md.toc_tokens[0]["children"]] == ["Det første møde"]
    assert (
        '<button aria-label="Kopiér link til siden ”Trin &amp; mål”" class="kopier-link no-print" data-link-id=""'
        in out
    )
    h2_id = md.toc_tokens[0]["children"][0]["id"]
    # The button follows the heading (and its permalink, when the site turns those on) in a div.
    assert (
        f'<div class="kopier-overskrift kopier-overskrift--h2"><h2 id="{h2_id}">Det første møde<a class="headerlink"'
        in out
    )
    assert re.search(rf'</h2><button [^>]*data-link-id="{h2_id}"', out)
    assert out.count("Kopiér link</button>") == 3
    assert not re.search(r"<h[1-3][^>]*>(?:(?!</h).)*<button", out), "a button inside a heading"


def test_html_heading_of_a_template_has_its_button_beside_it():
    out = heading("h2", "svar", "Svar & mål", "trin-fod-titel")
    assert str(out) == (
        '<div class="kopier-overskrift kopier-overskrift--h2"><h2 id="svar" class="trin-fod-titel">Svar &amp; mål</h2>'
        + str(copy_link("svar", "afsnittet ”Svar & mål”"))
        + "</div>"
    )


@pytest.mark.parametrize(
    "label, expected",
    [
        ("<strong>Januar</strong>", "punktet ”Januar”"),
        ("Kort &amp; <em>godt</em>", "punktet ”Kort & godt”"),
        ("x" * 61, "punktet ”" + "x" * 57 + "…”"),
        ("x" * 60, "punktet ”" + "x" * 60 + "”"),
    ],
)
def test_item_button_is_named_after_the_label_text(label, expected):
    assert f'aria-label="Kopiér link til {expected.replace("&", "&amp;")}"' in item_link("ark--punkt", label)


def test_button_escapes_its_attributes():
    button = copy_link('a"b', 'afsnittet ”<x> & "y"”')
    assert 'data-link-id="a&#34;b"' in button
    assert 'aria-label="Kopiér link til afsnittet ”&lt;x&gt; &amp; &#34;y&#34;”"' in button


def test_heading_outside_the_toc_is_named_without_its_permalink():
    md = markdown.Markdown(
        extensions=["toc", "macros.copy_links"], extension_configs={"toc": {"permalink": True, "toc_depth": "1-2"}}
    )
    out = md.convert("# Side\n\n### Under *niveau* tre")
    assert 'aria-label="Kopiér link til afsnittet ”Under niveau tre”"' in out
