"""`stockdesk users unlock EMAIL` and `stockdesk users grant-adjust EMAIL [--revoke]`, headless.

They act as the oldest admin (`users.system_actor`): whoever can run them already holds the database.
"""

from __future__ import annotations

import argparse

from stockdesk.db.engine import default_database_url
from stockdesk.services import users
from stockdesk.services.database import Database, open_database


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("users", help="unlock a log-in, grant adjustments to a clerk")
    actions = parser.add_subparsers(dest="users_command", required=True)
    unlock = actions.add_parser("unlock", help="lift the failed log-in back-off of an e-mail (every source)")
    unlock.add_argument("email", nargs="?", default="")
    unlock.add_argument("--source", default="", help="also lift this source's back-off (desk, an address)")
    unlock.set_defaults(handler=_cmd_unlock)
    grant = actions.add_parser("grant-adjust", help="let a clerk post adjustments (write-offs)")
    grant.add_argument("email")
    grant.add_argument("--revoke", action="store_true", help="take the permission away again")
    grant.set_defaults(handler=_cmd_grant_adjust)


def _open(args: argparse.Namespace) -> Database:
    return open_database(args.db or default_database_url())


def _cmd_unlock(args: argparse.Namespace) -> int:
    if not args.email and not args.source:
        raise SystemExit("stockdesk users unlock: name an e-mail, a --source, or both")
    db = _open(args)
    removed = users.unlock(db.uow(), users.system_actor(db.uow()), email=args.email, source=args.source)
    print(f"unlocked {args.email or args.source} ({removed} back-off record(s) removed)")
    return 0



def _cmd_grant_adjust(args: argparse.Namespace) -> int:
    db = _open(args)
    actor = users.system_actor(db.uow())
    view = users.set_may_adjust(db.uow(), actor, email=args.email, allowed=not args.revoke)
    print(f"{view.email} {'may' if view.may_adjust else 'may not'} post adjustments")
    return 0
