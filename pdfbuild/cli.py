"""Command line: `python -m pdfbuild [--out DIR] [--site DIR] [--jobs N] [--only KINDS] [--quiet]`.

Messages are English, like every build-time message; only the PDFs themselves are Danish. A
mistake in the content is one short message (file, line, cause) on stderr and exit status 1.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from macros import pdf_files
from macros.content import ContentError

from .build import KINDS, Result, build, default_jobs, unchanged
from .errors import PdfBuildError
from .meta import ROOT

# What each kind name of --only (the identifiers build.py uses) makes.
KIND_HELP = {
    "arbejdsark": "every worksheet as a fillable PDF",
    "printpakke": "a print pack of worksheets per step",
    "bog": "the whole guide as one PDF",
}


QUIET_EVERY = 10  # --quiet prints a count after every this many PDFs


def _decimal(x: float) -> str:
    return f"{x:.1f}"


def _size(n: int) -> str:
    return f"{_decimal(n / 1_000_000)} MB" if n >= 1_000_000 else f"{round(n / 1000)} kB"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m pdfbuild",
        description="Make the PDFs: fillable worksheets, a print pack per step and the whole guide,\n"
        "plus manifest.json listing them.",
        epilog="kinds for --only:\n" + "\n".join(f"  {k:<11} {KIND_HELP[k]}" for k in KINDS),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        default=ROOT / "docs" / pdf_files.PDF_DIR,
        help=f"folder for the PDFs and {pdf_files.MANIFEST} (default: docs/{pdf_files.PDF_DIR})",
    )
    parser.add_argument(
        "--site",
        type=Path,
        metavar="DIR",
        help="a site built by scripts/build_site to make the guide from (default: build one in a temporary folder)",
    )
    parser.add_argument("--root", type=Path, metavar="DIR", default=ROOT, help="project folder (default: this one)")
    parser.add_argument(
        "--jobs", type=int, metavar="N", default=default_jobs(), help=f"number of processes (default: {default_jobs()})"
    )
    parser.add_argument(
        "--only",
        default=",".join(KINDS),
        metavar="KINDS",
        help=f"which kinds to make, comma-separated (default: all: {','.join(KINDS)})",
    )
    parser.add_argument(
        "--force", action="store_true", help="make every PDF, even when the inputs are those of the last build"
    )
    parser.add_argument(
        "--quiet", action="store_true", help="print only errors, a count every few PDFs and the summary"
    )
    parser.add_argument("--verbose", action="store_true", help="show WeasyPrint's warnings")
    args = parser.parse_args(argv)
    args.kinds = tuple(k.strip() for k in args.only.split(",") if k.strip())
    unknown = set(args.kinds) - set(KINDS)
    if unknown:
        parser.error(f"unknown kind: {', '.join(sorted(unknown))} (known: {', '.join(KINDS)})")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    start = time.perf_counter()

    done = []

    def progress(r: Result) -> None:
        done.append(r)
        if args.quiet:  # still a sign of life every few PDFs (the whole build takes minutes)
            if len(done) % QUIET_EVERY == 0:
                print(f"  {_plural(len(done), 'PDF', 'PDFs')} made …", flush=True)
        else:
            print(
                f"  {r.file}: {_plural(r.pages, 'page', 'pages')}, {_size(r.bytes)}, "
                f"{_plural(r.fields, 'field', 'fields')}, {_decimal(r.seconds)} s",
                flush=True,
            )

    try:
        kept = None if args.force else unchanged(args.out, root=args.root, kinds=args.kinds)
        if kept is not None:
            print(
                f"PDFs unchanged: {args.out} holds {_plural(len(kept['files']), 'PDF', 'PDFs')} made from the same "
                f"inputs ({pdf_files.INPUTS}); kept (--force makes them again).",
                flush=True,
            )
            return 0
        print(f"Making PDFs in {args.out} with {_plural(args.jobs, 'process', 'processes')} …", flush=True)
        manifest = build(
            args.out,
            root=args.root,
            kinds=args.kinds,
            jobs=args.jobs,
            site=args.site,
            verbose=args.verbose,
            progress=progress,
        )
    except (ContentError, PdfBuildError) as exc:
        print(f"No PDFs made ({args.out} is unchanged): {exc}", file=sys.stderr)
        return 1
    made_now = [e for e in manifest["files"].values() if e["kind"] in args.kinds]
    count = {kind: sum(e["kind"] == kind for e in made_now) for kind in KINDS}
    made = {
        "arbejdsark": _plural(count["arbejdsark"], "worksheet", "worksheets"),
        "printpakke": _plural(count["printpakke"], "print pack", "print packs"),
        "bog": "the whole guide" if count["bog"] else "no guide",
    }
    total = sum(e["bytes"] for e in made_now)
    print(
        f"Done: {', '.join(made[k] for k in KINDS if k in args.kinds)} "
        f"({_size(total)}) in {_decimal(time.perf_counter() - start)} s."
    )
    return 0
