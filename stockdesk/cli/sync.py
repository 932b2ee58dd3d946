"""`stockdesk server init --db postgresql://...` and `stockdesk sync [--server URL]`."""

from __future__ import annotations

import argparse

from stockdesk.cli.database import open_db
from stockdesk.cli.options import Commands
from stockdesk.sync.server.setup import init_server, register_desk
from stockdesk.sync.service import SyncService


def _cmd_server_init(args: argparse.Namespace) -> int:
    url = args.db  # only a URL typed here: never the desk's own (configured) database
    if not url:
        print("stockdesk server init: give the server database with --db postgresql://...")
        return 2
    print(init_server(url))
    return 0


def _cmd_sync(args: argparse.Namespace) -> int:
    db = open_db(args)
    if args.server:
        desk_url = register_desk(db, args.server)
        print(f"desk {db.desk_id} registered on {desk_url.render_as_string(hide_password=True)}")
    service = SyncService(db)
    report = service.sync_once()
    status = service.status()
    service.close()
    if not report.ok:
        print(f"sync failed: {report.error} ({status.queued} change(s) still queued)")
        return 1
    print(
        f"synced in {report.seconds:.2f} s: pushed {report.pushed}, pulled {report.pulled}, "
        f"snapshot rows {report.snapshot_rows}, conflicts {report.conflicts}"
    )
    return 0


def add_commands(commands: Commands) -> None:
    server = commands.add_parser("server", help="prepare the shared PostgreSQL sync server")
    steps = server.add_subparsers(title="server commands", metavar="COMMAND", required=True)
    init = steps.add_parser(
        "init",
        help="create or upgrade the server schema",
        description="The server is the one --db names: postgresql://user:password@host/db[?sslmode=...].",
    )
    init.set_defaults(handler=_cmd_server_init)
    sync = commands.add_parser(
        "sync", help="sync this desk with the server now (register first with --server)"
    )
    sync.add_argument("--server", help="register this desk on the server (a URL allowed to create roles)")
    sync.set_defaults(handler=_cmd_sync)
