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
# linear code can be one scan line across part of the bars, so the region must reach well past it.
MARGIN = 1.5

Check = Callable[[np.ndarray], list[Decoded]]


def _family(symbology: str) -> frozenset[str]:
    return RETAIL if symbology in RETAIL else frozenset({symbology})


def _region(gray: np.ndarray, polygon: tuple[tuple[int, int], ...]) -> np.ndarray:
    xs = [x for x, _ in polygon] or [0]
    ys = [y for _, y in polygon] or [0]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    pad = int(max(width, height) * MARGIN) + 16
    top, bottom = max(min(ys) - pad, 0), min(max(ys) + pad, gray.shape[0])
    left, right = max(min(xs) - pad, 0), min(max(xs) + pad, gray.shape[1])
    return gray[top:bottom, left:right]


def _smoothed(region: np.ndarray) -> list[Decoded]:
    return zxing_decode(cv2.GaussianBlur(region, (3, 3), 0))


def _enlarged(region: np.ndarray) -> list[Decoded]:
    return zxing_decode(cv2.resize(region, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC))


def checks_for(read: Decoded) -> tuple[Check, ...]:
    """The other decoder on the region, and zxing-cpp on two resampled copies of it."""
    other: Check = zxing_decode if read.decoder == "zbar" else zbar_decode
    return (other, _smoothed, _enlarged)


def _tally(read: Decoded, readings: Iterable[list[Decoded]]) -> dict[str, tuple[int, Decoded]]:
    """For each code of the read's kind: how many readings (the first included) found it, and one of them."""
    family = _family(read.symbology)
    tally = {read.code: (1, read)}
    for found in readings:
        for code, decoded in {d.code: d for d in found if d.symbology in family}.items():
            count, first = tally.get(code, (0, decoded))
            tally[code] = (count + 1, first)
    return tally


def settle(gray: np.ndarray, read: Decoded, checks: Iterable[Check] | None = None) -> Decoded | None:
    """The code the frame really shows, or None when its readings disagree without a clear majority.

    No contrary reading: the read stands. Readings that disagree: the code that a strict majority of
    them found, at least two, wins (it may be a check's code rather than the first read's); a tie holds.
    """
    region = _region(gray, read.polygon)
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
