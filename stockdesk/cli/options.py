"""Global options accepted anywhere: `stockdesk --db X check` and `stockdesk check --db X` alike."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

Handler = Callable[[argparse.Namespace], int]

DB_HELP = "a SQLite file path or a postgresql:// URL (default: the configured database, else the local file)"


def add_global_options(parser: argparse.ArgumentParser, *, default: object) -> None:
    """The options every command accepts, wherever they are typed."""
    parser.add_argument("--db", metavar="URL", default=default, help=DB_HELP)


def _global_options() -> argparse.ArgumentParser:
    # SUPPRESS: a command's parser leaves `db` alone unless the option is typed after the command,
    # so a --db typed before the command is kept (and one typed after it wins).
    parent = argparse.ArgumentParser(add_help=False)
    add_global_options(parent, default=argparse.SUPPRESS)
    return parent


class Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """Sub-commands that all accept the global options (and whose own sub-commands do too)."""

    def add_parser(self, name: str, **kwargs: Any) -> CommandParser:
        kwargs["parents"] = [*kwargs.get("parents", ()), _global_options()]
        parser = super().add_parser(name, **kwargs)
        assert isinstance(parser, CommandParser)
        return parser


class CommandParser(argparse.ArgumentParser):
    """An ArgumentParser whose sub-command groups are `Commands`."""

    def add_subparsers(self, **kwargs: Any) -> Commands:
        kwargs.setdefault("action", Commands)
        kwargs.setdefault("parser_class", CommandParser)
        commands = super().add_subparsers(**kwargs)
        assert isinstance(commands, Commands)
        return commands
