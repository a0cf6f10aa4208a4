"""The PDF step's file names and manifest: one definition, read by the macros (which link to the
PDFs) and by pdfbuild (which makes them).

Names are without ".pdf": a worksheet's PDF is named by its id, a print pack `printpakke-<chapter>`
(a step id, or the chapter of the worksheets without a step), the whole guide GUIDE.
"""

from __future__ import annotations

import json
from pathlib import Path

PDF_DIR = "pdf"  # under docs/: where the site serves the PDFs from, and the build step's default output
MANIFEST = "manifest.json"  # in PDF_DIR: {"version", "date", "site_url", "files": {file name: entry}}
INPUTS = "inputs.sha256"  # beside the manifest: the hash of what the PDFs were made from (pdfbuild/inputs.py)
GUIDE = "parat-til-private-partnerskaber"
PACK_PREFIX = "printpakke-"


def file_name(name: str) -> str:
    return f"{name}.pdf"


def pack(chapter_id: str) -> str:
    """The print pack of a chapter: "trin-3" → "printpakke-trin-3"."""
    return PACK_PREFIX + chapter_id


def site_path(name: str) -> str:
    """The PDF's path from the site root: "trin-3-refleksion" → "pdf/trin-3-refleksion.pdf"."""
    return f"{PDF_DIR}/{file_name(name)}"


def read_manifest(pdf_dir: Path) -> dict[str, dict]:
    """The manifest's files (file name → {"kind", "pages", "bytes", "fields"}); {} when there is none.

    A missing or unreadable manifest means "no PDFs": the site then shows no download links.
    """
    try:
        files = json.loads((Path(pdf_dir) / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return files if isinstance(files, dict) else {}


def foreign_pdfs(pdf_dir: Path, site_url: str) -> str | None:
    """An English note for the build's output when `pdf_dir` holds PDFs made for another address
    than `site_url` (their footers and QR codes lead there: `serve` leaves http://127.0.0.1:8000/
    PDFs in docs/pdf/); None when there are none, or they were made for `site_url`."""
    try:
        made = json.loads((Path(pdf_dir) / MANIFEST).read_text(encoding="utf-8"))
        made_for, date = str(made["site_url"]), str(made.get("date", "?"))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if made_for.rstrip("/") == site_url.rstrip("/"):
        return None
    return (
        f"the PDFs copied from docs/{PDF_DIR}/ were made for {made_for} ({date}), not for this build's "
        f"{site_url}: their footers and QR codes lead there. Publish with scripts/build (it makes them anew)."
    )


# The kinds of PDF the build makes (`--only`; a manifest entry's "kind"), in build order.
KINDS = ("arbejdsark", "printpakke", "bog")
