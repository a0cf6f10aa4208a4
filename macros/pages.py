"""Page-level renderers (steps, examples, value perspectives, overviews): Content → Markdown/HTML.

Each function takes `base`, the relative path from the current page to the site root, because
MkDocs does not rewrite links inside raw HTML and the site must work under any sub-path.
"""
from __future__ import annotations


from .content import Content
from .contract import PUBLISHED_PATH, item_numbers
from .render import _block, _md_text, render, render_worksheet


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


def step_header(c: Content, step_id: str, base: str) -> str:
    steps = list(c.steps.values())
    presentable = any(item_numbers(c)[s.id] for s in c.worksheets_for_step(step_id))  # "Vis trinnet på skærm"
    return _html(render("trin-hoved.html", step=c.steps[step_id], steps=steps, total=len(steps), base=base, presentable=presentable))


def step_footer(c: Content, step_id: str, base: str, pack_url: str | None = None) -> str:
    steps = list(c.steps.values())
    i = [s.id for s in steps].index(step_id)
    return _html(
        render(
            "trin-fod.html",
            step=steps[i],
            prev=steps[i - 1] if i > 0 else None,
            next=steps[i + 1] if i + 1 < len(steps) else None,
            worksheets=c.worksheets_for_step(step_id),
            examples=c.examples_for_step(step_id),
            pack_url=pack_url,
            base=base,
        )
    )


def route_overview(c: Content, base: str) -> str:
    return _html(
        render(
            "ruten.html",
            steps=list(c.steps.values()),
            worksheets_by_step={s: c.worksheets_for_step(s) for s in c.steps},
            examples_by_step={s: c.examples_for_step(s) for s in c.steps},
            base=base,
        )
    )


def example_facts(c: Content, example_id: str, base: str) -> str:
    ex = c.examples[example_id]
    return _html(
        render(
            "eksempel-fakta.html",
            example=ex,
            steps=[c.steps[s] for s in ex.steps],
            perspectives=[c.perspectives[p.perspective] for p in ex.perspectives],
            base=base,
        )
    )


def example_advice(c: Content, example_id: str) -> str:
    ex = c.examples[example_id]
    return f"\n\n## Gode råd fra partnerskabet\n\n{_block(render('eksempel-raad.html', example=ex))}\n\n"


def example_values(c: Content, example_id: str, base: str) -> str:
    ex = c.examples[example_id]
    items = [(ref, c.perspectives[ref.perspective]) for ref in ex.perspectives if ref.text]
    return _html(render("eksempel-vaerdier.html", items=items, base=base))


def perspective_list(c: Content, base: str) -> str:
    return _html(render("vaerdiperspektiver-liste.html", perspectives=list(c.perspectives.values()), base=base))


def perspective_page(c: Content, perspective_id: str, base: str) -> str:
    """Everything the book says under one value perspective, gathered from its contexts."""
    import html

    p = c.perspectives[perspective_id]
    esc = lambda s: html.escape(s, quote=True)  # noqa: E731
    parts = [
        "## I bogens indledning { #i-indledningen }",
        f'<p class="perspektiv-citat">{esc(p.introduction)}</p>',
        f'<p class="perspektiv-kilde">Fra <a href="{base}partnerskabets-potentialer/#vaerdiperspektiver">Partnerskabets potentialer</a></p>',
    ]
    if p.company_view:
        parts.append("## Set med virksomhedens briller (trin 2) { #virksomhedens-briller }")
        parts.append(
            "<ul>" + "".join(f"<li><strong>{esc(v.label)}</strong>: {esc(v.text)}</li>" for v in p.company_view) + "</ul>"
        )
        parts.append(f'<p class="perspektiv-kilde">Fra <a href="{base}trin-2/#trin-2-virksomhedens-briller">Trin 2: {esc(c.steps["trin-2"].title)}</a></p>')
    if p.question:
        parts.append("## Som spørgsmål i dialogen (trin 4) { #spoergsmaal }")
        parts.append(f'<p class="perspektiv-citat">{esc(p.question)}</p>')
        parts.append(f'<p class="perspektiv-kilde">Fra <a href="{base}trin-4/#trin-4-vaerdiperspektiver">Trin 4: {esc(c.steps["trin-4"].title)}</a></p>')
    examples = c.examples_for_perspective(perspective_id)
    if examples:
        parts.append("## Eksempler fra bogen { #eksempler }")
        items = []
        for ex in examples:
            own = next((r.text for r in ex.perspectives if r.perspective == perspective_id and r.text), None)
            line = f'<a href="{base}eksempler/{ex.id}/">{esc(ex.title)}</a>'
            if ex.headline:
                line += f": {esc(ex.headline)}"
            if own:
                line += f'<br><span class="perspektiv-eksempel-tekst">{esc(own)}</span>'
            items.append(f"<li>{line}</li>")
        parts.append("<ul>" + "".join(items) + "</ul>")
    return "\n\n" + "\n\n".join(parts) + "\n\n"


def perspectives_index(c: Content, base: str) -> str:
    items = []
    for p in c.perspectives.values():
        n = len(c.examples_for_perspective(p.id))
        items.append(
            f'<li><a href="{base}vaerdiperspektiver/{p.id}/"><strong>{_md_text(p.name)}</strong></a>: {_md_text(p.introduction)}'
            + (f' <span class="perspektiv-antal">({n} eksempel{"" if n == 1 else "er"})</span>' if n else "")
            + "</li>"
        )
    return _html('<ul class="vaerdiperspektiver-liste">' + "".join(items) + "</ul>")


def examples_index(c: Content, base: str) -> str:
    items = []
    for ex in c.examples.values():
        steps = ", ".join(f"trin {c.steps[s].number}" for s in ex.steps)
        head = f": {_md_text(ex.headline)}" if ex.headline else ""
        items.append(f'<li><a href="{base}eksempler/{ex.id}/"><strong>{_md_text(ex.title)}</strong></a>{head} <span class="eksempel-trin">({steps})</span></li>')
    return _html('<ul class="eksempler-liste">' + "".join(items) + "</ul>")


def worksheets_overview(c: Content, base: str) -> str:
    groups = []
    for s in c.steps.values():
        groups.append({"anchor": s.id, "title": f"Trin {s.number}: {s.title}", "worksheets": c.worksheets_for_step(s.id)})
    rest = c.worksheets_for_step(None)
    if rest:
        groups.append({"anchor": "bevar-gejsten", "title": "Bevar gejsten og skab værdi", "worksheets": rest})
    return _html(render("arbejdsark-oversigt.html", groups=groups, base=base, contract_path=PUBLISHED_PATH))


def worksheet_page(c: Content, sheet_id: str, base: str, pdf_url: str | None = None) -> str:
    sheet = c.worksheets[sheet_id]
    return render_worksheet(c, sheet_id, standalone=True, base=base, page_url=sheet.page.removesuffix(".md") + "/", pdf_url=pdf_url)
