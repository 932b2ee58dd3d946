"""`python -m bench [NAME ...]`: run benchmarks and print their tables (default: foundation).

Each NAME is a module of this package (foundation, scan, photos, forecast, report_pdf, ...);
`python -m bench NAME --option ...` hands the options to that one.
"""

from __future__ import annotations

import importlib
import sys


def main(argv: list[str]) -> int:
    """`NAME [NAME ...]` runs each; `NAME --option ...` runs one and hands it the options."""
    names = [arg for arg in argv if not arg.startswith("-")] or ["foundation"]
    options: list[str] = []
    if any(arg.startswith("-") for arg in argv):
        names, options = argv[:1], argv[1:]
    for name in names:
        sys.argv = [f"bench {name}", *options]  # a bench that parses its options never sees the NAMEs
        module = importlib.import_module(f"bench.{name}")
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
