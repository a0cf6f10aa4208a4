"""Cross-engine fixtures: Debian's WebKitGTK (WebKitWebDriver + MiniBrowser) driven by Selenium.

WebKitGTK has no headless mode here (MiniBrowser has no --headless; WebKitWebDriver has no option for
it), so the session starts its own Xvfb on a free display and ends it. One browser for the whole
session; every test starts from an empty localStorage (`wk` clears it), which is what a fresh
context gives the Chromium tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"


def _need(path: str, what: str) -> str:
    if not Path(path).exists():
        pytest.fail(f"{what} not found at {path}: run ./scripts/bootstrap --test (it installs webkit2gtk-driver, xvfb)")
    return path


@pytest.fixture(scope="session")
def xdisplay():
    """A display for WebKitGTK: Xvfb on the first free display number (it writes the number it took)."""
    xvfb = _need(shutil.which("Xvfb") or "/usr/bin/Xvfb", "Xvfb")
    read, write = os.pipe()
    proc = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1366x900x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    if not number:
        proc.kill()
        pytest.fail("Xvfb did not start")
    yield f":{number}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def webkit(xdisplay):
    from selenium import webdriver
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    options = Options()
    options.binary_location = _need(MINIBROWSER, "MiniBrowser (WebKitGTK)")
    options.add_argument("--automation")
    service = Service(executable_path=_need(WEBKIT_DRIVER, "WebKitWebDriver"), env={**os.environ, "DISPLAY": xdisplay})
    driver = webdriver.WebKitGTK(options=options, service=service)
    driver.set_window_size(1366, 900)
    driver.set_script_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture
def wk(webkit, site_url):
    """The WebKit session on the site's home page with no answers stored (test_webkit.go collects errors)."""
    webkit.get(site_url)
    webkit.execute_script("localStorage.clear(); sessionStorage.clear();")
    webkit.base = site_url
    yield webkit
