"""Read rate on real camera photographs: `python -m bench photos [--dir DIR] [--decoder NAME]`.

The photographs are not in the repository (their licences and size say so). Point the benchmark at a
folder laid out like the zxing-cpp project's test samples (Apache-2.0): one sub-folder per set, named
after its format (`ean13-1`, `upca-2`, `code128-1`, `code39-3`, `qrcode-4`, `datamatrix-2`, and
`falsepositives-1` for photos with no code of these formats), each image beside a `.txt` (or `.bin`)
holding the text printed in the code. `docs/scanning.md` says how to make one from a zxing-cpp checkout;
`STOCKDESK_PHOTOS` names the folder when `--dir` is not given.

Each photo goes through the counter's own decoder (`decode_frame` and the confirmation the counter
applies to a single frame), exactly as a camera frame would. "read" = the expected code is among the
confirmed results; "wrong" = a confirmed result that is a different code of that format (a wrong item
at a counter), or any confirmed result on a false-positive photo; "held" = a linear code the counter
would not accept from this one frame alone (it asks the clerk to hold steady for a second frame).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from stockdesk.scanner.confirm import confirm_single_frame
from stockdesk.scanner.decoders import DECODERS, Decoded

FORMATS = {  # folder prefix -> the symbologies that count as "that format"
    "ean13": {"EAN13", "UPCA"},  # an EAN-13 starting with 0 is a UPC-A under the bars
    "upca": {"UPCA", "EAN13"},
    "code128": {"CODE128"},
    "code39": {"CODE39"},
    "qrcode": {"QRCODE"},
    "datamatrix": {"DATAMATRIX"},
    "falsepositives": set(),
}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp"}


@dataclass
class Tally:
    photos: int = 0
    read: int = 0
    wrong: int = 0
    held: int = 0
    ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)  # steadier than wall time on a shared machine
    wrong_examples: list[str] = field(default_factory=list)


def photo_sets(root: Path) -> Iterator[tuple[str, Path, str | bytes | None]]:
    """(format, image, expected text or None for false positives) for every usable photo under root."""
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        kind = folder.name.rsplit("-", 1)[0]
        if kind not in FORMATS:
            continue
        for image in sorted(folder.iterdir()):
            if image.suffix.lower() not in IMAGE_SUFFIXES:
                continue
            if kind == "falsepositives":
                yield kind, image, None
                continue
            text, binary = image.with_suffix(".txt"), image.with_suffix(".bin")
            if text.exists():
                yield kind, image, text.read_text(encoding="utf-8")
            elif binary.exists():  # binary content: compared byte for byte
                yield kind, image, binary.read_bytes()


def same_code(kind: str, found: str, expected: str | bytes) -> bool:
    if isinstance(expected, bytes):  # zxing-cpp hands bytes out as ISO 8859-1 text
        return found.encode("latin-1", "replace") == expected
    if kind in ("ean13", "upca"):  # the same GTIN written with or without its leading zero
        return found.isdigit() and found.lstrip("0") == expected.strip().lstrip("0")
    return found == expected


def judge(kind: str, expected: str | bytes | None, results: list[Decoded], tally: Tally, name: str) -> None:
    if expected is None:
        if results:
            tally.wrong += 1
            tally.wrong_examples.append(f"{name}: read {results[0].code!r} ({results[0].symbology})")
        return
    ours = [r for r in results if r.symbology in FORMATS[kind]]
    if any(same_code(kind, r.code, expected) for r in ours):
        tally.read += 1
    elif ours:
        tally.wrong += 1
        tally.wrong_examples.append(f"{name}: {expected!r} read as {ours[0].code!r}")


def run(root: Path, decoder_name: str) -> dict[str, Tally]:
    decoder = DECODERS[decoder_name]
    tallies: dict[str, Tally] = {}
    for kind, image, expected in photo_sets(root):
        frame = cv2.imread(str(image), cv2.IMREAD_COLOR)
        if frame is None:
            continue
        tally = tallies.setdefault(kind, Tally())
        tally.photos += 1
        start, cpu = time.perf_counter(), time.process_time()
        confirmed, held = confirm_single_frame(frame, decoder(frame))
        tally.ms.append((time.perf_counter() - start) * 1000)
        tally.cpu_ms.append((time.process_time() - cpu) * 1000)
        tally.held += bool(held) and not confirmed
        judge(kind, expected, confirmed, tally, f"{image.parent.name}/{image.name}")
    return tallies


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):>8.1f}{float(np.percentile(values, 95)):>8.1f}"


def print_table(tallies: dict[str, Tally], decoder_name: str) -> None:
    print(f"decoder: {decoder_name}\n")
    columns = (
        ("photos", 7),
        ("read", 7),
        ("rate", 8),
        ("wrong", 7),
        ("held", 6),
        ("ms p50", 8),
        ("ms p95", 8),
        ("cpu p50", 8),
        ("cpu p95", 8),
    )
    print(f"{'format':<16}" + "".join(f"{name:>{width}}" for name, width in columns))
    total = Tally()
    for kind, tally in tallies.items():
        total.photos += tally.photos if kind != "falsepositives" else 0
        total.read += tally.read
        total.wrong += tally.wrong
        total.held += tally.held
        total.ms += tally.ms
        total.cpu_ms += tally.cpu_ms
        rate = f"{100 * tally.read / tally.photos:.1f}%" if kind != "falsepositives" else "-"
        print(
            f"{kind:<16}{tally.photos:>7}{tally.read:>7}{rate:>8}{tally.wrong:>7}{tally.held:>6}"
            f"{_spread(tally.ms)}{_spread(tally.cpu_ms)}"
        )
    rate = f"{100 * total.read / max(total.photos, 1):.1f}%"
    print(
        f"{'all with a code':<16}{total.photos:>7}{total.read:>7}{rate:>8}{total.wrong:>7}{total.held:>6}"
        f"{_spread(total.ms)}{_spread(total.cpu_ms)}"
    )
    examples = [e for t in tallies.values() for e in t.wrong_examples]
    if examples:
        print("\nwrong reads:\n  " + "\n  ".join(examples[:20]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=os.environ.get("STOCKDESK_PHOTOS", ""), help="the photo folder")
    parser.add_argument("--decoder", default="combined", choices=sorted(DECODERS))
    args = parser.parse_args()
    if not args.dir or not Path(args.dir).is_dir():
        parser.error("name the photo folder with --dir or STOCKDESK_PHOTOS (see docs/scanning.md)")
    print_table(run(Path(args.dir), args.decoder), args.decoder)


if __name__ == "__main__":
    main()
