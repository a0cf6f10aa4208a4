"""macros/__init__.py and macros/cache.py as either builder calls them (issue 15), without a build."""

from __future__ import annotations

import json
import os
import shutil
from types import SimpleNamespace

import pytest

import macros
from macros import cache
from tests.conftest import ROOT


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of what load_content reads (data/, docs/**/*.md), with the cache emptied."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("assets", "pdf", "pagefind"))
    monkeypatch.setattr(cache, "_last", None)
    return tmp_path


def test_content_loads_once_until_an_input_file_changes(project):
    loads = []
    first = cache.cached_content(project, loads.append)
    assert cache.cached_content(project, loads.append) is first  # Zensical's next page: no reload
    assert loads == [first]  # contract.publish (the on_load) ran once

    example = project / "data" / "eksempler" / "murmal.yml"
    example.write_text(example.read_text(encoding="utf-8").replace("title: MurMal", "title: MurMal2"), encoding="utf-8")
    edited = cache.cached_content(project, loads.append)
    assert edited is not first and edited.examples["murmal"].title == "MurMal2"
    assert len(loads) == 2

    page = project / "docs" / "trin-3.md"
    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a docs page saved again
    assert cache.cached_content(project, loads.append) is not edited


def test_a_content_error_is_not_cached(project):
    from macros.content import ContentError

    (project / "data" / "ruten.yml").write_text("steps: [\n", encoding="utf-8")
    for _ in range(2):  # every page (call) reports it, none gets stale content
        with pytest.raises(ContentError):
            cache.cached_content(project)


def test_pdf_buttons_do_not_depend_on_the_working_folder(tmp_path, monkeypatch):
    """Zensical gives docs_dir relative ("docs"): resolve it against the project, not the cwd."""
    files = {"trin-3-foer-moedet.pdf": {"pages": 2}}
    (tmp_path / "docs" / "pdf").mkdir(parents=True)
    (tmp_path / "docs" / "pdf" / "manifest.json").write_text(json.dumps({"files": files}), encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    env = SimpleNamespace(project_dir=str(tmp_path), conf={"docs_dir": "docs"})
    assert macros._pdf_files(env) == files
    env.conf["docs_dir"] = str(tmp_path / "docs")  # MkDocs: absolute
    assert macros._pdf_files(env) == files


@pytest.mark.parametrize(
    ("url", "src", "mkdocs", "zensical"),
    [
        ("", "index.md", "", ""),
        ("trin-3/", "trin-3.md", "../", ""),
        ("eksempler/", "eksempler/index.md", "../", "../"),
        ("eksempler/murmal/", "eksempler/murmal.md", "../../", "../"),
    ],
)
def test_link_base_is_what_each_builder_resolves_raw_html_links_against(url, src, mkdocs, zensical):
    assert macros.link_base(url, src, zensical=False) == mkdocs
    assert macros.link_base(url, src, zensical=True) == zensical
    # The worksheet code reads data-ark-contract against the page's URL under both builders.
    html = f'<div data-ark-contract="{zensical}assets/arbejdsark/kontrakt.json">'
    assert (
        macros._fix_data_attributes(html, url, src)
        == f'<div data-ark-contract="{mkdocs}assets/arbejdsark/kontrakt.json">'
    )
