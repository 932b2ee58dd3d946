"""Frame sources: a camera, a video file or a folder of images, all yielding BGR numpy frames.

Tests and benchmarks feed recorded frames through exactly the code path a webcam uses, so every source
has the same small interface. Opening something that is not there raises ScannerUnavailable with a
sentence a clerk can act on, never an OpenCV traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self, runtime_checkable

import cv2
import numpy as np

from stockdesk.domain.errors import ScannerUnavailable
from stockdesk.domain.messages import Message

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp"})

Frame = np.ndarray


@runtime_checkable
class FrameSource(Protocol):
    """Iterates BGR frames (H x W x 3 uint8); `live` sources run on wall-clock time, others on fps."""

    name: str
    fps: float | None
    live: bool

    def __iter__(self) -> Iterator[Frame]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...


class _ClosingSource:
    """Context-manager plumbing shared by the sources."""

    def close(self) -> None:
        """Release the device or file; safe to call twice."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


@contextmanager
def _quiet_opencv() -> Iterator[None]:
    """OpenCV logs a WARN line for every backend it tries on a missing device; we report it ourselves."""
    previous = cv2.utils.logging.getLogLevel()
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
    try:
        yield
    finally:
        cv2.utils.logging.setLogLevel(previous)


class _CaptureSource(_ClosingSource):
    """A cv2.VideoCapture behind the FrameSource interface."""

    def __init__(self, name: str, capture: cv2.VideoCapture, *, live: bool) -> None:
        self.name = name
        self.live = live
        self._capture = capture
        reported = capture.get(cv2.CAP_PROP_FPS)
        self.fps: float | None = float(reported) if reported and reported > 0 else None

    def __iter__(self) -> Iterator[Frame]:
        while self._capture.isOpened():
            ok, frame = self._capture.read()
            if not ok:
                if self.live:
                    raise ScannerUnavailable(self.name, Message("scanner.stopped"))
                return
            yield frame

    def close(self) -> None:
        """Release the camera or file handle."""
        self._capture.release()


class CameraSource(_CaptureSource):
    """A webcam by index (0 is the first camera)."""

    def __init__(self, index: int, *, width: int = 1280, height: int = 720) -> None:
        name = f"camera {index}"
        with _quiet_opencv():
            capture = cv2.VideoCapture(index)
        if not capture.isOpened():
            capture.release()
            raise ScannerUnavailable(name, Message("scanner.busy"))
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        super().__init__(name, capture, live=True)


class VideoFileSource(_CaptureSource):
    """A recorded video, read as fast as the consumer pulls frames."""

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        name = f"video {path.name}"
        if not path.is_file():
            raise ScannerUnavailable(name, Message("scanner.no_file"))
        with _quiet_opencv():
            capture = cv2.VideoCapture(str(path))
        if not capture.isOpened():
            capture.release()
            raise ScannerUnavailable(name, Message("scanner.not_video"))
        super().__init__(name, capture, live=False)


class ImageFolderSource(_ClosingSource):
    """Still images in name order (or a single image file); files OpenCV cannot read are skipped.

    `fps` sets how far apart the images are in scan time (default one per second), which decides
    whether the same code on two consecutive images counts as one scan.
    """

    def __init__(self, path: str | Path, *, fps: float = 1.0) -> None:
        path = Path(path)
        self.name = f"images {path.name}"
        self.fps: float | None = fps
        self.live = False
        if path.is_file():
            self._files = [path]
        elif path.is_dir():
            self._files = sorted(p for p in path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        else:
            raise ScannerUnavailable(self.name, Message("scanner.no_folder"))
        if not self._files:
            raise ScannerUnavailable(self.name, Message("scanner.no_images"))

    def __iter__(self) -> Iterator[Frame]:
        for file in self._files:
            frame = cv2.imread(str(file), cv2.IMREAD_COLOR)
            if frame is not None:
                yield frame


def open_source(spec: str) -> FrameSource:
    """Open "0"/"1"/... as a camera index, a folder or image as stills, anything else as a video file."""
    spec = spec.strip()
    if spec.isdigit():
        return CameraSource(int(spec))
    path = Path(spec).expanduser()
    if path.is_dir() or path.suffix.lower() in IMAGE_SUFFIXES:
        return ImageFolderSource(path)
    if path.is_file():
        return VideoFileSource(path)
    raise ScannerUnavailable(spec, Message("scanner.unknown"))
