"""Offline after the first visit (issue 24), in Chromium, with the site under a sub-path (/parat/):
one visit online, then the host gone (the server stopped) and the browser offline; and a new
deployment replacing the old pages. The build's side (the precache list) is tests/test_offline.py.

Service workers are blocked in every other browser test (conftest._NoWorkers); these allow them.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from offlinebuild import build as build_offline
from tests.browser.helpers import export, field, open_sheet, tool
from tests.search.run import open_pagefind, pagefind_search
from tests.support import serving

SHEET = "trin-3-foer-moedet"
ANSWER = "Skrevet uden net"
READY = "Klar til brug uden net"


def visit(browser, url: str):
    """A new reader's browser context (workers allowed) with a page whose JavaScript errors are kept."""
    ctx = browser.new_context(
        base_url=url,
        service_workers="allow",
        accept_downloads=True,
        locale="da-DK",
        viewport={"width": 1366, "height": 800},
    )
    ctx.set_default_timeout(15_000)
    page = ctx.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return ctx, page


def wait_ready(page) -> None:
    """The footer says the site is ready offline: the worker is active (its precache complete) and
    controls the page."""
    page.locator("#offline-status").wait_for(timeout=120_000)
    assert page.locator("#offline-status").inner_text() == READY
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def eventually(page, predicate: str, timeout_ms: int = 30_000) -> None:
    """Returns once `predicate` (a JavaScript function, may return a promise) is true, polling across
    the page's own navigations: a page that reloads itself destroys the context an `evaluate` runs
    in, which is a reason to ask again, not a failure. AssertionError after `timeout_ms`."""
    for _ in range(timeout_ms // 100):
        try:
            if page.evaluate(predicate):
                return
        except PlaywrightError as error:
            if "context was destroyed" not in str(error) and "navigat" not in str(error):
                raise
        page.wait_for_timeout(100)
    raise AssertionError(f"not true after {timeout_ms} ms: {predicate}")


def fetch_status(page, path: str) -> int:
    """The status of `path` fetched by the page (through its worker); 0 when it fails (offline)."""
    return page.evaluate("p => fetch(p).then(r => r.status, () => 0)", path)


@contextlib.contextmanager
def first_visit(browser, site: Path, folder: Path, path: str = "trin-1/"):
    """`site` deployed under /parat/ (a link in `folder`), a new reader's first visit at `path`,
    until the footer says the site is ready offline; yields (the deployment's link, the server,
    the browser context, the page)."""
    served = folder / "parat"
    served.symlink_to(site)
    with serving(folder) as server:
        ctx, page = visit(browser, f"http://127.0.0.1:{server.server_address[1]}/parat/")
        page.goto(path)
        wait_ready(page)
        yield served, server, ctx, page
        ctx.close()


def link_to(site: Path, where: Path) -> None:
    """Point the served folder `where` (a symbolic link) at `site`, in one step (a deployment)."""
    tmp = where.with_name(where.name + ".new")
    tmp.symlink_to(site)
    os.replace(tmp, where)


def test_the_site_works_offline_after_one_visit(browser, built_site, tmp_path):
    with first_visit(browser, built_site, tmp_path, "") as (_, server, ctx, page):
        # The worker never competes with the page: offline.js first asks for sw.js once the load event fires.
        assert page.evaluate(
            """() => performance.getEntriesByType('resource').find(e => e.name.endsWith('/sw.js')).startTime
                     >= performance.getEntriesByType('navigation')[0].loadEventStart"""
        )
        # A print pack opened online is kept (runtime cache); the whole guide was never opened.
        assert fetch_status(page, "pdf/printpakke-trin-3.pdf") == 200
        # The worker writes its cache beside the response, after the page has it (4–9 ms later,
        # measured): the offline fetch below could come first and find nothing. Wait until it is kept.
        page.wait_for_function("() => caches.match('pdf/printpakke-trin-3.pdf').then(Boolean)")
        server.shutdown()  # the host is gone, and the browser offline
        server.server_close()
        ctx.set_offline(True)
        assert fetch_status(page, "pdf/parat-til-private-partnerskaber.pdf") == 0  # on first use: not precached
        assert fetch_status(page, "pdf/printpakke-trin-3.pdf") == 200

        # Navigate: by address, and by a link.
        page.goto("trin-3/")
        assert "Det første møde" in page.locator("h1").inner_text()
        page.locator("a.md-footer__link--next").click()
        page.wait_for_url("**/parat/trin-4/")
        page.wait_for_function("() => document.querySelector('h1').textContent.includes('Dialog')")
        assert page.locator("#offline-status").inner_text() == READY  # back in the new footer

        # Search: Pagefind's scripts, its index and its WebAssembly come from the cache.
        open_pagefind(page)
        assert pagefind_search(page, "risikoanalyse")
        page.keyboard.press("Escape")

        # Fill in a worksheet, reload: the answer is still there.
        sheet = open_sheet(page, f"arbejdsark/{SHEET}/", SHEET)
        key = sheet.locator("textarea[data-key]").first.get_attribute("data-key")
        field(sheet, key).fill(ANSWER)
        page.wait_for_function(f"() => Object.keys(localStorage).some(k => localStorage[k].includes('{ANSWER}'))")
        page.reload()
        sheet = open_sheet(page, f"arbejdsark/{SHEET}/", SHEET)
        assert field(sheet, key).input_value() == ANSWER

        # Export: the answers file, and the filled PDF (pdf-lib and the blank PDF from the cache).
        _, data = export(page, sheet)
        assert ANSWER in json.dumps(data, ensure_ascii=False)
        from pypdf import PdfReader

        with page.expect_download() as download:
            tool(sheet, "pdf-filled").click()
        fields = PdfReader(download.value.path()).get_fields()
        assert any(f.get("/V") == ANSWER for f in fields.values())

        # Print: the print stylesheets (loaded with media="print") came from the cache.
        assert page.evaluate(
            "() => [...document.querySelectorAll('link[media=print]')].every(l => l.sheet && l.sheet.cssRules.length)"
        )
        page.emulate_media(media="print")
        printed = PdfReader(io.BytesIO(page.pdf(format="A4")))
        page.emulate_media(media="screen")
        assert ANSWER in "".join(p.extract_text() for p in printed.pages)

        # The blank worksheet PDF: the sheet's own download link ("Flere handlinger").
        blank = sheet.locator(f'a[href$="pdf/{SHEET}.pdf"]').first
        if not blank.is_visible():
            sheet.locator("[data-ark-menu]").first.click()
        with page.expect_download() as download:
            blank.click()
        assert Path(download.value.path()).read_bytes() == (built_site / "pdf" / f"{SHEET}.pdf").read_bytes()

        # A meeting pack on "Mit partnerskab": pdf-lib, the QR library and the blank PDFs, all cached.
        page.goto("arbejdsark/")
        pack = page.locator("[data-ark-moedepakke]")
        page.wait_for_function("() => document.querySelector('[data-ark-moedepakke]').dataset.bound === '1'")
        pack.locator(f'input[name="{SHEET}"]').fill("2")
        with page.expect_download() as download:
            pack.locator("button[type=submit]").click()
        one = len(PdfReader(built_site / "pdf" / f"{SHEET}.pdf").pages)
        assert len(PdfReader(download.value.path()).pages) == 1 + 2 * one

        assert page.errors == []


@pytest.fixture
def two_builds(built_site, tmp_path) -> tuple[Path, Path]:
    """(the session's site, a later deployment of it whose Trin 1 page has a new sentence). The
    later one is the same build with the page changed and the offline step run again: the precache
    is made from the files, so this is what a new build gives the worker."""
    new = tmp_path / "new"
    shutil.copytree(built_site, new)
    page = new / "trin-1" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert html.count("</h1>") == 1
    page.write_text(
        html.replace("</h1>", "</h1><p id='ny-tekst'>En ny sætning fra den nye udgave.</p>"), encoding="utf-8"
    )
    build_offline(new)
    return built_site, new


def test_a_new_build_replaces_the_old_pages(browser, two_builds, tmp_path):
    old, new = two_builds
    with first_visit(browser, old, tmp_path) as (served, _, ctx, page):
        assert page.locator("#offline-update").count() == 0  # the first install is no new version

        link_to(new, served)  # the new deployment
        page.reload()  # the old page, from the cache; the browser finds the new worker
        notice = page.locator("#offline-update")
        notice.wait_for(timeout=120_000)
        assert notice.inner_text() == "Ny version – genindlæs"
        assert page.locator("#ny-tekst").count() == 0
        with page.expect_navigation():
            notice.get_by_role("button", name="genindlæs").click()
        page.locator("#ny-tekst").wait_for()
        wait_ready(page)
        assert page.locator("#offline-update").count() == 0
        # Offline, the new version is what opens.
        ctx.set_offline(True)
        page.goto("trin-1/")
        assert page.locator("#ny-tekst").count() == 1
        assert page.errors == []


def test_a_site_without_a_worker_retires_the_old_one(browser, built_site, tmp_path):
    """`scripts/serve` publishes no sw.js: a worker an earlier build left on the same address is
    unregistered and the page reloaded from the network (a stale worker would show old pages)."""
    preview = tmp_path / "preview"
    shutil.copytree(built_site, preview)
    (preview / "sw.js").unlink()
    root = tmp_path / "root"
    root.mkdir()
    with first_visit(browser, built_site, root) as (served, _, _, page):
        link_to(preview, served)
        # The page the old worker serves retires it and reloads itself from the network: wait for
        # the page no worker controls, whenever that reload happens.
        page.reload()
        eventually(
            page,
            "() => navigator.serviceWorker.getRegistrations().then(r => r.length === 0 && !navigator.serviceWorker.controller)",
        )
        assert page.evaluate("() => caches.keys().then(k => k.filter(n => n.includes('precache')))") == []
        assert page.locator("#offline-status").count() == 0
