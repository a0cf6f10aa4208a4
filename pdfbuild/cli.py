"""Command line: `python -m pdfbuild [--out DIR] [--jobs N] [--kun arbejdsark,printpakke,bog]`.

Messages are Danish (the people running it are the guide's editors).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from macros.content import ContentError

from .build import KINDS, Result, build, default_jobs
from .meta import ROOT


def _decimal(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def _size(n: int) -> str:
    return f"{_decimal(n / 1_000_000)} MB" if n >= 1_000_000 else f"{round(n / 1000)} kB"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m pdfbuild", description="Lav PDF'erne: udfyldelige arbejdsark, printpakker pr. trin og hele bogen.")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "pdf", help="mappe til PDF'erne og manifest.json (standard: docs/pdf)")
    parser.add_argument("--root", type=Path, default=ROOT, help="projektmappen (standard: denne)")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help=f"antal processer (standard: {default_jobs()})")
    parser.add_argument("--kun", default=",".join(KINDS), help="hvilke slags, kommasepareret: arbejdsark,printpakke,bog")
    parser.add_argument("--stille", action="store_true", help="kun fejl og opsummering")
    parser.add_argument("--verbose", action="store_true", help="vis WeasyPrints advarsler")
    args = parser.parse_args(argv)
    args.kinds = tuple(k.strip() for k in args.kun.split(",") if k.strip())
    unknown = set(args.kinds) - set(KINDS)
    if unknown:
        parser.error(f"ukendt slags: {', '.join(sorted(unknown))} (kendte: {', '.join(KINDS)})")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    start = time.perf_counter()

    def progress(r: Result) -> None:
        if not args.stille:
            print(f"  {r.file}: {r.pages} {'side' if r.pages == 1 else 'sider'}, {_size(r.bytes)}, {r.fields} felter, {_decimal(r.seconds)} s", flush=True)

    print(f"Laver PDF'er i {args.out} med {args.jobs} {'proces' if args.jobs == 1 else 'processer'} …", flush=True)
    try:
        results = build(args.out, root=args.root, kinds=args.kinds, jobs=args.jobs, verbose=args.verbose, progress=progress)
    except ContentError as exc:
        print(f"Fejl i indholdet – ingen PDF'er:\n{exc}", file=sys.stderr)
        return 1
    count = {kind: sum(r.kind == kind for r in results) for kind in KINDS}
    total = sum(r.bytes for r in results)
    print(
        f"Færdig: {count['arbejdsark']} arbejdsark, {count['printpakke']} printpakker"
        f"{', hele bogen' if count['bog'] else ''} ({_size(total)}) på {_decimal(time.perf_counter() - start)} s."
    )
    return 0
