"""One Danish strings file (overrides/assets/strings/da.json, read by macros/strings.py, the theme's
templates, pdfbuild and ark/core/strings.js): every key used exists, no sentence is written twice,
and no template, script or Python module writes a Danish interface sentence of its own.

The last check is a heuristic: a string literal (or a template's text) counts as Danish when it
has æ/ø/å or one of a few Danish function words. ALLOWED lists what is Danish on purpose, and why.
"""

from __future__ import annotations

import ast
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros import strings
from tests.conftest import visitor_word_problems
from tests.support import ROOT

DANISH_WORDS = set(
    "og er til af på med ikke det den som svar svarene arket trin"
    " hent vis luk søg fra udskriv kopiér slet eksempler sider kopieret gemt alle kunne"
    " skjul gemmes arbejdsark printpakke eksempel forside dato note fortryd".split()
)
# Text attributes a person reads or hears; other attributes hold ids, classes and keys.
TEXT_ATTRS = {"aria-label", "title", "alt", "placeholder", "label", "content"}

# path → substrings of the lines allowed to be Danish there, each with its reason.
ALLOWED: dict[str, tuple[str, ...]] = {
    # Transliteration tables and word rules for Danish search and anchors, not sentences.
    "macros/slug.py": ("maketrans",),
    "overrides/assets/javascripts/sog/dansk.js": ("replaceAll(",),
}
SKIP = {"macros/schema.py"}  # field descriptions for content editors (English), quoting the book's labels


def danish(text: str) -> bool:
    """Danish words in a text a person sees. Tokens with - _ / . # $ { (ids, classes, paths, file
    names, placeholders) and one lower-case word alone (a key, an id) are not text."""
    words = [w for w in text.split() if not re.search(r"[-_/.#${(\"\\]", w)]
    if not words or re.fullmatch(r"[a-z0-9]+", text):
        return False
    rest = " ".join(words)
    return bool(re.search(r"[æøåÆØÅ]", rest)) or bool(
        DANISH_WORDS & {w.lower() for w in re.findall(r"[A-Za-zæøåÆØÅé]+", rest)}
    )


def files(pattern: str) -> list[Path]:
    return sorted(p for p in ROOT.glob(pattern) if p.relative_to(ROOT).as_posix() not in SKIP)


def allowed(rel: str, line: str) -> bool:
    return any(part in line for part in ALLOWED.get(rel, ()))


# --- Finding the texts -------------------------------------------------------------------------

JINJA = re.compile(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", re.S)
LITERAL = re.compile(r"\"((?:[^\"\\\n]|\\.)*)\"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`")


class _Texts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")
        for name, value in attrs:
            if name in TEXT_ATTRS and value:
                self.found.append((self.getpos()[0], value))

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.found.append((self.getpos()[0], data))


def template_texts(source: str) -> list[tuple[int, str]]:
    """(line, text) of a Jinja template: its HTML text and text attributes, and the string literals
    inside {{ }} / {% %} (a label passed to a macro). Comments are left out."""
    out = []
    for m in JINJA.finditer(source):
        if m.group().startswith("{#"):
            continue
        line = source.count("\n", 0, m.start()) + 1
        out += [(line, next(g for g in lit.groups() if g is not None)) for lit in LITERAL.finditer(m.group())]
    # Keep line numbers: replace each construct by as many newlines as it spans.
    bare = JINJA.sub(lambda m: "\n" * m.group().count("\n") + ("X" if not m.group().startswith("{#") else ""), source)
    parser = _Texts()
    parser.feed(bare)
    return out + parser.found


def js_texts(source: str) -> list[tuple[int, str]]:
    """(line, literal) of every string literal of a script, comments left out."""
    code = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group().count("\n"), source, flags=re.S)
    code = re.sub(r"(^|[^:\\\"'])//[^\n]*", r"\1", code)
    return [
        (code.count("\n", 0, m.start()) + 1, next(g for g in m.groups() if g is not None))
        for m in LITERAL.finditer(code)
    ]


def py_texts(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string constant of a module except docstrings."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


SOURCES = [
    ("macros/templates/*.html", template_texts),
    ("pdfbuild/templates/*.html", template_texts),
    ("overrides/**/*.html", template_texts),
    ("overrides/assets/javascripts/**/*.js", js_texts),
    # Generated content ("Side n af N" in a page margin) in the stylesheets (same literal syntax).
    ("overrides/assets/stylesheets/*.css", js_texts),
    ("pdfbuild/css/*.css", js_texts),
    ("macros/*.py", py_texts),
    ("pdfbuild/*.py", py_texts),
    ("searchbuild/*.py", py_texts),
]


def danish_literals() -> list[str]:
    problems = []
    for pattern, texts in SOURCES:
        for path in files(pattern):
            rel = path.relative_to(ROOT).as_posix()
            source = path.read_text(encoding="utf-8")
            lines = source.splitlines()
            for line, text in texts(source):
                if danish(text) and not allowed(rel, lines[line - 1] if line <= len(lines) else ""):
                    problems.append(f"{rel}:{line}: {text.strip()[:80]!r}")
    return problems


# --- The tests ---------------------------------------------------------------------------------


def test_no_danish_interface_text_outside_the_strings_file():
    problems = danish_literals()
    assert not problems, "Danish interface text outside overrides/assets/strings/da.json:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "source, texts",
    [
        ('<button>{{ t("sheet.clear") }}</button>', []),
        ("<button>Ryd svar</button>", ["Ryd svar"]),
        ('{{ tool("clear", "Ryd svar") }}', ["Ryd svar"]),
        ('<p aria-label="Luk søgningen" class="sog-luk"></p>', ["Luk søgningen"]),
        ('{# Mit partnerskab: a comment #}<p class="ark-saet"></p>', []),
    ],
)
def test_the_template_heuristic_sees_texts_and_labels(source, texts):
    assert [text for _, text in template_texts(source) if danish(text)] == texts


def test_the_script_and_python_heuristics_see_literals_not_comments():
    js = 'el.textContent = "Link kopieret"; // "Kopiér link"\n/* "Vis alle trin" */ q("form [data-key]");'
    assert [text for _, text in js_texts(js) if danish(text)] == ["Link kopieret"]
    py = '"""Vis på skærm."""\nLABEL = "Kopiér link"\nKEY = "sheet.clear"\n'
    assert [text for _, text in py_texts(py) if danish(text)] == ["Kopiér link"]


def _entries(node, path=()):
    if isinstance(node, dict) and not (set(node) <= {"one", "other"} and node):
        for key, value in node.items():
            yield from _entries(value, (*path, key))
    else:
        yield ".".join(path), node


def test_the_strings_file_writes_each_sentence_once():
    by_text: dict[str, list[str]] = {}
    for key, value in _entries(strings.strings()):
        assert isinstance(value, str) or set(value) == {"one", "other"}, key
        by_text.setdefault(json.dumps(value, ensure_ascii=False), []).append(key)
    twice = {text: keys for text, keys in by_text.items() if len(keys) > 1}
    assert not twice, f"the same sentence under two keys: {twice}"


USES = [
    # (files, pattern of a use, prefix of the key)
    ("macros/**/*.py", r"\b(?:t|text)\(\s*[\"']([\w.]+)[\"']", ""),
    # pages.py's perspective sections: heading("headingIntro") reads text(f"perspective.{key}").
    ("macros/pages.py", r"\bheading\(\s*\"(\w+)\"", "perspective."),
    ("pdfbuild/**/*.py", r"\b(?:t|text)\(\s*[\"']([\w.]+)[\"']", ""),
    # (A key built in the template, t("hjemmesidens." ~ key), ends with "." and is not a use.)
    ("macros/templates/*.html", r"\bt\(\s*[\"']([\w.]*\w)[\"']", ""),
    # _hjemmesidens.html's note("selection") reads t("hjemmesidens.selection").
    ("macros/templates/*.html", r"\bnote\(\s*\"(\w+)\"", "hjemmesidens."),
    ("pdfbuild/templates/*.html", r"\bt\(\s*[\"']([\w.]+)[\"']", ""),
    ("overrides/**/*.html", r"config\.extra\.strings\.([\w.]+)", ""),
    ("overrides/assets/javascripts/ark/core/strings.js", r"\bt\(\s*\"([\w.]+)\"\s*[,)]", ""),
    ("overrides/assets/javascripts/ark/core/strings.js", r"\ba\(\s*\"(\w+)\"", "ark."),
    ("overrides/assets/javascripts/links.js", r"linkText\(\s*(?:open \? )?\"(\w+)\"(?: : \"(\w+)\")?", "links."),
]


def test_every_key_used_is_in_the_file():
    missing = []
    for pattern, use, prefix in USES:
        for path in sorted(ROOT.glob(pattern)):
            for m in re.finditer(use, path.read_text(encoding="utf-8")):
                for key in filter(None, m.groups()):
                    try:
                        strings._lookup(prefix + key)
                    except KeyError:
                        missing.append(f"{path.relative_to(ROOT)}: {prefix + key}")
    assert not missing, missing


def test_page_numbers_in_css_come_from_the_strings_file():
    """The PDFs' margin (pdfbuild/engine.py) and the browser's printout (main.html) print the same
    "Side {n} af {total}" as the filled PDF's added pages (ark/exports.js)."""
    assert strings.css_page_number() == '"Side " counter(page) " af " counter(pages)'
    main = (ROOT / "overrides/main.html").read_text(encoding="utf-8")
    assert "config.extra.strings.ark.pageOf" in main and "--ppp-print-page-number" in main


def test_placeholders_and_plurals():
    assert strings.text("step.label", number=3, title="Det første møde") == "Trin 3: Det første møde"
    assert strings.text("perspective.count", n=1) == "(1 eksempel)"
    assert strings.text("perspective.count", n=2) == "(2 eksempler)"
    assert str(strings.t("example.kicker", title="A & <b>")) == "Eksempel: A &amp; &lt;b&gt;"
    with pytest.raises(KeyError, match="needs"):
        strings.text("step.label", number=3)
    with pytest.raises(KeyError, match="no interface string"):
        strings.text("step.nothing")


# Placeholders that would put an internal name in front of a visitor (a field key, a sheet id, a
# format version): messages name things by what the visitor sees (titles, labels).
INTERNAL_PLACEHOLDERS = {"key", "id", "v", "version"}


def test_visitors_read_a_volunteers_danish():
    """Every string of the file: "hjemmesiden" (never "sitet"), no technical words or internal keys,
    the book's quotation marks ”…” (not „…“), "trinnet", PDF’en, single spaces. No allow-list: no
    string needs an exception."""
    problems = []
    for key, value in _entries(strings.strings()):
        for form in value.values() if isinstance(value, dict) else [value]:
            found = visitor_word_problems(form)
            found += ["„…“: Danish quotation marks are ”…”, as in the book"] * bool(re.search("[„“]", form))
            found += ["a double space"] * ("  " in form)
            found += [
                f"{{{n}}}: an internal name" for n in re.findall(r"\{(\w+)\}", form) if n in INTERNAL_PLACEHOLDERS
            ]
            problems += [f"{key}: {p}" for p in found]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "text, bad",
    [
        ("Overskriften er sitets, ikke bogens.", True),
        ("Vælg den .json-fil, du fik.", True),
        ("Filen er ikke gemt som UTF-8-tekst.", True),
        ("Filen er lavet med version 3.", True),
        ("Et ukendt felt (”raekke-1--maal”).", True),
        ("Hent trinets printpakke", True),
        ("Overskriften er hjemmesidens, ikke bogens.", False),
        ("Hent trinnets printpakke (PDF)", False),
        ("en forkortet og redigeret version.", False),
    ],
)
def test_the_visitor_words_check_sees_what_it_should(text, bad):
    assert bool(visitor_word_problems(text)) == bad


def test_the_404_text_points_to_the_search_button():
    """The search is a button ("Søg") in the header, not a field: the 404 text says so."""
    text = strings.text("notFound.text")
    assert strings.text("search.button") in text and "feltet" not in text
