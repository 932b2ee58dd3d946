"""`stockdesk import FILE`: items from a CSV or XLSX file, all rows or none (or the valid ones);
`stockdesk export FILE [--pictures]`: every item to a CSV the import reads back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stockdesk.cli.database import open_db
from stockdesk.cli.options import Commands
from stockdesk.services.accounts import users
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.exchange import imports
from stockdesk.services.exchange.item_export import write_items_csv
from stockdesk.services.exchange.item_pictures import picture_folder


def add_commands(commands: Commands) -> None:
    parser = commands.add_parser("import", help="import items from a CSV or XLSX file (all rows or none)")
    parser.add_argument("file", type=Path)
    parser.add_argument(
        "--valid-only", action="store_true", help="import the rows that pass, save the others"
    )
    parser.add_argument("--upsert", action="store_true", help="update items whose SKU already exists")
    parser.add_argument(
        "--create-missing", action="store_true", help="create unknown categories and suppliers"
    )
    parser.add_argument("--rejects", type=Path, help="CSV for rejected rows (default: FILE-rejects.csv)")
    parser.add_argument("--sheet", help="worksheet of an XLSX file (default: the first)")
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="read column HEADER as FIELD (sku, name, ..., stock:CODE, ignore); repeatable",
    )
    parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    parser.set_defaults(handler=_cmd_import)

    parser = commands.add_parser(
        "export", help="export every item to a CSV that `stockdesk import --upsert` reads back"
    )
    parser.add_argument("file", type=Path)
    parser.add_argument(
        "--pictures",
        action="store_true",
        help="write the items' pictures into FILE-pictures/ beside the CSV and name them in its Picture "
        "column (without: the column is blank, which the import reads as 'leave the picture alone')",
    )
    parser.add_argument("--archived", action="store_true", help="include archived items")
    parser.set_defaults(handler=_cmd_export)


def _cmd_export(args: argparse.Namespace) -> int:
    db = open_db(args)
    rows = write_items_csv(
        db, ItemFilter(include_archived=args.archived), args.file, pictures=args.pictures
    )
    print(f"exported {rows:,} item(s) to {args.file}")
    if args.pictures:
        print(f"  pictures in {picture_folder(args.file)}")
    return 0


def _mapping(pairs: list[str]) -> dict[str, str] | None:
    mapping: dict[str, str] = {}
    for pair in pairs:
        header, sep, field = pair.partition("=")
        if not sep:
            raise SystemExit(f"stockdesk import: --map {pair!r} is not HEADER=FIELD")
        mapping[header.strip()] = field.strip()
    return mapping or None


def _cmd_import(args: argparse.Namespace) -> int:
    db = open_db(args)
    options = imports.ImportOptions(
        valid_only=args.valid_only,
        upsert=args.upsert,
        create_missing=args.create_missing,
        mapping=_mapping(args.map),
        sheet=args.sheet,
        dry_run=args.dry_run,
    )
    rejects = args.rejects or args.file.with_name(f"{args.file.stem}-rejects.csv")

    def progress(stage: str, done: int, total: int) -> None:
        if done == total:
            print(f"  {stage}: {done:,}", flush=True)

    try:
        result = imports.import_file(
            db.uow(),
            users.system_actor(db.uow()),
            args.file,
            options=options,
            rejects=rejects,
            progress=progress,
        )
    except imports.ImportRejected as error:
        print(f"nothing was imported: {len(error.problems)} problem(s) in {args.file}", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        if error.rejected:
            print(f"rows with problems saved to {rejects}", file=sys.stderr)
        return 1
    _print_result(result, rejects)
    return 0


def _print_result(result: imports.ImportResult, rejects: Path) -> None:
    verb = "would import" if result.dry_run else "imported"
    print(
        f"{verb}: {result.created:,} new item(s), {result.updated:,} updated, "
        f"{result.movements:,} opening stock movement(s)"
    )
    if result.pictures:
        print(f"  {result.pictures:,} item picture(s) set or removed")
    for made in result.created_lookups:
        print(f"  created {made}")
    if result.stock_not_posted:
        print(f"  opening stock ignored for {result.stock_not_posted:,} existing item(s)")
    if result.rejected:
        print(f"{len(result.rejected):,} row(s) rejected and saved to {rejects}:")
        for problem in result.problems:
            print(f"  {problem}")
