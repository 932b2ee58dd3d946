"""Find barcodes in a frame: zxing-cpp first, zbar (downscaled, then full size) as the fallback.

The first design asked for zbar first. `python -m bench.scan` on 4,000 distorted codes measured zbar-first
at 38 ms median per 640x480 frame (more than a 30 fps camera allows) reading 64.4 % of codes, while
zxing-first reads 64.3 % in 14.5 ms; zbar alone reads 27.9 % and no DataMatrix at all. So zxing-cpp
goes first and zbar still catches what zxing misses. The frame is converted to grayscale once; zbar
looks at a copy whose longest side is 640 px first. Every result uses one vocabulary of symbology
names and full-frame pixel coordinates.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np
import zxingcpp

from stockdesk.domain.gtin import normalise_scanned
from stockdesk.scanner.regions import candidate_regions, crop

log = logging.getLogger(__name__)

try:  # libzbar is a system library: the wheel imports, the shared object may still be missing.
    from pyzbar import pyzbar
except (ImportError, OSError):  # pragma: no cover - depends on the machine
    pyzbar = None

SYMBOLOGIES = ("EAN13", "EAN8", "UPCA", "UPCE", "CODE128", "CODE39", "QRCODE", "DATAMATRIX")
DOWNSCALE_LONGEST_SIDE = 640
ENLARGE_UP_TO = 480  # a region this small or smaller is read again at twice its size

Point = tuple[int, int]


@dataclass(frozen=True)
class Decoded:
    """One code found in a frame; `polygon` is its outline in full-frame pixels."""

    code: str
    symbology: str
    polygon: tuple[Point, ...]
    decoder: str = ""  # "zxing" or "zbar": a second opinion must come from the other one


Decoder = Callable[[np.ndarray], list[Decoded]]

_ZXING_NAMES = {
    "EAN13": "EAN13",
    "EAN8": "EAN8",
    "UPCA": "UPCA",
    "UPCE": "UPCE",
    "Code128": "CODE128",
    "Code39": "CODE39",
    "QRCode": "QRCODE",
    "DataMatrix": "DATAMATRIX",
}
_ZXING_FORMATS = [getattr(zxingcpp.BarcodeFormat, name) for name in _ZXING_NAMES]


def zbar_available() -> bool:
    """True when pyzbar and the libzbar shared library could be loaded."""
    return pyzbar is not None


def to_gray(frame: np.ndarray) -> np.ndarray:
    """A single-channel view of a BGR, BGRA or already gray frame."""
    if frame.ndim == 2:
        return frame
    code = cv2.COLOR_BGRA2GRAY if frame.shape[2] == 4 else cv2.COLOR_BGR2GRAY
    return cv2.cvtColor(frame, code)


def _downscaled(gray: np.ndarray) -> tuple[np.ndarray, float] | None:
    """(smaller copy, factor back to full size), or None when the frame is already small."""
    longest = max(gray.shape[:2])
    if longest <= DOWNSCALE_LONGEST_SIDE:
        return None
    factor = longest / DOWNSCALE_LONGEST_SIDE
    size = (round(gray.shape[1] / factor), round(gray.shape[0] / factor))
    return cv2.resize(gray, size, interpolation=cv2.INTER_AREA), factor


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _result(
    code: str, symbology: str, points: Sequence[tuple[float, float]], factor: float, decoder: str
) -> Decoded:
    # Multi-line texts are encoded with CRLF by most QR generators; the printed text (and what a
    # clerk compares it with) has plain line ends.
    code, symbology = normalise_scanned(code.replace("\r\n", "\n"), symbology)
    polygon = tuple((round(x * factor), round(y * factor)) for x, y in points)
    return Decoded(code=code, symbology=symbology, polygon=polygon, decoder=decoder)


def _box(polygon: tuple[Point, ...]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in polygon] or [0]
    ys = [p[1] for p in polygon] or [0]
    return min(xs), min(ys), max(xs), max(ys)


def _overlaps(a: Decoded, b: Decoded) -> bool:
    ax0, ay0, ax1, ay1 = _box(a.polygon)
    bx0, by0, bx1, by1 = _box(b.polygon)
    return ax0 <= bx1 and bx0 <= ax1 and ay0 <= by1 and by0 <= ay1


def drop_phantom_upce(found: list[Decoded]) -> list[Decoded]:
    """zxing sometimes reads a UPC-E inside the bars of an EAN-13/UPC-A it also read: keep the long code.

    A counter would otherwise show "unknown code" beside the right item (2 of 200 bench frames).
    """
    long_codes = [d for d in found if d.symbology in ("EAN13", "UPCA")]
    if not long_codes:
        return found
    return [d for d in found if d.symbology != "UPCE" or not any(_overlaps(d, long) for long in long_codes)]


def zbar_decode(
    gray: np.ndarray, factor: float = 1.0, *, only: Sequence[str] = SYMBOLOGIES
) -> list[Decoded]:
    """zbar on a gray image; coordinates multiplied by `factor`. zbar reads no DataMatrix."""
    if pyzbar is None:
        return []
    symbols = [pyzbar.ZBarSymbol[name] for name in only if name in pyzbar.ZBarSymbol.__members__]
    found = pyzbar.decode(gray, symbols=symbols)
    return [
        _result(_text(s.data), s.type, [(p.x, p.y) for p in s.polygon], factor, "zbar")
        for s in found
        if s.data
    ]


def zxing_decode(
    gray: np.ndarray, factor: float = 1.0, *, binarizer: zxingcpp.Binarizer = zxingcpp.Binarizer.LocalAverage
) -> list[Decoded]:
    """zxing-cpp on a gray image (it tries rotations and its own downscaling)."""
    # zxing-cpp takes a list of formats at run time; its stubs name only the combined flag set.
    found = zxingcpp.read_barcodes(
        gray,
        formats=_ZXING_FORMATS,  # type: ignore[arg-type]
        text_mode=zxingcpp.TextMode.Plain,
        binarizer=binarizer,
    )
    results = []
    seen: set[tuple[str, str]] = set()
    for barcode in found:
        pos = barcode.position
        corners = [(p.x, p.y) for p in (pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left)]
        name = _ZXING_NAMES.get(barcode.format.name, barcode.format.name.upper())
        if not barcode.text or (barcode.text, name) in seen:  # one blurred code seen by two scan lines
            continue
        seen.add((barcode.text, name))
        results.append(_result(barcode.text, name, corners, factor, "zxing"))
    return results


def _zbar_small_then_full(gray: np.ndarray) -> list[Decoded]:
    """zbar on the downscaled copy first (cheap), then the full frame; nothing when libzbar is missing."""
    small = _downscaled(gray)
    if small is not None:
        found = zbar_decode(*small)
        if found:
            return found
    return zbar_decode(gray)


def decode_zbar(frame: np.ndarray) -> list[Decoded]:
    """zbar only: the downscaled copy first, then the full frame."""
    return _zbar_small_then_full(to_gray(frame))


def decode_zxing(frame: np.ndarray) -> list[Decoded]:
    """zxing-cpp only, on the full gray frame."""
    return zxing_decode(to_gray(frame))


def decode_zbar_first(frame: np.ndarray) -> list[Decoded]:
    """The first design's order, kept for the benchmark: zbar (small, then full), then zxing-cpp."""
    gray = to_gray(frame)
    return _zbar_small_then_full(gray) or zxing_decode(gray)


def _moved(found: list[Decoded], left: int, top: int, factor: float = 1.0) -> list[Decoded]:
    """Results read from a (resized) region, in full-frame pixels."""
    return [
        replace(d, polygon=tuple((round(x / factor) + left, round(y / factor) + top) for x, y in d.polygon))
        for d in found
    ]


def _sharpened(gray: np.ndarray) -> np.ndarray:
    return cv2.addWeighted(gray, 1.8, cv2.GaussianBlur(gray, (0, 0), 3), -0.8, 0)


def second_look(region: np.ndarray) -> list[Decoded]:
    """A region that may hold a code the first pass missed: zbar, then zxing-cpp enlarged, then sharpened.

    Measured on real photos (`python -m bench photos`), each step reads codes the ones before miss:
    zbar the blurred and glared EAN/UPC labels, the enlargement the small ones, sharpening the soft
    DataMatrix prints. The first that reads anything ends the look.
    """
    found = zbar_decode(region)
    if found:
        return found
    if max(region.shape[:2]) <= ENLARGE_UP_TO:
        enlarged = cv2.resize(region, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
        found = _moved(zxing_decode(enlarged), 0, 0, 2.0)
        if found:
            return found
    return zxing_decode(_sharpened(region))


def decode_frame(frame: np.ndarray) -> list[Decoded]:
    """The production decoder: zxing-cpp on the frame; where it reads nothing, a second look at the
    patches that may hold a code (`regions.candidate_regions`), so an empty frame costs one zxing pass
    and a tenth of a millisecond more."""
    gray = to_gray(frame)
    found = drop_phantom_upce(zxing_decode(gray))
    if found:
        return found
    for box in candidate_regions(gray):
        region, left, top = crop(gray, box)
        found = drop_phantom_upce(second_look(region))
        if found:
            return _moved(found, left, top)
    return []


DECODERS: dict[str, Decoder] = {
    "zbar": decode_zbar,
    "zxing": decode_zxing,
    "combined": decode_frame,
    "zbar-first": decode_zbar_first,
}


def make_decoder(name: str = "combined") -> Decoder:
    """The decoder called `name` (a key of DECODERS); "zbar" falls back to zxing when libzbar is missing."""
    if name not in DECODERS:
        raise ValueError(f"unknown decoder {name!r}; choose one of {', '.join(DECODERS)}")
    if name == "zbar" and pyzbar is None:
        log.warning("libzbar is not installed; using zxing-cpp instead")
        return decode_zxing
    return DECODERS[name]
