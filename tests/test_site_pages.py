"""The site's pages about itself (issue 22): the accessibility statement and the changes from data,
"Sidst opdateret" from the content's git history, and the footer every page carries (statement,
changes, a mail about the page); /was/ and WAS_URL; scripts/build refuses without CONTACT_EMAIL.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import pytest
import yaml

import macros
from macros import cache, updated
from macros.content import ContentError, load_content
from macros.site_pages import changes_page, statement_page
from macros.slug import page_url
from macros.strings import strings
from tests.conftest import ROOT, SITE_URL, Page, load_site, parse_html, run_in

FOOTER = strings()["footer"]
PLACEHOLDER_EMAIL = "kontakt@example.invalid"  # mkdocs.yml's fallback for CONTACT_EMAIL


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """What load_content and macros.updated read (data/, docs/**/*.md), without .git, cache emptied."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("assets", "pdf", "pagefind"))
    monkeypatch.setattr(cache, "_last", None)
    return tmp_path


def _edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- The statement and the changes, from data -----------------------------------------------------


def test_the_statement_says_what_its_data_says(project):
    def audit(data):
        data.update(organisation="Testorganisationen", status="ikke", reviewed=dt.date(2027, 3, 9))
        data["non_compliant"] = [{"content": "Kortet over partnerskaber", "reason": "Det har ingen tekst."}]
        data["checks"] = ["Gennemgang med skærmlæseren NVDA."]

    before = statement_page(load_content(project), "https://www.example.dk/parat/", "fejl@example.dk")
    _edit_yaml(project / "data" / "tilgaengelighed.yml", audit)
    after = statement_page(load_content(project), "https://www.example.dk/parat/", "fejl@example.dk")
    assert after != before
    for said in (
        "Testorganisationen forpligter sig",
        strings()["statement"]["status"]["ikke"],
        "Kortet over partnerskaber",
        "Det har ingen tekst.",
        "Gennemgang med skærmlæseren NVDA.",
        "senest gennemgået den 9. marts 2027",
        '<a href="https://www.example.dk/parat/">',
        '<a href="mailto:fejl@example.dk">',
    ):
        assert said in after, said
    for gone in ("Center for Frivilligt Socialt Arbejde", "Alle mine svar som PDF", "axe-core"):
        assert gone in before and gone not in after, gone


def test_the_statement_names_the_was_tool_statement_when_there_is_one(project):
    content = load_content(project)
    assert "WAS-Tool" not in statement_page(content, SITE_URL, PLACEHOLDER_EMAIL)
    page = statement_page(content, SITE_URL, PLACEHOLDER_EMAIL, "https://www.was.digst.dk/eksempel")
    assert 'WAS-Tool: <a href="https://www.was.digst.dk/eksempel">' in page


def test_the_statement_escapes_its_data(project):
    _edit_yaml(project / "data" / "tilgaengelighed.yml", lambda d: d.update(organisation="<b>A & B</b>"))
    page = statement_page(load_content(project), SITE_URL, PLACEHOLDER_EMAIL)
    assert "&lt;b&gt;A &amp; B&lt;/b&gt; forpligter" in page and "<b>A" not in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(status="fuldt"), r"status \(line \d+\): a site with non_compliant content is not fuldt"),
        (lambda d: d.update(reviewed=dt.date(2020, 1, 1)), r"reviewed \(line \d+\): the review cannot be before"),
        (lambda d: d.update(method="tredjepart"), r"evaluator \(line \d+\): name the third party"),
        (lambda d: d.update(status="delvis"), r"status \(line \d+\): Input should be"),
        (lambda d: d.update(checks=[]), r"checks \(line \d+\): List should have at least 1"),
    ],
)
def test_an_inconsistent_statement_is_refused_with_its_line(project, change, message):
    _edit_yaml(project / "data" / "tilgaengelighed.yml", change)
    with pytest.raises(ContentError) as error:
        load_content(project)
    assert any(re.match(r"data/tilgaengelighed\.yml: " + message, p) for p in error.value.problems), error.value


def test_changes_are_shown_newest_first_whatever_the_file_order(project):
    entries = [
        {"date": dt.date(2026, 5, 2), "content": ["B"]},
        {"date": dt.date(2027, 1, 15), "tools": ["C"]},
        {"date": dt.date(2025, 12, 31), "content": ["A1", "A2"], "tools": ["A3"]},
    ]
    _edit_yaml(project / "data" / "aendringer.yml", lambda d: d.update(changes=entries))
    page = changes_page(load_content(project))
    headings = re.findall(r"^## (.+)$", page, re.MULTILINE)
    assert headings == ["15. januar 2027", "2. maj 2026", "31. december 2025"]
    assert page.index("<li>C</li>") < page.index("<li>B</li>") < page.index("<li>A1</li>") < page.index("<li>A3</li>")


def test_a_date_has_one_entry(project):
    entries = [{"date": dt.date(2026, 5, 2), "content": ["B"]}, {"date": dt.date(2026, 5, 2), "tools": ["C"]}]
    _edit_yaml(project / "data" / "aendringer.yml", lambda d: d.update(changes=entries))
    with pytest.raises(ContentError, match=r"changes\[1\] \(line \d+\): 2026-05-02 has an entry already"):
        load_content(project)


def test_the_changes_file_is_newest_first_as_the_page_is():
    """The file is read by people too: keep it in the page's order."""
    dates = [c.date for c in load_content(ROOT).changes.changes]
    assert dates == sorted(dates, reverse=True)


# --- "Sidst opdateret" ------------------------------------------------------------------------------

SHEET = "trin-3-foer-moedet"  # embedded on docs/trin-3.md, its own page at arbejdsark/<id>/


def _git(project: Path, *args: str, day: str | None = None) -> None:
    stamp = f"{day}T12:00:00+01:00" if day else None
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(project),
        **({"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp} if stamp else {}),
    }
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True, timeout=60)


def _touch(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")


@pytest.fixture
def history(project) -> Path:
    """The copy as a git repository: everything on 5 January 2026, the forord on 1 February, the
    worksheet's data on 10 March (the newest commit)."""
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "first", day="2026-01-05")
    _touch(project / "docs" / "forord.md")
    _git(project, "commit", "-qam", "forord", day="2026-02-01")
    _touch(project / "data" / "arbejdsark" / f"{SHEET}.yml")
    _git(project, "commit", "-qam", "sheet", day="2026-03-10")
    return project


def test_a_page_is_as_new_as_its_newest_source_in_git(history):
    dates = updated.page_dates(history)
    assert dates["forord/"] == "1. februar 2026"
    # The worksheet's data changed: its own page, the step page that embeds it, the overview.
    for url in (f"arbejdsark/{SHEET}/", "trin-3/", "arbejdsark/", "partnerskabsruten/"):
        assert dates[url] == "10. marts 2026", url
    for url in ("", "trin-2/", "eksempler/murmal/", "tilgaengelighedserklaering/"):
        assert dates[url] == "5. januar 2026", url
    assert set(dates) == {page_url(p.relative_to(history / "docs").as_posix()) for p in history.glob("docs/**/*.md")}


def test_a_merge_counts_on_the_day_it_was_merged(history):
    _git(history, "checkout", "-qb", "branch")
    _touch(history / "docs" / "trin-2.md")
    _git(history, "commit", "-qam", "on a branch", day="2026-03-01")
    _git(history, "checkout", "-q", "main")
    _git(history, "merge", "-q", "--no-ff", "-m", "merge", "branch", day="2026-04-20")
    assert updated.page_dates(history)["trin-2/"] == "20. april 2026"


def test_a_shallow_clone_dates_pages_by_the_history_it_has(history, tmp_path):
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", "--depth", "1", history.as_uri(), str(clone))
    dates = updated.page_dates(clone)
    assert set(dates.values()) == {"10. marts 2026"}
    assert set(dates) == set(updated.page_dates(history))


def test_without_git_history_a_file_is_as_old_as_its_modification_time(project, monkeypatch):
    assert not (project / ".git").exists()
    old, new = dt.datetime(2025, 6, 1, 12).timestamp(), dt.datetime(2025, 8, 15, 12).timestamp()
    for path in [*project.rglob("*.md"), *project.rglob("*.yml")]:
        os.utime(path, (old, old))
    os.utime(project / "data" / "arbejdsark" / f"{SHEET}.yml", (new, new))
    dates = updated.page_dates(project)
    assert dates["trin-3/"] == "15. august 2025" and dates["forord/"] == "1. juni 2025"
    # A .git where git itself cannot run (not installed): the same.
    (project / ".git").mkdir()
    monkeypatch.setenv("PATH", str(project / "nothing-here"))
    assert updated.page_dates(project) == dates


def test_every_macro_names_the_data_it_renders(project, tmp_path):
    """A new macro must say which data files date the pages that call it (macros.updated.SOURCES)."""

    class Env:
        def __init__(self):
            self.project_dir, self.page, self.macros = str(project), None, {}
            self.conf = {"docs_dir": "docs", "site_url": SITE_URL, "extra": {}}

        def macro(self, fn, name=None):
            self.macros[name or fn.__name__] = fn
            return fn

    env = Env()
    macros.define_env(env)
    assert set(env.macros) == set(updated.SOURCES)
    assert set(env.conf["extra"]["updated"]) >= {"", "trin-3/", "tilgaengelighedserklaering/", "aendringer/"}


# --- The publish build --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("contact", "was_url", "says"),
    [
        (None, None, "CONTACT_EMAIL is not set"),
        ("", None, "CONTACT_EMAIL is not set"),
        (PLACEHOLDER_EMAIL, None, f"CONTACT_EMAIL={PLACEHOLDER_EMAIL} is not set to a real"),
        ("kontakt", None, "CONTACT_EMAIL=kontakt is not set to a real"),
        ("fejl@cfsa.dk", "http://www.was.digst.dk/x", "WAS_URL=http://www.was.digst.dk/x is not an https address"),
        ("fejl@cfsa.dk", 'https://x.dk/"><script>', "is not an https address"),
    ],
)
def test_build_refuses_without_a_contact_address(tmp_path, contact, was_url, says):
    env = {k: v for k, v in os.environ.items() if k not in ("CONTACT_EMAIL", "WAS_URL")}
    env["SITE_URL"] = "https://www.example.dk/parat/"
    env.update({k: v for k, v in (("CONTACT_EMAIL", contact), ("WAS_URL", was_url)) if v is not None})
    out = tmp_path / "site"
    result = subprocess.run(
        [str(ROOT / "scripts" / "build"), str(out)],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0] and lines[0].endswith("Nothing was built."), result.stderr
    assert not out.exists()


# --- The built site: every page's footer, /was/ ---------------------------------------------------


def _content_pages(site) -> list[Page]:
    """The pages a visitor reads (the theme's: not the redirect pages)."""
    return list(site.pages.values())


def _footer(page: Page):
    nav = page.root.find("nav", class_="sidefod")
    assert nav is not None, f"{page.rel}: no footer nav"
    return nav


def test_every_page_links_the_statement_changes_and_a_mail_about_itself(site):
    pages = _content_pages(site)
    assert len(pages) >= 40
    for page in pages:
        nav = _footer(page)
        assert nav.get("aria-label") == FOOTER["label"]
        links = {a.text(): a.get("href") for a in nav.iter("a")}
        assert site.target(page, links[FOOTER["statement"]]) == "tilgaengelighedserklaering/index.html", page.rel
        assert site.target(page, links[FOOTER["changes"]]) == "aendringer/index.html", page.rel
        mail = urllib.parse.urlsplit(links[FOOTER["report"]])
        assert (mail.scheme, mail.path) == ("mailto", PLACEHOLDER_EMAIL)
        assert re.fullmatch(r"subject=[A-Za-z0-9%._~-]+", mail.query), mail.query  # encoded, '/' and ':' too
        canonical = page.root.find("link", rel="canonical")
        address = canonical.get("href") if canonical is not None else SITE_URL
        subject = urllib.parse.unquote(mail.query.removeprefix("subject="))
        assert subject == FOOTER["reportSubject"].replace("{url}", address), page.rel


def test_every_page_says_when_it_was_last_updated(site, project_snapshot):
    """The date of the page's newest source: the session's copy has no .git, so modification times."""
    dates = updated.page_dates(project_snapshot)
    for page in _content_pages(site):
        if page.rel == "404.html":
            continue
        url = page.rel.removesuffix("index.html")
        line = _footer(page).find("li", class_="sidefod-opdateret")
        assert line is not None and line.text() == FOOTER["updated"].replace("{date}", dates[url]), page.rel


def test_was_leads_to_the_statement(site):
    was = site.redirects["was/index.html"]
    target = was.root.find("meta", http_equiv="refresh").get("content").split("url=", 1)[1]
    assert site.target(was, target) == "tilgaengelighedserklaering/index.html"
    assert site.target(was, was.root.find("a").get("href")) == "tilgaengelighedserklaering/index.html"
    assert was.root.find("html").get("lang") == "da" and was.root.find("meta", name="description") is not None
    statement = site.pages["tilgaengelighedserklaering/index.html"].root.find("article")
    assert statement.find("h1").text() == FOOTER["statement"]
    assert "WAS-Tool" not in statement.text()


def test_with_was_url_was_and_the_footer_lead_to_the_was_tool(project_copy, tmp_path):
    was = "https://www.was.digst.dk/app/parat-eksempel?a=1&b=2"
    out = tmp_path / "site"
    result = run_in(project_copy, ["scripts/build_site", str(out)], SITE_URL, 300, {"WAS_URL": was})
    assert result.returncode == 0, result.stdout
    site = load_site(out)
    refresh = site.redirects["was/index.html"].root.find("meta", http_equiv="refresh")
    assert refresh.get("content") == f"0; url={was}"
    for rel in ("index.html", "trin-3/index.html", "tilgaengelighedserklaering/index.html"):
        links = {a.text(): a.get("href") for a in _footer(site.pages[rel]).iter("a")}
        assert links[FOOTER["statement"]] == was, rel
    statement = site.pages["tilgaengelighedserklaering/index.html"].root.find("article")
    assert statement.find("a", href=was) is not None


def test_the_builders_redirect_pages_are_made_danish(tmp_path):
    from macros.redirect_pages import make_danish

    theirs = (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Redirecting...</title>\n'
        '<meta http-equiv="refresh" content="0; url=https://was.example/x?a=1&amp;b=&quot;2">\n</head>\n'
        "<body>You're being redirected</body></html>"
    )
    (tmp_path / "was").mkdir()
    (tmp_path / "was" / "index.html").write_text(theirs, encoding="utf-8")
    content = tmp_path / "index.html"
    content.write_text("<title>Redirecting...</title>" + "x" * 3000, encoding="utf-8")  # not a redirect page
    assert make_danish(tmp_path) == [tmp_path / "was" / "index.html"]
    page = Page("was/index.html", parse_html((tmp_path / "was" / "index.html").read_text(encoding="utf-8")))
    assert page.root.find("html").get("lang") == "da" and "redirected" not in page.root.text()
    assert page.root.find("meta", http_equiv="refresh").get("content") == '0; url=https://was.example/x?a=1&b="2'
    assert page.root.find("a").get("href") == 'https://was.example/x?a=1&b="2'
    assert '"https://was.example/x?a=1\\u0026b=\\"2"' in page.root.find("script").text(skip=set())
    assert content.read_text(encoding="utf-8").startswith("<title>Redirecting")
