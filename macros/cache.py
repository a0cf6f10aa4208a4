"""Content loaded once per state of its input files, because Zensical runs define_env once per page.

The key is (path, mtime in ns, size) of every file load_content reads: data/** and the docs pages
(docs/**/*.md) whose worksheet embeds it checks. Stat-ing them costs a few milliseconds (about
3 ms measured); loading costs about 0.7 s. This module's state survives Zensical re-executing macros/__init__.py per page,
since it is imported as a submodule (sys.modules keeps it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .content import Content, load_content

_last: tuple[tuple, Content] | None = None  # (key, content) of the last load


def inputs_key(root: Path) -> tuple:
    """(relative path, mtime_ns, size) of every input file under the project folder `root`, sorted."""
    root = Path(root)
    files = [p for p in (root / "data").rglob("*") if p.is_file()] + list((root / "docs").rglob("*.md"))
    return tuple(sorted((p.relative_to(root).as_posix(), (s := p.stat()).st_mtime_ns, s.st_size) for p in files))


def cached_content(root: Path, on_load: Callable[[Content], object] = lambda c: None) -> Content:
    """load_content(root), reloaded only when inputs_key(root) changed; `on_load` runs after each reload.

    Raises ContentError as load_content does (nothing is cached then, so the next call retries).
    """
    global _last
    key = (str(Path(root).resolve()), inputs_key(root))
    if _last is None or _last[0] != key:
        content = load_content(Path(root))
        on_load(content)
        _last = (key, content)
    return _last[1]
