"""searchbuild's vocabulary (searchbuild/__init__.py): the words the index holds, from which the
compound splits and the list of words spelt with ae/oe/aa (dansk.json) are made."""

from __future__ import annotations

import pytest

from searchbuild import DIGRAPHS, excluded, vocabulary

ARTICLE = '<html><body><p>Menu aarhus</p><article class="md-content__inner md-typeset">{}</article><p>footer vaerdi</p></body></html>'


def words(body: str) -> set[str]:
    return set(vocabulary({"trin-7/index.html": ARTICLE.format(body)}))


def test_only_the_indexed_text_of_the_article():
    found = words(
        "<h1>Årshjul</h1><p>Et møde i Aalborg<br>og <b>mere</b></p>"
        # What pagefind.yml leaves out: a QR code's address under it (aria-hidden), a button row.
        '<div class="ark-qr" aria-hidden="true" data-pagefind-ignore><svg><path d="M0 0"/></svg>'
        '<p class="ark-qr-url">https://eksempel.dk/arbejdsark/trin-7-aarshjul/</p></div>'
        '<p class="ark-tools"><button>Kopiér</button></p><noscript>uden javascript</noscript>'
        "<script>const foerste = 1;</script><img src=x alt=y><p>efter</p>"
    )
    assert found == {"årshjul", "et", "møde", "i", "aalborg", "og", "mere", "efter"}
    # Before: the address gave "aarshjul", so the query "aarshjul" was not read as "årshjul".
    assert not {w for w in found if DIGRAPHS.search(w)} - {"aalborg"}


def test_every_excluded_selector_is_understood():
    selectors = excluded()
    assert any(s.matches("div", {"data-pagefind-ignore": ""}) for s in selectors)
    assert any(s.matches("span", {"aria-hidden": "true"}) for s in selectors)
    assert any(s.matches("noscript", {}) for s in selectors)
    assert any(s.matches("p", {"class": "x ark-tools"}) for s in selectors)
    assert not any(s.matches("span", {"aria-hidden": "false", "class": "x"}) for s in selectors)


@pytest.mark.parametrize("body", ["<div><p>a</div> ord", "<ul><li>ord</ul>"])
def test_unclosed_elements_do_not_hide_what_follows(body):
    assert "ord" in words(body)
