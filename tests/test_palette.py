"""The palette (overrides/assets/stylesheets/palette.css) is the one place each colour is written:
the site and every PDF load it, and no other source file spells one of its colours."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pdfbuild import engine
from pdfbuild.guide import print_palette
from pdfbuild.meta import read_config
from tests.support import ROOT

PALETTE = ROOT / "overrides" / "assets" / "stylesheets" / "palette.css"
# Where a colour could be written: styles, templates, scripts (pdf-lib drawing), Python (QR codes,
# PDF drawing), the site configuration and the pages.
SOURCES = (".css", ".html", ".js", ".mjs", ".py", ".yml", ".yaml", ".md", ".svg", ".j2")
NOT_OURS = ("docs/assets/vendor/", "node_modules/")  # copied libraries


def palette() -> dict[str, str]:
    """{"--md-primary-fg-color": "#rrggbb", …}: every colour palette.css defines."""
    text = PALETTE.read_text(encoding="utf-8")
    return {name: value.lower() for name, value in re.findall(r"(--[\w-]+)\s*:\s*(#[0-9a-fA-F]{3,8})\s*;", text)}


def source_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [
        ROOT / name
        for name in listed
        if name.endswith(SOURCES) and not name.startswith(NOT_OURS) and (ROOT / name).is_file()
    ]


def test_the_palette_defines_materials_colours():
    assert {"--md-primary-fg-color", "--md-accent-fg-color"} <= palette().keys()
    assert len(set(palette().values())) == len(palette()), "two names for one colour: use one"


def test_no_palette_colour_is_written_outside_palette_css():
    colours = {value: name for name, value in palette().items() if value != "#ffffff"}  # white is no palette colour
    pattern = re.compile("|".join(re.escape(c) for c in colours) + r"(?![0-9a-f])", re.IGNORECASE)
    found = []
    for path in source_files():
        if path == PALETTE:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            for m in pattern.finditer(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {m.group(0)} → var({colours[m.group(0).lower()]})")
    assert found == [], "palette colours written outside palette.css:\n" + "\n".join(found)


def test_the_site_and_every_pdf_load_the_palette_first():
    config = read_config()
    assert config["extra_css"] == ["assets/stylesheets/screen.css"]
    imports = re.findall(r'^@import "([^"]+)";', (PALETTE.parent / "screen.css").read_text(encoding="utf-8"), re.M)
    assert imports[0] == PALETTE.name, imports
    for kind, sheets in engine.STYLESHEETS.items():
        assert sheets[0] == PALETTE, kind


def test_svg_colours_in_the_guide_come_from_the_palette():
    """pdfbuild/guide.py puts colours into SVGs (WeasyPrint's SVG knows no var()): resolved values."""
    resolved = print_palette()
    for name, value in palette().items():
        assert resolved[name].lower() == value
    assert resolved["--md-code-bg-color"].lower() == palette()["--ppp-tint"]
    assert all("var(" not in value for value in resolved.values())
