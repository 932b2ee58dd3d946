"""The window (no command) and `stockdesk screenshot`; Qt is imported only when they run."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from stockdesk.cli.database import database_url, open_db
from stockdesk.cli.options import Commands
from stockdesk.services.accounts import users
from stockdesk.services.database import Database
from stockdesk.services.maintenance import backup, demo, logging_setup


def add_commands(commands: Commands) -> None:
    shot = commands.add_parser("screenshot", help="save a PNG of the main window (offscreen)")
    shot.add_argument("path")
    shot.add_argument("--page", default="dashboard", help="dashboard, counter, items, alerts, reorder, ...")
    shot.set_defaults(handler=_cmd_screenshot)


def _cmd_screenshot(args: argparse.Namespace) -> int:
    from stockdesk.ui.app import save_screenshot

    db = open_db(args)
    save_screenshot(db, users.system_actor(db.uow()), Path(args.path), page=args.page)
    print(f"saved {args.path}")
    return 0


def _daily_backup(url: str) -> None:
    """Before the window opens, at most once a day, a rotated copy of the local file."""
    try:
        database = backup.database_file(url)
    except backup.BackupError:
        return  # a server database is backed up on the server
    if database.exists():
        made = backup.daily_backup(database)
        if made is not None:
            logging.getLogger(__name__).info("daily backup written to %s", made)


def run_window(args: argparse.Namespace) -> int:
    """`stockdesk` with no command: the window, on `--db` or the configured database."""
    from stockdesk.ui.app import run_app

    logging_setup.configure_logging()
    _daily_backup(database_url(args))  # the file the window will open

    def offer_demo(db: Database) -> None:
        demo.generate(db, users.system_actor(db.uow()), items=2000, stores=3, days=90)

    return run_app(args.db, offer_demo=offer_demo)  # no --db: the database of the configuration
