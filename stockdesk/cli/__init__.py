"""The `stockdesk` command: no argument opens the window; sub-commands run headless jobs.

`main.py` builds the parser from the command groups it lists, one module per group; `options.py`
lets every command take the global options (`--db`) before or after its name; `database.py` opens
the database a command works on (`--db`, else the configured one, else the local file).
"""

from stockdesk.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
