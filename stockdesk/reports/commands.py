"""`stockdesk report NAME --out FILE.pdf|.csv [options]`: any report, headless."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from stockdesk.db.engine import default_database_url
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message
from stockdesk.reports.registry import REPORTS, run_report
from stockdesk.reports.spec import ReportOptions
from stockdesk.services.accounts import users
from stockdesk.services.database import open_database


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def add_commands(subparsers: Any) -> None:
    parser = subparsers.add_parser("report", help="write a report as PDF or CSV",
                                   description=f"Reports: {', '.join(REPORTS)}.")
    parser.add_argument("name", choices=sorted(REPORTS), metavar="NAME", help=", ".join(REPORTS))
    parser.add_argument("--out", required=True, help="output file; .pdf or .csv decides the format")
    parser.add_argument("--store", help="store code (default: all stores)")
    parser.add_argument("--from", dest="date_from", type=_day, help="first day of the period (movements)")
    parser.add_argument("--to", dest="date_to", type=_day, help="last day of the period (movements)")
    parser.add_argument("--as-of", dest="as_of", type=_day, help="valuation at the end of this day")
    parser.add_argument("--kind", help="movement kind: receive, sale, transfer_out, ...")
    parser.add_argument("--user", help="e-mail of the user whose movements to list")
    parser.add_argument("--sku", help="one item (movements, item card)")
    parser.add_argument("--stocktake", metavar="ID",
                        help="stocktake id (stocktake-variance; default: the latest stocktake of --store)")
    parser.set_defaults(handler=_cmd_report)


def _cmd_report(args: argparse.Namespace) -> int:
    options = ReportOptions(store=args.store, date_from=args.date_from, date_to=args.date_to,
                            as_of=args.as_of, kind=args.kind, user=args.user, sku=args.sku,
                            stocktake=args.stocktake)
    if not args.out.lower().endswith((".pdf", ".csv")):
        raise ValidationError("out", args.out, Message("out_suffix"))
    db = open_database(args.db or default_database_url())
    try:
        result = run_report(db, users.system_actor(db.uow()), args.name, options, args.out)
    finally:
        db.close()
    totals = ", ".join(f"{key} {value}" for key, value in result.totals.items())
    print(f"wrote {result.path}" + (f" (totals: {totals})" if totals else ""))
    return 0
