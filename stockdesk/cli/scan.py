"""`stockdesk scan [--source 0|VIDEO|FOLDER]`: the scanner dock's pipeline without a window.

`scan` runs the very frame source, decoder and de-bounce the scanner dock runs, and prints one line
per scan: code, symbology, and the item's SKU ("unknown" when no item carries the code). With no
database named (neither `--db` nor a database in the configuration) nothing is looked up and the
last column is "-": that is enough to test a camera. Without `--source` it opens the camera the
configuration names (Settings -> This desk -> Camera number).
"""

from __future__ import annotations

import argparse
import sys

from stockdesk.cli.database import named_database_url
from stockdesk.cli.options import Commands
from stockdesk.config import load_config
from stockdesk.scanner.decoder_names import DECODER_NAMES
from stockdesk.services.catalogue.scanning import ScanKind, ScanResult, resolve_scan
from stockdesk.services.database import open_database


def add_commands(commands: Commands) -> None:
    scan = commands.add_parser("scan", help="scan barcodes from a camera, video or images, print each scan")
    scan.add_argument(
        "--source",
        help="camera number (0, 1, ...), a video file or a folder (default: the configured camera)",
    )
    scan.add_argument("--decoder", default="combined", choices=sorted(DECODER_NAMES))
    scan.add_argument(
        "--window",
        type=float,
        default=1.5,
        help="seconds a code must be out of sight before it counts again (default 1.5)",
    )
    scan.set_defaults(handler=_cmd_scan)


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
    # OpenCV and the decoders load here, not with the command line: every other command starts without them.
    from stockdesk.scanner.debounce import Debouncer
    from stockdesk.scanner.decoders import make_decoder
    from stockdesk.scanner.pipeline import scan_stream
    from stockdesk.scanner.sources import open_source

    url = named_database_url(args)
    db = open_database(url) if url else None
    decoder = make_decoder(args.decoder)
    try:
        with open_source(args.source or str(load_config().camera_index)) as source:
            for event in scan_stream(source, decoder, Debouncer(args.window)):
                result = resolve_scan(db.uow(), event.code, event.symbology) if db is not None else None
                print(scan_line(event.code, event.symbology, result), flush=True)
    except KeyboardInterrupt:  # Ctrl+C is how a person ends a camera session
        print("stopped", file=sys.stderr)
    finally:
        if db is not None:
            db.close()
    return 0
