"""`python -m bench [NAME ...]`: run benchmarks and print their tables (default: foundation).

Each NAME is a module of this package (foundation, scan, forecast, report_pdf, ...).
"""

from __future__ import annotations

import importlib
import sys


def main(argv: list[str]) -> int:
    names = argv or ["foundation"]
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
