"""The line "Sidst opdateret <dato>" on every page, from the content's git history (no plugin: it must work
the same under MkDocs and Zensical).

A page's date is the newest of the dates of its sources: its docs/ file and the data files its
macros render (SOURCES). A file's date is that of the last commit on the main line (first parent)
that touched it; a merge counts on the day it was merged. Without history, the file's modification
time stands in: no .git (a release archive, the tests' project copies), git missing or failing, or a
file no commit has yet. A shallow clone (git clone --depth 1) has the history it has: files its
oldest commit brings get that commit's date (the newest the truth can be).
Dates are days in Danish time (TZ Europe/Copenhagen).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import jinja2
import jinja2.nodes

from .content import SITE_FILES
from .contract import danish_date
from .slug import page_url

# Macro name → the data files (globs under the project folder; {arg} is the call's first argument)
# it renders. tests/test_updated.py checks that every macro define_env registers is listed.
SOURCES: dict[str, tuple[str, ...]] = {
    "arbejdsark": ("data/arbejdsark/{arg}.yml",),
    "arbejdsark_side": ("data/arbejdsark/{arg}.yml", "data/ruten.yml"),
    "arbejdsark_oversigt": ("data/arbejdsark/*.yml", "data/ruten.yml"),
    "trin_hoved": ("data/ruten.yml",),
    "trin_fod": ("data/ruten.yml",),
    "bog_pdf": (),
    "printpakke": (),
    "printpakker": ("data/ruten.yml",),
    "ruten": ("data/ruten.yml", "data/arbejdsark/*.yml"),
    "ruten_kort": ("data/ruten.yml",),
    "eksempel_fakta": ("data/eksempler/{arg}.yml",),
    "eksempel_raad": ("data/eksempler/{arg}.yml",),
    "eksempel_vaerdier": ("data/eksempler/{arg}.yml", "data/vaerdiperspektiver.yml"),
    "eksempler_liste": ("data/eksempler.yml", "data/eksempler/*.yml"),
    "vaerdiperspektiver_liste": ("data/vaerdiperspektiver.yml",),
    "vaerdiperspektiver_oversigt": ("data/vaerdiperspektiver.yml",),
    "vaerdiperspektiv": ("data/vaerdiperspektiver.yml", "data/eksempler/*.yml"),
    "tilgaengelighedserklaering": ("data/" + SITE_FILES["statement"],),
    "aendringer": ("data/" + SITE_FILES["changes"],),
    "moedepakke": ("data/arbejdsark/*.yml", "data/ruten.yml"),
}


def page_sources(root: Path, src_path: str) -> list[str]:
    """The project files (relative, POSIX) a docs page is made from: itself and its macros' data.
    A page whose macros do not parse is made from itself (the build reports the mistake)."""
    root = Path(root)
    page = root / "docs" / src_path
    found = {f"docs/{src_path}"}
    try:
        tree = jinja2.Environment().parse(page.read_text(encoding="utf-8"))
    except (jinja2.TemplateSyntaxError, OSError, UnicodeDecodeError):
        return sorted(found)
    for call in tree.find_all(jinja2.nodes.Call):
        if not isinstance(call.node, jinja2.nodes.Name) or call.node.name not in SOURCES:
            continue
        arg = call.args[0].value if call.args and isinstance(call.args[0], jinja2.nodes.Const) else None
        for pattern in SOURCES[call.node.name]:
            if "{arg}" in pattern and not isinstance(arg, str):
                continue
            pattern = pattern.format(arg=arg)
            found.update(p.relative_to(root).as_posix() for p in root.glob(pattern) if p.is_file())
    return sorted(found)


def commit_dates(root: Path) -> dict[str, dt.date]:
    """Project file (relative, POSIX) → the day of the last main-line commit that touched it; {} when
    `root` has no git history (no .git, git not installed or failing)."""
    root = Path(root)
    if not (root / ".git").exists():  # a copy or an archive: never the history of a folder above
        return {}
    try:
        log = subprocess.run(
            ["git", "-C", str(root), "log", "--first-parent", "--diff-merges=first-parent", "--name-only",
             "--relative", "--format=%x00%cd", "--date=format-local:%Y-%m-%d", "--", "docs", "data"],
            capture_output=True, text=True, check=True, timeout=60,
            env={**os.environ, "TZ": "Europe/Copenhagen", "GIT_CONFIG_NOSYSTEM": "1"},
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, dt.date] = {}
    for record in log.split("\0")[1:]:  # newest first: the first date seen for a file is its last change
        day, *files = record.strip().splitlines()
        for name in files:
            if name:
                dates.setdefault(name, dt.date.fromisoformat(day))
    return dates


def _mtime_date(path: Path) -> dt.date:
    return dt.date.fromtimestamp(path.stat().st_mtime)


def page_dates(root: Path) -> dict[str, str]:
    """Page URL (as page.url: "trin-3/", "" for the front page) → "Sidst opdateret" date in Danish,
    for every page under docs/."""
    root = Path(root)
    history = commit_dates(root)

    def date_of(rel: str) -> dt.date:
        return history.get(rel) or _mtime_date(root / rel)

    docs = root / "docs"
    out = {}
    for page in sorted(docs.rglob("*.md")):
        src = page.relative_to(docs).as_posix()
        out[page_url(src)] = danish_date(max(date_of(rel) for rel in page_sources(root, src)))
    return out
