"""What every printed page says about the guide: public address, version, build date, navigation.

Read from the files every builder reads (mkdocs.yml with its `!ENV [SITE_URL, …]`, the nav) and
from pyproject.toml, so the printed address and the site's canonical links always agree. mkdocs.yml
is read as plain YAML, not through a builder's config code: MkDocs and Zensical read the same file.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from macros.contract import danish_date

from .errors import PdfBuildError

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class NavPage:
    """One page of mkdocs.yml's nav: docs path, nav title, its section's title (None at top level)."""

    path: str
    title: str
    section: str | None


@dataclass(frozen=True)
class BuildInfo:
    root: Path
    site_url: str  # always ends with "/"
    site_name: str
    author: str
    version: str
    date: dt.date
    nav: tuple[NavPage, ...]

    @property
    def date_da(self) -> str:
        return danish_date(self.date)

    @property
    def version_line(self) -> str:
        return f"Version {self.version} · {self.date_da}"

    def url(self, page_url: str) -> str:
        """Absolute address of a site path ("trin-3/" → "https://host/path/trin-3/")."""
        return self.site_url + page_url

    def nav_page(self, docs_path: str) -> NavPage | None:
        return next((p for p in self.nav if p.path == docs_path), None)


def build_date() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH's day (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def _flatten_nav(entries: list[Any], section: str | None = None) -> list[NavPage]:
    pages: list[NavPage] = []
    for entry in entries:
        if isinstance(entry, str):  # a section's index page ("partnerskabsruten.md")
            pages.append(NavPage(entry, section or entry, section))
            continue
        for title, value in entry.items():
            if isinstance(value, list):
                pages.extend(_flatten_nav(value, title))
            elif isinstance(value, str) and value.endswith(".md"):
                pages.append(NavPage(value, title, section))
    return pages


class ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as plain YAML: `!ENV [VAR, default]` resolved as the builders do (the first
    variable set, else the default), a `!!python/name:module.attr` kept as the string "module.attr"
    (nothing is imported)."""


ConfigLoader.add_constructor("!ENV", construct_env_tag)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)


def read_config(root: Path = ROOT) -> dict[str, Any]:
    """mkdocs.yml of the project as a dict; PdfBuildError (with the line) when it is not valid YAML."""
    try:
        return yaml.load((Path(root) / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)
    except yaml.MarkedYAMLError as exc:
        line = f", line {exc.problem_mark.line + 1}" if exc.problem_mark else ""
        raise PdfBuildError(f"mkdocs.yml{line}: not valid YAML: {exc.problem}") from None


def load_build_info(root: Path = ROOT) -> BuildInfo:
    """Read mkdocs.yml (SITE_URL included) and pyproject.toml."""
    root = Path(root).resolve()
    config = read_config(root)
    site_url = config.get("site_url") or "http://127.0.0.1:8000/"
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return BuildInfo(
        root=root,
        site_url=site_url if site_url.endswith("/") else site_url + "/",
        site_name=config["site_name"],
        author=config.get("site_author") or "",
        version=project["version"],
        date=build_date(),
        nav=tuple(_flatten_nav(config.get("nav") or [])),
    )
