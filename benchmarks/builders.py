"""Times a cold site build with each builder: `scripts/build_site DIR` with BUILDER=mkdocs and =zensical.

Cold: before each build the project's .cache/ (Zensical's page cache; scripts/build_site also passes
--clean) is removed, and each build is a new process (no cached content in macros/cache.py). The
runs alternate between the builders, so a change in the machine's load hits both alike. HTML only:
no PDFs, no search index (scripts/build adds those, the same for both).

    .venv/bin/python benchmarks/builders.py [--runs 5] [--write]   # --write → benchmarks/builders.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILDERS = ("mkdocs", "zensical")


def cold_build(builder: str, out: Path) -> float:
    """Seconds (wall clock) of one cold `scripts/build_site out` with `builder`; raises on failure."""
    shutil.rmtree(ROOT / ".cache", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [str(ROOT / "scripts" / "build_site"), str(out)],
        cwd=ROOT,
        env={**os.environ, "BUILDER": builder},
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="write benchmarks/builders.md")
    args = parser.parse_args()
    times: dict[str, list[float]] = {b: [] for b in BUILDERS}
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            for builder in BUILDERS:
                times[builder].append(cold_build(builder, Path(tmp) / builder))
    lines = [
        "# Build time: MkDocs + Material and Zensical",
        "",
        (
            f"`benchmarks/builders.py --runs {args.runs}`, {dt.date.today().isoformat()}, {os.cpu_count()} cores "
            f"(shared; load average {load:.1f} at the start). Cold `scripts/build_site DIR` (HTML only), "
            "seconds, wall clock."
        ),
        "",
        "| Builder | Median | Runs |",
        "|---|---|---|",
    ]
    for builder in BUILDERS:
        runs = ", ".join(f"{t:.2f}" for t in times[builder])
        lines.append(f"| {builder} | {statistics.median(times[builder]):.2f} | {runs} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        (Path(__file__).parent / "builders.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
