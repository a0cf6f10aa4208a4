"""An editor's mistake in docs/ or data/ is one short English line with file, line and what to do.

One table of mistakes (issue 14). Each is made in a copy of the project and must be reported,
in the same words, by `python -m macros.check` and by a strict build (scripts/build_site), with
no traceback; `scripts/serve` keeps running, shows the message in the page and in its terminal,
and shows the page again once the file is fixed.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, _free_port

# Every case runs macros.check, a build or serve in a subprocess on a copy of the project.
pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Edit:
    file: str  # under the project
    old: str  # replaced once ("" appends)
    new: str

    def apply(self, project: Path) -> None:
        path = project / self.file
        text = path.read_text(encoding="utf-8")
        assert not self.old or self.old in text, f"{self.file} has no {self.old!r}"
        path.write_text(text.replace(self.old, self.new, 1) if self.old else text + self.new, encoding="utf-8")


@dataclass(frozen=True)
class Mistake:
    name: str
    edits: tuple[Edit, ...]
    at: tuple  # (file, text on the line the message must name[, which occurrence: 2 = the second])
    says: tuple[str, ...]  # words the message's line must contain

    def expected(self, project: Path) -> list[str]:
        """The words of the message: its file, "(line N)" from the broken file, and `says`."""
        file, snippet, nth = (*self.at, 1)[:3]
        lines = (project / file).read_text(encoding="utf-8").splitlines()
        line = [n for n, text in enumerate(lines, start=1) if snippet in text][nth - 1]
        return [file, f"(line {line})", *self.says]


def misspelt(what: str, file: str, call: str, right: str, wrong: str) -> Mistake:
    """A macro `call` in `file` with the id `right` misspelt as `wrong`: the message names the right one."""
    return Mistake(
        f"unknown {what} id",
        (Edit(file, call, call.replace(f'"{right}"', f'"{wrong}"')),),
        (file, f'"{wrong}"'),
        (f"unknown {what} id '{wrong}': did you mean '{right}'?",),
    )


UNDER = '{{ arbejdsark("trin-3-under-moedet") }}\n'
MISTAKES = [
    Mistake(
        "unknown worksheet id (issue 14's example: line 26, not 23)",
        (Edit("docs/trin-3.md", UNDER, UNDER + '\n{{ arbejdsark("findes-ikke") }}\n'),),
        ("docs/trin-3.md", '"findes-ikke"'),
        ("unknown worksheet id 'findes-ikke'", "the file names in data/arbejdsark/"),
    ),
    Mistake(
        "misspelt worksheet id",
        (Edit("docs/trin-3.md", UNDER, UNDER.replace("moedet", "moedt")),),
        ("docs/trin-3.md", '"trin-3-under-moedt"'),
        ("did you mean 'trin-3-under-moedet'?",),
    ),
    *(
        misspelt(what, file, f'{macro}("{right}")', right, wrong)
        for what, file, macro, right, wrong in [
            ("step", "docs/trin-3.md", "trin_fod", "trin-3", "trin-33"),
            ("example", "docs/eksempler/murmal.md", "eksempel_fakta", "murmal", "murmall"),
            (
                "value perspective",
                "docs/vaerdiperspektiver/imagevaerdi.md",
                "vaerdiperspektiv",
                "imagevaerdi",
                "imageverdi",
            ),
            ("print pack", "docs/bevar-gejsten.md", "printpakke", "bevar-gejsten", "bevar-gejst"),
        ]
    ),
    Mistake(
        "unknown macro",
        (Edit("docs/trin-3.md", UNDER, UNDER + "\n{{ arbejdsark_oversigten() }}\n"),),
        ("docs/trin-3.md", "arbejdsark_oversigten"),
        ("unknown macro name 'arbejdsark_oversigten': did you mean 'arbejdsark_oversigt'?",),
    ),
    Mistake(
        "wrong argument",
        (Edit("docs/trin-2.md", "niveau=3", "nivaeu=3"),),
        ("docs/trin-2.md", "nivaeu=3"),
        ("wrong arguments for arbejdsark()", "'nivaeu'", "(it takes: sheet_id, niveau=2)"),
    ),
    Mistake(
        "Jinja syntax error",
        (Edit("docs/trin-3.md", UNDER, UNDER.replace('") }}', '" }}')),),
        ("docs/trin-3.md", '"trin-3-under-moedet" }}'),
        ("macro syntax error", "expected ')'"),
    ),
    Mistake(
        "YAML syntax error",
        (Edit("data/arbejdsark/trin-3-foer-moedet.yml", "kind: checklist", "kind: checklist: ja"),),
        ("data/arbejdsark/trin-3-foer-moedet.yml", "kind: checklist: ja"),
        ("not valid YAML",),
    ),
    Mistake(
        "duplicate item id",
        (
            Edit(
                "data/arbejdsark/trin-3-foer-moedet.yml",
                "- id: research-af-virksomheden",
                "- id: research-af-moedeltagerne",
            ),
        ),
        ("data/arbejdsark/trin-3-foer-moedet.yml", "- id: research-af-moedeltagerne", 2),
        ("duplicate item id 'research-af-moedeltagerne' (first at sections[0].items[0] (line 10))",),
    ),
    Mistake(
        "id with Danish letters",
        (Edit("data/arbejdsark/trin-3-foer-moedet.yml", "- id: foer-moedet", "- id: Før mødet"),),
        ("data/arbejdsark/trin-3-foer-moedet.yml", "- id: Før mødet"),
        ("'Før mødet' is not allowed", "lower-case a-z, 0-9", "æ→ae", "e.g. 'foer-moedet'"),
    ),
    Mistake(
        "a worksheet's step written in its YAML (issue 14: step: trin-6 on a Trin 3 sheet)",
        (Edit("data/arbejdsark/trin-3-foer-moedet.yml", "kind: checklist", "step: trin-6\nkind: checklist"),),
        ("data/arbejdsark/trin-3-foer-moedet.yml", "step: trin-6"),
        ("remove this line", "follow from the docs page that embeds it"),
    ),
    Mistake(
        "a worksheet embedded twice",
        (Edit("docs/trin-6.md", "", "\n" + UNDER),),
        ("docs/trin-6.md", "trin-3-under-moedet"),
        ("worksheet 'trin-3-under-moedet' is embedded again (first at docs/trin-3.md (line 24))",),
    ),
    Mistake(
        "a worksheet on a page that is not a step's",
        (Edit("docs/trin-3.md", UNDER, ""), Edit("docs/forord.md", "", "\n" + UNDER)),
        ("docs/forord.md", "trin-3-under-moedet"),
        ("worksheet 'trin-3-under-moedet' belongs on a step's page (docs/trin-N.md) or docs/bevar-gejsten.md",),
    ),
]

IDS = [m.name for m in MISTAKES]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project's committed files, sharing .venv/ and node_modules/ (nothing is installed)."""
    copy = tmp_path_factory.mktemp("editor") / "project"
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in files:
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    for shared in (".venv", "node_modules"):
        (copy / shared).symlink_to(ROOT / shared)
    return copy


@pytest.fixture
def broken(project, request):
    """`project` with the mistake's edits; restored afterwards (the copy is shared by the module)."""
    mistake: Mistake = request.param
    saved = {e.file: (project / e.file).read_text(encoding="utf-8") for e in mistake.edits}
    for edit in mistake.edits:
        edit.apply(project)
    yield project, mistake
    for file, text in saved.items():
        (project / file).write_text(text, encoding="utf-8")


def one_line_says(output: str, words: list[str]) -> None:
    """Some line of `output` holds a message starting with `words[0]` (a file) and all `words`; no traceback."""
    assert "Traceback" not in output, output[-3000:]
    starts = re.compile(rf"(^|\s){re.escape(words[0])}")  # the message starts with the file
    assert any(starts.search(line) and all(w in line for w in words) for line in output.splitlines()), (
        f"no line says all of {words}:\n{output[-3000:]}"
    )


ENV = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("PREVIEW_SHOWS_ERRORS", None)


def env_for(project: Path) -> dict:
    """The environment for the copy's scripts: its own macros/ first (not the installed checkout's)."""
    return {**ENV, "PYTHONPATH": str(project)}


def run(project: Path, *command: str) -> subprocess.CompletedProcess:
    """`command` in `project` with the copy's own macros/; stdout and stderr together in `.stdout`."""
    return subprocess.run(
        list(command),
        cwd=project,
        env=env_for(project),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("broken", MISTAKES, ids=IDS, indirect=True)
def test_macros_check_reports_the_mistake(broken):
    project, mistake = broken
    result = run(project, sys.executable, "-m", "macros.check")
    assert result.returncode == 1, result.stdout
    one_line_says(result.stdout, mistake.expected(project))


@pytest.mark.parametrize("broken", MISTAKES, ids=IDS, indirect=True)
def test_strict_build_stops_with_the_same_message(broken, tmp_path):
    project, mistake = broken
    result = run(project, str(project / "scripts" / "build_site"), str(tmp_path / "site"))
    assert result.returncode != 0, result.stdout[-3000:]
    one_line_says(result.stdout, mistake.expected(project))


def test_unbroken_project_checks_ok(project):
    result = run(project, sys.executable, "-m", "macros.check")
    assert (result.returncode, result.stdout.strip()) == (0, "OK"), result.stdout


# --- scripts/serve ------------------------------------------------------------------------------


class Server:
    """scripts/serve of `project` on a free port; its terminal output collected in a file."""

    def __init__(self, project: Path, log: Path):
        self.url = f"http://127.0.0.1:{_free_port()}/"
        self.log = log
        self.process = subprocess.Popen(
            [str(project / "scripts" / "serve")],
            env={**env_for(project), "SKIP_PDF": "1", "ADDR": self.url[len("http://") : -1]},
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def get(self, path: str) -> str:
        """The page (the server holds a request while it rebuilds; a request must never hang)."""
        with urllib.request.urlopen(self.url + path, timeout=60) as response:
            return response.read().decode("utf-8")

    def wait_for(self, path: str, has: str, deadline_s: float = 240) -> str:
        """The page once it contains `has`: waits for the next build with livereload's long poll."""
        deadline = time.monotonic() + deadline_s
        while True:
            assert self.process.poll() is None, f"serve exited:\n{self.log.read_text()[-3000:]}"
            try:
                page = self.get(path)
            except urllib.error.URLError as exc:  # a timeout (a hanging request) is not caught
                if not isinstance(exc.reason, ConnectionRefusedError):
                    raise
                page = ""  # not listening yet: serve is still making its first build
            if has in page:
                return page
            assert time.monotonic() < deadline, f"{path} never showed {has!r}:\n{page[-2000:]}"
            epoch = re.search(r"livereload\((\d+),", page)
            if epoch:  # returns as soon as a newer build is visible (or after mkdocs' minute)
                with urllib.request.urlopen(f"{self.url}livereload/{epoch[1]}/0", timeout=90) as r:
                    r.read()
            else:
                time.sleep(0.5)  # the port is not open yet: nothing to await but the first build

    def stop(self) -> None:
        os.killpg(self.process.pid, 15)
        self.process.wait(timeout=30)


def test_serve_keeps_running_and_shows_the_mistake_until_it_is_fixed(project, tmp_path):
    macro_call, yaml_error = MISTAKES[0], next(m for m in MISTAKES if m.name == "YAML syntax error")
    for edit in macro_call.edits:  # broken before serve starts: it must start anyway
        edit.apply(project)
    server = Server(project, tmp_path / "serve.log")
    try:
        page = server.wait_for("trin-3/", "findes-ikke")
        assert "Content error" in page and "docs/trin-3.md (line 26)" in page
        for edit in macro_call.edits:
            Edit(edit.file, edit.new, edit.old).apply(project)
        page = server.wait_for("trin-3/", "Gode råd under mødet")
        assert "Content error" not in page

        for edit in yaml_error.edits:
            edit.apply(project)
        page = server.wait_for("trin-1/", "not valid YAML")  # every page shows a data/ mistake
        assert "data/arbejdsark/trin-3-foer-moedet.yml (line" in page
        for edit in yaml_error.edits:
            Edit(edit.file, edit.new, edit.old).apply(project)
        server.wait_for("trin-1/", "Hvem leder I efter")
    finally:
        server.stop()
    terminal = server.log.read_text(encoding="utf-8")
    one_line_says(terminal, ["docs/trin-3.md (line 26)", "findes-ikke"])
    one_line_says(terminal, ["data/arbejdsark/trin-3-foer-moedet.yml (line", "not valid YAML"])
    # Started with a mistake, serve goes on: nothing that reads as a crash, no set-up chatter per rebuild.
    assert "Aborted with a BuildError" not in terminal and "[macros] - " not in terminal, terminal[-3000:]


def indexed(project: Path, word: str) -> bool:
    """Whether serve's search index (docs/pagefind/) holds `word` in a page's text (its fragments:
    gzip of "pagefind_dcd" + the page's JSON)."""
    fragments = (project / "docs" / "pagefind" / "fragment").glob("*.pf_fragment")
    try:
        return any(word.encode() in gzip.decompress(f.read_bytes()) for f in fragments)
    except (OSError, EOFError):
        return False  # serve is swapping the folder in: look again


def test_serve_makes_the_search_index_again_after_an_edit(project, tmp_path):
    """Issue 25: started with a mistake, serve has no search index; once the mistake is fixed, and
    after each edit, the index is made again and finds the edited text (it stayed broken until a
    restart, and text edited while serving never became searchable)."""
    macro_call = MISTAKES[0]
    for edit in macro_call.edits:
        edit.apply(project)
    shutil.rmtree(project / "docs" / "pagefind", ignore_errors=True)
    page = project / "docs" / "forord.md"
    saved = page.read_text(encoding="utf-8")
    server = Server(project, tmp_path / "serve.log")
    try:
        server.wait_for("trin-3/", "findes-ikke")
        assert not (project / "docs" / "pagefind").exists()
        for edit in macro_call.edits:
            Edit(edit.file, edit.new, edit.old).apply(project)
        page.write_text(saved + "\nZyxelkvast er et ord til prøve.\n", encoding="utf-8")
        deadline = time.monotonic() + 240
        while not indexed(project, "Zyxelkvast"):
            assert server.process.poll() is None, server.log.read_text()[-3000:]
            assert time.monotonic() < deadline, (
                "the edit never reached the search index:\n" + server.log.read_text()[-3000:]
            )
            time.sleep(0.5)  # polling the folder serve writes (no event to wait on)
    finally:
        server.stop()
        page.write_text(saved, encoding="utf-8")
        shutil.rmtree(project / "docs" / "pagefind", ignore_errors=True)
    assert "search index made again" in server.log.read_text(encoding="utf-8")
