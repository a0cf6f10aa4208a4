"""Time the PDF build step and record the numbers in benchmarks/pdfs.md.

Two measurements: each kind of PDF made one after the other in this process, with the build's own
plan and dispatch (pdfbuild.build.plan, render), the guide split into its site build
(scripts/build_site) and the rest; then the real build (`build()`, the process pool) with 1 and
with N processes, and with N processes from a site built beforehand (`--site`), which shows what
the build's own site build costs. The machine's load average is recorded next to the numbers,
because a shared machine slows everything down.

    python -m pdfbuild.benchmark [--jobs N] [--no-write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from macros.content import load_content

from . import engine
from .build import KINDS, build, default_jobs, plan, render
from .meta import ROOT, load_build_info
from .site import build_site, builder

REPORT = ROOT / "benchmarks" / "pdfs.md"
KIND_LABELS = {"arbejdsark": "Worksheets (fillable)", "printpakke": "Print packs", "bog": "Guide: HTML and WeasyPrint"}


@dataclass
class Timing:
    what: str
    count: int
    seconds: float
    pages: int
    bytes: int


def _clock(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def sequential(root: Path, site: Path) -> list[Timing]:
    """Each kind on its own, in this process, one PDF after the other; the guide from `site`."""
    content, info = load_content(root), load_build_info(root)
    timings = []
    for kind in KINDS:  # the guide last, after its site build
        if kind == "bog":
            _, seconds = _clock(lambda: build_site(root, site))
            timings.append(Timing(f"Guide: site build (scripts/build_site, {builder()})", 1, seconds, 0, 0))
        jobs = plan(content, (kind,))
        pages = size = 0
        start = time.perf_counter()
        for job in jobs:
            pdf, n = render(job, content, info, site)
            pages, size = pages + n, size + len(pdf)
        timings.append(Timing(KIND_LABELS[kind], len(jobs), time.perf_counter() - start, pages, size))
    return timings


def pooled(root: Path, jobs: int, site: Path | None = None) -> tuple[float, int, int, int]:
    """The real build step into a temporary folder: (wall seconds, files, pages, bytes)."""
    with tempfile.TemporaryDirectory(prefix="pdf-benchmark-") as tmp:
        manifest, seconds = _clock(lambda: build(Path(tmp) / "pdf", root=root, jobs=jobs, site=site))
    files = manifest["files"].values()
    return seconds, len(files), sum(e["pages"] for e in files), sum(e["bytes"] for e in files)


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def _load() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def _plural(jobs: int) -> str:
    return f"{jobs} {'process' if jobs == 1 else 'processes'}"


def _n(x: float) -> str:
    return f"{x:.1f}"


def report(seq: list[Timing], pools: list[tuple[str, tuple[float, int, int, int]]], loads: tuple[str, str]) -> str:
    today = dt.date.today().isoformat()
    lines = [
        "# PDF build: timings",
        "",
        "Measured with `scripts/benchmark_pdfs` (`python -m pdfbuild.benchmark`). The numbers are rewritten on every run.",
        "",
        f"- Date: {today}",
        (
            f"- Machine: {os.cpu_count()} cores ({_cpu()}), Python {platform.python_version()}, "
            f"WeasyPrint {version('weasyprint')}, {platform.system()} {platform.release()}"
        ),
        (
            f"- Load average (1/5/15 min) before: {loads[0]}, after: {loads[1]}"
            " – the machine is shared with other processes, so the timings vary"
        ),
        "",
        "## The whole build step (`python -m pdfbuild`)",
        "",
        "| processes | seconds (wall clock) | files | pages | size |",
        "|---:|---:|---:|---:|---:|",
    ]
    for label, (seconds, files, pages, size) in pools:
        lines.append(f"| {label} | {_n(seconds)} | {files} | {pages} | {_n(size / 1_000_000)} MB |")
    lines += [
        "",
        "## Per kind, one at a time in one process",
        "",
        "| kind | count | seconds | seconds each | pages | size |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for t in seq:
        shown = f"{_n(t.bytes / 1_000_000)} MB" if t.bytes else ""
        lines.append(
            f"| {t.what} | {t.count} | {_n(t.seconds)} | {_n(t.seconds / t.count)} | {t.pages or ''} | {shown} |"
        )
    lines.append(f"| **Total** | | **{_n(sum(t.seconds for t in seq))}** | | | |")
    lines += [
        "",
        "The build step spreads the PDFs over processes (`--jobs`, default: the number of cores, at most 4);",
        "the guide (the longest job: temporary site build + WeasyPrint) starts first, so the",
        "worksheets and print packs are made on the other cores meanwhile. With `--site DIR` (a site",
        "scripts/build_site made already) the guide's own site build is left out.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pdfbuild.benchmark", description="Time the PDF build step.")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="processes in the parallel measurement")
    parser.add_argument("--no-write", action="store_true", help=f"do not write {REPORT.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    engine.quiet_weasyprint()
    before = _load()
    pools = []
    with tempfile.TemporaryDirectory(prefix="pdf-benchmark-") as tmp:
        site = Path(tmp) / "site"
        print("Timing each kind on its own …", flush=True)
        seq = sequential(ROOT, site)
        for jobs in sorted({1, args.jobs}):
            print(f"Timing the whole build step with {_plural(jobs)} …", flush=True)
            pools.append((f"{jobs}", pooled(ROOT, jobs)))
        print(f"Timing the whole build step with {_plural(args.jobs)} from the site built before …", flush=True)
        pools.append((f"{args.jobs}, `--site`", pooled(ROOT, args.jobs, site)))
    text = report(seq, pools, (before, _load()))
    print(text)
    if not args.no_write:
        REPORT.parent.mkdir(exist_ok=True)
        REPORT.write_text(text, encoding="utf-8")
        print(f"Written: {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
