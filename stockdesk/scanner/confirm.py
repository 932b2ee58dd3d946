"""Never the wrong item: a linear code read from one camera frame is checked before it counts as a scan.

A small or blurred EAN/UPC can alias into another code whose check digit is valid too: on the real
photos of `python -m bench photos`, zxing-cpp and zbar *both* read one UPC-A label as 9074932437075
while the label says 0 23942 43101 5. The same region read again a little smoothed, or at twice the
size, gives the printed code. So a linear code (EAN-13/8, UPC-A/E, Code 128, Code 39) found in a
frame is read again from its own region by the other decoder and by zxing-cpp on two resampled copies:
if any of them reads a *different* code of the same kind there, the frame is ambiguous and the counter
says "hold steady" instead of looking the code up; the next frame decides. A check that reads nothing
does not veto (small codes often survive only the first reading). 2-D codes carry error correction
and are taken as read. The checks run only on frames that hold a linear code, so the empty frames a
counter camera mostly sees cost nothing more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

import cv2
import numpy as np

from stockdesk.scanner.decoders import Decoded, to_gray, zbar_decode, zxing_decode

LINEAR = frozenset({"EAN13", "EAN8", "UPCA", "UPCE", "CODE128", "CODE39"})
RETAIL = frozenset({"EAN13", "EAN8", "UPCA", "UPCE"})
# Around the outline a decoder reports, as a share of the code's longest side: zbar's outline of a
# linear code can be one scan line across part of the bars, so its region must reach well past it;
# zxing-cpp outlines the whole symbol, so its quiet zone is enough (and keeps the checks cheap).
MARGIN = {"zbar": 1.5, "zxing": 0.3}
ENLARGE_UP_TO = 480  # a region larger than this is not enlarged: only small codes alias that way
ZBAR_SIDE = 360
SETTLED = 3  # the read and two checks agreeing: no remaining check can make it a tie

Check = Callable[[np.ndarray], list[Decoded]]


def _family(symbology: str) -> frozenset[str]:
    return RETAIL if symbology in RETAIL else frozenset({symbology})


def _region(gray: np.ndarray, read: Decoded) -> np.ndarray:
    xs = [x for x, _ in read.polygon] or [0]
    ys = [y for _, y in read.polygon] or [0]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    pad = int(max(width, height) * MARGIN.get(read.decoder, max(MARGIN.values()))) + 16
    top, bottom = max(min(ys) - pad, 0), min(max(ys) + pad, gray.shape[0])
    left, right = max(min(xs) - pad, 0), min(max(xs) + pad, gray.shape[1])
    return gray[top:bottom, left:right]


def _smoothed(region: np.ndarray) -> list[Decoded]:
    return zxing_decode(cv2.GaussianBlur(region, (3, 3), 0))


def _enlarged(region: np.ndarray) -> list[Decoded]:
    if max(region.shape[:2]) > ENLARGE_UP_TO:
        return []
    return zxing_decode(cv2.resize(region, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC))


def _zbar_for(read: Decoded) -> Check:
    # Only the read's own kind: zbar looking for every symbology costs five times as much.
    kinds = tuple(_family(read.symbology))

    def zbar(region: np.ndarray) -> list[Decoded]:
        # zbar's time grows with the pixels it scans; a code big enough to need no enlarging reads
        # as well from a copy whose longest side is ZBAR_SIDE.
        scale = ZBAR_SIDE / max(region.shape[:2])
        if scale < 1:
            region = cv2.resize(region, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        return zbar_decode(region, only=kinds)

    return zbar


def checks_for(read: Decoded) -> tuple[Check, ...]:
    """zxing-cpp on a smoothed copy of the region, the other decoder, then zxing-cpp on an enlarged copy:
    cheapest first (measured 1.8, 3.9 and 10 ms on a 640x480 counter frame), so a read the first two
    confirm (`SETTLED`, 38 of 40 frames) never pays for the enlargement."""
    other: Check = zxing_decode if read.decoder == "zbar" else _zbar_for(read)
    return (_smoothed, other, _enlarged)


def _tally(read: Decoded, readings: Iterable[list[Decoded]]) -> dict[str, tuple[int, Decoded]]:
    """For each code of the read's kind: how many readings (the first included) found it, and one of them."""
    family = _family(read.symbology)
    tally = {read.code: (1, read)}
    for found in readings:  # lazily: the checks run one by one, and stop once the read is settled
        for code, decoded in {d.code: d for d in found if d.symbology in family}.items():
            count, first = tally.get(code, (0, decoded))
            tally[code] = (count + 1, first)
        if tally[read.code][0] >= SETTLED:
            break
    return tally


def settle(gray: np.ndarray, read: Decoded, checks: Iterable[Check] | None = None) -> Decoded | None:
    """The code the frame really shows, or None when its readings disagree without a clear majority.

    No contrary reading: the read stands. Readings that disagree: the code that a strict majority of
    them found, at least two, wins (it may be a check's code rather than the first read's); a tie holds.
    """
    region = _region(gray, read)
    if region.size == 0:
        return read
    tally = _tally(read, (check(region) for check in checks or checks_for(read)))
    if len(tally) == 1:
        return read
    ranked = sorted(tally.values(), key=lambda entry: entry[0], reverse=True)
    (count, best), (runner_up, _) = ranked[0], ranked[1]
    if count < 2 or count == runner_up:
        return None
    return read if best.code == read.code else replace(best, polygon=read.polygon)


def confirm_single_frame(frame: np.ndarray, found: list[Decoded]) -> tuple[list[Decoded], list[Decoded]]:
    """(reads that count as scans, linear reads held back because the frame is ambiguous)."""
    if not any(d.symbology in LINEAR for d in found):
        return found, []
    gray = to_gray(frame)
    confirmed: list[Decoded] = []
    held: list[Decoded] = []
    for read in found:
        if read.symbology not in LINEAR:
            confirmed.append(read)
            continue
        settled = settle(gray, read)
        (confirmed if settled is not None else held).append(settled or read)
    return confirmed, held
