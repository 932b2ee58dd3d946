import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from stockdesk.scanner.sources import VideoFileSource
from stockdesk.scanner.worker import CameraWorker, ScannerThread
from tests.support.barcode_video import write_video
from tests.support.patient_qtbot import HANG_GUARD_MS

ITEMS = [("EAN13", "4006381333931"), ("UPCA", "036000291452"), ("DATAMATRIX", "PALLET-0042")]


class Recorder(QObject):
    """Lives in the GUI thread, so the worker's signals reach it queued, as they reach a window."""

    def __init__(self, worker):
        super().__init__()
        self.scans, self.frames, self.failures, self.stopped = [], [], [], 0
        worker.scanned.connect(self.on_scanned)
        worker.frame_ready.connect(self.on_frame)
        worker.failed.connect(self.on_failed)
        worker.stopped.connect(self.on_stopped)

    @Slot(str, str)
    def on_scanned(self, code, symbology):
        self.scans.append((symbology, code))

    @Slot(QImage)
    def on_frame(self, image):
        self.frames.append(image)

    @Slot(str)
    def on_failed(self, message):
        self.failures.append(message)

    @Slot()
    def on_stopped(self):
        self.stopped += 1


def green_pixels(image):
    colours = (image.pixelColor(x, y) for x in range(0, 640, 2) for y in range(0, 480, 2))
    return sum(1 for c in colours if c.green() > 150 and c.red() < 60 and c.blue() < 60)


@pytest.fixture(scope="module")
def video(tmp_path_factory):
    return write_video(tmp_path_factory.mktemp("worker") / "scan.avi", ITEMS)


@pytest.fixture(scope="module")
def long_video(tmp_path_factory):
    # About 16 s at 30 fps when paced: the worker is still busy when the test stops it.
    return write_video(tmp_path_factory.mktemp("worker") / "long.avi", ITEMS * 8)


def test_worker_in_a_thread_emits_each_scan_and_frames_then_stops(qtbot, video):
    worker = CameraWorker(str(video), pace=False)
    seen = Recorder(worker)
    scanner = ScannerThread(worker)
    scanner.start()
    qtbot.waitUntil(lambda: seen.stopped == 1, timeout=20_000)
    assert scanner.stop(timeout_ms=HANG_GUARD_MS)
    assert seen.scans == ITEMS
    assert seen.failures == []
    assert isinstance(seen.frames[0], QImage)
    assert (seen.frames[0].width(), seen.frames[0].height()) == (640, 480)


def test_frames_with_a_code_carry_a_green_outline(qtbot, video):
    worker = CameraWorker(lambda: VideoFileSource(video), pace=False)
    seen = Recorder(worker)
    scanner = ScannerThread(worker)
    scanner.start()
    qtbot.waitUntil(lambda: seen.stopped == 1, timeout=20_000)
    first = seen.frames[0]  # the first frame already shows the first code
    assert green_pixels(first) > 20
    blank = seen.frames[15]  # between two codes: nothing to outline
    assert green_pixels(blank) == 0
    scanner.stop()


def test_stop_joins_the_thread_of_a_paced_video_within_a_second(qtbot, long_video):
    worker = CameraWorker(str(long_video), pace=True)
    seen = Recorder(worker)
    scanner = ScannerThread(worker)
    scanner.start()
    qtbot.waitUntil(lambda: len(seen.frames) > 3, timeout=10_000)
    assert scanner.is_running()
    assert scanner.stop(timeout_ms=HANG_GUARD_MS)
    assert not scanner.is_running()
    qtbot.waitUntil(lambda: seen.stopped == 1)


def test_closing_the_window_stops_and_joins_the_camera(qtbot, long_video):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    worker = CameraWorker(str(long_video), pace=True)
    seen = Recorder(worker)
    scanner = ScannerThread(worker, window=window)
    scanner.start()
    qtbot.waitUntil(lambda: len(seen.frames) > 3, timeout=10_000)
    window.close()
    assert not scanner.is_running()


def test_a_missing_camera_is_reported_as_failed_and_the_thread_ends(qtbot):
    worker = CameraWorker("99")
    seen = Recorder(worker)
    scanner = ScannerThread(worker)
    scanner.start()
    qtbot.waitUntil(lambda: seen.stopped == 1, timeout=10_000)
    assert len(seen.failures) == 1
    assert "camera 99" in seen.failures[0]
    assert scanner.stop(timeout_ms=HANG_GUARD_MS)
