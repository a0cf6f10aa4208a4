"""Times the answer copies made in the browser (overrides/assets/javascripts/ark/exports.js).

In Debian's Chromium at 4× CPU slowdown (CDP Emulation.setCPUThrottlingRate, as Lighthouse's
mobile preset): the filled PDF of the worksheet with the most fields, and the all-answers PDF of
an answer set with every worksheet filled (every field, one added row beyond the printed ones);
also the compressed size of the libraries loaded on demand. Needs docs/pdf (./scripts/build_pdfs
--only arbejdsark) and docs/assets/vendor (./scripts/vendor).

    .venv/bin/python benchmarks/copies.py [--runs 5] [--write]   # --write → benchmarks/copies.md
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402

VENDOR = ["assets/vendor/pdf-lib/pdf-lib.esm.min.js", "assets/vendor/docx/docx.esm.js"]

JS = """async ([what, runs]) => {
  const root = new URL(JSON.parse(document.getElementById("__config").textContent).base, location.href);
  const C = await (await fetch(new URL("assets/arbejdsark/kontrakt.json", root))).json();
  // Every field answered; one added row beyond the printed blank rows.
  const answersFor = (id) => {
    const s = C.worksheets[id], a = {};
    const put = (f, key) => { a[key] = f.type === "check" ? C.checked : f.type === "choice" ? f.choices[1] : "Svar med æøå – „" + f.label + "“ og lidt mere tekst."; };
    s.fields.forEach((f) => put(f, f.key));
    if (s.rows) for (let n = 1; n <= s.rows.printed + 1; n++) s.rows.fields.forEach((f) => put(f, f.key.split("{row}").join(s.rows.prefix + "-" + n)));
    return a;
  };
  const ids = Object.keys(C.worksheets);
  const largest = ids.reduce((m, id) => (C.worksheets[id].fields.length > C.worksheets[m].fields.length ? id : m), ids[0]);
  const t0 = performance.now();
  const ex = await import(new URL("assets/javascripts/ark/exports.js", root).href);
  await ex.library(root, "pdf");
  const load = performance.now() - t0;
  const times = [];
  let bytes = 0, pages = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const out = what === "sheet"
      ? await ex.filledPdf(root, C, largest, answersFor(largest))
      : await ex.allAnswersPdf(root, C, { name: "Benchmark", date: "2026-11-29", worksheets: Object.fromEntries(ids.map((id) => [id, answersFor(id)])) });
    times.push(performance.now() - t);
    bytes = out.length;
  }
  return { load, times, bytes, largest, fields: C.worksheets[largest].fields.length, sheets: ids.length };
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build_site(out: Path, url: str) -> None:
    env = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)], cwd=ROOT, env=env, check=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--write", action="store_true", help="write benchmarks/copies.md")
    args = ap.parse_args()
    for rel in ("docs/pdf/manifest.json", "docs/" + VENDOR[0]):
        if not (ROOT / rel).exists():
            sys.exit(f"{rel} missing: run ./scripts/build_pdfs --only arbejdsark and ./scripts/vendor")

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        build_site(site, url)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        results = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            version = browser.version
            for what in ("sheet", "all"):
                ctx = browser.new_context()  # fresh: the library load is a cold one
                page = ctx.new_page()
                page.goto(url + "trin-4/")
                page.wait_for_load_state("networkidle")
                cdp = ctx.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                page.set_default_timeout(600_000)
                results[what] = page.evaluate(JS, [what, args.runs])
                ctx.close()
            browser.close()
        server.shutdown()
        sizes = []
        for rel in VENDOR:
            raw = (site / rel).read_bytes()
            sizes.append((rel, len(raw), len(gzip.compress(raw, 9))))

    s, a = results["sheet"], results["all"]
    med = lambda xs: statistics.median(xs) / 1000  # noqa: E731
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    lines = [
        "# Answer copies in the browser",
        "",
        "Generated by `benchmarks/copies.py --write`. Run on demand; not a test.",
        "",
        f"- Date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end (other work on the machine skews timings)",
        f"- Project: commit {commit}{' + uncommitted changes in the working tree' if dirty else ''}",
        f"- Chromium: {version}, CPU throttled 4× (CDP `Emulation.setCPUThrottlingRate`)",
        f"- Runs: {args.runs} per measurement after loading the library once (median counts)",
        "",
        "## Libraries loaded on demand",
        "",
        "Fetched only when a copy is made (never with a page); served from the site, compressed by the host.",
        "",
        "| File | Raw | gzip -9 |",
        "|---|---|---|",
        *[f"| `{rel}` | {raw / 1024:.0f} KB | {gz / 1024:.0f} KB |" for rel, raw, gz in sizes],
        "",
        "## Timings",
        "",
        "| Copy | Median | Runs (s) | Output |",
        "|---|---|---|---|",
        f"| Load pdf-lib + exports.js (cold, first click; loopback, so transfer is ~free) | {s['load'] / 1000:.2f} s | – | – |",
        f"| Filled PDF of `{s['largest']}` ({s['fields']} fields, all answered) | {med(s['times']):.2f} s | {', '.join(f'{t / 1000:.2f}' for t in s['times'])} | {s['bytes'] / 1024:.0f} KB |",
        f"| All-answers PDF, all {a['sheets']} worksheets answered (cover + every sheet, flattened) | {med(a['times']):.2f} s | {', '.join(f'{t / 1000:.2f}' for t in a['times'])} | {a['bytes'] / 1024:.0f} KB |",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        (ROOT / "benchmarks" / "copies.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
