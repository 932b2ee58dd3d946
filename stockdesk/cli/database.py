"""The database a command works on: `--db`, else the one the configuration names, else the local file.

The window opens the same one (`stockdesk.config.database_url`), so `stockdesk check` without `--db`
checks the database the window shows.
"""

from __future__ import annotations

import argparse

from stockdesk import config
from stockdesk.services.database import Database, open_database


def database_url(args: argparse.Namespace) -> str:
    return config.database_url(getattr(args, "db", None))


def named_database_url(args: argparse.Namespace) -> str | None:
    """`--db` or the configured database; None when neither names one (no implicit local file)."""
    explicit = getattr(args, "db", None)
    return explicit or config.ConfigStore().load(with_secrets=False).database_url or None


def open_db(args: argparse.Namespace) -> Database:
    """Open (creating or upgrading it first) the command's database."""
    return open_database(database_url(args))
