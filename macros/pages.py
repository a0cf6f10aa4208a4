"""Page-level renderers (steps, examples, value perspectives, overviews): Content → Markdown/HTML.

Each function takes `base`, the relative path from the current page to the site root, because
MkDocs does not rewrite links inside raw HTML and the site must work under any sub-path.
"""

from __future__ import annotations

from typing import Callable

from . import pdf_files
from .content import NO_STEP, Content
from .contract import PUBLISHED_PATH, item_numbers
from .render import render, render_worksheet
from .slug import slugify
from .strings import text

NO_STEP_TITLE = text("chapter.noStep")

# A built PDF by file name without ".pdf" → {"url": …, "pages": int | None}, or None when the
# PDF step did not make it (macros/__init__.py reads docs/pdf/manifest.json).
PdfLookup = Callable[[str], "dict | None"]


def _no_pdfs(name: str) -> None:
    return None


def pack_name(step_id: str | None) -> str:
    """The print pack of a step (or of the worksheets without one): printpakke-trin-3."""
    return pdf_files.pack(step_id or NO_STEP)


def step_label(step) -> str:
    """ "Trin 3: Det første møde" (print packs, overview groups)."""
    return text("step.label", number=step.number, title=step.title)


def base_for(page_url: str) -> str:
    """'trin-3/' → '../', '' → '', 'eksempler/murmal/' → '../../'."""
    return "../" * page_url.count("/")


def _html(text: str) -> str:
    return f"\n\n{text}\n\n"


def download_button(url: str | None, label: str) -> str:
    """A download link styled as a button, or nothing when the file was not built."""
    if not url:
        return ""
    return _html(render("download.html", url=url, label=label))


def step_header(c: Content, step_id: str, base: str, pdf: PdfLookup = _no_pdfs) -> str:
    steps = list(c.steps.values())
    presentable = any(item_numbers(c)[s.id] for s in c.worksheets_for_step(step_id))  # "Vis trinnet som præsentation"
    return _html(
        render(
            "trin-hoved.html",
            step=c.steps[step_id],
            steps=steps,
            total=len(steps),
            sheets=len(c.worksheets_for_step(step_id)),
            pack=pdf(pack_name(step_id)),
            presentable=presentable,
            base=base,
        )
    )


def step_footer(c: Content, step_id: str, base: str, pack_url: str | None = None) -> str:
    # Previous/next: Material's footer (navigation.footer) is the one navigation, following the nav.
    return _html(
        render(
            "trin-fod.html",
            step=c.steps[step_id],
            worksheets=c.worksheets_for_step(step_id),
            examples=c.examples_for_step(step_id),
            pack_url=pack_url,
            base=base,
        )
    )


def _tools(c: Content, step_id: str | None, pdf: PdfLookup) -> dict:
    """A step's worksheets, each with its blank PDF, and the step's print pack (PDFs: None when not built)."""
    return {
        "worksheets": [{"sheet": w, "pdf": pdf(w.id)} for w in c.worksheets_for_step(step_id)],
        "pack": pdf(pack_name(step_id)),
    }


def route_overview(c: Content, base: str, pdf: PdfLookup = _no_pdfs) -> str:
    """The step-by-step on "Partnerskabsruten": every step with its book summary, worksheets and PDFs."""
    return _html(
        render(
            "ruten.html",
            steps=[
                {"step": s, "examples": c.examples_for_step(s.id), **_tools(c, s.id, pdf)} for s in c.steps.values()
            ],
            after={"id": NO_STEP, "title": NO_STEP_TITLE, **_tools(c, None, pdf)},
            base=base,
        )
    )


def route_list(c: Content, base: str) -> str:
    """The seven steps as a short numbered list of links (the start page)."""
    return _html(render("ruten-kort.html", steps=list(c.steps.values()), base=base))


def print_packs(c: Content, base: str, pdf: PdfLookup = _no_pdfs) -> str:
    """Every print pack that was built, as a list of download links (nothing when none was)."""
    packs = [(step_label(s), pdf(pack_name(s.id))) for s in c.steps.values()]
    packs.append((NO_STEP_TITLE, pdf(pack_name(None))))
    return _html(render("printpakker.html", packs=[(title, p) for title, p in packs if p]))


def route_panel(c: Content, base: str, *, sheet_id: str | None = None, example_id: str | None = None) -> str:
    """ "Del af Partnerskabsruten – Trin N" on a worksheet's own page, or the site's
    "Relevant for Partnerskabsruten" cross-reference on an example page (its index tags)."""
    steps = list(c.steps.values())
    if example_id is not None:
        return _html(
            render(
                "del-af-ruten.html", kind="example", steps=[c.steps[s] for s in c.examples[example_id].steps], base=base
            )
        )
    if sheet_id is None:
        raise TypeError("route_panel needs a sheet_id or an example_id")
    step_id = c.worksheets[sheet_id].step
    if step_id is None:
        return _html(
            render("del-af-ruten.html", kind="no-step", no_step={"id": NO_STEP, "title": NO_STEP_TITLE}, base=base)
        )
    i = [s.id for s in steps].index(step_id)
    return _html(
        render(
            "del-af-ruten.html",
            kind="step",
            step=steps[i],
            prev=steps[i - 1] if i > 0 else None,
            next=steps[i + 1] if i + 1 < len(steps) else None,
            base=base,
        )
    )


def example_facts(c: Content, example_id: str, base: str) -> str:
    ex = c.examples[example_id]
    facts = render(
        "eksempel-fakta.html",
        example=ex,
        perspectives=[c.perspectives[p.perspective] for p in ex.perspectives],
        base=base,
    )
    return _html(facts) + route_panel(c, base, example_id=example_id)


def box(label: str, label_id: str, body: str, title: str | None = None, anchor: str | None = None) -> str:
    """One of the book's boxes (macros/templates/boks.html) around `body` (HTML); labels and titles here are the book's."""
    return render(
        "boks.html",
        label=label,
        label_id=label_id,
        label_link=True,
        title=title,
        anchor=anchor,
        title_from_book=True,
        body=body,
    )


def example_advice(c: Content, example_id: str) -> str:
    ex = c.examples[example_id]
    label = text("example.advice")
    return _html(box(label, slugify(label), render("eksempel-raad.html", example=ex)))


def example_values(c: Content, example_id: str, base: str) -> str:
    """The example's own numbered list of values, in the book's box "Værdiperspektiver"."""
    ex = c.examples[example_id]
    items = [(ref, c.perspectives[ref.perspective]) for ref in ex.perspectives if ref.text]
    body = render("eksempel-vaerdier.html", example=ex, items=items, base=base)
    label = text("example.values")
    title = ex.values_title
    return _html(box(label, slugify(label), body, title=title, anchor=slugify(title) if title else None))


def perspective_list(c: Content, base: str) -> str:
    """The eight definitions in "Partnerskabets potentialer", in the book's box "Værdiperspektiver"."""
    label = text("example.values")
    return _html(
        box(
            label,
            slugify(label),
            render("vaerdiperspektiver-liste.html", perspectives=list(c.perspectives.values()), base=base),
        )
    )


def perspective_page(c: Content, perspective_id: str, base: str) -> str:
    """Everything the book says under one value perspective, gathered from its contexts."""
    p = c.perspectives[perspective_id]

    def part(name: str, **extra) -> str:
        return render("vaerdiperspektiv-side.html", part=name, p=p, base=base, **extra)

    def heading(key: str, anchor: str) -> str:
        return render("overskrift.md", level=2, title=text(f"perspective.{key}"), anchor=anchor, cls="")

    parts = [heading("headingIntro", "i-indledningen"), part("intro")]
    if p.company_view:
        parts += [
            heading("headingCompany", "virksomhedens-briller"),
            part("company_view", step=c.steps["trin-2"]),
        ]
    if p.question:
        parts += [
            heading("headingQuestion", "spoergsmaal"),
            part("question", step=c.steps["trin-4"]),
        ]
    examples = c.examples_for_perspective(perspective_id)
    if examples:
        own = [
            (ex, next((r.text for r in ex.perspectives if r.perspective == perspective_id and r.text), None))
            for ex in examples
        ]
        parts += [heading("headingExamples", "eksempler"), part("examples", examples=own)]
    return "\n\n" + "\n\n".join(parts) + "\n\n"


def perspectives_index(c: Content, base: str) -> str:
    items = [(p, len(c.examples_for_perspective(p.id))) for p in c.perspectives.values()]
    return _html(render("vaerdiperspektiver-oversigt.html", items=items, base=base))


def examples_index(c: Content, base: str) -> str:
    items = [(ex, [c.steps[s] for s in ex.steps]) for ex in c.examples.values()]
    return _html(render("eksempler-liste.html", items=items, base=base))


def _worksheet_groups(c: Content, pdf: PdfLookup = _no_pdfs) -> list[dict]:
    """Every worksheet by step, in the site's order: [{"anchor", "title", "worksheets", "pack"}]."""
    groups = []
    for s in c.steps.values():
        groups.append(
            {
                "anchor": s.id,
                "title": step_label(s),
                "worksheets": c.worksheets_for_step(s.id),
                "pack": pdf(pack_name(s.id)),
            }
        )
    rest = c.worksheets_for_step(None)
    if rest:
        groups.append({"anchor": NO_STEP, "title": NO_STEP_TITLE, "worksheets": rest, "pack": pdf(pack_name(None))})
    return groups


def worksheets_overview(c: Content, base: str, pdf: PdfLookup = _no_pdfs) -> str:
    groups = _worksheet_groups(c, pdf)
    return _html(render("arbejdsark-oversigt.html", groups=groups, base=base, contract_path=PUBLISHED_PATH))


def meeting_pack(c: Content, base: str) -> str:
    """The meeting pack form ("Mødepakke", the site's tool): a number of copies for every worksheet,
    by step; ark/meetingpack.js makes the PDF."""
    return _html(render("moedepakke.html", groups=_worksheet_groups(c), base=base, contract_path=PUBLISHED_PATH))


def worksheet_page(c: Content, sheet_id: str, base: str, pdf_url: str | None = None, qr_url: str | None = None) -> str:
    sheet = c.worksheets[sheet_id]
    return render_worksheet(
        c,
        sheet_id,
        standalone=True,
        base=base,
        page_url=sheet.page.removesuffix(".md") + "/",
        pdf_url=pdf_url,
        qr_url=qr_url,
    )
