"""The camera loop as a QObject living in its own QThread, and the helper that owns that thread.

The loop is a plain `for` over scan pipeline results, so while it runs the worker thread's event loop
is busy; `stop()` therefore does not go through a queued signal but sets a thread-safe flag the loop
checks on every frame. The GUI only ever sees signals: frames as QImage copies and scans as strings.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import cv2
import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QImage

from stockdesk.domain.errors import ScannerUnavailable
from stockdesk.scanner.debounce import Debouncer
from stockdesk.scanner.decoders import Decoded, make_decoder
from stockdesk.scanner.pipeline import process_stream
from stockdesk.scanner.sources import FrameSource, open_source

log = logging.getLogger(__name__)

OUTLINE_BGR = (0, 200, 0)
SourceFactory = Callable[[], FrameSource]


def frame_to_qimage(frame: np.ndarray, decoded: list[Decoded]) -> QImage:
    """A QImage of `frame` with each decoded code outlined; it owns its pixels (safe across threads)."""
    if decoded:
        frame = frame.copy()
        for found in decoded:
            points = np.array(found.polygon, dtype=np.int32).reshape(-1, 1, 2)
            cv2.polylines(frame, [points], isClosed=True, color=OUTLINE_BGR, thickness=3)
    frame = np.ascontiguousarray(frame)
    height, width = frame.shape[:2]
    image = QImage(frame.data, width, height, frame.strides[0], QImage.Format.Format_BGR888)
    return image.copy()  # detach from the numpy buffer, which is reused for the next frame


class CameraWorker(QObject):
    """Reads a frame source, decodes, de-bounces and reports; move it to a QThread and call start()."""

    frame_ready = Signal(QImage)
    scanned = Signal(str, str)  # code, symbology
    held = Signal()  # a code seen but not yet certain: the clerk holds it steady
    failed = Signal(str)  # a sentence for the status bar
    stopped = Signal()

    def __init__(
        self,
        source: str | SourceFactory,
        *,
        decoder: str = "combined",
        window_s: float = 1.5,
        pace: bool = True,
        parent: QObject | None = None,
    ) -> None:
        """`source` is an open_source() spec ("0", a video, a folder) or a callable returning a source.

        `pace` plays recorded sources at their own frame rate, as a camera would deliver them.
        """
        super().__init__(parent)
        self._factory: SourceFactory = (lambda: open_source(source)) if isinstance(source, str) else source
        self._decoder = make_decoder(decoder)
        self._window_s = window_s
        self._pace = pace
        self._stop = threading.Event()

    @Slot()
    def start(self) -> None:
        """Run the camera loop until stop() or the end of a recorded source; always emits stopped."""
        self._stop.clear()
        try:
            with self._factory() as source:
                self._loop(source)
        except ScannerUnavailable as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # the thread must end cleanly whatever OpenCV throws
            log.exception("camera loop crashed")
            self.failed.emit(f"scanner stopped: {exc}")
        finally:
            self.stopped.emit()

    @Slot()
    def stop(self) -> None:
        """Ask the loop to end after the current frame; thread-safe, call it directly from any thread."""
        self._stop.set()

    def is_stopping(self) -> bool:
        """True once stop() has been asked for."""
        return self._stop.is_set()

    def _loop(self, source: FrameSource) -> None:
        debouncer = Debouncer(self._window_s)
        interval = 1.0 / source.fps if (self._pace and not source.live and source.fps) else 0.0
        started = time.monotonic()
        for number, result in enumerate(process_stream(source, self._decoder, debouncer)):
            if self._stop.is_set():
                return
            self.frame_ready.emit(frame_to_qimage(result.frame, result.decoded))
            for event in result.events:
                self.scanned.emit(event.code, event.symbology)
            if result.held and not result.events:
                self.held.emit()
            if interval:
                # Waiting on the stop flag (not sleeping) keeps stop() prompt while pacing.
                delay = started + (number + 1) * interval - time.monotonic()
                if delay > 0 and self._stop.wait(delay):
                    return


class ScannerThread(QObject):
    """Owns a CameraWorker and its QThread; stop() (or closing `window`) stops and joins the thread."""

    def __init__(
        self, worker: CameraWorker, *, window: QObject | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self._thread = QThread(self)
        self._thread.setObjectName("camera")
        worker.moveToThread(self._thread)
        self._thread.started.connect(worker.start)
        # Direct: quit from the worker thread itself, so it works while the GUI thread is in wait().
        worker.stopped.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        if window is not None:
            window.installEventFilter(self)

    def start(self) -> None:
        """Start the camera thread (does nothing when it is already running)."""
        if not self._thread.isRunning():
            self._thread.start()

    def is_running(self) -> bool:
        """True while the camera thread is alive."""
        return self._thread.isRunning()

    def stop(self, timeout_ms: int = 3000) -> bool:
        """Stop the loop and join the thread; False if it did not end within `timeout_ms`."""
        self.worker.stop()
        self._thread.quit()
        joined = self._thread.wait(timeout_ms)
        if not joined:
            log.error("camera thread did not stop within %d ms", timeout_ms)
        return joined

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Stop and join the camera when the watched window closes."""
        if event.type() == QEvent.Type.Close:
            self.stop()
        return False
