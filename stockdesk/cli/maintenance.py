"""The database itself: `init-db`, `demo`, `check`, `vacuum`, `backup` and `restore`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from stockdesk.cli.database import database_url, open_db
from stockdesk.cli.options import Commands
from stockdesk.domain.permissions import Actor
from stockdesk.services.accounts import users
from stockdesk.services.database import Database
from stockdesk.services.inventory import check, orphans
from stockdesk.services.maintenance import backup, demo, upkeep

DEMO_ADMIN = ("admin@stockdesk.local", "stockdesk-demo")


def add_commands(commands: Commands) -> None:
    commands.add_parser("init-db", help="create or upgrade the database").set_defaults(handler=_cmd_init_db)
    demo_parser = commands.add_parser(
        "demo", help="fill the database with a realistic demo catalogue and history"
    )
    demo_parser.add_argument("--items", type=int, default=2000)
    demo_parser.add_argument("--stores", type=int, default=3)
    demo_parser.add_argument("--days", type=int, default=90)
    demo_parser.add_argument("--seed", type=int, default=7)
    demo_parser.set_defaults(handler=_cmd_demo)
    parser = commands.add_parser("check", help="prove stock levels equal the ledger (exit 1 if not)")
    parser.add_argument(
        "--rebuild-tally",
        action="store_true",
        help="work out again what PostgreSQL keeps for the item lists (the listed items' tally, "
        "each item's low-stock marks), then check",
    )
    parser.set_defaults(handler=_cmd_check)
    commands.add_parser(
        "vacuum",
        help="PostgreSQL: clear dead rows, merge pending search entries, renew statistics "
        "(what autovacuum does; needed where it is off)",
    ).set_defaults(handler=_cmd_vacuum)

    parser = commands.add_parser("backup", help="write a consistent copy of the local database")
    parser.add_argument("--out", type=Path, help="backup file (default: backups/ next to the database)")
    parser.set_defaults(handler=_cmd_backup)

    parser = commands.add_parser("restore", help="replace the local database with a backup")
    parser.add_argument("file", type=Path)
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    parser.set_defaults(handler=_cmd_restore)


def _cmd_init_db(args: argparse.Namespace) -> int:
    db = open_db(args)
    print(f"database ready: {db.description} (desk {db.desk_id})")
    if db.backup:
        print(f"backup of the previous version: {db.backup}")
    return 0


def _demo_actor(db: Database) -> Actor:
    if not users.has_users(db.uow()):
        email, password = DEMO_ADMIN
        print(f"created administrator {email} with password {password!r}: change it after logging in")
        return users.create_first_admin(db.uow(), email=email, password=password, name="Demo admin")
    return users.system_actor(db.uow())


def _cmd_demo(args: argparse.Namespace) -> int:
    db = open_db(args)

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


def _cmd_vacuum(args: argparse.Namespace) -> int:
    db = open_db(args)
    started = time.perf_counter()
    if upkeep.vacuum(db):
        print(f"vacuumed {db.description} in {time.perf_counter() - started:.1f} s")
    else:
        print(f"nothing to vacuum in {db.description}: SQLite reuses the space of deleted rows itself")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    db = open_db(args)
    warning = upkeep.autovacuum_warning(db)
    if warning:
        print(warning)
    for skus in check.sku_clashes(db.uow()):
        print(f"warning: one SKU ignoring case and spaces, several items: {', '.join(map(repr, skus))}")
    lost = orphans.find_orphans(db.uow())
    if lost:
        print(f"{len(lost)} movement reference(s) name rows that do not exist:")
    for orphan in lost:
        print(f"  movement {orphan.movement_id}: its {orphan.column} {orphan.missing} does not exist")
    if args.rebuild_tally:
        print(f"the tally of listed items is rebuilt: {check.rebuild_tally(db.uow()):,} items are listed")
        low = check.rebuild_low_marks(db.uow())
        if low is not None:
            print(f"the low-stock marks are rebuilt: {low:,} items are low")
    tally = check.tally_difference(db.uow())
    wrong_marks = check.low_mark_difference(db.uow())
    if wrong_marks:
        print(
            f"the low-stock marks of {wrong_marks:,} item(s) disagree with their levels "
            "(stockdesk check --rebuild-tally works them out again)"
        )
    if tally is not None:
        print(
            f"the tally of listed items says {tally.tallied:,}, but {tally.listed:,} items are listed "
            "(stockdesk check --rebuild-tally counts them again)"
        )
    low_tally = check.low_tally_difference(db.uow())
    if low_tally is not None:
        print(
            f"the tally of low items says {low_tally[0]:,}, but the marks of {low_tally[1]:,} items say low "
            "(stockdesk check --rebuild-tally counts them again)"
        )
    differences = check.find_differences(db.uow())
    if not differences:
        print("ok: every stock level equals the sum of its movements")
        return 1 if lost or tally or low_tally or wrong_marks else 0
    print(f"{len(differences)} stock level(s) disagree with the ledger:")
    for d in differences:
        if d.place:
            print(f"  {d.sku} in {d.store_code} at {d.place}: stock_place {d.on_hand} but ledger {d.ledger}")
        else:
            print(f"  {d.sku} in {d.store_code}: stock_level {d.on_hand} but ledger {d.ledger}")
    return 1


def _cmd_backup(args: argparse.Namespace) -> int:
    database = backup.database_file(database_url(args))
    target = backup.backup_to(database, args.out) if args.out else backup.backup_now(database)
    print(f"backup written: {target}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    database = backup.database_file(database_url(args))

    def confirm(question: str) -> bool:
        if args.yes:
            return True
        print(f"{question} The current file is kept as a safety copy. [y/N] ", end="", flush=True)
        return sys.stdin.readline().strip().lower() in ("y", "yes")

    safety = backup.restore(args.file, database, confirm=confirm)
    print(f"restored {database} from {args.file}")
    if safety is not None:
        print(f"the replaced database was kept as {safety}")
    return 0
