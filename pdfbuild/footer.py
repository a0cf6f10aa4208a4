"""The footer every printed page carries: address as text and QR code, context line, version/date."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import segno

from macros.content import Content
from macros.strings import text

from .meta import BuildInfo


@dataclass(frozen=True)
class Footer:
    url: str  # the online page this printout belongs to
    context: str  # "Trin 3 af 7 · Det første møde", or the chapter
    version: str  # "Version 1.0.0 · 27. november 2026"

    @property
    def qr(self) -> str:
        return qr_data_uri(self.url)


@lru_cache(maxsize=None)
def qr_data_uri(url: str) -> str:
    """A QR code leading to `url`, as an SVG data URI (nothing is fetched, nothing is written)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#000", light="#fff")


def step_line(content: Content, step_id: str) -> str:
    step = content.steps[step_id]
    return text("step.ofTitled", number=step.number, total=len(content.steps), title=step.title)


def context_line(content: Content, info: BuildInfo, docs_path: str, step_id: str | None = None) -> str:
    """What a printed page belongs to: its step, else its place in the nav ("Eksempler · MurMal")."""
    if step_id is None and docs_path.removesuffix(".md") in content.steps:
        step_id = docs_path.removesuffix(".md")
    if step_id:
        return step_line(content, step_id)
    nav = info.nav_page(docs_path)
    if nav is None:
        return info.site_name
    if nav.section and nav.section != nav.title:
        return f"{nav.section} · {nav.title}"
    return nav.title


def footer_for(content: Content, info: BuildInfo, page_url: str, docs_path: str, step_id: str | None = None) -> Footer:
    return Footer(info.url(page_url), context_line(content, info, docs_path, step_id), info.version_line)
