"""The webcam scanner dock: live preview with the code outlined, camera picker, start/stop, continuous mode.

The camera runs in a CameraWorker on its own QThread (scanner.worker); this dock only shows frames and
forwards scans through `scanned(code, symbology)`, the same route the USB wedge takes to the counter.
Cameras 0-3 are probed only when the picker is first opened (opening a camera can take a second).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stockdesk.domain.errors import ScannerUnavailable

if TYPE_CHECKING:
    from stockdesk.scanner.worker import ScannerThread

CAMERA_INDEXES = range(4)
VIDEO_FILE = "video-file"
PREVIEW_SIZE = (320, 240)


class CameraPicker(QComboBox):
    """Camera 0-3 and "Video file…"; probes the cameras the first time its list is opened."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.probed = False
        for index in CAMERA_INDEXES:
            self.addItem(self.tr("Camera {n}").format(n=index), str(index))
        self.addItem(self.tr("Video file…"), VIDEO_FILE)

    def showPopup(self) -> None:
        """Probe before showing, so absent cameras are marked."""
        if not self.probed:
            self.probe()
        super().showPopup()

    def probe(self) -> list[int]:
        """Mark cameras that cannot be opened; returns the indexes that can."""
        # OpenCV and numpy (~35 MB resident) load with the first camera, not with the window.
        from stockdesk.scanner.sources import CameraSource

        self.probed = True
        found = []
        for index in CAMERA_INDEXES:
            try:
                CameraSource(index).close()
                found.append(index)
                text = self.tr("Camera {n}").format(n=index)
            except ScannerUnavailable:
                text = self.tr("Camera {n} (not found)").format(n=index)
            self.setItemText(index, text)
        return found


class ScannerDock(QDockWidget):
    """Emits `scanned(code, symbology)` for each de-bounced scan."""

    scanned = Signal(str, str)

    def __init__(self, parent: QWidget | None = None, *, pace: bool = True) -> None:
        super().__init__(self.tr("Scanner"), parent)
        self.setObjectName("scanner_dock")
        self._pace = pace
        self._scanner: ScannerThread | None = None
        self.video_path = ""
        self.last_frame: QImage | None = None
        self.preview = QLabel(self.tr("Camera off"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(*PREVIEW_SIZE)
        self.preview.setStyleSheet("background: #222; color: #ddd;")
        self.picker = CameraPicker()
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.clicked.connect(self.toggle)
        self.continuous = QCheckBox(self.tr("Continuous"))
        self.continuous.setChecked(True)
        self.continuous.setToolTip(self.tr("Keep scanning after a code; off stops after the first scan"))
        self.window_s = QDoubleSpinBox()
        self.window_s.setRange(0.2, 10.0)
        self.window_s.setSingleStep(0.5)
        self.window_s.setValue(1.5)
        self.window_s.setSuffix(" s")
        self.window_s.setToolTip(self.tr("The same code within this time is one scan"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self._build()
        if parent is not None:
            parent.installEventFilter(self)

    def _build(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.picker, 1)
        row.addWidget(self.start_button)
        options = QHBoxLayout()
        options.addWidget(self.continuous)
        options.addWidget(QLabel(self.tr("Same code ignored for")))
        options.addWidget(self.window_s)
        options.addStretch(1)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.preview, 1)
        column.addLayout(row)
        column.addLayout(options)
        column.addWidget(self.status)
        self.setWidget(body)

    # running ------------------------------------------------------------------------------------

    def is_running(self) -> bool:
        return self._scanner is not None and self._scanner.is_running()

    def toggle(self) -> None:
        if self._scanner is not None:
            self.stop()
        else:
            self.start()

    def source_spec(self) -> str | None:
        """What the picker names: a camera number or a video file (asked for once)."""
        data = self.picker.currentData()
        if data != VIDEO_FILE:
            return str(data)
        if not self.video_path:
            kinds = self.tr("Videos (*.avi *.mp4 *.mkv *.mov);;All files (*)")
            path, _filter = QFileDialog.getOpenFileName(self, self.tr("Video to scan"), "", kinds)
            self.video_path = path
        return self.video_path or None

    def start(self, source: str | None = None) -> None:
        """Start scanning `source` (default: what the picker shows)."""
        self.stop()
        spec = source if source is not None else self.source_spec()
        if not spec:
            return
        # The decoders (OpenCV, numpy, zxing-cpp, zbar) load when a camera first starts, not with the window.
        from stockdesk.scanner.worker import CameraWorker, ScannerThread

        worker = CameraWorker(spec, window_s=self.window_s.value(), pace=self._pace)
        worker.frame_ready.connect(self._frame)
        worker.scanned.connect(self._scanned)
        worker.held.connect(self._held)
        worker.failed.connect(self._failed)
        worker.stopped.connect(self._stopped)
        self._scanner = ScannerThread(worker, parent=self)
        self.status.setText(self.tr("Scanning…"))
        self.start_button.setText(self.tr("Stop"))
        self._scanner.start()

    def stop(self) -> None:
        """Stop the camera and join its thread (returns when it has ended)."""
        scanner, self._scanner = self._scanner, None
        if scanner is not None:
            scanner.stop()
            scanner.deleteLater()
        self.start_button.setText(self.tr("Start"))

    @Slot(QImage)
    def _frame(self, image: QImage) -> None:
        self.last_frame = image
        pixmap = QPixmap.fromImage(image)
        self.preview.setPixmap(pixmap.scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.FastTransformation))

    @Slot(str, str)
    def _scanned(self, code: str, symbology: str) -> None:
        self.status.setText(self.tr("Read {code} ({symbology})").format(code=code, symbology=symbology))
        self.scanned.emit(code, symbology)
        if not self.continuous.isChecked():
            self.stop()

    @Slot()
    def _held(self) -> None:
        self.status.setText(self.tr("Hold steady…"))

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.status.setText(self.tr("No picture: {message}").format(message=message))
        self.preview.setText(self.tr("No camera"))

    @Slot()
    def _stopped(self) -> None:
        self.start_button.setText(self.tr("Start"))
        if self._scanner is not None and not self._scanner.is_running():
            self._scanner = None

    def eventFilter(self, watched: QObject, event: object) -> bool:
        """Stop and join the camera when the window that holds the dock closes."""
        if isinstance(event, QEvent) and event.type() == QEvent.Type.Close:
            self.stop()
        return False
