"""Plan, render and record every PDF: worksheets, print packs, the whole guide.

Jobs run in a process pool (WeasyPrint is single-threaded Python; the guide, the longest job,
goes first so the worksheets fill the other cores meanwhile). The manifest is written last, and
only after every PDF exists: the site shows download links only when it is there.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from pypdf import PdfReader

from macros.content import Content, load_content
from macros.strings import text

from . import engine
from .guide import GUIDE_NAME, guide_document
from .meta import ROOT, BuildInfo, load_build_info
from .sheets import pack_document, pack_groups, pack_name, worksheet_document

MANIFEST = "manifest.json"
KINDS = ("arbejdsark", "printpakke", "bog")


@dataclass(frozen=True)
class Job:
    kind: str  # "arbejdsark" | "printpakke" | "bog"
    name: str  # file name without ".pdf"
    target: str | None  # worksheet id, step id (None: the worksheets without a step)
    title: str


@dataclass(frozen=True)
class Result:
    kind: str
    file: str
    title: str
    pages: int
    bytes: int
    fields: int
    seconds: float


def plan(content: Content, kinds: tuple[str, ...] = KINDS) -> list[Job]:
    """Every PDF to make, longest first."""
    jobs: list[Job] = []
    if "bog" in kinds:
        jobs.append(Job("bog", GUIDE_NAME, None, text("pdf.guideTitle", site=text("ark.siteName"))))
    if "printpakke" in kinds:
        for step_id in pack_groups(content):
            title = (
                text("pdf.packTitle", number=content.steps[step_id].number)
                if step_id
                else text("pdf.packTitleNoStep", title=text("chapter.noStep"))
            )
            jobs.append(Job("printpakke", pack_name(step_id), step_id, title))
    if "arbejdsark" in kinds:
        jobs.extend(Job("arbejdsark", s.id, s.id, s.title) for s in content.worksheets.values())
    return jobs


# --- Worker side: content and build info are loaded once per process. ---------------------

_state: dict = {}


def _init_worker(root: str, verbose: bool) -> None:
    engine.quiet_weasyprint(verbose)
    if _state.get("root") == root:
        return  # a forked worker inherits what the driver loaded
    _state["root"] = root
    _state["content"] = load_content(Path(root))
    _state["info"] = load_build_info(Path(root))


def _document(job: Job, content: Content, info: BuildInfo) -> tuple[str, str]:
    """(HTML, stylesheet kind) of a job."""
    if job.kind == "arbejdsark":
        return worksheet_document(content, info, job.target), "sheet"
    if job.kind == "printpakke":
        return pack_document(content, info, job.target), "sheet"
    return guide_document(content, info), "guide"


def _run(args: tuple[Job, str]) -> Result:
    job, out_dir = args
    start = time.perf_counter()
    html, style = _document(job, _state["content"], _state["info"])
    pdf, pages = engine.render_pdf(html, style, forms=style == "sheet")
    path = Path(out_dir) / f"{job.name}.pdf"
    tmp = path.with_suffix(".pdf.tmp")
    tmp.write_bytes(pdf)
    tmp.replace(path)
    fields = len(PdfReader(path).get_fields() or {})
    return Result(job.kind, path.name, job.title, pages, len(pdf), fields, round(time.perf_counter() - start, 2))


# --- Driver ----------------------------------------------------------------------------------


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def build(
    out_dir: Path,
    *,
    root: Path = ROOT,
    kinds: tuple[str, ...] = KINDS,
    jobs: int | None = None,
    verbose: bool = False,
    progress=None,
) -> list[Result]:
    """Make the PDFs into out_dir and write out_dir/manifest.json; returns one Result per PDF."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out_dir / MANIFEST
    previous = _read_manifest(manifest_path)
    manifest_path.unlink(missing_ok=True)  # no download links while the set is incomplete

    _init_worker(str(root), verbose)
    work = [(job, str(out_dir)) for job in plan(_state["content"], kinds)]
    workers = min(jobs or default_jobs(), len(work)) or 1
    results: list[Result] = []
    if workers == 1:
        for item in work:
            results.append(_run(item))
            progress and progress(results[-1])
    else:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_init_worker, initargs=(str(root), verbose)) as pool:
            for result in pool.imap_unordered(_run, work, chunksize=1):
                results.append(result)
                progress and progress(result)

    order = {job.name + ".pdf": n for n, (job, _) in enumerate(work)}
    results.sort(key=lambda r: order[r.file])
    made = {r.file for r in results}
    kept = {}  # kinds this run did not make (--only) stay listed while their files exist
    for name, entry in previous.items():
        if name in made:
            continue
        if isinstance(entry, dict) and entry.get("kind") not in kinds and (out_dir / name).exists():
            kept[name] = entry
        else:
            (out_dir / name).unlink(missing_ok=True)  # e.g. the PDF of a worksheet that was removed
    _write_manifest(manifest_path, _state["info"], results, kept)
    return results


def _read_manifest(path: Path) -> dict:
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError):
        return {}
    return {name: entry for name, entry in files.items() if name.endswith(".pdf") and Path(name).name == name}


def _write_manifest(path: Path, info: BuildInfo, results: list[Result], kept: dict) -> None:
    files = {r.file: {k: v for k, v in asdict(r).items() if k not in ("file", "seconds")} for r in results}
    data = {
        "version": info.version,
        "date": info.date.isoformat(),
        "site_url": info.site_url,
        "files": {**files, **kept},
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
