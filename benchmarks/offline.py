"""What "offline after the first visit" costs (issue 24): the bytes the service worker's precache
adds to a first visit, and the front page's first contentful paint and load event with the worker
allowed and blocked (it registers after the load event, so they should not move).

    .venv/bin/python benchmarks/offline.py --site SITE [--runs 5] [--write]

SITE is a built site with its worker (scripts/build, or scripts/build_site + build_search +
build_offline). --write records the result in benchmarks/offline.md. Bytes are as served by a
plain static server (no compression) and, for text, gzip -6 as most hosts send it.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, for tests.support

from tests.support import CHROMIUM_ARGS, ROOT, QuietHandler, address, chromium_path, serving
from tests.test_offline import precache

PACKED = (".pdf", ".pagefind", ".pf_fragment", ".pf_index", ".pf_meta", ".png", ".woff2")  # already compressed


def kind(url: str) -> str:
    if url.startswith("pdf/"):
        return "blank worksheet PDFs"
    if url.startswith("pagefind/"):
        return "search index (Pagefind)"
    if url.startswith("assets/vendor/"):
        return "libraries (pdf-lib, docx, uqr)"
    if url.endswith(".html") or url in ("sitemap.xml", "manifest.webmanifest"):
        return "pages"
    return "styles, scripts, icons"


def sizes(site: Path) -> dict[str, list[int]]:
    """{kind: [files, bytes, gzip bytes]} of the precache, and "total"."""
    out: dict[str, list[int]] = {}
    for url in precache(site):
        data = (site / url).read_bytes()
        packed = len(data) if url.endswith(PACKED) else len(gzip.compress(data, 6))
        for key in (kind(url), "total"):
            row = out.setdefault(key, [0, 0, 0])
            row[0], row[1], row[2] = row[0] + 1, row[1] + len(data), row[2] + packed
    return out


class Counting(QuietHandler):
    sent = 0

    def copyfile(self, source, outputfile):
        data = source.read()
        Counting.sent += len(data)
        outputfile.write(data)


def first_visits(site: Path, runs: int) -> dict[str, dict[str, list[float]]]:
    """FCP, load event (ms) and bytes served for the front page, per mode; and the time from the load
    event until "Klar til brug uden net" (ms) with the worker."""
    from playwright.sync_api import sync_playwright

    root = Path(tempfile.mkdtemp())
    (root / "parat").symlink_to(site.resolve())
    with serving(root, handler=Counting) as server:
        url = address(server) + "parat/"
        result: dict[str, dict[str, list[float]]] = {
            m: {"fcp": [], "load": [], "bytes": [], "ready": []} for m in ("block", "allow")
        }
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for _ in range(runs):
                for mode in ("block", "allow"):
                    ctx = browser.new_context(service_workers=mode)
                    page = ctx.new_page()
                    Counting.sent = 0
                    page.goto(url, wait_until="load")
                    loaded = time.monotonic()
                    timing = page.evaluate(
                        """() => ({fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
                                   load: performance.getEntriesByType('navigation')[0].loadEventStart})"""
                    )
                    if mode == "allow":
                        page.locator("#offline-status").wait_for(timeout=300_000)
                        result[mode]["ready"].append((time.monotonic() - loaded) * 1000)
                    else:
                        page.wait_for_load_state("networkidle")
                    result[mode]["fcp"].append(timing["fcp"])
                    result[mode]["load"].append(timing["load"])
                    result[mode]["bytes"].append(Counting.sent)
                    ctx.close()
            browser.close()
    return result


def report(site: Path, runs: int) -> str:
    table = sizes(site)
    lines = [
        "# Offline: what the precache costs",
        "",
        f"Made by `benchmarks/offline.py --runs {runs}` on {time.strftime('%Y-%m-%d')} (2 cores, shared machine).",
        "",
        "| precached | files | bytes | gzip (text) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for key, (n, raw, packed) in sorted(table.items(), key=lambda kv: (kv[0] == "total", -kv[1][1])):
        lines.append(f"| {key} | {n} | {raw / 1e6:.2f} MB | {packed / 1e6:.2f} MB |")
    worker = (site / "sw.js").read_bytes()
    lines += [
        "",
        f"sw.js (Workbox runtime inlined): {len(worker) / 1e3:.1f} kB, {len(gzip.compress(worker, 6)) / 1e3:.1f} kB gzip.",
        "",
    ]
    visits = first_visits(site, runs)
    med = lambda xs: statistics.median(xs)  # noqa: E731
    lines += [
        f"Front page, fresh browser context each, median of {runs}:",
        "",
        "| worker | first contentful paint | load event | bytes served (first visit) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for mode, label in (("block", "blocked"), ("allow", "allowed")):
        v = visits[mode]
        lines.append(f"| {label} | {med(v['fcp']):.0f} ms | {med(v['load']):.0f} ms | {med(v['bytes']) / 1e6:.2f} MB |")
    lines += [
        "",
        f'From the load event to "Klar til brug uden net": {med(visits["allow"]["ready"]):.0f} ms (loopback).',
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="write benchmarks/offline.md")
    args = parser.parse_args()
    text = report(args.site, args.runs)
    print(text)
    if args.write:
        (ROOT / "benchmarks" / "offline.md").write_text(text, encoding="utf-8")
