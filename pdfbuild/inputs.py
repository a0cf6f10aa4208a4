"""Whether a folder of PDFs is still what the project would make: a content hash of everything the
PDFs are made from, stored beside the manifest (macros.pdf_files.INPUTS), so `serve` restarted
with unchanged content keeps its PDFs instead of making them again (issue 25). `serve` stores the
same hash beside its search index (`python -m pdfbuild.inputs` prints it), which the hash covers too.

The hash covers the files of INPUT_PARTS (the content, the templates, the stylesheets, the code
that renders, the pinned packages), without what builds write into docs/ (GENERATED) and hidden
or cache files; and the build's facts: public address, version, date, kinds, site builder. It is
deliberately coarse (one hash for the whole build, not one per PDF): a change anywhere in docs/
also re-makes the worksheets, which is rare and always correct.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from macros import pdf_files

from .meta import BuildInfo

# What the PDFs are made from (relative to the project folder).
INPUT_PARTS = (
    *("mkdocs.yml", "pyproject.toml", "requirements.txt", "data", "docs", "macros", "overrides", "pdfbuild"),
    *("searchbuild", "pagefind.yml", "package-lock.json"),  # the search index's (serve keeps it too)
)
# What builds write into docs/ (the PDFs themselves, the search index of `serve`, minified modules,
# the vendored libraries, the published contract): never an input of the PDFs.
GENERATED = frozenset(
    {
        "docs/" + pdf_files.PDF_DIR,
        "docs/pagefind",
        "docs/assets/javascripts",
        "docs/assets/stylesheets",
        "docs/assets/vendor",
        "docs/assets/arbejdsark",
    }
)


def _files(root: Path) -> list[Path]:
    """Every input file below root, sorted by path, skipping GENERATED, hidden names and caches."""
    found: list[Path] = []
    for part in INPUT_PARTS:
        path = root / part
        if path.is_file():
            found.append(path)
            continue
        for folder, dirs, names in os.walk(path):
            rel = Path(folder).relative_to(root)
            dirs[:] = [
                d
                for d in dirs
                if not d.startswith(".") and d != "__pycache__" and (rel / d).as_posix() not in GENERATED
            ]
            found += [Path(folder) / n for n in names if not n.startswith(".") and not n.endswith(".pyc")]
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def inputs_hash(root: Path, info: BuildInfo, kinds: tuple[str, ...]) -> str:
    """SHA-256 (hex) of what a build of `kinds` at `root` makes its PDFs from."""
    root = Path(root).resolve()
    digest = hashlib.sha256()
    facts = {
        "site_url": info.site_url,
        "version": info.version,
        "date": info.date.isoformat(),
        "kinds": sorted(kinds),
        "builder": os.environ.get("BUILDER") or "mkdocs",
    }
    digest.update(json.dumps(facts, sort_keys=True).encode())
    for path in _files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def up_to_date(out_dir: Path, digest: str) -> dict | None:
    """The manifest of out_dir when its stored hash is `digest` and every PDF it lists is there; else None."""
    out_dir = Path(out_dir)
    try:
        stored = (out_dir / pdf_files.INPUTS).read_text(encoding="utf-8").strip()
        manifest = json.loads((out_dir / pdf_files.MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if stored != digest or not isinstance(files, dict) or not files:
        return None
    return manifest if all((out_dir / Path(name).name).is_file() for name in files) else None


if __name__ == "__main__":  # the hash of a full build of this project (SITE_URL as set), for scripts/serve
    from .meta import ROOT, load_build_info

    print(inputs_hash(ROOT, load_build_info(ROOT), pdf_files.KINDS))
