"""The entry point: the parser built from the command groups, and `main`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Protocol

from stockdesk import __version__
from stockdesk.cli import items, locations, maintenance, planning, reports, scan, serve, sync, users, window
from stockdesk.cli.options import CommandParser, Commands, Handler, add_global_options
from stockdesk.domain.errors import StockDeskError


class CommandGroup(Protocol):
    def add_commands(self, commands: Commands) -> None: ...


# One module per group with `add_commands(commands)`, in the order `stockdesk --help` lists them.
# A new group (the API's `serve`, say: stockdesk/cli/serve.py) is its name in the import above and here.
COMMAND_GROUPS: tuple[CommandGroup, ...] = (
    maintenance, window, reports, planning, items, locations, users, sync, scan, serve
)


def build_parser() -> CommandParser:
    parser = CommandParser(prog="stockdesk", description="StockDesk point-of-stock application")
    parser.add_argument("--version", action="version", version=f"stockdesk {__version__}")
    add_global_options(parser, default=None)
    parser.set_defaults(handler=window.run_window)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for group in COMMAND_GROUPS:
        group.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except StockDeskError as error:
        print(f"stockdesk: {error}", file=sys.stderr)
        return 2


__all__ = ["COMMAND_GROUPS", "build_parser", "main"]
