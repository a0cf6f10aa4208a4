"""Plan, render and record every PDF: worksheets, print packs, the whole guide.

Jobs run in a process pool (WeasyPrint is single-threaded Python; the guide, the longest job,
goes first so the worksheets fill the other cores meanwhile). Everything is made in a staging
folder next to the output folder; only when every PDF exists are they moved in, the manifest
last (the site shows download links only for what it lists). A failed build leaves the output
folder as the last good build left it, so a running preview keeps its links.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from macros import pdf_files
from macros.content import Content, load_content
from macros.pages import pack_name

from . import engine
from .guide import guide_document
from .inputs import inputs_hash, up_to_date
from .meta import ROOT, BuildInfo, load_build_info
from .sheets import pack_document, pack_groups, worksheet_document
from .site import build_site

KINDS = pdf_files.KINDS  # re-exported: cli, benchmark


@dataclass(frozen=True)
class Job:
    kind: str  # "arbejdsark" | "printpakke" | "bog"
    name: str  # file name without ".pdf" (macros.pdf_files)
    target: str | None  # worksheet id, step id (None: the worksheets without a step, or the guide)


@dataclass(frozen=True)
class Result:
    """One PDF made: its manifest entry (kind, pages, bytes, fields) plus its file and time."""

    kind: str
    file: str
    pages: int
    bytes: int
    fields: int
    seconds: float

    def entry(self) -> dict:
        return {"kind": self.kind, "pages": self.pages, "bytes": self.bytes, "fields": self.fields}


def plan(content: Content, kinds: tuple[str, ...] = KINDS) -> list[Job]:
    """Every PDF to make, longest first."""
    jobs: list[Job] = []
    if "bog" in kinds:
        jobs.append(Job("bog", pdf_files.GUIDE, None))
    if "printpakke" in kinds:
        jobs.extend(Job("printpakke", pack_name(step_id), step_id) for step_id in pack_groups(content))
    if "arbejdsark" in kinds:
        jobs.extend(Job("arbejdsark", s.id, s.id) for s in content.worksheets.values())
    return jobs


def document(job: Job, content: Content, info: BuildInfo, site_dir: Path | None) -> tuple[str, str]:
    """(HTML, stylesheet kind) of a job: the one dispatch from a kind to its document.

    The guide needs a built site (site_dir); the sheets do not.
    """
    if job.kind == "arbejdsark":
        assert job.target is not None  # plan() gives every worksheet job its sheet's id
        return worksheet_document(content, info, job.target), "sheet"
    if job.kind == "printpakke":
        return pack_document(content, info, job.target), "sheet"
    if site_dir is None:
        raise ValueError("the guide PDF is made from a built site: site_dir is required")
    return guide_document(content, info, site_dir), "guide"


def render(job: Job, content: Content, info: BuildInfo, site_dir: Path | None) -> tuple[bytes, int]:
    """The job's PDF: (bytes, page count)."""
    html, style = document(job, content, info, site_dir)
    return engine.render_pdf(html, style, forms=style == "sheet")


# --- Worker side: content and build info are loaded once per process. ---------------------

_state: dict = {}


def _load(root: str) -> None:
    _state.update(root=root, content=load_content(Path(root)), info=load_build_info(Path(root)))


def _init_worker(root: str, verbose: bool) -> None:
    engine.quiet_weasyprint(verbose)
    if _state.get("root") != root:  # a forked worker inherits what the driver loaded
        _load(root)


def _run(args: tuple[Job, str, str | None]) -> Result:
    job, out_dir, site = args
    start = time.perf_counter()
    if job.kind == "bog" and site is None:
        # No site given: build one for the guide alone, here, while the other workers make sheets.
        with tempfile.TemporaryDirectory(prefix="pdf-bog-") as tmp:
            build_site(Path(_state["root"]), Path(tmp) / "site")
            pdf, pages = render(job, _state["content"], _state["info"], Path(tmp) / "site")
    else:
        pdf, pages = render(job, _state["content"], _state["info"], Path(site) if site else None)
    path = Path(out_dir) / pdf_files.file_name(job.name)
    path.write_bytes(pdf)
    fields = len(PdfReader(path).get_fields() or {})
    return Result(job.kind, path.name, pages, len(pdf), fields, round(time.perf_counter() - start, 2))


# --- Driver ----------------------------------------------------------------------------------


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def unchanged(out_dir: Path, *, root: Path = ROOT, kinds: tuple[str, ...] = KINDS) -> dict | None:
    """The manifest of out_dir when its PDFs were made from exactly the project's present inputs
    (pdfbuild.inputs), else None. Reads no content: seconds, where making them takes minutes."""
    return up_to_date(out_dir, inputs_hash(root, load_build_info(root), kinds))


def build(
    out_dir: Path,
    *,
    root: Path = ROOT,
    kinds: tuple[str, ...] = KINDS,
    jobs: int | None = None,
    site: Path | None = None,
    verbose: bool = False,
    progress=None,
) -> dict:
    """Make the PDFs into out_dir and write out_dir/manifest.json; returns the manifest written.

    site: a site already built by scripts/build_site to make the guide from; None builds one in a
    temporary folder. Raises macros.content.ContentError or pdfbuild.errors.PdfBuildError (with
    the cause) when a PDF cannot be made; out_dir is then exactly as before.
    """
    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    engine.quiet_weasyprint(verbose)
    _load(str(root))  # raises ContentError before anything is written
    digest = inputs_hash(root, _state["info"], kinds)  # the inputs as this build reads them
    # A dot folder: builders leave it out of the site, should out_dir be under docs/.
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-new-", dir=out_dir.parent))
    try:
        work = [(job, str(staging), site and str(site)) for job in plan(_state["content"], kinds)]
        results = _run_all(work, jobs, root, verbose, progress)
        order = {pdf_files.file_name(job.name): n for n, (job, _, _) in enumerate(work)}
        results.sort(key=lambda r: order[r.file])
        return _swap_in(staging, out_dir, results, kinds, digest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _run_all(work: list, jobs: int | None, root: Path, verbose: bool, progress) -> list[Result]:
    workers = min(jobs or default_jobs(), len(work)) or 1
    results: list[Result] = []
    if workers == 1:
        for item in work:
            results.append(_run(item))
            progress and progress(results[-1])
        return results
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_init_worker, initargs=(str(root), verbose)) as pool:
        for result in pool.imap_unordered(_run, work, chunksize=1):  # the first failure ends the pool
            results.append(result)
            progress and progress(result)
    return results


def _swap_in(staging: Path, out_dir: Path, results: list[Result], kinds: tuple[str, ...], digest: str) -> dict:
    """Move the new PDFs into out_dir (each replace is atomic), then the manifest, then remove
    what the old manifest listed and the new one does not, and record the inputs' hash last (an
    interrupted swap leaves none, so the next build makes everything). Kinds this run did not make
    (--only) stay listed while their files exist."""
    out_dir.mkdir(exist_ok=True)
    (out_dir / pdf_files.INPUTS).unlink(missing_ok=True)
    previous = _previous_files(out_dir)
    made = {r.file: r.entry() for r in results}
    kept = {
        name: entry
        for name, entry in previous.items()
        if name not in made and isinstance(entry, dict) and entry.get("kind") not in kinds and (out_dir / name).exists()
    }
    info = _state["info"]
    manifest = {
        "version": info.version,
        "date": info.date.isoformat(),
        "site_url": info.site_url,
        "files": {**made, **kept},
    }
    for name in made:
        os.replace(staging / name, out_dir / name)
    (staging / pdf_files.MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    os.replace(staging / pdf_files.MANIFEST, out_dir / pdf_files.MANIFEST)
    for name in previous.keys() - manifest["files"].keys():
        (out_dir / name).unlink(missing_ok=True)  # e.g. the PDF of a worksheet that was removed
    (staging / pdf_files.INPUTS).write_text(digest + "\n", encoding="utf-8")
    os.replace(staging / pdf_files.INPUTS, out_dir / pdf_files.INPUTS)
    return manifest


def _previous_files(out_dir: Path) -> dict:
    """The last build's manifest entries, only those naming a PDF in out_dir itself."""
    files = pdf_files.read_manifest(out_dir)
    return {name: entry for name, entry in files.items() if name.endswith(".pdf") and Path(name).name == name}
