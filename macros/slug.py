"""Readable ASCII anchors for Danish headings and ids, and a docs page's address.

Python-Markdown's default slugify drops æ/ø/å (`gode-rad-fr-mdet`); consultants
send these anchors in links, so we transliterate instead: æ→ae, ø→oe, å→aa.
"""

import re
import unicodedata

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


def slugify(value: str, separator: str = "-") -> str:
    """Turn a heading into a lower-case ASCII anchor ("Gode råd før mødet" → "gode-raad-foer-moedet")."""
    text = value.translate(_DANISH).lower()
    # Strip remaining accents (é → e, ü → u) and drop everything that is not a word character.
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", " ", text)
    return re.sub(r"[\s_-]+", separator, text).strip(separator)


def page_url(docs_path: str) -> str:
    """A docs path as MkDocs addresses it with directory URLs ("trin-3.md" → "trin-3/", "index.md" → "")."""
    stem = docs_path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"
