"""One `mkdocs build` in this process, timing where the macros plugin spends its time.

Run by benchmarks/run.py in a fresh process with the project snapshot first on PYTHONPATH:

    python benchmarks/profile_build.py CONFIG_FILE SITE_DIR

Prints one JSON object (seconds) on stdout: importing the project's macros package (the plain
build imports it too, for the toc slugify), load_content (YAML + validation), the macros plugin's
on_config (load_content + Jinja/macro setup), its on_page_markdown summed over all pages (every
macro call), Markdown → HTML (Page.render), the theme templates (_build_page), and the whole
process after interpreter start-up (all imports and the build).
"""

from __future__ import annotations

import functools
import json
import sys
import time

STARTED = time.perf_counter()  # MkDocs is imported in main(): the total includes its imports

timings: dict[str, float] = {}


def timed(name: str, func):
    """Wrap func so its run time is added to timings[name]."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - start

    return wrapper


def main(config_file: str, site_dir: str) -> None:
    from mkdocs.__main__ import cli
    from mkdocs.commands import build
    from mkdocs.structure.pages import Page
    from mkdocs_macros.plugin import MacrosPlugin

    start = time.perf_counter()

    from macros import cache  # the project package; define_env loads the content through cache

    timings["import_macros"] = time.perf_counter() - start

    cache.load_content = timed("load_content", cache.load_content)
    MacrosPlugin.on_config = timed("macros_on_config", MacrosPlugin.on_config)
    MacrosPlugin.on_page_markdown = timed("macros_page_rendering", MacrosPlugin.on_page_markdown)
    Page.render = timed("markdown_to_html", Page.render)
    build._build_page = timed("theme_templates", build._build_page)

    cli(["build", "--strict", "--quiet", "-f", config_file, "-d", site_dir], standalone_mode=False)
    timings["whole_process"] = time.perf_counter() - STARTED
    print(json.dumps(timings))


if __name__ == "__main__":
    main(*sys.argv[1:])
