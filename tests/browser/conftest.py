"""Browser fixtures: the built site served on loopback, Debian's Chromium driven by Playwright.

Playwright cannot download its own browser here, so we launch /usr/bin/chromium (override with
CHROMIUM=/path). Every test gets a fresh browser context (empty localStorage) and a list of the
requests its pages made, so tests can assert that nothing leaves localhost.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.support import CHROMIUM_ARGS, address, serving
from tests.support import chromium_path as _chromium_path


def chromium_path() -> str:
    try:
        return _chromium_path()
    except FileNotFoundError as exc:
        pytest.fail(str(exc))


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
def served_under_parat(site: Path, root: Path):
    """`site` served under /parat/ (as on a host that publishes it in a folder), from the empty
    folder `root`; yields the address of /parat/."""
    (root / "parat").symlink_to(site)
    with serving(root) as server:
        yield address(server) + "parat/"


@pytest.fixture
def sub_path_site(built_site: Path, tmp_path: Path):
    """The built site served under /parat/."""
    with served_under_parat(built_site, tmp_path) as url:
        yield url
