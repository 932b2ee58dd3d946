"""`stockdesk server init`, `stockdesk sync [--server https://...]` and `stockdesk desk enrol|list|revoke`.

A desk registers with the server's HTTP API (a manager's or admin's log-in, or a one-time code that
`stockdesk desk enrol` prints on the server) and keeps a token; it never gets a database login.
"""

from __future__ import annotations

import argparse
import getpass
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

from stockdesk.cli.database import open_db
from stockdesk.cli.options import Commands
from stockdesk.domain.errors import PermissionDenied, ValidationError
from stockdesk.domain.permissions import Actor
from stockdesk.services.accounts import users
from stockdesk.services.database import Database, open_database
from stockdesk.sync import upgrade_slip
from stockdesk.sync.server import desks
from stockdesk.sync.server.setup import (
    hand_out_upgrade_codes,
    init_server,
    is_http,
    is_old_registration,
    register_desk_over_http,
    server_address,
    upgrade_desk_over_http,
)
from stockdesk.sync.service import OLD_REGISTRATION, SyncService

OLD_WAY = (
    "desks no longer log in to the database: start the server with `stockdesk serve --db postgresql://...` "
    "and register this desk with `stockdesk sync --server https://HOST:PORT`"
)


def _cmd_server_init(args: argparse.Namespace) -> int:
    url = args.db  # only a URL typed here: never the desk's own (configured) database
    if not url:
        print("stockdesk server init: give the server database with --db postgresql://...")
        return 2
    print(init_server(url))
    db = open_database(url)
    try:
        _hand_out(db, args, only=(), renew=False)
    finally:
        db.close()
    return 0


def _hand_out(db: Database, args: argparse.Namespace, *, only: Sequence[str], renew: bool) -> int:
    """Print (and write as files) an upgrade code per desk of the database-login era not moved yet."""
    if args.url and not is_http(args.url):
        raise ValidationError(
            "url", args.url, "must be the address desks reach the server at (https://HOST:PORT)"
        )
    server = server_address(db, args.url or "")
    folder = None if args.no_files else Path(args.out or ".")
    made = hand_out_upgrade_codes(
        db, _server_actor(db), server_url=server, folder=folder, only=only, renew=renew
    )
    waiting = desks.old_desks(db.uow())
    if not made:
        if waiting:
            print(
                f"{len(waiting)} old desk(s) still to move hold an unused upgrade code; "
                "`stockdesk desk upgrade-codes --renew` makes new ones"
            )
        return 0
    print(
        f"{len(made)} desk(s) of the database-login era must move to the HTTPS API. "
        "Carry each its upgrade code (one use, 7 days, only that desk):"
    )
    for slip, expires, path in made:
        where = (
            f" -> {path}"
            if path is not None
            else ("" if folder is None else " (no file: folder not writable)")
        )
        print(f"  {slip.desk_id}: {slip.code} (until {expires:%Y-%m-%d %H:%M} UTC){where}")
        print(f"    {upgrade_slip.line(slip)}")
    if server:
        print(f"on each desk: stockdesk sync --upgrade-file FILE  (or --server {server} --upgrade-code CODE)")
    else:
        print(
            "the server's address is not known: give it with --url https://HOST:PORT, or on each desk: "
            "stockdesk sync --server https://HOST:PORT --upgrade-code CODE"
        )
    return 0


def _cmd_desk_upgrade_codes(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        return _hand_out(db, args, only=tuple(args.desk), renew=args.renew or bool(args.desk))
    finally:
        db.close()


def _register(db: Database, args: argparse.Namespace) -> None:
    name = args.name or socket.gethostname()
    upgrade = args.upgrade_code or ""
    if args.upgrade_file:
        upgrade = Path(args.upgrade_file).read_text(encoding="utf-8")
    if upgrade:
        queued = SyncService(db).status().queued
        server = upgrade_desk_over_http(db, upgrade, server_url=args.server or "", name=name)
        print(
            f"desk {name!r} ({db.desk_id}) moved to {server} with its own desk id; "
            f"its {queued} queued change(s) are sent now. Its token is kept on this PC only"
        )
        return
    if not is_http(args.server):
        raise ValidationError("server", args.server, OLD_WAY)
    if args.code:
        register_desk_over_http(db, args.server, name=name, code=args.code)
    else:
        email = args.email or input("E-mail of a manager or admin on the server: ").strip()
        prompt = f"Password of {email}: "
        password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else getpass.getpass(prompt)
        register_desk_over_http(db, args.server, name=name, email=email, password=password)
    print(f"desk {name!r} ({db.desk_id}) registered on {args.server}; its token is kept on this PC only")


def _cmd_sync(args: argparse.Namespace) -> int:
    db = open_db(args)
    if not (args.server or args.upgrade_code or args.upgrade_file) and is_old_registration(db):
        if not sys.stdin.isatty():
            print(f"sync failed: {OLD_REGISTRATION}")
            return 1
        # The first sync after the upgrade: ask for the slip the server's admin brought.
        print(OLD_REGISTRATION)
        args.upgrade_code = input("Upgrade code, or the line of the upgrade file: ").strip()
        if " server=" not in args.upgrade_code:
            args.server = input("Server address (https://HOST:PORT): ").strip()
    if args.server or args.upgrade_code or args.upgrade_file:
        _register(db, args)
    service = SyncService(db)
    report = service.sync_once()
    status = service.status()
    service.close()
    if not report.ok:
        print(f"sync failed: {report.error} ({status.queued} change(s) still queued)")
        return 1
    refused = f", refused by the server {service.refused} (see the sync page)" if service.refused else ""
    print(
        f"synced in {report.seconds:.2f} s: pushed {report.pushed}, pulled {report.pulled}, "
        f"snapshot rows {report.snapshot_rows}, conflicts {report.conflicts}{refused}"
    )
    return 0


def _server_actor(db: Database) -> Actor | None:
    """Whoever runs a command on the server's database acts as its first admin (None: none yet)."""
    try:
        return users.system_actor(db.uow())
    except PermissionDenied:
        return None


def _cmd_desk_enrol(args: argparse.Namespace) -> int:
    db = open_db(args)
    code = desks.enrolment_code(db.uow(), _server_actor(db))
    print(f"enrolment code (one desk, valid 24 hours): {code}")
    print("on the desk: stockdesk sync --server https://THIS-SERVER:PORT --code " + code)
    return 0


def _cmd_desk_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = users.system_actor(db.uow())
    for desk in desks.list_desks(db.uow(), actor):
        seen = desk.last_sync_at.strftime("%Y-%m-%d %H:%M") if desk.last_sync_at else "never"
        state = "revoked" if desk.revoked else "active"
        print(f"{desk.name:30} {desk.desk_id:24} last sync {seen:16} {state}")
    for desk_id in desks.old_desks(db.uow()):
        print(f"{'(database-login era)':30} {desk_id:24} not moved yet: `stockdesk desk upgrade-codes`")
    return 0


def _cmd_desk_revoke(args: argparse.Namespace) -> int:
    db = open_db(args)
    desk = desks.revoke(db.uow(), users.system_actor(db.uow()), args.desk)
    print(
        f"desk {desk.name!r} ({desk.desk_id}) revoked: its next sync is refused, "
        "its queued changes stay on it"
    )
    return 0


def _slip_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--url", help="the address desks reach this server at, written into each upgrade file (remembered)"
    )
    parser.add_argument("--out", metavar="DIR", help="where the upgrade files go (default: this folder)")
    parser.add_argument("--no-files", action="store_true", help="only print the upgrade codes")


def add_commands(commands: Commands) -> None:
    server = commands.add_parser("server", help="prepare the shared PostgreSQL sync server")
    steps = server.add_subparsers(title="server commands", metavar="COMMAND", required=True)
    init = steps.add_parser(
        "init",
        help="create or upgrade the server schema",
        description="The server is the one --db names: postgresql://user:password@host/db[?sslmode=...].",
    )
    _slip_options(init)
    init.set_defaults(handler=_cmd_server_init)
    sync = commands.add_parser(
        "sync", help="sync this desk with the server now (register first with --server)"
    )
    sync.add_argument("--server", help="register this desk with the StockDesk server (https://host:port)")
    sync.add_argument("--name", help="the desk's name as the server shows it (default: this PC's name)")
    sync.add_argument("--code", help="an enrolment code from `stockdesk desk enrol` instead of a log-in")
    sync.add_argument(
        "--upgrade-code",
        metavar="CODE",
        help="a desk registered with a database login moves to the API with the code (or the line of the "
        "upgrade file) the server's `stockdesk server init` made for it; it keeps its desk id and queue",
    )
    sync.add_argument("--upgrade-file", metavar="FILE", help="the upgrade file made for this desk")
    sync.add_argument("--email", help="a manager's or admin's e-mail on the server (asked if not given)")
    sync.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    sync.set_defaults(handler=_cmd_sync)
    desk = commands.add_parser("desk", help="desks registered with this server (run on the server)")
    steps = desk.add_subparsers(title="desk commands", metavar="COMMAND", required=True)
    steps.add_parser("enrol", help="print a one-time code a new desk registers with").set_defaults(
        handler=_cmd_desk_enrol
    )
    steps.add_parser("list", help="every desk, when it last synced, revoked or not").set_defaults(
        handler=_cmd_desk_list
    )
    codes = steps.add_parser(
        "upgrade-codes",
        help="one-time codes for the desks of the database-login era that have not moved yet",
        description="Without DESK: a code for each old desk that has none unused (--renew: new codes for "
        "all, voiding the old). With DESK: new codes for those desks.",
    )
    codes.add_argument("desk", nargs="*", help="desk ids (default: every old desk not moved yet)")
    codes.add_argument("--renew", action="store_true", help="void the unused codes and make new ones")
    _slip_options(codes)
    codes.set_defaults(handler=_cmd_desk_upgrade_codes)
    revoke = steps.add_parser("revoke", help="refuse a desk's token from now on")
    revoke.add_argument("desk", help="the desk's name or id")
    revoke.set_defaults(handler=_cmd_desk_revoke)
