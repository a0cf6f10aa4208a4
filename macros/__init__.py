"""mkdocs-macros entry point: a thin adapter that loads the content once and registers macros.

All rendering lives in render.py/pages.py (plain functions, tested without MkDocs); this module
only supplies the current page's link prefix and turns Danish macro names into calls. Both MkDocs
(mkdocs-macros) and Zensical (its own macros) call define_env; where they differ is said below.
"""

from __future__ import annotations

import functools
from pathlib import Path

from . import contract, editor_errors, pages, pdf_files, site_pages, updated
from .cache import cached_content
from .content import ContentError
from .editor_errors import known as _known
from .render import render_worksheet
from .strings import strings as all_strings
from .strings import text


def _docs_dir(env) -> Path:
    """docs_dir as an absolute path: Zensical gives it relative to the project, MkDocs absolute."""
    return Path(env.project_dir) / env.conf["docs_dir"]


def _is_zensical(env) -> bool:
    """Zensical's env is its own MacroEnv (zensical.extensions.macros); mkdocs-macros' is the plugin."""
    return type(env).__module__.startswith("zensical.")


def link_base(page_url: str, src_path: str, zensical: bool) -> str:
    """The prefix that makes a root-relative address a working link in raw HTML on this page.

    MkDocs leaves raw HTML alone, so links are relative to the page's URL ('trin-3/' → '../').
    Zensical rewrites every relative href/src in raw HTML as if relative to the source file
    (zensical issue 258: it prefixes '../' on pages whose URL is a folder deeper than their file),
    so there they are relative to the source file ('trin-3.md' → '', 'eksempler/murmal.md' → '../').
    Data attributes are not rewritten: they keep the URL-relative prefix (see _fix_data_attributes).
    """
    return pages.base_for(src_path if zensical else page_url)


def _fix_data_attributes(html: str, page_url: str, src_path: str) -> str:
    """Under Zensical: give data-ark-contract (read by the worksheet code against the page's URL,
    and not rewritten like an href) back the '../' that link_base left out on this page."""
    extra = "../" * (page_url.count("/") - src_path.count("/"))
    return html.replace('data-ark-contract="', 'data-ark-contract="' + extra) if extra else html


def _pdf_files(env) -> dict:
    """The PDFs the build step made (scripts/build_pdfs → docs/pdf/manifest.json); {} when it did not run.

    Download links appear only for files listed there, so a quick preview without PDFs has no dead links.
    """
    return pdf_files.read_manifest(_docs_dir(env) / pdf_files.PDF_DIR)


def define_env(env):
    # The theme's templates (main.html, partials/, 404.html) see config.extra, not the macros; they
    # read the strings as data (config.extra.strings.<group>.<key>), which Zensical's renderer also
    # gets: scripts/build_site puts the same file into its config, as define_env's changes to the
    # config do not reach Zensical's templates. Set first: serve's error pages render the theme too.
    env.conf.setdefault("extra", {}).update(strings=all_strings())
    docs_dir = _docs_dir(env)
    try:
        # Cached: Zensical calls define_env once per page.
        content = cached_content(Path(env.project_dir), lambda c: contract.publish(c, docs_dir))
    except ContentError as exc:  # a strict build stops with the message; serve shows it on every page
        editor_errors.install(env, exc)
        return
    if not (docs_dir / contract.PUBLISHED_PATH).exists():  # removed since the last load (serve)
        contract.publish(content, docs_dir)
    zensical = _is_zensical(env)
    if not zensical:  # the footer's "Sidst opdateret" (Zensical's config gets it from build_site)
        env.conf["extra"]["updated"] = updated.page_dates(Path(env.project_dir))

    def base() -> str:
        page = env.page
        if page is None:
            return ""
        return link_base(page.url, page.path if zensical else page.file.src_uri, zensical)

    def macro(fn):
        """env.macro, under Zensical with the output's data attributes made page-URL-relative again."""
        if not zensical:
            return env.macro(fn)

        @functools.wraps(fn)
        def fixed(*args, **kwargs):
            out = fn(*args, **kwargs)
            return _fix_data_attributes(out, env.page.url, env.page.path) if isinstance(out, str) and env.page else out

        return env.macro(fixed, fn.__name__)

    def pdf_link(name: str) -> dict | None:
        """A built PDF (file name without .pdf) as {"url", "pages"}, or None when it was not made."""
        info = _pdf_files(env).get(pdf_files.file_name(name))
        if info is None:
            return None
        pages_ = info.get("pages") if isinstance(info, dict) else None
        return {"url": base() + pdf_files.site_path(name), "pages": pages_ if isinstance(pages_, int) else None}

    def sheet_address(sheet_id: str) -> str | None:
        """The worksheet page's public address (its page: macros/stubs.py), printed with its QR code
        under a browser printout; None when the build has no site_url."""
        site = env.conf.get("site_url") or ""
        return f"{site.rstrip('/')}/arbejdsark/{sheet_id}/" if site else None

    def pdf(name: str) -> str | None:
        link = pdf_link(name)
        return link["url"] if link else None

    @macro
    def arbejdsark(sheet_id: str, niveau: int = 2) -> str:
        """Embed a worksheet where the book has it (heading + form; niveau=0: its title as a line, not a
        heading, where the book's section goes on after it)."""
        sheet_id = _known(content.worksheets, sheet_id, "worksheet")
        return render_worksheet(
            content, sheet_id, base=base(), level=niveau, pdf_url=pdf(sheet_id), qr_url=sheet_address(sheet_id)
        )

    @macro
    def arbejdsark_side(sheet_id: str) -> str:
        """The body of /arbejdsark/<id>/: the worksheet without its heading (the page's H1 is the title)."""
        sheet_id = _known(content.worksheets, sheet_id, "worksheet")
        return pages.route_panel(content, base(), sheet_id=sheet_id) + pages.worksheet_page(
            content, sheet_id, base(), pdf_url=pdf(sheet_id), qr_url=sheet_address(sheet_id)
        )

    @macro
    def arbejdsark_oversigt() -> str:
        return pages.worksheets_overview(content, base(), pdf_link)

    @macro
    def moedepakke() -> str:
        """The meeting pack form: blank worksheets from any steps, copies of each, one PDF."""
        return pages.meeting_pack(content, base())

    @macro
    def trin_hoved(step_id: str) -> str:
        return pages.step_header(content, _known(content.steps, step_id, "step"), base(), pdf_link)

    @macro
    def trin_fod(step_id: str) -> str:
        return pages.step_footer(
            content, _known(content.steps, step_id, "step"), base(), pack_url=pdf(pages.pack_name(step_id))
        )

    @macro
    def bog_pdf() -> str:
        """A download button for the whole guide as one PDF (only when it was built)."""
        link = pdf_link(pdf_files.GUIDE)
        label = text("download.guidePages", n=link["pages"]) if link and link["pages"] else text("download.guide")
        return pages.download_button(link["url"] if link else None, label)

    @macro
    def printpakke(name: str) -> str:
        """A download button for a print pack that is not a step's (e.g. "bevar-gejsten")."""
        name = _known(dict.fromkeys(s or pages.NO_STEP for s in content.worksheet_groups()), name, "print pack")
        return pages.download_button(pdf(pdf_files.pack(name)), text("download.pack"))

    @macro
    def ruten() -> str:
        return pages.route_overview(content, base(), pdf_link)

    @macro
    def ruten_kort() -> str:
        """The seven steps as a short numbered list of links (the start page)."""
        return pages.route_list(content, base())

    @macro
    def printpakker() -> str:
        """Download links for every print pack that was built (the start page)."""
        return pages.print_packs(content, base(), pdf_link)

    @macro
    def eksempel_fakta(example_id: str) -> str:
        return pages.example_facts(content, _known(content.examples, example_id, "example"), base())

    @macro
    def eksempel_raad(example_id: str) -> str:
        return pages.example_advice(content, _known(content.examples, example_id, "example"))

    @macro
    def eksempel_vaerdier(example_id: str) -> str:
        return pages.example_values(content, _known(content.examples, example_id, "example"), base())

    @macro
    def eksempler_liste() -> str:
        return pages.examples_index(content, base())

    @macro
    def vaerdiperspektiver_liste() -> str:
        return pages.perspective_list(content, base())

    @macro
    def vaerdiperspektiver_oversigt() -> str:
        return pages.perspectives_index(content, base())

    @macro
    def vaerdiperspektiv(perspective_id: str) -> str:
        return pages.perspective_page(
            content, _known(content.perspectives, perspective_id, "value perspective"), base()
        )

    @macro
    def tilgaengelighedserklaering() -> str:
        """The accessibility statement from data/tilgaengelighed.yml (the page's H1 is its title)."""
        extra = env.conf["extra"]
        return site_pages.statement_page(
            content, env.conf["site_url"], extra["contact_email"], extra.get("was_url") or ""
        )

    @macro
    def aendringer() -> str:
        """What changed, newest first, from data/aendringer.yml."""
        return site_pages.changes_page(content)

    editor_errors.install(env)  # mistakes in macro calls: the editor's message, with file and line
