"""Barcode decoding: time per 640x480 frame and decode rate on distorted images, zbar vs zxing-cpp.

Run: python -m bench scan [--count N] [--seed S] [--photos DIR]; with real photographs (`--photos` or
$STOCKDESK_PHOTOS) it prints their per-format read rate, wrong reads and ms per photo first.

Images come from tests/support/barcode_video.py: each symbology drawn by a label library, then
tilted (±35°), put in perspective, blurred, noised, shown at low contrast and at 180-420 px wide on a
640x480 frame. "read" = the expected code is among the results; "wrong" = a result that is some other
code (a misread, worse than no read). Times are for frames with a code and for empty frames, which
are most of what a webcam shows and where "combined" pays for both decoders.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import numpy as np

from bench import photos
from stockdesk.scanner.decoders import DECODERS, zbar_available
from tests.support.barcode_video import SYMBOLOGIES, blank_frame, distorted_images

NAMES = ("zbar", "zxing", "combined", "zbar-first")


def timed(decoder, frame) -> tuple[float, list[str]]:
    start = time.perf_counter()
    codes = [d.code for d in decoder(frame)]
    return (time.perf_counter() - start) * 1000, codes


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def run(count: int, seed: int) -> None:
    reads = {(name, s): 0 for name in NAMES for s in SYMBOLOGIES}
    wrong = dict.fromkeys(NAMES, 0)
    times: dict[str, list[float]] = {name: [] for name in NAMES}
    examples: list[str] = []
    for symbology in SYMBOLOGIES:
        for frame, code in distorted_images(symbology, count, seed=seed):
            for name in NAMES:
                ms, codes = timed(DECODERS[name], frame)
                times[name].append(ms)
                reads[name, symbology] += code in codes
                misread = [c for c in codes if c != code]
                wrong[name] += bool(misread)
                if misread and len(examples) < 8:
                    examples.append(f"{name}: {symbology} {code!r} read as {misread}")
    empty = {name: [timed(DECODERS[name], blank_frame(seed=i))[0] for i in range(200)] for name in NAMES}
    print_tables(count, reads, wrong, times, empty)
    if examples:
        print("\nwrong reads, first few:\n  " + "\n  ".join(examples))


def print_tables(count, reads, wrong, times, empty) -> None:
    print(f"zbar available: {zbar_available()}; {count} distorted 640x480 images per symbology\n")
    print(f"{'decode rate':<12}" + "".join(f"{name:>13}" for name in NAMES))
    for symbology in SYMBOLOGIES:
        row = "".join(f"{100 * reads[name, symbology] / count:>12.1f}%" for name in NAMES)
        print(f"{symbology:<12}{row}")
    total = len(SYMBOLOGIES) * count
    overall = "".join(f"{100 * sum(reads[n, s] for s in SYMBOLOGIES) / total:>12.1f}%" for n in NAMES)
    print(f"{'all':<12}{overall}")
    print(f"{'wrong reads':<12}" + "".join(f"{wrong[name]:>13}" for name in NAMES))
    print(f"\n{'ms / frame':<22}" + "".join(f"{name:>13}" for name in NAMES))
    for label, data in (("with code, median", times), ("with code, p95", times),
                        ("empty, median", empty), ("empty, p95", empty)):
        stat = statistics.median if "median" in label else (lambda v: percentile(v, 95))
        print(f"{label:<22}" + "".join(f"{stat(data[name]):>13.2f}" for name in NAMES))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500, help="images per symbology (default 500)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--photos",
        default=os.environ.get("STOCKDESK_PHOTOS", ""),
        help="a folder of real camera photographs (bench/photos.py says its layout): their table first",
    )
    args = parser.parse_args()
    if args.photos:
        photos.print_table(photos.run(Path(args.photos), "combined"), "combined")
        print()
    run(args.count, args.seed)


if __name__ == "__main__":
    main()
