"""What tests and benchmarks share beyond fixtures: the project root, and a static file server.

Plain functions and constants, no pytest: benchmarks/ import this module too.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
