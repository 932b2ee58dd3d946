"""Frames in, scans out: the one code path shared by the webcam widget and `stockdesk scan`."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from stockdesk.scanner.confirm import confirm_single_frame
from stockdesk.scanner.debounce import Debouncer
from stockdesk.scanner.decoders import Decoded, Decoder, Point, decode_frame
from stockdesk.scanner.sources import FrameSource

# Recorded sources without a frame rate are stepped as if filmed at this rate.
DEFAULT_FPS = 30.0


@dataclass(frozen=True)
class ScanEvent:
    """A code accepted as a new scan; `at` is seconds on the source's clock (see FrameResult)."""

    code: str
    symbology: str
    at: float
    polygon: tuple[Point, ...]


@dataclass(frozen=True)
class FrameResult:
    """One processed frame: everything decoded in it (for drawing), the scans it produced, and the
    linear codes held back because this frame alone could not tell them apart from another code."""

    frame: np.ndarray
    decoded: list[Decoded]
    events: list[ScanEvent]
    at: float
    held: list[Decoded]


def process_stream(
    source: FrameSource,
    decoder: Decoder = decode_frame,
    debouncer: Debouncer | None = None,
    *,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[FrameResult]:
    """Decode every frame of `source` and de-bounce the codes.

    A live camera is timed by `clock`. A recorded source is timed by its own timeline (frame number /
    fps), so a video read faster than real time de-bounces exactly as it would have live.
    """
    debouncer = debouncer if debouncer is not None else Debouncer()
    step = 1.0 / (source.fps or DEFAULT_FPS)
    for index, frame in enumerate(source):
        at = clock() if source.live else index * step
        decoded, held = confirm_single_frame(frame, decoder(frame))
        events = [
            ScanEvent(d.code, d.symbology, at, d.polygon) for d in decoded if debouncer.accept(d.code, at)
        ]
        yield FrameResult(frame=frame, decoded=decoded, events=events, at=at, held=held)


def scan_stream(
    source: FrameSource, decoder: Decoder = decode_frame, debouncer: Debouncer | None = None
) -> Iterator[ScanEvent]:
    """The scans in `source`, each code once per sighting (see Debouncer)."""
    for result in process_stream(source, decoder, debouncer):
        yield from result.events
