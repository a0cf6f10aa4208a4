"""`python -m macros.check [FILE …]`: validate data files; with no arguments, all of data/."""

import sys
from pathlib import Path

from .content import ContentError, check_file, load_content

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    if argv:
        problems = [p for f in argv for p in check_file(Path(f), ROOT)]
    else:
        try:
            load_content(ROOT)
            problems = []
        except ContentError as exc:
            problems = exc.problems
    for p in problems:
        print(p, file=sys.stderr)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
