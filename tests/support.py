"""What tests and benchmarks share beyond fixtures: the project root, Chromium, a static server.

Plain functions and constants, no pytest: benchmarks/ import this module, not the test harness.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent

# Debian's Chromium, as Playwright launches it here (it cannot download its own browser).
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
    """The Chromium to launch: $CHROMIUM, else chromium on PATH, else /usr/bin/chromium.

    Raises FileNotFoundError when there is none."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise FileNotFoundError(
            f"Chromium not found at {path}: run ./scripts/bootstrap (it installs Debian's chromium)"
        )
    return path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without a log line per request (test and benchmark output stays readable)."""

    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serving(
    root: Path, port: int = 0, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler
) -> Iterator[http.server.ThreadingHTTPServer]:
    """The folder `root` served on 127.0.0.1:`port` (0: any free one) by `handler` in a thread;
    yields the running server (`address(server)` is its base URL; a test may shut it down early:
    the host goes away)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def address(server: http.server.ThreadingHTTPServer) -> str:
    """The base URL of a server `serving` started: "http://127.0.0.1:<port>/"."""
    return f"http://127.0.0.1:{server.server_address[1]}/"
