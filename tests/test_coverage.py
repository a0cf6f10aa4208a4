"""Content coverage: the site must show the book's own words, all of them.

The manuscript (source/parat-til-private-partnerskaber.txt) is cleaned the way CONTENT.md tells
editors to clean it, cut into sentences, and every sentence of at least MIN_WORDS words must
occur in the visible text of the built site (case, quotes, dashes and whitespace unified).
What the site leaves out on purpose is listed in DROPPED_LINES / DROPPED_RANGES with a reason,
and removed before counting; the threshold is not a hiding place for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest

from tests.support import ROOT

MANUSCRIPT = ROOT / "source" / "parat-til-private-partnerskaber.txt"

THRESHOLD = 0.99
# Shorter fragments ("Mål og strategi", "Foto", "Trin 4") are mostly headings and labels that
# occur anywhere on a page, so finding them proves nothing; the sentences around them count.
MIN_WORDS = 4

# Whole manuscript lines the site leaves out on purpose: (pattern, reason).
DROPPED_LINES = [
    (r"^\s*(?:\d+\s+)?PARAT TIL PRIVATE PARTNERSKABER\s*\d*\s*$", "running page header/footer with the page number"),
    (r"^\s*TRIN [1-7]\s*$", "label above each step's title; the site shows 'Trin N af 7' instead"),
    (r"^EKSEMPEL: ", "label above each example; the site's facts box says 'Eksempel: <title>'"),
    (r"^FLÜGGER, JYSKE BANK M\.FL\.\s*$", "second line of MurMal's 'EKSEMPEL:' label"),
    (r"^\s*EKSEMPEL PÅ DIALOGPAPIR\s*$", "label of the flattened example columns; the site says 'Bogens eksempel: …'"),
]
# Line ranges the site leaves out on purpose: (first, last, the text they hold, reason).
DROPPED_RANGES = [
    (
        55,
        82,
        "”Det røde bånd”. Foto: Techcollege.",
        "photo credit broken into letters; the photo is not in the manuscript",
    ),
    (
        2274,
        2277,
        "Foto Fotoet forstiller en pude designet og produceret af medarbejdere hos Blindes Arbejde",
        "caption of a photo that is not in the manuscript",
    ),
]
# Extraction errors the site corrects (CONTENT.md: "except obvious extraction errors").
CORRECTIONS = {"ændrinqer": "ændringer"}

JOIN = "\u00ad"  # marks a line-end hyphen that was joined: matches "", "-" or "- " in the site text

# --- Normalising ---------------------------------------------------------------------------------

_UNIFY = str.maketrans(
    {
        "”": '"',
        "“": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "’": '"',
        "‘": '"',
        "'": '"',
        "´": '"',
        "`": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\t": " ",
        "•": " ",
        "·": " ",
        "¶": " ",
    }
)


def normalise(text: str) -> str:
    """Case, quotes, dashes, ellipses, bullets and whitespace unified; JOIN markers kept."""
    text = text.replace("…", "...").translate(_UNIFY).casefold()
    return " ".join(text.split())


# --- The manuscript -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    line: int  # manuscript line where it starts
    text: str  # cleaned, not normalised


def manuscript_lines(path: Path = MANUSCRIPT) -> list[tuple[int, str]]:
    """(line number, text) of the lines that count: dropped lines and ranges removed, errors corrected."""
    dropped = {n for first, last, _, _ in DROPPED_RANGES for n in range(first, last + 1)}
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if number in dropped or any(re.search(p, line) for p, _ in DROPPED_LINES):
            out.append((number, ""))  # keep a paragraph break where something was dropped
            continue
        for wrong, right in CORRECTIONS.items():
            line = line.replace(wrong, right)
        out.append((number, line))
    return out


def is_heading(line: str) -> bool:
    """ALL-CAPS lines are the book's headings ("SE DET FRA VIRKSOMHEDENS SIDE")."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def starts_block(previous: str, line: str) -> bool:
    """Whether `line` begins a new block rather than continuing `previous` (both non-blank)."""
    if line[:1] in (" ", "\t"):
        return True  # the extraction indents the first line of a new text box
    if is_heading(previous) and is_heading(line):
        return False  # a heading printed over several lines
    short = len(previous.strip()) < 50 and not re.search(r"[-,]\s*$", previous)
    return (
        line.lstrip().startswith(("•", "·"))  # bullet
        or is_heading(previous) != is_heading(line)
        or (short and re.match(r"\s*[\"”“„]?[A-ZÆØÅ]", line) is not None)  # a title line, then its text
    )


def bridge_hyphen_gaps(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Drop blank lines between a hyphenated line end and its continuation ("resul-", "", "terede")."""
    out: list[tuple[int, str]] = []
    for index, (number, line) in enumerate(lines):
        if not line.strip() and out and re.search(r"\w-\s*$", out[-1][1]):
            following = next((text for _, text in lines[index + 1 :] if text.strip()), "")
            if re.match(r"[a-zæøå]", following):
                continue
        out.append((number, line))
    return out


def paragraphs(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join wrapped lines into blocks: (first line number, text).

    A line-end hyphen before a letter becomes JOIN (the site may have "erfaringer", "OMBOLD",
    "CSR-indsatser" or "PR- og"); a line ending in "." or "/" with no trailing space (soft wraps
    keep theirs) before a lower-case letter is a wrapped address ("datacvr." + "virk.dk").
    """
    blocks: list[tuple[int, list[str]]] = []
    previous = ""
    for number, line in bridge_hyphen_gaps(lines):
        if not line.strip():
            previous = ""
            continue
        text = line.strip()
        if not previous or starts_block(previous, line):
            blocks.append((number, [text]))
        elif re.search(r"\w-\s*$", previous) and re.match(r"\w", text):
            blocks[-1][1][-1] = blocks[-1][1][-1].rstrip("- ") + JOIN
            blocks[-1][1].append(text)
        elif previous[-1:] in (".", "/") and re.match(r"[a-zæøå]", text):
            blocks[-1][1].append(text)
        else:
            blocks[-1][1].append(" " + text)
        previous = line
    return [(number, "".join(parts)) for number, parts in blocks]


SENTENCE_END = re.compile(r"(?<=[.?!])[\"”“’]?\s+(?=[\"”“„]?[A-ZÆØÅ0-9\-–])")


def sentences(path: Path = MANUSCRIPT) -> list[Sentence]:
    out = []
    for start, block in paragraphs(manuscript_lines(path)):
        block = re.sub(r"^[•·]\s*", "", block.strip())
        for piece in SENTENCE_END.split(block):
            # Terminal periods and colons are not the book's words: headings and captions drop them.
            piece = piece.strip().rstrip(".:;").strip()
            if piece:
                out.append(Sentence(start, piece))
    return out


def counted(all_sentences: list[Sentence]) -> list[Sentence]:
    return [s for s in all_sentences if len(s.text.replace(JOIN, "").split()) >= MIN_WORDS]


# --- Matching ----------------------------------------------------------------------------------------


@dataclass
class SiteText:
    text: str  # normalised

    def has(self, sentence: str) -> bool:
        norm = normalise(sentence)
        if JOIN not in norm:
            return norm in self.text
        return re.search(r"(?:-\s?)?".join(map(re.escape, norm.split(JOIN))), self.text) is not None


@dataclass
class Coverage:
    sentences: list[Sentence]
    missing: list[Sentence]

    @cached_property
    def ratio(self) -> float:
        return 1 - len(self.missing) / len(self.sentences)

    def report(self) -> str:
        lines = [
            f"coverage {self.ratio:.2%}: {len(self.sentences) - len(self.missing)} of {len(self.sentences)} sentences"
        ]
        lines += [f"  line {s.line}: {s.text.replace(JOIN, '')}" for s in self.missing]
        return "\n".join(lines)


def measure(site_text: SiteText, all_sentences: list[Sentence]) -> Coverage:
    wanted = counted(all_sentences)
    return Coverage(wanted, [s for s in wanted if not site_text.has(s.text)])


def visible_text(site) -> SiteText:
    """Every built page's <article> text (404 page left out); attributes (placeholders, data-example) do not count."""
    return SiteText(" | ".join(normalise(page.article.text()) for rel, page in site.pages.items() if rel != "404.html"))


@pytest.fixture(scope="module")
def site_text(site) -> SiteText:
    return visible_text(site)


# --- Tests ------------------------------------------------------------------------------------------


def test_manuscript_coverage(site_text, record_property):
    coverage = measure(site_text, sentences())
    record_property("coverage", f"{coverage.ratio:.4f}")
    record_property("missing_sentences", coverage.report())
    print("\n" + coverage.report())  # visible with `pytest -s`
    assert coverage.ratio >= THRESHOLD, coverage.report()


def test_dropped_lines_and_ranges_still_match_the_manuscript():
    raw = MANUSCRIPT.read_text(encoding="utf-8").splitlines()
    for pattern, reason in DROPPED_LINES:
        assert any(re.search(pattern, line) for line in raw), f"nothing matches {pattern!r} ({reason})"
    for first, last, expected, reason in DROPPED_RANGES:
        squeezed = "".join("".join(raw[first - 1 : last]).split()).replace("-", "")
        assert squeezed.startswith("".join(expected.split())), (
            f"lines {first}–{last} no longer hold {expected!r} ({reason})"
        )
    for wrong in CORRECTIONS:
        assert any(wrong in line for line in raw), f"{wrong!r} is no longer in the manuscript"


# --- The normaliser and matcher can fail -----------------------------------------------------------------


def test_normalise_unifies_quotes_dashes_case_and_space():
    assert normalise("”VM i MUR”  –\tSE DET…") == normalise('"vm i mur" - se det...') == '"vm i mur" - se det...'
    assert normalise("CFSA´s  og CFSA’s") == 'cfsa"s og cfsa"s'


@pytest.mark.parametrize(
    "raw, expected",
    [
        (
            "gjorde jeg mine første erfarin-\nger med partnerskaber.",
            "gjorde jeg mine første erfaringer med partnerskaber",
        ),
        ("et spændende og værdi- \nskabende projekt", "et spændende og værdiskabende projekt"),
        ("en 2-årig periode og PR- og \nkommunikationstiltag.", "en 2-årig periode og PR- og kommunikationstiltag"),
        ("•\t Hvad er vores mål og strategi for de næste år?", "Hvad er vores mål og strategi for de næste år?"),
        ("søge i registret på datacvr.\nvirk.dk. På LinkedIn er der", "søge i registret på datacvr.virk.dk"),
        (
            "Et partnerskab mellem to parter resul-\n\nterede i nye produkter",
            "Et partnerskab mellem to parter resulterede i nye produkter",
        ),
    ],
)
def test_manuscript_cleaning(tmp_path, raw, expected):
    path = tmp_path / "m.txt"
    path.write_text(raw, encoding="utf-8")
    assert [s.text.replace(JOIN, "") for s in sentences(path)][:1] == [expected]


def test_sentences_split_at_sentence_ends_headings_and_bullets(tmp_path):
    path = tmp_path / "m.txt"
    path.write_text(
        "SE DET FRA VIRKSOMHEDENS SIDE\nOMBOLD har tidligere holdt møder. - Det har vist sig at være afgørende.\n"
        "•\t Første punkt i listen\n•\t Andet punkt i listen\n\n\t PARAT TIL PRIVATE PARTNERSKABER  \t 27\n",
        encoding="utf-8",
    )
    assert [s.text for s in sentences(path)] == [
        "SE DET FRA VIRKSOMHEDENS SIDE",
        "OMBOLD har tidligere holdt møder",
        "- Det har vist sig at være afgørende",
        "Første punkt i listen",
        "Andet punkt i listen",
    ]
    assert [s.line for s in sentences(path)] == [1, 2, 2, 3, 4]


def test_a_sentence_removed_from_the_site_is_reported_missing(site_text):
    victim = "Vejen til et godt partnerskab kræver derfor mod, kræfter og tålmodighed"
    assert site_text.has(victim), "pick a sentence the site has"
    gutted = SiteText(site_text.text.replace(normalise(victim), ""))
    coverage = measure(gutted, sentences())
    assert [s.text for s in coverage.missing if s.text == victim] == [victim]
    assert f"line 295: {victim}" in coverage.report()


def test_joined_hyphen_matches_only_what_the_book_says():
    site = SiteText(normalise("CSR-indsatser og nye erfaringer"))
    assert site.has(f"CSR{JOIN}indsatser")
    assert site.has(f"erfarin{JOIN}ger")
    assert not site.has(f"erfarin{JOIN}gerne")
