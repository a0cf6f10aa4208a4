"""The Jinja environment every template of the project renders in: one set of settings for the
site's templates (macros/templates/, `TEMPLATES`) and the PDFs' (pdfbuild/templates/).

Autoescaping on for files and strings (every text from YAML is escaped), undefined names are
errors (a typo in a template fails the build), and block tags leave no blank lines behind (a blank
line would end an HTML block in Python-Markdown). Every template sees `t`, the strings file.
A module of its own, below render.py and copy_links.py, so both can use it without importing
each other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .strings import t


def environment(folder: Path) -> Environment:
    """A Jinja environment loading templates from `folder`, with the project's settings."""
    env = Environment(
        loader=FileSystemLoader(folder),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["t"] = t
    return env


# The site's templates; macros/render.py adds the globals and filters the worksheets use.
TEMPLATES = environment(Path(__file__).parent / "templates")


def macro(template: str, name: str) -> Any:
    """A macro of a template (e.g. _kopier-link.html's copy_link), callable from Python; returns Markup."""
    return getattr(TEMPLATES.get_template(template).module, name)
