"""`stockdesk location add|list`: a store's locations (zone › aisle › shelf › bin) without a window,
e.g. a new warehouse's bins from a script. Runs as the oldest active administrator, as `user` does.

    stockdesk location add --store MAIN --code A --kind zone
    stockdesk location add --store MAIN --code A-01 --parent A --kind shelf --name "Top shelf"
    stockdesk location list --store MAIN
"""

from __future__ import annotations

import argparse

from stockdesk.cli.database import open_db
from stockdesk.cli.options import Commands
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.ids import StoreId
from stockdesk.domain.messages import Message
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database
from stockdesk.services.places import locations
from stockdesk.services.places.locations import KINDS


def add_commands(commands: Commands) -> None:
    group = commands.add_parser(
        "location",
        help="add and list a store's locations (zones, aisles, shelves, bins)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    steps = group.add_subparsers(title="location commands", metavar="STEP", required=True)

    add = steps.add_parser("add", help="add a location to a store")
    add.add_argument("--store", required=True, metavar="CODE", help="the store's code")
    add.add_argument("--code", required=True, help="printed on the location's label (unique over all stores)")
    add.add_argument("--parent", default="", metavar="CODE", help="the location it is in (an aisle's zone)")
    add.add_argument("--kind", default="bin", choices=KINDS)
    add.add_argument("--name", default="")
    add.set_defaults(handler=_cmd_add)

    listing = steps.add_parser("list", help="a store's locations in label order: path, kind, name")
    listing.add_argument("--store", required=True, metavar="CODE")
    listing.add_argument("--all", action="store_true", help="archived ones too")
    listing.set_defaults(handler=_cmd_list)


def _store_id(db: Database, code: str) -> StoreId:
    known = organisation.store_ids_by_code(db.uow())
    found = known.get(code.strip().upper()) or known.get(code.strip())
    if found is None:
        raise ValidationError("store", code, f"is not a store code (known: {', '.join(sorted(known))})")
    return found


def _cmd_add(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = users.system_actor(db.uow())
    store_id = _store_id(db, args.store)
    parent = None
    if args.parent:
        found = locations.location_by_code(db.uow(), args.parent)
        if found is None:
            raise ValidationError("parent", args.parent, Message("location_unknown"))
        parent = found.id
    made = locations.create_location(
        db.uow(), actor, store_id=store_id, code=args.code, name=args.name, kind=args.kind, parent_id=parent
    )
    print(f"created {made.kind} {made.path} in {args.store}")
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    store_id = _store_id(db, args.store)
    views = locations.locations_of(db.uow(), store_id, include_archived=args.all)
    width = max((len(v.path) for v in views), default=4)
    for view in views:
        state = "" if view.active else "  (archived)"
        print(f"{view.path:<{width}}  {view.kind:<5}  {view.name}{state}".rstrip())
    return 0
