"""`stockdesk import FILE`: items from a CSV or XLSX file, all rows or none (or the valid ones)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stockdesk.cli.database import open_db
from stockdesk.cli.options import Commands
from stockdesk.services.accounts import users
from stockdesk.services.exchange import imports


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
    for made in result.created_lookups:
        print(f"  created {made}")
    if result.stock_not_posted:
        print(f"  opening stock ignored for {result.stock_not_posted:,} existing item(s)")
    if result.rejected:
        print(f"{len(result.rejected):,} row(s) rejected and saved to {rejects}:")
        for problem in result.problems:
            print(f"  {problem}")
