"""Printed output without a window: `stockdesk report NAME --out FILE.pdf|.csv` and `labels`."""

from __future__ import annotations

import argparse
from datetime import date

from stockdesk.cli.database import open_db
from stockdesk.cli.options import Commands
from stockdesk.config import LANGUAGES, ConfigStore
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message
from stockdesk.reports.names import LABEL_PRESET_NAMES, REPORT_NAMES
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, item_query, organisation
from stockdesk.services.database import Database
from stockdesk.services.views import ItemView

FILTERED_LIMIT = 10_000


def add_commands(commands: Commands) -> None:
    _add_report(commands)
    _add_labels(commands)


def _add_labels(commands: Commands) -> None:
    labels = commands.add_parser("labels", help="print label sheets (PDF) for items or a store's locations")
    labels.add_argument("--sku", action="append", default=[], help="an item's SKU (repeat for more)")
    labels.add_argument("--search", help="every active item whose SKU, name or barcode matches")
    labels.add_argument(
        "--locations", metavar="STORE_CODE", help="a label for every active location of this store"
    )
    labels.add_argument("--preset", default="a4-3x8", choices=sorted(LABEL_PRESET_NAMES))
    labels.add_argument("--copies", type=int, default=1, help="labels per item (default 1)")
    labels.add_argument("--out", required=True, help="the PDF file to write")
    labels.set_defaults(handler=_cmd_labels)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _add_report(commands: Commands) -> None:
    parser = commands.add_parser(
        "report", help="write a report as PDF or CSV", description=f"Reports: {', '.join(REPORT_NAMES)}."
    )
    parser.add_argument("name", choices=sorted(REPORT_NAMES), metavar="NAME", help=", ".join(REPORT_NAMES))
    parser.add_argument("--out", required=True, help="output file; .pdf or .csv decides the format")
    parser.add_argument("--store", help="store code (default: all stores)")
    parser.add_argument("--from", dest="date_from", type=_day, help="first day of the period (movements)")
    parser.add_argument("--to", dest="date_to", type=_day, help="last day of the period (movements)")
    parser.add_argument("--as-of", dest="as_of", type=_day, help="valuation at the end of this day")
    parser.add_argument(
        "--by-location",
        action="store_true",
        help="valuation: a store that has locations in sections per location instead of per category",
    )
    parser.add_argument("--kind", help="movement kind: receive, sale, transfer_out, ...")
    parser.add_argument("--user", help="e-mail of the user whose movements to list")
    parser.add_argument("--sku", help="one item (movements, item card, recall)")
    parser.add_argument("--lot", help="a lot's code or a serial number of --sku (recall)")
    parser.add_argument(
        "--stocktake",
        metavar="ID",
        help="stocktake id (stocktake-variance; default: the latest stocktake of --store)",
    )
    parser.add_argument(
        "--language",
        choices=LANGUAGES,
        help="the report's language where the shop has none set (default: this desk's language setting)",
    )
    parser.set_defaults(handler=_cmd_report)


def _cmd_report(args: argparse.Namespace) -> int:
    # reportlab and the reports load here, not with the command line (reports.names).
    from stockdesk.reports.registry import run_report
    from stockdesk.reports.spec import ReportOptions

    options = ReportOptions(
        store=args.store,
        date_from=args.date_from,
        date_to=args.date_to,
        as_of=args.as_of,
        kind=args.kind,
        user=args.user,
        sku=args.sku,
        stocktake=args.stocktake,
        lot=args.lot,
        by_location=args.by_location,
    )
    if not args.out.lower().endswith((".pdf", ".csv")):
        raise ValidationError("out", args.out, Message("out_suffix"))
    db = open_db(args)
    try:
        language = args.language or ConfigStore().load(with_secrets=False).language
        result = run_report(db, users.system_actor(db.uow()), args.name, options, args.out, language=language)
    finally:
        db.close()
    totals = ", ".join(f"{key} {value}" for key, value in result.totals.items())
    print(f"wrote {result.path}" + (f" (totals: {totals})" if totals else ""))
    return 0


def labelled_items(db: Database, skus: list[str], search: str | None) -> list[ItemView]:
    """The items named by SKU, then those matching `search`, each once, in that order."""
    items = [catalog.find_item(db.uow(), sku) for sku in skus]
    if search is not None:
        rows = item_query.item_page(db.uow(), item_query.ItemFilter(text=search), limit=FILTERED_LIMIT)
        items += [catalog.get_item(db.uow(), row.id) for row in rows]
    unique = {item.id: item for item in items}
    return list(unique.values())


def _cmd_labels(args: argparse.Namespace) -> int:
    if args.locations is not None:
        return _location_labels(args)
    if not args.sku and args.search is None:
        raise ValidationError("sku", "", "give at least one --sku, a --search or --locations")
    db = open_db(args)
    try:
        items = labelled_items(db, args.sku, args.search)
        if not items:
            raise ValidationError("search", args.search, "matches no item")
        from stockdesk.reports.label_sources import item_label
        from stockdesk.reports.labels import write_labels

        sheets = write_labels(args.out, [item_label(item) for item in items], args.preset, args.copies)
    finally:
        db.close()
    print(f"wrote {args.out}: {len(items)} item(s) x {args.copies}, {sheets} sheet(s)")
    return 0


def _location_labels(args: argparse.Namespace) -> int:
    if args.sku or args.search is not None:
        raise ValidationError("locations", args.locations, Message("labels_one_kind"))
    db = open_db(args)
    try:
        code = args.locations.strip().upper()
        stores = [
            s for s in organisation.list_stores(db.uow(), include_inactive=True) if s.code.upper() == code
        ]
        if not stores:
            raise ValidationError("locations", args.locations, Message("unknown_store_code"))
        from stockdesk.reports.label_sources import expanded, location_lines
        from stockdesk.reports.labels import write_labels

        lines = location_lines(db, stores[0], copies=args.copies)
        if not lines:
            raise ValidationError("locations", args.locations, Message("no_locations_to_label"))
        sheets = write_labels(args.out, expanded(lines), args.preset)
    finally:
        db.close()
    print(f"wrote {args.out}: {len(lines)} location(s) x {args.copies}, {sheets} sheet(s)")
    return 0
