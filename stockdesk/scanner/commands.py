"""`stockdesk scan --source 0|VIDEO|FOLDER` and `stockdesk labels --sku ... --out FILE.pdf`.

`scan` runs the very frame source, decoder and de-bounce the scanner dock runs, without a window, and
prints one line per scan: code, symbology, and the item's SKU ("unknown" when no item carries the
code). With no database named (neither `stockdesk --db URL scan` nor `scan --db URL`) nothing is
looked up and the last column is "-": that is enough to test a camera.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from stockdesk.db.engine import default_database_url
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.gtin import expand_upce
from stockdesk.reports.label_presets import PRESETS
from stockdesk.reports.labels import Label, write_labels
from stockdesk.scanner.debounce import Debouncer
from stockdesk.scanner.decoders import DECODERS, make_decoder
from stockdesk.scanner.pipeline import scan_stream
from stockdesk.scanner.sources import open_source
from stockdesk.services.catalogue import catalog, item_query
from stockdesk.services.catalogue.scanning import ScanKind, ScanResult, resolve_scan
from stockdesk.services.database import Database, open_database
from stockdesk.services.views import ItemView

_PRINTABLE = {"EAN13": "ean13", "EAN8": "ean8", "UPCA": "upca"}
FILTERED_LIMIT = 10_000


def add_commands(subparsers: Any) -> None:
    scan = subparsers.add_parser("scan", help="scan barcodes from a camera, video or images, print each scan")
    scan.add_argument("--source", required=True, help="camera number (0, 1, ...), a video file or a folder")
    scan.add_argument("--db", default=argparse.SUPPRESS, help="look codes up in this database")
    scan.add_argument("--decoder", default="combined", choices=sorted(DECODERS))
    scan.add_argument("--window", type=float, default=1.5,
                      help="seconds a code must be out of sight before it counts again (default 1.5)")
    scan.set_defaults(handler=_cmd_scan)

    labels = subparsers.add_parser("labels", help="print label sheets (PDF) for items")
    labels.add_argument("--sku", action="append", default=[], help="an item's SKU (repeat for more)")
    labels.add_argument("--search", help="every active item whose SKU, name or barcode matches")
    labels.add_argument("--preset", default="a4-3x8", choices=sorted(PRESETS))
    labels.add_argument("--copies", type=int, default=1, help="labels per item (default 1)")
    labels.add_argument("--out", required=True, help="the PDF file to write")
    labels.add_argument("--db", default=argparse.SUPPRESS, help="database (default: the local file)")
    labels.set_defaults(handler=_cmd_labels)


def _database(args: argparse.Namespace, *, required: bool) -> Database | None:
    url = getattr(args, "db", None)
    if url is None and required:
        url = default_database_url()
    return open_database(url) if url else None


def scan_line(code: str, symbology: str, result: ScanResult | None) -> str:
    """One output line: code, symbology, and what the code is (SKU, unknown, a refusal)."""
    if result is None:
        what = "-"
    elif result.kind is ScanKind.ITEM and result.item is not None:
        what = result.item.sku
    elif result.kind is ScanKind.LOCATION and result.store is not None:
        what = f"store {result.store.code}"
    elif result.kind is ScanKind.WRONG_CHECK_DIGIT:
        what = f"wrong check digit ({result.reason})"
    elif result.kind is ScanKind.INVALID:
        what = f"invalid ({result.reason})"
    else:
        what = "unknown"
    printable = code.replace("\x1d", "<GS>")
    return f"{printable}\t{symbology}\t{what}"


def _cmd_scan(args: argparse.Namespace) -> int:
    db = _database(args, required=False)
    decoder = make_decoder(args.decoder)
    try:
        with open_source(args.source) as source:
            for event in scan_stream(source, decoder, Debouncer(args.window)):
                result = resolve_scan(db.uow(), event.code, event.symbology) if db is not None else None
                print(scan_line(event.code, event.symbology, result), flush=True)
    except KeyboardInterrupt:  # Ctrl+C is how a person ends a camera session
        print("stopped", file=sys.stderr)
    finally:
        if db is not None:
            db.close()
    return 0


def item_label(item: ItemView) -> Label:
    """A label for the item: its first retail barcode, else its first code, else its SKU (Code 128)."""
    for barcode in item.barcodes:
        key = _PRINTABLE.get(barcode.symbology.upper())
        if key is not None:
            return Label(item.name, item.sell_price, barcode.code, key)
        if barcode.symbology.upper() == "UPCE":  # printed as its UPC-A: the same GTIN, scans the same
            return Label(item.name, item.sell_price, expand_upce(barcode.code), "upca")
    code = item.barcodes[0].code if item.barcodes else item.sku
    return Label(item.name, item.sell_price, code, "code128")


def labelled_items(db: Database, skus: list[str], search: str | None) -> list[ItemView]:
    """The items named by SKU, then those matching `search`, each once, in that order."""
    items = [catalog.find_item(db.uow(), sku) for sku in skus]
    if search is not None:
        rows = item_query.item_page(db.uow(), item_query.ItemFilter(text=search), limit=FILTERED_LIMIT)
        items += [catalog.get_item(db.uow(), row.id) for row in rows]
    unique = {item.id: item for item in items}
    return list(unique.values())


def _cmd_labels(args: argparse.Namespace) -> int:
    if not args.sku and args.search is None:
        raise ValidationError("sku", "", "give at least one --sku or a --search")
    db = _database(args, required=True)
    assert db is not None
    try:
        items = labelled_items(db, args.sku, args.search)
        if not items:
            raise ValidationError("search", args.search, "matches no item")
        sheets = write_labels(args.out, [item_label(item) for item in items], args.preset, args.copies)
    finally:
        db.close()
    print(f"wrote {args.out}: {len(items)} item(s) x {args.copies}, {sheets} sheet(s)")
    return 0
