"""Browser fixtures: the built site served on loopback, Debian's Chromium driven by Playwright.

Playwright cannot download its own browser here, so we launch /usr/bin/chromium (override with
CHROMIUM=/path). Every test gets a fresh browser context (empty localStorage) and a list of the
requests its pages made, so tests can assert that nothing leaves localhost.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(f"Chromium not found at {path}: run ./scripts/test (it installs Debian's chromium)")
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    from tests.conftest import SITE_PORT, SITE_URL

    server = http.server.ThreadingHTTPServer(("127.0.0.1", SITE_PORT), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield SITE_URL
    server.shutdown()


class _NoWorkers:
    """The browser, whose new contexts block service workers unless a test allows them
    (`service_workers="allow"`, tests/browser/test_offline.py): the site's worker precaches the
    whole site after a page has loaded, megabytes per context, which every other test would wait
    for and whose requests would mix with the page's own."""

    def __init__(self, browser) -> None:
        self._browser = browser

    def new_context(self, **options):
        return self._browser.new_context(**{"service_workers": "block", **options})

    def __getattr__(self, name: str):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield _NoWorkers(b)
        b.close()


class Requests(list):
    def foreign(self) -> list[str]:
        """URLs that did not go to this machine (data:/blob: URLs never leave the browser)."""
        out = []
        for url in self:
            parsed = urlparse(url)
            if parsed.scheme in ("data", "blob", "about"):
                continue
            if parsed.hostname not in ("127.0.0.1", "localhost"):
                out.append(url)
        return out


@pytest.fixture
def context(browser, site_url):
    ctx = browser.new_context(
        base_url=site_url,
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
        locale="da-DK",
    )
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    ctx.requests = Requests()
    ctx.on("request", lambda r: ctx.requests.append(r.url))
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    assert not errors, f"JavaScript errors on the page: {errors}"


@contextlib.contextmanager
def serving(root: Path, port: int = 0):
    """The folder `root` served on loopback (`port`, 0: any free one); yields the running server
    (`server.server_address[1]` is its port; a test may shut it down early: the host goes away)."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def served_under_parat(site: Path, root: Path):
    """`site` served under /parat/ (as on a host that publishes it in a folder), from the empty
    folder `root`; yields the address of /parat/."""
    (root / "parat").symlink_to(site)
    with serving(root) as server:
        yield f"http://127.0.0.1:{server.server_address[1]}/parat/"


@pytest.fixture
def sub_path_site(built_site: Path, tmp_path: Path):
    """The built site served under /parat/."""
    with served_under_parat(built_site, tmp_path) as url:
        yield url
