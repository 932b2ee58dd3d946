"""Planning without a window: `stockdesk mail [--flush]`, `reorder --out FILE.csv`, `stocktake ...`.

`mail --flush` sends through the mail server of the configuration (`stockdesk.config`), the one the
window's settings dialog saves.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from stockdesk.cli.database import open_db
from stockdesk.cli.options import Commands
from stockdesk.config import configured_smtp
from stockdesk.domain.errors import NotFound
from stockdesk.domain.ids import StocktakeId, StoreId, parse_id
from stockdesk.services import mail
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database
from stockdesk.services.exchange.csv_files import csv_output
from stockdesk.services.inventory import stocktake
from stockdesk.services.planning import alert_mail


def _store_id(db: Database, code: str | None) -> StoreId | None:
    return None if code is None else _one_store(db, code)


def _one_store(db: Database, code: str) -> StoreId:
    ids = organisation.store_ids_by_code(db.uow())
    if code not in ids:
        raise NotFound("store", code)
    return ids[code]


def _cmd_mail(args: argparse.Namespace) -> int:
    db = open_db(args)
    queued_digests = alert_mail.queue_due_digests(db.uow())
    if not args.flush:
        waiting = mail.pending(db.uow())
        print(f"{len(waiting)} e-mail(s) not sent yet ({queued_digests} digest(s) just queued)")
        for row in waiting:
            print(f"  {row.status:8} {row.attempts:2} tries  {', '.join(row.recipients)}: {row.subject}")
        return 0
    result = mail.flush(db.uow, configured_smtp(), force=True)
    print(f"sent {result.sent}, deferred {result.deferred}, failed {result.failed}")
    if result.error:
        print(f"last error: {result.error}")
    return 0 if not result.error else 1


def _cmd_reorder(args: argparse.Namespace) -> int:
    db = open_db(args)
    from stockdesk.services.planning import reorder  # numpy (the forecast) loads with it, not before

    rows = reorder.suggestions(db.uow(), store_id=_store_id(db, args.store), only_orders=not args.all)
    out = Path(args.out)
    with csv_output(out, bom=False) as writer:
        writer.writerows(reorder.csv_rows(rows))
    print(f"wrote {len(rows):,} suggestion(s) to {out}")
    return 0


def _stocktake_id(text: str) -> StocktakeId:
    """The id as typed; text that is no UUID is "stocktake ... not found", like an unknown id."""
    return parse_id(StocktakeId, "stocktake", text)


def _cmd_stocktake_start(args: argparse.Namespace) -> int:
    db = open_db(args)
    session = stocktake.start(db.uow(), users.system_actor(db.uow()), store_id=_one_store(db, args.store))
    print(f"stocktake {session.id} started for {args.store}: {session.lines:,} item(s) expected")
    return 0


def _cmd_stocktake_count(args: argparse.Namespace) -> int:
    """Counts from a CSV with columns code (SKU or barcode) and quantity."""
    db = open_db(args)
    with Path(args.file).open(newline="", encoding="utf-8-sig") as handle:
        lines = [(row.get("code", ""), row.get("quantity", "")) for row in csv.DictReader(handle)]
    added = stocktake.add_counts(db.uow(), users.system_actor(db.uow()), _stocktake_id(args.id), lines)
    print(f"added {added:,} count(s)")
    return 0


def _cmd_stocktake_post(args: argparse.Namespace) -> int:
    db = open_db(args)
    take = _stocktake_id(args.id)
    actor = users.system_actor(db.uow())
    result = stocktake.post(db.uow(), actor, take, uncounted_as_zero=args.uncounted_as_zero)
    print(f"posted {result.movements:,} count movement(s); value difference {result.value_difference}")
    return 0


def add_commands(commands: Commands) -> None:
    mail_parser = commands.add_parser("mail", help="show the e-mail outbox, or send it with --flush")
    mail_parser.add_argument("--flush", action="store_true", help="send everything queued now")
    mail_parser.set_defaults(handler=_cmd_mail)
    reorder_parser = commands.add_parser(
        "reorder", help="write reorder suggestions with their reasons as CSV"
    )
    reorder_parser.add_argument("--store", help="store code (default: every store)")
    reorder_parser.add_argument("--out", required=True, help="CSV file to write")
    reorder_parser.add_argument("--all", action="store_true", help="include lines that need no order")
    reorder_parser.set_defaults(handler=_cmd_reorder)
    take = commands.add_parser("stocktake", help="start, count and post a stocktake").add_subparsers(
        title="stocktake commands", metavar="STEP", required=True
    )
    start = take.add_parser("start", help="freeze expected quantities for a store")
    start.add_argument("--store", required=True)
    start.set_defaults(handler=_cmd_stocktake_start)
    count = take.add_parser("count", help="add counts from a CSV (code,quantity)")
    count.add_argument("id")
    count.add_argument("file")
    count.set_defaults(handler=_cmd_stocktake_count)
    post = take.add_parser("post", help="post the counts as count movements")
    post.add_argument("id")
    post.add_argument("--uncounted-as-zero", action="store_true")
    post.set_defaults(handler=_cmd_stocktake_post)
