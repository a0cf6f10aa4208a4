"""The committed list of the site's question numbers (tests/item_numbers.txt).

A number ("3.2") is said aloud on a call, written on printouts and printed in the PDFs: once
published it must keep meaning the same question. Each line is `<number> <worksheet id>--<item
id>` (the item's anchor). `tests/test_item_numbers.py` fails when a listed number would now mean
another item, or is gone; new numbers are added with:  .venv/bin/python -m tests.item_numbers
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.content import Content, load_content
from macros.contract import item_numbers
from tests.support import ROOT

NUMBERS = ROOT / "tests" / "item_numbers.txt"
HEADER = "# The site's question numbers and what each means. Only grows: see tests/item_numbers.py.\n"


def current(content: Content) -> dict[str, str]:
    """Number → "<worksheet id>--<item id>" as the content numbers them now."""
    return {
        nr: f"{sheet_id}--{item_id}"
        for sheet_id, items in item_numbers(content).items()
        for item_id, nr in items.items()
    }


def read_numbers(path: Path = NUMBERS) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            nr, item = line.split()
            out[nr] = item
    return out


def sort_key(nr: str) -> tuple[int, str, int]:
    """Steps in order (1, 2, … 7), then "G"; within each, n as a number (3.2 before 3.10)."""
    prefix, n = nr.split(".")
    return (0, f"{int(prefix):04d}", int(n)) if prefix.isdigit() else (1, prefix, int(n))


def write_numbers(numbers: dict[str, str], path: Path = NUMBERS) -> None:
    path.write_text(HEADER + "".join(f"{nr} {numbers[nr]}\n" for nr in sorted(numbers, key=sort_key)), encoding="utf-8")


def changed(known: dict[str, str], now: dict[str, str]) -> list[str]:
    """A line for every published number that would mean another item now, or would be gone."""
    return [
        f"  {nr}: published for {known[nr]}, would now be " + (f"{now[nr]}" if nr in now else "gone")
        for nr in sorted(known, key=sort_key)
        if now.get(nr) != known[nr]
    ]


def main() -> int:
    known = read_numbers() if NUMBERS.exists() else {}
    now = current(load_content(ROOT))
    problems = changed(known, now)
    if problems:
        print("Not written: published question numbers would change meaning (see tests/test_item_numbers.py):")
        print("\n".join(problems))
        return 1
    write_numbers({**known, **now})
    print(f"{len(set(now) - set(known))} new, {len(now)} in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
