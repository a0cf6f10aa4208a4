"""mkdocs-macros entry point: a thin adapter that loads the content once and registers macros.

All rendering lives in render.py/pages.py (plain functions, tested without MkDocs); this module
only supplies the current page's relative root and turns Danish macro names into calls.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import contract, editor_errors, pages
from .content import ContentError, load_content
from .editor_errors import known as _known
from .render import render_worksheet
from .strings import strings as all_strings
from .strings import t, text

ROOT = Path(__file__).resolve().parent.parent


def _pdf_files(env) -> dict:
    """The PDFs the build step made (scripts/build_pdfs → docs/pdf/manifest.json); {} when it did not run.

    Download links appear only for files listed there, so a quick preview without PDFs has no dead links.
    """
    try:
        return json.loads((Path(env.conf["docs_dir"]) / "pdf" / "manifest.json").read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def define_env(env):
    # The theme's templates (main.html, partials/, 404.html) see config.extra, not the macros.
    env.conf.setdefault("extra", {}).update(t=t, strings=all_strings())
    try:
        content = load_content(Path(env.project_dir))
    except ContentError as exc:  # a strict build stops with the message; serve shows it on every page
        editor_errors.install(env, exc)
        return
    contract.publish(content, Path(env.conf["docs_dir"]))  # assets/arbejdsark/kontrakt.json

    def base() -> str:
        return pages.base_for(env.page.url if env.page else "")

    def pdf_link(name: str) -> dict | None:
        """A built PDF (file name without .pdf) as {"url", "pages"}, or None when it was not made."""
        info = _pdf_files(env).get(f"{name}.pdf")
        if info is None:
            return None
        pages_ = info.get("pages") if isinstance(info, dict) else None
        return {"url": f"{base()}pdf/{name}.pdf", "pages": pages_ if isinstance(pages_, int) else None}

    def pdf(name: str) -> str | None:
        link = pdf_link(name)
        return link["url"] if link else None

    @env.macro
    def arbejdsark(sheet_id: str, niveau: int = 2) -> str:
        """Embed a worksheet where the book has it (heading + form)."""
        return render_worksheet(
            content, _known(content.worksheets, sheet_id, "worksheet"), base=base(), level=niveau, pdf_url=pdf(sheet_id)
        )

    @env.macro
    def arbejdsark_side(sheet_id: str) -> str:
        """The body of /arbejdsark/<id>/: the worksheet without its heading (the page's H1 is the title)."""
        sheet_id = _known(content.worksheets, sheet_id, "worksheet")
        return pages.route_panel(content, base(), sheet_id=sheet_id) + pages.worksheet_page(
            content, sheet_id, base(), pdf_url=pdf(sheet_id)
        )

    @env.macro
    def arbejdsark_oversigt() -> str:
        return pages.worksheets_overview(content, base(), pdf_link)

    @env.macro
    def trin_hoved(step_id: str) -> str:
        return pages.step_header(content, _known(content.steps, step_id, "step"), base(), pdf_link)

    @env.macro
    def trin_fod(step_id: str) -> str:
        return pages.step_footer(
            content, _known(content.steps, step_id, "step"), base(), pack_url=pdf(pages.pack_name(step_id))
        )

    @env.macro
    def bog_pdf() -> str:
        """A download button for the whole guide as one PDF (only when it was built)."""
        name = "parat-til-private-partnerskaber"
        info = _pdf_files(env).get(f"{name}.pdf") or {}
        n = info.get("pages")
        label = text("download.guidePages", n=n) if isinstance(n, int) else text("download.guide")
        return pages.download_button(pdf(name), label)

    @env.macro
    def printpakke(name: str) -> str:
        """A download button for a print pack that is not a step's (e.g. "bevar-gejsten")."""
        name = _known(dict.fromkeys(s or pages.NO_STEP for s in content.worksheet_groups()), name, "print pack")
        return pages.download_button(pdf(f"printpakke-{name}"), text("download.pack"))

    @env.macro
    def ruten() -> str:
        return pages.route_overview(content, base(), pdf_link)

    @env.macro
    def ruten_kort() -> str:
        """The seven steps as a short numbered list of links (the start page)."""
        return pages.route_list(content, base())

    @env.macro
    def printpakker() -> str:
        """Download links for every print pack that was built (the start page)."""
        return pages.print_packs(content, base(), pdf_link)

    @env.macro
    def eksempel_fakta(example_id: str) -> str:
        return pages.example_facts(content, _known(content.examples, example_id, "example"), base())

    @env.macro
    def eksempel_raad(example_id: str) -> str:
        return pages.example_advice(content, _known(content.examples, example_id, "example"))

    @env.macro
    def eksempel_vaerdier(example_id: str) -> str:
        return pages.example_values(content, _known(content.examples, example_id, "example"), base())

    @env.macro
    def eksempler_liste() -> str:
        return pages.examples_index(content, base())

    @env.macro
    def vaerdiperspektiver_liste() -> str:
        return pages.perspective_list(content, base())

    @env.macro
    def vaerdiperspektiver_oversigt() -> str:
        return pages.perspectives_index(content, base())

    @env.macro
    def vaerdiperspektiv(perspective_id: str) -> str:
        return pages.perspective_page(
            content, _known(content.perspectives, perspective_id, "value perspective"), base()
        )

    editor_errors.install(env)  # mistakes in macro calls: the editor's message, with file and line
