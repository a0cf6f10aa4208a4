"""The site's search index: Pagefind over the built site, with help for Danish.

A build step of its own (scripts/build_search, after `mkdocs build`; no MkDocs hook), so it works
the same for any builder that writes the same HTML. It copies the built pages into a temporary
folder, prepares the copies for indexing, and runs the pinned Pagefind binary (npm `pagefind`)
on them, which writes the index and its scripts into `<site>/pagefind/`. The published pages are
never changed. What the copies get:

- `data-pagefind-body` on the article of every page that is searched (worksheet pages are not:
  their text is indexed once, on the step page that embeds them), and on step pages
  `data-pagefind-meta="trin:Trin N"` so a result can say which step it is on.
- Worksheets' <form> and <label> elements as <div>/<span>: Pagefind leaves forms and labels
  out, and a worksheet's questions are the book's text in labels.
- The book's boxes' labels and titles (`<p class="boks-label">`, `boks-titel`) and a worksheet's
  title line (`<p class="ark-titel">`: the book's caption "Eksempel på risikoanalyse", or a title
  set with niveau=0) – on the page they are not headings, so the text after them returns to its
  chapter – as <h3>: Pagefind makes a
  sub-result per heading with an id, and "Gode råd før mødet" is where a reader wants to land.
- Whitespace after block elements: `<dt>Område</dt><dd>Humanitær</dd>` would otherwise be
  indexed as one word ("OmrådeHumanitær").
- Compound parts: a compound whose parts are words of the site ("risikoanalyse" = "risiko" +
  "analyse", "partnerskabsaftale" = "partnerskab" + s + "aftale") is written with
  SPLIT_MARK between the parts. Pagefind indexes a hyphenated word whole and by its parts, so
  "analyse" finds "Risikoanalyse" and "risikoanalyse" still does; the search UI removes the mark
  from what it shows (overrides/assets/javascripts/sog.js).

Interface text (buttons, the no-JavaScript notes, step navigation) is left out by the selectors
in pagefind.yml; `data-pagefind-ignore` marks such elements in the templates.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PAGEFIND = ROOT / "node_modules" / ".bin" / "pagefind"

# Soft hyphen + hyphen: invisible-then-visible in the index copy only; sog.js strips it. Pagefind
# splits a word at "-" (and keeps it whole), not at the soft hyphen alone.
SPLIT_MARK = "\u00ad-"
# Words the vocabulary-based rules must not treat as ASCII transliterations (written to the
# index folder as `dansk.json` for sog.js): every word of the site spelt with ae/oe/aa.
DIGRAPHS = re.compile(r"ae|oe|aa")

MIN_HEAD, MIN_TAIL, MIN_WORD = 4, 5, 9
LINKS = ("s", "e")  # Danish linking letters: partnerskab-s-aftale, børn-e-organisation

BLOCK_END = re.compile(
    r"(</(?:p|div|li|dt|dd|th|td|tr|h[1-6]|figcaption|blockquote|summary|section|aside|nav)>|<br\s*/?>)", re.I
)
WORD = re.compile(r"[^\W\d_]+", re.U)
STEP_PAGE = re.compile(r"^trin-(\d+)/index\.html$")
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*"[^>]*>')
BOX_HEAD = re.compile(r'<p\b([^>]*\bclass="(?:boks-label|boks-titel|ark-titel)\b[^"]*"[^>]*)>(.*?)</p>', re.S)


def searched(rel: str) -> bool:
    """Pages in the index: not worksheet pages (arbejdsark/<id>/, indexed on their step page),
    not redirects or the 404 page. The overview "Mit partnerskab" (arbejdsark/) is searched."""
    if rel == "404.html" or not rel.endswith("index.html"):
        return False
    parts = rel.split("/")
    return not (parts[0] == "arbejdsark" and len(parts) == 3)


def _text_segments(html: str):
    """(start, end) of text between tags inside the article, outside scripts, styles, templates."""
    start = ARTICLE.search(html)
    end = html.find("</article>", start.end()) if start else -1
    if start is None or end < 0:
        return
    skip = re.compile(r"<(script|style|template|noscript)\b.*?</\1>", re.S | re.I)
    blank = lambda m: " " * len(m.group(0))  # noqa: E731 – same length keeps the offsets
    masked = re.sub(r"=\s*(\"[^\"]*\"|'[^']*')", blank, html[:end])  # attribute values may hold < and >
    masked = skip.sub(lambda m: "<" + " " * (len(m.group(0)) - 2) + ">", masked)  # one "tag": no text
    for m in re.finditer(r">([^<]+)<", masked[start.start() :]):
        yield start.start() + m.start(1), start.start() + m.end(1)


@dataclass(frozen=True)
class Excluded:
    """One of pagefind.yml's exclude_selectors: `tag`, `.class`, `[attr]` or `[attr=value]`."""

    tag: str = ""
    cls: str = ""
    attr: str = ""
    value: str | None = None

    def matches(self, tag: str, attrs: dict[str, str]) -> bool:
        if self.tag:
            return tag == self.tag
        if self.cls:
            return self.cls in attrs.get("class", "").split()
        return self.attr in attrs and (self.value is None or attrs[self.attr] == self.value)


def excluded() -> list[Excluded]:
    """pagefind.yml's exclude_selectors. Raises SystemExit naming a selector of another form."""
    config = yaml.safe_load((ROOT / "pagefind.yml").read_text(encoding="utf-8"))
    out = []
    for sel in config.get("exclude_selectors", []):
        if m := re.fullmatch(r"\[([\w-]+)(?:=[\"']?([^\"'\]]*)[\"']?)?\]", sel):
            out.append(Excluded(attr=m.group(1), value=m.group(2)))
        elif re.fullmatch(r"\.[\w-]+", sel):
            out.append(Excluded(cls=sel[1:]))
        elif re.fullmatch(r"[a-z]+", sel):
            out.append(Excluded(tag=sel))
        else:
            raise SystemExit(f"pagefind.yml: exclude_selectors: {sel!r} is not tag, .class, [attr] or [attr=value]")
    return out


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _IndexedText(HTMLParser):
    """The words of the article that Pagefind indexes: what pagefind.yml excludes, and scripts and
    styles, left out (a QR code's address under it, aria-hidden, is not a word of the site)."""

    def __init__(self, skip: list[Excluded]) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = skip
        self.words: Counter[str] = Counter()
        self.stack: list[tuple[str, bool]] = []  # open elements inside the article: (tag, left out)
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if not self.inside:
            self.inside = tag == "article" and "md-content__inner" in a.get("class", "")
            return
        if tag not in VOID:
            out = tag in ("script", "style") or any(sel.matches(tag, a) for sel in self.skip)
            self.stack.append((tag, out))

    def handle_endtag(self, tag: str) -> None:
        if not self.inside or tag in VOID:
            return
        if not self.stack:
            self.inside = tag != "article"
            return
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self.inside and not any(out for _, out in self.stack):
            self.words.update(w.lower() for w in WORD.findall(data))


def vocabulary(pages: dict[str, str]) -> Counter:
    """Word → how often the indexed text of `pages` has it (lower case)."""
    parser = _IndexedText(excluded())
    for html in pages.values():
        parser.inside, parser.stack = False, []
        parser.feed(html)
        parser.close()
    return parser.words


def compound_splits(words: Counter) -> dict[str, tuple[str, str]]:
    """word → (head, tail) for compounds made of the site's own words.

    The head must be a word of the site (or one plus a linking s/e); the tail must start a word
    of the site and be at least MIN_TAIL letters ("aftale", "analyse", "værdi"; never "skab" of
    "partnerskab"). The longest tail wins, so "kommunikationsaftale" splits before "aftale".
    """
    vocab = set(words)
    starts = {w[:n] for w in vocab for n in range(MIN_TAIL, len(w) + 1)}
    out = {}
    for word in vocab:
        if len(word) < MIN_WORD:
            continue
        for i in range(MIN_HEAD, len(word) - MIN_TAIL + 1):
            head, tail = word[:i], word[i:]
            if tail not in starts:
                continue
            if head in vocab or (head[-1] in LINKS and head[:-1] in vocab and len(head) > MIN_HEAD):
                out[word] = (head, tail)
                break
    return out


def _split_word(match: re.Match, splits: dict[str, tuple[str, str]]) -> str:
    word = match.group(0)
    parts = splits.get(word.lower())
    if not parts:
        return word
    cut = len(parts[0])
    return word[:cut] + SPLIT_MARK + word[cut:]


def prepare(rel: str, html: str, splits: dict[str, tuple[str, str]]) -> str:
    """The copy of one page that Pagefind reads."""
    step = STEP_PAGE.match(rel)
    meta = f' data-pagefind-meta="trin:Trin {step.group(1)}"' if step else ""
    html, found = ARTICLE.subn(lambda m: m.group(0)[:-1] + " data-pagefind-body" + meta + ">", html, count=1)
    if not found:
        raise SystemExit(f'{rel}: no Material <article class="md-content__inner"> to index – did the theme change?')
    html = BOX_HEAD.sub(r"<h3\1>\2</h3>", html)
    html = BLOCK_END.sub(r"\1 ", html)
    # Pagefind skips the text of forms and labels; a worksheet is a form whose labels are the
    # book's questions.
    html = re.sub(r"<form\b", "<div", html).replace("</form>", "</div>")
    html = re.sub(r"<label\b", "<span", html).replace("</label>", "</span>")
    out, last = [], 0
    for start, end in _text_segments(html):
        out.append(html[last:start])
        out.append(WORD.sub(lambda m: _split_word(m, splits), html[start:end]))
        last = end
    out.append(html[last:])
    return "".join(out)


def indexed_pages(site: Path) -> dict[str, str]:
    """Path under the site ("trin-4/index.html") → HTML of every built page that is searched."""
    pages = {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(site.rglob("index.html"))
        if not p.is_relative_to(site / "pagefind")
    }
    return {rel: html for rel, html in pages.items() if searched(rel) and 'http-equiv="refresh"' not in html}


def build(site: Path, *, quiet: bool = True) -> dict:
    """Index the built site in `site` into `site/pagefind/`; returns numbers for the log."""
    if not PAGEFIND.exists():
        raise SystemExit(f"{PAGEFIND} is missing: run ./scripts/bootstrap (it installs the pinned npm packages)")
    pages = indexed_pages(site)
    words = vocabulary(pages)
    splits = compound_splits(words)
    out = site / "pagefind"
    shutil.rmtree(out, ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        for rel, html in pages.items():
            target = Path(tmp) / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(prepare(rel, html, splits), encoding="utf-8")
        subprocess.run(
            [str(PAGEFIND), "--site", tmp, "--output-path", str(out), *(["--quiet"] if quiet else [])],
            cwd=ROOT,
            check=True,
            timeout=300,
        )
    # Words the site spells with ae/oe/aa ("Aalborg", "Michael"): sog.js leaves a query word that
    # starts one of them as typed, and reads any other ae/oe/aa as æ/ø/å.
    ascii_words = sorted(w for w in words if DIGRAPHS.search(w))
    (out / "dansk.json").write_text(json.dumps({"ascii": ascii_words}, ensure_ascii=False), encoding="utf-8")
    return {"pages": len(pages), "compounds": len(splits), "ascii_words": len(ascii_words)}
