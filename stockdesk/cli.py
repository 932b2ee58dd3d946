"""`stockdesk`: no argument opens the window; sub-commands run headless jobs."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from stockdesk import __version__
from stockdesk.db.engine import default_database_url
from stockdesk.domain.errors import StockDeskError
from stockdesk.services import backup, check, demo, logging_setup, users
from stockdesk.services.database import Database, open_database

Handler = Callable[[argparse.Namespace], int]

# Sub-systems add their own commands: each module has `add_commands(subparsers)`.
COMMAND_MODULES: list[str] = [
    "stockdesk.reports.commands",
    "stockdesk.planning_cli",
    "stockdesk.admin_cli",
    "stockdesk.sync.commands",
    "stockdesk.scanner.commands",
    "stockdesk.api.command",
]

DEMO_ADMIN = ("admin@stockdesk.local", "stockdesk-demo")


def _open(args: argparse.Namespace) -> Database:
    return open_database(args.db or default_database_url())


def _cmd_init_db(args: argparse.Namespace) -> int:
    db = _open(args)
    print(f"database ready: {db.description} (desk {db.desk_id})")
    if db.backup:
        print(f"backup of the previous version: {db.backup}")
    return 0


def _demo_actor(db: Database) -> users.Actor:
    if not users.has_users(db.uow()):
        email, password = DEMO_ADMIN
        print(f"created administrator {email} with password {password!r}: change it after logging in")
        return users.create_first_admin(db.uow(), email=email, password=password, name="Demo admin")
    return users.system_actor(db.uow())


def _cmd_demo(args: argparse.Namespace) -> int:
    db = _open(args)

    def progress(stage: str, done: int, total: int) -> None:
        if done == total or done % max(1, total // 10) == 0:
            print(f"  {stage}: {done:,}/{total:,}", flush=True)

    summary = demo.generate(
        db,
        _demo_actor(db),
        items=args.items,
        stores=args.stores,
        days=args.days,
        seed=args.seed,
        progress=progress,
    )
    print(f"demo data: {summary.items:,} items, {summary.stores} stores, {summary.movements:,} movements")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    differences = check.find_differences(_open(args).uow())
    if not differences:
        print("ok: every stock level equals the sum of its movements")
        return 0
    print(f"{len(differences)} stock level(s) disagree with the ledger:")
    for d in differences:
        print(f"  {d.sku} in {d.store_code}: stock_level {d.on_hand} but ledger {d.ledger}")
    return 1


def _cmd_screenshot(args: argparse.Namespace) -> int:
    from stockdesk.ui.app import save_screenshot

    db = _open(args)
    save_screenshot(db, users.system_actor(db.uow()), Path(args.path))
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


def _cmd_run(args: argparse.Namespace) -> int:
    from stockdesk.ui.app import chosen_database_url, run_app

    logging_setup.configure_logging()
    _daily_backup(chosen_database_url(args.db))  # the file the window will open (--db or settings)

    def offer_demo(db: Database) -> None:
        demo.generate(db, users.system_actor(db.uow()), items=2000, stores=3, days=90)

    return run_app(args.db, offer_demo=offer_demo)  # no --db: the database chosen in the settings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stockdesk", description="StockDesk point-of-stock application")
    parser.add_argument("--version", action="version", version=f"stockdesk {__version__}")
    parser.add_argument(
        "--db", help="database: a SQLite file path or a postgresql:// URL (default: local file)"
    )
    parser.set_defaults(handler=_cmd_run)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    sub.add_parser("init-db", help="create or upgrade the database").set_defaults(handler=_cmd_init_db)
    demo_parser = sub.add_parser("demo", help="fill the database with a realistic demo catalogue and history")
    demo_parser.add_argument("--items", type=int, default=2000)
    demo_parser.add_argument("--stores", type=int, default=3)
    demo_parser.add_argument("--days", type=int, default=90)
    demo_parser.add_argument("--seed", type=int, default=7)
    demo_parser.set_defaults(handler=_cmd_demo)
    sub.add_parser("check", help="prove stock levels equal the ledger (exit 1 if not)").set_defaults(
        handler=_cmd_check
    )
    shot = sub.add_parser("screenshot", help="save a PNG of the main window (offscreen)")
    shot.add_argument("path")
    shot.set_defaults(handler=_cmd_screenshot)
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except StockDeskError as error:
        print(f"stockdesk: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
