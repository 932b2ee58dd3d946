"""`stockdesk server init --db postgresql://...` and `stockdesk sync [--server URL]`."""

from __future__ import annotations

import argparse
from typing import Any

from stockdesk.db.engine import default_database_url
from stockdesk.services.database import open_database
from stockdesk.sync.server.setup import init_server, register_desk
from stockdesk.sync.service import SyncService


def _cmd_server_init(args: argparse.Namespace) -> int:
    url = args.server_db or args.db
    if not url:
        print("stockdesk server init: give the server database with --db postgresql://...")
        return 2
    print(init_server(url))
    return 0


def _cmd_sync(args: argparse.Namespace) -> int:
    db = open_database(args.db or default_database_url())
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


def add_commands(sub: Any) -> None:
    server = sub.add_parser("server", help="prepare the shared PostgreSQL sync server")
    server_sub = server.add_subparsers(title="server commands", metavar="COMMAND", required=True)
    init = server_sub.add_parser("init", help="create or upgrade the server schema")
    init.add_argument(
        "--db", dest="server_db", help="the server: postgresql://user:password@host/db[?sslmode=...]"
    )
    init.set_defaults(handler=_cmd_server_init)
    sync = sub.add_parser("sync", help="sync this desk with the server now (register first with --server)")
    sync.add_argument("--server", help="register this desk on the server (a URL allowed to create roles)")
    sync.set_defaults(handler=_cmd_sync)
