#!/usr/bin/env python3
"""On-demand performance benchmark of the site (issue 6, "Quality gates"). Not part of the tests.

Measures, on a snapshot of the project taken at start (without PDFs):

1. cold build time: `mkdocs build --strict`, a fresh process per run, median of --runs, compared
   with plain Material building the same Markdown (macros plugin removed, every {{ … }} call
   stripped), plus where the time goes (instrumented builds, benchmarks/profile_build.py);
2. compressed transfer size (gzip, brotli) of three pages with everything they load without a
   search, and on its own what a first search adds (the Pagefind files the search dialog loads
   for a typical query, recorded in Chromium);
3. Lighthouse 12.2.3 scores (mobile, the default) of the same pages, served on 127.0.0.1;
4. the first contentful paint of the same pages on a slow phone connection (400 kbit/s both ways,
   400 ms round trip, Chromium's network emulation, no cache), median of 3 loads each.

Usage (from the project folder, after ./scripts/bootstrap --test):

    .venv/bin/python benchmarks/run.py            # print the results as Markdown
    .venv/bin/python benchmarks/run.py --write    # also write benchmarks/RESULTS.md

Lighthouse comes from benchmarks/node_modules (`npm ci --prefix benchmarks`, run automatically
when missing); Chromium from CHROME_PATH (default /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import brotli

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
RESULTS = BENCH / "RESULTS.md"
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
sys.path.insert(0, str(ROOT))  # the Chromium helpers of tests/ (Lighthouse flags, first search)

from tests.support import CHROMIUM_ARGS, QuietHandler, address, chromium_path, serving  # noqa: E402

# What the site and its search index are built from; docs/pdf/ (generated PDFs) is left out.
PROJECT_PARTS = ["mkdocs.yml", "docs", "data", "macros", "overrides", "searchbuild", "pagefind.yml"]
EXCLUDED = shutil.ignore_patterns("__pycache__", "pdf")

PAGES = {  # label → page path below the site root
    "Home": "",
    "Step (trin-4, the largest)": "trin-4/",
    "Worksheet (trin-4-dialogpapir)": "arbejdsark/trin-4-dialogpapir/",
}
# Every step page (issue 25: Lighthouse performance 100 on each, best of 2 runs), apart from PAGES' 5 runs.
STEP_PAGES = [f"trin-{number}/" for number in range(1, 8)]
SEARCH_DIR = "pagefind/"  # the index and Pagefind's scripts (scripts/build_search), loaded on a first search
SEARCH_PAGE = PAGES["Step (trin-4, the largest)"]  # where the first search is made

PROFILE_RUNS = 3  # instrumented builds per variant (phase medians)
MAX_BUILD_RATIO = 1.5
MAX_STEP_PAGE_BYTES = 85 * 1024  # gzip, without searching (issue 25: 1.25 × bare Material)
LIGHTHOUSE_TARGETS = {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100}

GZIP_LEVEL = 6  # zlib's default, what most servers use on the fly
BROTLI_QUALITY = 11  # brotli's default, what precompressed static files use
PRECOMPRESSED_SUFFIXES = {".woff", ".woff2", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"}
# Pagefind writes its index chunks, fragments, metadata and WebAssembly gzipped; they are served as stored.
GZIPPED_SUFFIXES = {".pf_fragment", ".pf_index", ".pf_meta", ".pagefind"}
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}

# Audits that only reflect the local test server, not the site.
SERVER_ARTIFACTS = {"uses-long-cache-ttl": "the local http.server sends no cache headers; set them on the real host"}

# Lighthouse launches Chromium itself: headless, with the flags the browser tests use.
CHROME_FLAGS = ["--headless=new", *CHROMIUM_ARGS]
BUILD_ENV = {"DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def kib(size: float) -> str:
    return f"{size / 1024:.1f} KB"


# --- Project snapshots ------------------------------------------------------------------------


def snapshot(dest: Path) -> Path:
    """Copy what the site is built from into dest (no generated PDFs, no caches), with the
    worksheet modules minified as published (scripts/vendor --minify, undone afterwards), and a
    link to the project's node_modules/ (the pinned Pagefind binary searchbuild runs)."""
    dest.mkdir(parents=True)
    subprocess.run([str(ROOT / "scripts" / "vendor"), "--minify"], cwd=ROOT, check=True)
    try:
        for part in PROJECT_PARTS:
            source = ROOT / part
            if source.is_dir():
                shutil.copytree(source, dest / part, ignore=EXCLUDED)
            else:
                shutil.copy2(source, dest / part)
    finally:
        subprocess.run([str(ROOT / "scripts" / "vendor")], cwd=ROOT, check=True)
    (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return dest


def make_plain(project: Path) -> Path:
    """Turn a snapshot into plain Material: no macros plugin, no {{ … }} / {% … %} in the pages."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    plain = re.sub(r"^  - macros:\n(?:    .*\n)*", "", text, flags=re.MULTILINE)
    if plain == text:
        raise SystemExit("benchmark: could not find the macros plugin block in mkdocs.yml")
    # The theme's templates read the strings from config.extra, where define_env puts them; without
    # the macros the config carries them, as scripts/build_site's does for Zensical.
    from macros.strings import strings

    plain, found = re.subn(
        r"^extra:\n",
        lambda m: m.group(0) + "  strings: " + json.dumps(strings()) + "\n",
        plain,
        count=1,
        flags=re.MULTILINE,
    )
    if not found:
        raise SystemExit("benchmark: could not find the extra: block in mkdocs.yml")
    config.write_text(plain, encoding="utf-8")
    for page in (project / "docs").rglob("*.md"):
        source = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", source, flags=re.DOTALL), encoding="utf-8")
    return project


def build_env(project: Path, site_url: str | None = None) -> dict[str, str]:
    """Environment of a build: the snapshot's macros package first on the import path."""
    env = {**os.environ, **BUILD_ENV, "PYTHONPATH": str(project)}
    if site_url:
        env["SITE_URL"] = site_url
    return env


@dataclass(frozen=True)
class Timing:
    wall: float  # seconds on the clock
    cpu: float  # user + system seconds of the build process: steadier on a shared VM


def timed(command: list[str], project: Path, env: dict[str, str], what: str) -> Timing:
    """Run command in the snapshot in a fresh process; its wall and CPU time (its children included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"benchmark: {what} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(elapsed, cpu)


def build(project: Path, site_dir: Path, site_url: str | None = None) -> Timing:
    """`mkdocs build --strict` in a fresh process; returns its wall and CPU time."""
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--quiet",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(site_dir),
    ]
    return timed(command, project, build_env(project, site_url), f"build of {project}")


def build_search_index(project: Path, site_dir: Path) -> Timing:
    """scripts/build_search on a built site (`python -m searchbuild` with the snapshot's package
    and pagefind.yml): writes site_dir/pagefind/; returns its time, Pagefind's process included."""
    command = [sys.executable, "-m", "searchbuild", str(site_dir)]
    return timed(command, project, build_env(project), f"search index of {site_dir}")


def site_step(module: str, site_dir: Path, what: str) -> None:
    """`python -m <module> site_dir`, a build step on a built site as scripts/build runs it."""
    done = subprocess.run(
        [sys.executable, "-m", module, str(site_dir)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(f"benchmark: {what} of {site_dir} failed:\n{done.stdout}{done.stderr}")


def cut_theme_css(site_dir: Path) -> None:
    """scripts/build_css on a built site: the theme's stylesheets cut as published (cssbuild/)."""
    site_step("cssbuild", site_dir, "cutting the theme's stylesheets")


def build_offline(site_dir: Path) -> None:
    """scripts/build_offline on a built site: sw.js and the web app manifest, as published (the
    pages register the worker; its precache is measured in benchmarks/offline.md, not here)."""
    site_step("offlinebuild", site_dir, "the offline worker")


def timed_builds(projects: dict[str, Path], runs: int, work: Path) -> dict[str, list[Timing]]:
    """One discarded warm-up build per project (file cache, bytecode), then `runs` timed cold
    builds of each, interleaved so that a change in machine load hits every project alike."""
    for name, project in projects.items():
        build(project, work / f"{name}-warm-up")
    times: dict[str, list[Timing]] = {name: [] for name in projects}
    for run in range(runs):
        for name, project in projects.items():
            times[name].append(build(project, work / f"{name}-{run}"))
    return times


def profile_build(project: Path, site_dir: Path) -> dict[str, float]:
    """Where one build spends its time (benchmarks/profile_build.py, fresh process)."""
    command = [sys.executable, str(BENCH / "profile_build.py"), str(project / "mkdocs.yml"), str(site_dir)]
    done = subprocess.run(command, cwd=project, env=build_env(project), capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"benchmark: profiled build of {project} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def median_profile(project: Path, runs: int, work: Path) -> dict[str, float]:
    """Median of each phase over `runs` profiled builds."""
    profiles = [profile_build(project, work / f"profiled-{project.name}-{run}") for run in range(runs)]
    return {phase: statistics.median(profile.get(phase, 0.0) for profile in profiles) for phase in profiles[0]}


@dataclass
class BuildResult:
    runs: int
    times: dict[str, list[Timing]]  # "macros" / "plain" → timings of the timed builds
    profiles: dict[str, dict[str, float]]  # same keys → median seconds per phase
    search: list[Timing]  # the search index step (scripts/build_search) on a site built with macros

    def median(self, name: str, what: str = "wall") -> float:
        return statistics.median(getattr(t, what) for t in self.times[name])

    @property
    def ratio(self) -> float:
        """Judged on CPU time: wall time on this shared 2-core VM varies ±30 % between runs."""
        return self.median("macros", "cpu") / self.median("plain", "cpu")

    @property
    def wall_ratio(self) -> float:
        return self.median("macros") / self.median("plain")


def benchmark_builds(runs: int, work: Path) -> BuildResult:
    projects = {"macros": snapshot(work / "project-macros"), "plain": make_plain(snapshot(work / "project-plain"))}
    log(f"Build times: {runs} runs each, with macros and plain Material …")
    times = timed_builds(projects, runs, work)
    log("Profiling builds …")
    profiles = {name: median_profile(project, PROFILE_RUNS, work) for name, project in projects.items()}
    log("Timing the search index step …")
    search = [build_search_index(projects["macros"], work / "macros-0") for _ in range(PROFILE_RUNS)]
    return BuildResult(runs, times, profiles, search)


# --- Transfer size ------------------------------------------------------------------------------


# A phone's screen, as Lighthouse's mobile emulation (Moto G Power): the worksheet code loads when a
# sheet comes near the screen, so what a page loads depends on the screen it is shown on.
PHONE = {"width": 412, "height": 823}


def loaded_files(base_url: str, page: str) -> list[str]:
    """Site-relative paths Chromium requests when `page` loads on a phone's screen and nobody touches
    it, until the network is idle: the HTML, stylesheets, scripts with the ES modules they import,
    icons, fonts and images. Not the offline worker: offline.js asks for sw.js with HEAD (no body)
    after the load event, then registers it, whose download with its precache is offline.md's."""
    from playwright.sync_api import sync_playwright

    requested: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            # The worker's precache (after the load event) is offline.md's: here what the page loads.
            tab = browser.new_page(base_url=base_url, locale="da-DK", viewport=PHONE, service_workers="block")
            tab.on("request", lambda request: request.method != "HEAD" and requested.append(request.url))
            tab.goto(page)
            tab.wait_for_load_state("networkidle")
        finally:
            browser.close()
    if other := [url for url in requested if not url.startswith((base_url, "data:"))]:
        raise SystemExit(f"benchmark: /{page} loads {other[0]} from another host")
    paths = [urlsplit(url).path.lstrip("/") for url in requested if url.startswith(base_url)]
    paths = [path + "index.html" if path == page else path for path in paths]
    return list(dict.fromkeys(paths))


@dataclass(frozen=True)
class Sizes:
    raw: int
    gzip: int
    brotli: int

    def __add__(self, other: "Sizes") -> "Sizes":
        return Sizes(self.raw + other.raw, self.gzip + other.gzip, self.brotli + other.brotli)


def compressed_sizes(file: Path) -> Sizes:
    """Bytes on the wire, each file compressed on its own (as a web server does); files stored
    gzipped (Pagefind's) go as they are, their raw size is the unpacked one."""
    data = file.read_bytes()
    if file.suffix in PRECOMPRESSED_SUFFIXES:
        return Sizes(len(data), len(data), len(data))
    if file.suffix in GZIPPED_SUFFIXES:
        return Sizes(len(gzip.decompress(data)), len(data), len(data))
    return Sizes(
        len(data), len(gzip.compress(data, GZIP_LEVEL, mtime=0)), len(brotli.compress(data, quality=BROTLI_QUALITY))
    )


def total(sizes: list[Sizes]) -> Sizes:
    return sum(sizes, Sizes(0, 0, 0))


@dataclass
class TransferResult:
    assets: dict[str, list[str]]  # page label → site-relative files it loads
    sizes: dict[str, Sizes]  # file → sizes
    first_search: dict[str, Sizes] | str  # file → sizes of what a first search loads, or why not measured
    worker: Sizes | None = None  # sw.js, downloaded after the load event (not counted in `total`)

    def total(self, label: str) -> Sizes:
        return total([self.sizes[path] for path in self.assets[label]])


def first_search_files(base_url: str) -> list[str]:
    """Site-relative paths Chromium requests when, on SEARCH_PAGE after it has loaded, the search
    is opened ("/") and benchmarks/search.py's first query typed, until Pagefind shows its results."""
    from playwright.sync_api import sync_playwright
    from search import QUERY

    from tests.search.run import open_pagefind, pagefind_search

    requested: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(base_url=base_url, locale="da-DK", service_workers="block")
            page.goto(SEARCH_PAGE)
            page.wait_for_load_state("networkidle")
            page.on("request", lambda request: requested.append(request.url))
            open_pagefind(page)
            pagefind_search(page, QUERY)
            page.wait_for_load_state("networkidle")
        finally:
            browser.close()
    paths = [urlsplit(url).path.lstrip("/") for url in requested if url.startswith(base_url)]
    return sorted(set(paths))


def benchmark_transfer(site: Path, base_url: str) -> TransferResult:
    log("Pages loaded in Chromium …")
    assets = {label: loaded_files(base_url, page) for label, page in PAGES.items()}
    files = sorted({path for paths in assets.values() for path in paths})
    sizes = {path: compressed_sizes(site / path) for path in files}
    log(f"First search on /{SEARCH_PAGE} in Chromium …")
    try:
        searched = {path: compressed_sizes(site / path) for path in first_search_files(base_url)}
    except Exception as error:
        searched = f"{type(error).__name__}: {error}"
    worker = compressed_sizes(site / "sw.js") if (site / "sw.js").is_file() else None
    return TransferResult(assets, sizes, searched, worker)


# --- First paint on a slow connection -----------------------------------------------------------

SLOW = {"latency": 400, "kbit": 400}  # issue 25: 400 kbit/s with 400 ms round trips
MAX_SLOW_FCP_MS = 3000
SLOW_RUNS = 3


def slow_first_paint(base_url: str, page: str, runs: int = SLOW_RUNS) -> list[float]:
    """First contentful paint (ms) of `page` on a phone's screen over SLOW (DevTools protocol's
    Network.emulateNetworkConditions), the cache off, a fresh context per load; `runs` loads."""
    from playwright.sync_api import sync_playwright

    rate = SLOW["kbit"] * 1000 / 8  # bytes per second
    out = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                ctx = browser.new_context(base_url=base_url, locale="da-DK", viewport=PHONE)
                tab = ctx.new_page()
                cdp = ctx.new_cdp_session(tab)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                cdp.send(
                    "Network.emulateNetworkConditions",
                    {
                        "offline": False,
                        "latency": SLOW["latency"],
                        "downloadThroughput": rate,
                        "uploadThroughput": rate,
                    },
                )
                tab.goto(page, wait_until="load", timeout=120_000)
                out.append(tab.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime"))
                ctx.close()
        finally:
            browser.close()
    return out


def benchmark_slow_paint(base_url: str) -> dict[str, list[float]]:
    log(f"First paint at {SLOW['kbit']} kbit/s, {SLOW['latency']} ms round trips …")
    return {label: slow_first_paint(base_url, page) for label, page in PAGES.items()}


def slow_paint_section(result: dict[str, list[float]] | str) -> str:
    head = f"""## 4. First paint on a slow connection

Chromium (headless, {PHONE["width"]} × {PHONE["height"]}), the DevTools protocol's network emulation at
{SLOW["kbit"]} kbit/s both ways with {SLOW["latency"]} ms added to every round trip, cache off, served
gzipped as in section 3; first contentful paint from navigation start, {SLOW_RUNS} loads per page
(median). Target: under {MAX_SLOW_FCP_MS / 1000:.0f} s (issue 25). No CPU slowdown (Lighthouse's 4× is in section 3).
"""
    if isinstance(result, str):
        return head + f"\nNot measured: {result}.\n"
    rows = []
    for label, times in result.items():
        median = statistics.median(times)
        mark = "✅" if median < MAX_SLOW_FCP_MS else "❌"
        rows.append(
            f"| {label} | `/{PAGES[label]}` | **{median / 1000:.2f} s** {mark} | {', '.join(f'{t / 1000:.2f}' for t in times)} |"
        )
    return (
        head
        + "\n| Page | Address | First paint (median) | All loads (s) |\n|---|---|---|---|\n"
        + "\n".join(rows)
        + "\n"
    )


# --- Lighthouse ---------------------------------------------------------------------------------


class _CompressingHandler(QuietHandler):
    """http.server that gzips text files, as every static host and CDN does."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (path.is_file() and path.suffix in TEXT_SUFFIXES and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), GZIP_LEVEL)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(directory: Path):
    """Serve directory on 127.0.0.1 (a free port), gzipping text; yields the server's base URL."""
    with serving(directory, handler=_CompressingHandler) as server:
        yield address(server)


def ensure_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        log("Installing Lighthouse: npm ci --prefix benchmarks …")
        subprocess.run(["npm", "ci", "--prefix", str(BENCH), "--no-audit", "--no-fund"], check=True)


def run_lighthouse(url: str, output: Path) -> dict:
    """One Lighthouse run (mobile); writes output.report.{json,html} and returns the JSON."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output=html",
        f"--output-path={output}",
        "--only-categories=performance,accessibility,best-practices,seo",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    report = output.with_name(output.name + ".report.json")
    if done.returncode or not report.exists():
        raise RuntimeError(f"lighthouse exited with {done.returncode}: {done.stderr.strip()[-2000:]}")
    result = json.loads(report.read_text(encoding="utf-8"))
    if result.get("runtimeError"):
        raise RuntimeError(f"lighthouse runtime error: {result['runtimeError']}")
    return result


def scores(report: dict) -> dict[str, int]:
    return {key: round(category["score"] * 100) for key, category in report["categories"].items()}


@dataclass
class Finding:
    category: str
    audit_id: str
    title: str
    score: float
    value: str
    elements: list[str] = field(default_factory=list)
    runs: int = 1  # in how many runs of the page the audit was under target


def describe_item(item: dict) -> str | None:
    """One row of an audit's details: an element (selector, snippet), a file or a time group."""
    if isinstance(item.get("node"), dict):
        node = item["node"]
        return f"`{node.get('selector', '?')}` – `{' '.join(node.get('snippet', '').split())[:140]}`"
    if isinstance(item.get("url"), str):
        path = urlsplit(item["url"]).path or item["url"]
        if item.get("wastedBytes"):
            return f"`{path}` – {kib(item['wastedBytes'])} to save"
        return f"`{path}`" + (f" – {item['duration']:.0f} ms" if item.get("duration") else "")
    if item.get("groupLabel"):
        return f"{item['groupLabel']} – {item['duration']:.0f} ms"
    return None


def audit_elements(audit: dict, limit: int = 6) -> list[str]:
    """What an audit points at: page elements, files or time groups (the first `limit`)."""
    items = [item for item in (audit.get("details") or {}).get("items") or [] if isinstance(item, dict)]
    described = [describe_item(item) for item in items]
    return [text for text in described if text][:limit]


def findings(report: dict) -> list[Finding]:
    """Audits behind a category score under target.

    Accessibility, best practices and SEO: every weighted audit that is not passed. Performance:
    the metrics under 0.9 and the opportunities/diagnostics Lighthouse flags (score under 0.9).
    """
    found = []
    for key, category in report["categories"].items():
        if round(category["score"] * 100) >= LIGHTHOUSE_TARGETS[key]:
            continue
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            threshold = 0.9 if key == "performance" else 1
            if audit.get("score") is None or audit["score"] >= threshold:
                continue
            if key != "performance" and ref["weight"] == 0:
                continue
            found.append(
                Finding(
                    key, ref["id"], audit["title"], audit["score"], audit.get("displayValue", ""), audit_elements(audit)
                )
            )
    return found


def network_paths(report: dict) -> set[str]:
    """Site-relative paths of every request of the run to the site (for cross-checking section 2)."""
    site = urljoin(report["requestedUrl"], "/")
    items = report["audits"]["network-requests"]["details"]["items"]
    return {item["url"].removeprefix(site).split("?")[0] for item in items if item["url"].startswith(site)}


def merged_findings(reports: list[dict]) -> list[Finding]:
    """Findings of all runs, each audit once (details of the first report listing it)."""
    merged: dict[tuple[str, str], Finding] = {}
    for report in reports:
        for finding in findings(report):
            key = (finding.category, finding.audit_id)
            if key in merged:
                merged[key].runs += 1
            else:
                merged[key] = finding
    order = list(LIGHTHOUSE_TARGETS)
    return sorted(merged.values(), key=lambda finding: order.index(finding.category))


@dataclass
class PageLighthouse:
    reports: list[dict]  # sorted by performance score

    @property
    def median_report(self) -> dict:
        return self.reports[len(self.reports) // 2]

    @property
    def median(self) -> dict[str, int]:
        return scores(self.median_report)

    @cached_property
    def findings(self) -> list[Finding]:
        """Median run first, so that its values are the ones shown."""
        return merged_findings([self.median_report] + [r for r in self.reports if r is not self.median_report])

    @property
    def requested(self) -> set[str]:
        return set().union(*(network_paths(report) for report in self.reports))

    @property
    def benchmark_index(self) -> int:
        """Lighthouse's CPU speed measure of the median run (a typical desktop scores ~1500+)."""
        return round(self.median_report["environment"]["benchmarkIndex"])


def lighthouse_page(url: str, runs: int, reports: Path, name: str) -> PageLighthouse:
    """`runs` Lighthouse runs of one page; the run with the median performance score counts."""
    results = []
    for run in range(runs):
        log(f"Lighthouse {url} (run {run + 1}/{runs}) …")
        results.append(run_lighthouse(url, reports / f"{name}-{run + 1}"))
    results.sort(key=lambda report: report["categories"]["performance"]["score"])
    return PageLighthouse(results)


def benchmark_lighthouse(
    base_url: str, runs: int, reports: Path, pages: dict[str, str] = PAGES
) -> dict[str, PageLighthouse] | str:
    """Lighthouse results per page label of `pages` (label → path; the reports are named by the
    label's slug, or by the path when the label is a path: STEP_PAGES), or why Lighthouse could
    not run."""
    try:
        ensure_lighthouse()
        reports.mkdir(parents=True, exist_ok=True)
        return {
            label: lighthouse_page(base_url + page, runs, reports, page.strip("/") if label == page else slug(label))
            for label, page in pages.items()
        }
    except (RuntimeError, subprocess.SubprocessError, OSError) as error:
        return str(error)


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-").split("-")[0]


# --- Environment --------------------------------------------------------------------------------


def command_output(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False).stdout.strip()
    except OSError:
        return "not found"


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def environment(load_at_start: float) -> dict[str, str]:
    dirty = command_output(["git", "-C", str(ROOT), "status", "--porcelain"])
    commit = command_output(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    return {
        "Date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "Machine": f"{os.cpu_count()} cores ({cpu_model()}), {platform.system()} {platform.release()}, "
        f"load average (1 min) {load_at_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end "
        "(other work on the machine skews timings)",
        "Project": f"commit {commit}" + (" + uncommitted changes in the working tree" if dirty else ""),
        "Python": platform.python_version(),
        "MkDocs / Material / mkdocs-macros": " / ".join(
            version(package) for package in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin")
        ),
        "Pagefind": command_output([str(ROOT / "node_modules" / ".bin" / "pagefind"), "--version"]),
        "Lighthouse": command_output([str(LIGHTHOUSE), "--version"]) if LIGHTHOUSE.exists() else "not installed",
        "Chromium": command_output([chrome, "--version"]),
        "Node": command_output(["node", "--version"]),
    }


# --- Report -------------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "✅ met" if ok else "❌ missed"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def seconds(values: list[float]) -> str:
    return ", ".join(f"{value:.2f}" for value in values)


PHASES = {  # profile_build.py key → description
    "import_macros": "import the `macros` package (pydantic schema; the plain build imports it for the toc slugify)",
    "load_content": "`load_content`: read + validate all YAML",
    "macros_on_config": "macros plugin `on_config` (includes `load_content`)",
    "macros_page_rendering": "macros plugin `on_page_markdown`: every macro call on every page",
    "markdown_to_html": "Markdown → HTML (`Page.render`, all pages)",
    "theme_templates": "theme templates (`_build_page`, all pages)",
    "whole_process": "whole process after interpreter start-up (all imports + build)",
}


def build_section(result: BuildResult | str) -> str:
    if isinstance(result, str):
        return f"## 1. Cold build time (without PDFs)\n\nNot measured: {result}.\n"
    macros, plain = result.median("macros"), result.median("plain")
    macros_cpu, plain_cpu = result.median("macros", "cpu"), result.median("plain", "cpu")
    phases = [
        [description] + [f"{result.profiles[name].get(key, 0.0):.2f} s" for name in ("macros", "plain")]
        for key, description in PHASES.items()
    ]
    search_wall = statistics.median(t.wall for t in result.search)
    search_cpu = statistics.median(t.cpu for t in result.search)
    return f"""## 1. Cold build time (without PDFs)

`mkdocs build --strict` of a snapshot of the project, a fresh process per run (wall time and CPU
time – user + system – including Python start-up), median of {result.runs} runs after one
discarded warm-up run; the two builds alternate. The overhead is judged on CPU time, because the
wall time of the same build varies by ±30 % on this shared virtual machine. *Plain Material* is the same snapshot with the macros plugin removed from `mkdocs.yml`
and every `{{{{ … }}}}` call stripped from `docs/` (same theme, overrides, Markdown extensions).
Neither build runs Material's search plugin: the site has none (its search is Pagefind, indexed
by a step of its own after the build, timed separately below), and the plain build keeps the
site's configuration as it is apart from the macros.

{
        table(
            ["Build", "Median wall", "Median CPU", "Wall runs (s)", "CPU runs (s)"],
            [
                [
                    "With macros (the site)",
                    f"{macros:.2f} s",
                    f"{macros_cpu:.2f} s",
                    seconds([t.wall for t in result.times["macros"]]),
                    seconds([t.cpu for t in result.times["macros"]]),
                ],
                [
                    "Plain Material",
                    f"{plain:.2f} s",
                    f"{plain_cpu:.2f} s",
                    seconds([t.wall for t in result.times["plain"]]),
                    seconds([t.cpu for t in result.times["plain"]]),
                ],
            ],
        )
    }

**Macro overhead: {result.ratio:.2f}× plain Material in CPU time** ({result.wall_ratio:.2f}× in wall
time; target under {MAX_BUILD_RATIO}×: {verdict(result.ratio < MAX_BUILD_RATIO)}).

The search index step (`scripts/build_search`: searchbuild prepares copies of the built pages,
Pagefind indexes them), not part of the ratio: median {search_wall:.2f} s wall, {search_cpu:.2f} s CPU
over {len(result.search)} runs ({seconds([t.wall for t in result.search])} s wall).

Where the time goes (`benchmarks/profile_build.py`, median of {PROFILE_RUNS} instrumented builds each;
phases overlap, e.g. `on_config` contains `load_content`):

{table(["Phase", "With macros", "Plain"], phases)}
"""


def transfer_section(result: TransferResult) -> str:
    step = result.total(next(label for label in PAGES if label.startswith("Step")))
    totals = [
        [
            label,
            f"`/{PAGES[label]}`",
            str(len(result.assets[label])),
            kib(total.raw),
            kib(total.gzip),
            kib(total.brotli),
        ]
        for label in PAGES
        for total in [result.total(label)]
    ]
    files = [
        [
            f"`{path}`",
            kib(size.raw),
            kib(size.gzip),
            kib(size.brotli),
            ", ".join(slug(label) for label in PAGES if path in result.assets[label]),
        ]
        for path, size in sorted(result.sizes.items(), key=lambda item: -item[1].gzip)
    ]
    return f"""## 2. Transfer size

Each page with everything Chromium loads for it on a phone's screen ({PHONE["width"]} × {PHONE["height"]},
as Lighthouse's mobile emulation) until the network is idle, nobody touching it: the HTML, its
stylesheets, scripts and the ES modules they import, icons, fonts and images. The worksheet modules load when a sheet comes near
the screen, is touched, or has stored answers; the search dialog's when the search button is
approached or "/" pressed. The search itself (Pagefind) loads only when it is opened:
**what a first search adds is below, on its own**. Each file compressed
on its own: gzip level {GZIP_LEVEL}, brotli quality {BROTLI_QUALITY}; Pagefind's index files are
stored gzipped and served as they are.

{table(["Page", "Address", "Files", "Raw", "gzip", "brotli"], totals)}

**Step page: {kib(step.gzip)} gzip / {kib(step.brotli)} brotli** (target at most {kib(MAX_STEP_PAGE_BYTES)} gzip: {verdict(step.gzip <= MAX_STEP_PAGE_BYTES)}).
{worker_note(result.worker, step)}

{first_search_section(result.first_search)}

<details><summary>Files</summary>

{table(["File", "Raw", "gzip", "brotli", "Loaded by"], files)}

</details>
"""


def worker_note(worker: Sizes | None, step: Sizes) -> str:
    """The offline worker's script, apart: fetched after the load event with its precache."""
    if worker is None:
        return "The site has no `sw.js`."
    return (
        f"Not counted above: the offline worker. After the load event a first visit downloads "
        f"`sw.js` ({kib(worker.gzip)} gzip) and then the whole precache it lists "
        f"(`benchmarks/offline.md`); with `sw.js` alone the step page would be {kib((step + worker).gzip)}. "
        f"Before eb24f51 this table counted `sw.js` (offline.js's HEAD request for it) and not the precache."
    )


def first_search_section(searched: dict[str, Sizes] | str) -> str:
    from search import QUERY

    head = (
        f"What a first search adds (on `/{SEARCH_PAGE}` after it has loaded: search opened, "
        f"`{QUERY}` typed, until the results are shown; the files Chromium requested):"
    )
    if isinstance(searched, str):
        return f"{head} **not measured**: {searched}"
    added = total(list(searched.values()))
    rows = [
        [f"`{path}`", kib(size.raw), kib(size.gzip), kib(size.brotli)]
        for path, size in sorted(searched.items(), key=lambda item: -item[1].gzip)
    ]
    return f"""{head}
**{kib(added.gzip)} gzip / {kib(added.brotli)} brotli** in {len(searched)} files ({kib(added.raw)} raw);
later searches load only the index chunks and result fragments they have not loaded yet.

<details><summary>Files of a first search</summary>

{table(["File", "Raw", "gzip", "brotli"], rows)}

</details>"""


def lighthouse_section(result: dict[str, PageLighthouse] | str, transfer: TransferResult, runs: int) -> str:
    intro = f"""## 3. Lighthouse

Lighthouse mobile (default: emulated Moto G Power, simulated slow 4G and 4× CPU slowdown),
Debian Chromium headless. The site is built with `SITE_URL` set to the local address and served
by Python's http.server on 127.0.0.1 with gzip (as any static host does). {runs} runs per page;
the run with the median performance score is reported (its total blocking time, TBT, too; the
runs' TBT are listed in the order of their performance score). Performance depends on the machine: a
Lighthouse CPU `benchmarkIndex` well under ~1000 means a slow or busy CPU and pessimistic scores.
Targets: {", ".join(f"{key} ≥ {value}" for key, value in LIGHTHOUSE_TARGETS.items())}.
"""
    if isinstance(result, str):
        return intro + f"\n**Lighthouse did not run:** {result}\n"
    keys = list(LIGHTHOUSE_TARGETS)
    rows = [
        [label]
        + [score_cell(page.median[key], key) for key in keys]
        + [
            ", ".join(str(scores(run)["performance"]) for run in page.reports),
            f"{blocking_ms(page.median_report)} ms",
            ", ".join(str(blocking_ms(run)) for run in page.reports),
            str(page.benchmark_index),
        ]
        for label, page in result.items()
    ]
    header = ["Page"] + keys + ["performance, all runs", "TBT", "TBT, all runs (ms)", "CPU benchmarkIndex"]
    parts = [intro, table(header, rows), findings_section(result), cross_check(result, transfer)]
    return "\n\n".join(parts) + "\n"


def blocking_ms(report: dict) -> int:
    """Total blocking time of a run (Lighthouse's simulated value, ms)."""
    return round(report["audits"]["total-blocking-time"]["numericValue"])


def score_cell(score: int, key: str) -> str:
    return f"{score}" if score >= LIGHTHOUSE_TARGETS[key] else f"**{score}** ❌"


FINDINGS_INTRO = """### Audits under target

Accessibility, best practices, SEO: every weighted audit not passed. Performance: metrics and
opportunities/diagnostics scoring under 0.9 (listed when the page missed the performance target
in any run). Values come from the median run where the audit is under target there; "k/n runs"
says in how many runs it was."""


def finding_lines(finding: Finding, runs: int) -> list[str]:
    """A list item per audit, its elements/files below it (none for local-server artifacts)."""
    value = f" – {finding.value}" if finding.value else ""
    head = (
        f"- {finding.category}: `{finding.audit_id}` – {finding.title} "
        f"(score {finding.score:.2f}, {finding.runs}/{runs} runs){value}"
    )
    if finding.audit_id in SERVER_ARTIFACTS:
        return [f"{head} *({SERVER_ARTIFACTS[finding.audit_id]})*"]
    return [head] + [f"    - {element}" for element in finding.elements]


def findings_section(result: dict[str, PageLighthouse]) -> str:
    blocks = [
        "\n".join(
            [f"**{label}**", ""]
            + [line for finding in page.findings for line in finding_lines(finding, len(page.reports))]
        )
        for label, page in result.items()
        if page.findings
    ]
    return "\n\n".join([FINDINGS_INTRO] + (blocks or ["None: every page meets every target."]))


def step_pages_section(result: dict[str, PageLighthouse] | str, runs: int) -> str:
    head = f"""### Every step page

Lighthouse performance of each step page, {runs} runs each, the same settings (issue 25's target:
100 on every step page, best of {runs} runs). Simulated total blocking time (TBT) and largest
contentful paint (LCP) of each run, in the order of their performance score.
"""
    if isinstance(result, str):
        return head + f"\n**Not measured:** {result}\n"
    rows = []
    for page, lighthouse in result.items():
        reports = lighthouse.reports
        performance = [scores(report)["performance"] for report in reports]
        best = performance[-1]
        rows.append(
            [
                f"`/{page}`",
                score_cell(best, "performance") + (" ✅" if best >= LIGHTHOUSE_TARGETS["performance"] else ""),
                ", ".join(map(str, performance)),
                ", ".join(str(blocking_ms(report)) for report in reports),
                ", ".join(
                    f"{report['audits']['largest-contentful-paint']['numericValue'] / 1000:.2f}" for report in reports
                ),
                ", ".join(str(round(report["environment"]["benchmarkIndex"])) for report in reports),
            ]
        )
    header = ["Page", "performance, best", "all runs", "TBT (ms)", "LCP (s)", "CPU benchmarkIndex"]
    return head + "\n" + table(header, rows) + "\n"


def cross_check(result: dict[str, PageLighthouse], transfer: TransferResult) -> str:
    """Compare the files counted in section 2 with what Chromium actually requested."""
    notes = []
    for label, page in result.items():
        counted = set(transfer.assets[label])
        requested = {path + "index.html" if path == PAGES[label] else path for path in page.requested}
        requested.discard("sw.js")  # given apart (worker_note): offline.js's HEAD, then the worker's own download
        if extra := sorted(requested - counted):
            notes.append(f"{label}: requested but not counted: {', '.join(extra)}")
        if missing := sorted(counted - requested):
            notes.append(f"{label}: counted but not requested: {', '.join(missing)}")
    detail = (
        "\n".join(f"- {note}" for note in notes)
        if notes
        else ("Chromium requested exactly the files counted in section 2 (nothing of Pagefind before a search).")
    )
    return "### Cross-check with Lighthouse's network log\n\n" + detail


def report(
    env: dict[str, str],
    builds: BuildResult | str,
    transfer: TransferResult,
    lighthouse: dict[str, PageLighthouse] | str,
    lighthouse_runs: int,
    slow: dict[str, list[float]] | str = "skipped",
    steps: dict[str, PageLighthouse] | str = "skipped",
    step_runs: int = 0,
) -> str:
    facts = "\n".join(f"- {key}: {value}" for key, value in env.items())
    return f"""# Benchmark results

Generated by `benchmarks/run.py --write` (see README, "Benchmark"). Run on demand; not a test.

{facts}

{build_section(builds)}
{transfer_section(transfer)}
{lighthouse_section(lighthouse, transfer, lighthouse_runs)}
{step_pages_section(steps, step_runs)}
{slow_paint_section(slow)}"""


# --- Main ---------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed builds per variant (default 5, at least 3)")
    parser.add_argument(
        "--lighthouse-runs",
        type=int,
        default=5,
        help="Lighthouse runs per page (default 5: single runs vary by ±3 points here)",
    )
    parser.add_argument(
        "--step-runs", type=int, default=2, help="Lighthouse runs of every step page (default 2, as issue 25 asks)"
    )
    parser.add_argument("--skip-lighthouse", action="store_true", help="only build times and transfer sizes")
    parser.add_argument("--skip-slow", action="store_true", help="no first paint on a slow connection (section 4)")
    parser.add_argument(
        "--skip-builds", action="store_true", help="no timed builds: transfer sizes and Lighthouse of one build"
    )
    parser.add_argument(
        "--reports",
        type=Path,
        default=BENCH / "reports",
        help="where Lighthouse's JSON/HTML reports go (default benchmarks/reports/)",
    )
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS.relative_to(ROOT)}")
    args = parser.parse_args()
    if args.runs < 3:
        parser.error("--runs must be at least 3")
    if args.lighthouse_runs < 1 or args.step_runs < 1:
        parser.error("--lighthouse-runs and --step-runs must be at least 1")
    return args


def main() -> None:
    args = parse_args()
    load_at_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="benchmark-") as tmp:
        work = Path(tmp)
        if args.skip_builds:
            snapshot(work / "project-macros")
            builds = "skipped (--skip-builds)"
        else:
            builds = benchmark_builds(args.runs, work)
        site = work / "site"
        with serve(site) as base_url:
            log(f"Building the site for {base_url} …")
            build(work / "project-macros", site, site_url=base_url)
            build_search_index(work / "project-macros", site)
            cut_theme_css(site)
            build_offline(site)
            transfer = benchmark_transfer(site, base_url)
            lighthouse = (
                "skipped (--skip-lighthouse)"
                if args.skip_lighthouse
                else benchmark_lighthouse(base_url, args.lighthouse_runs, args.reports)
            )
            steps = (
                "skipped (--skip-lighthouse)"
                if args.skip_lighthouse
                else benchmark_lighthouse(base_url, args.step_runs, args.reports, {page: page for page in STEP_PAGES})
            )
            slow = "skipped (--skip-slow)" if args.skip_slow else benchmark_slow_paint(base_url)
    text = report(
        environment(load_at_start), builds, transfer, lighthouse, args.lighthouse_runs, slow, steps, args.step_runs
    )
    if args.write:
        RESULTS.write_text(text, encoding="utf-8")
        log(f"Wrote {RESULTS}")
    print(text)


if __name__ == "__main__":
    main()
