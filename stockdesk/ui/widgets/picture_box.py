"""The item editor's picture: a preview, then a file dialog, a dropped file or the scanner camera's
still. An existing item's picture changes at once (like its packs); a new item's waits for its save."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stockdesk.domain.errors import StockDeskError, ValidationError
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import pictures
from stockdesk.services.catalogue.picture_images import check_file_size, prepare
from stockdesk.services.database import Database
from stockdesk.services.views import ItemView
from stockdesk.ui.dialogs.form import describe_error
from stockdesk.ui.i18n import error_text

PREVIEW_SIDE = 120
FILE_FILTER = "*.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff *.webp"


def camera_still() -> QImage | None:
    """The scanner dock's last camera frame, when a dock is open and has shown one."""
    from stockdesk.ui.scanner_dock import ScannerDock  # the dock pulls in the camera stack: only on use

    for top in QApplication.topLevelWidgets():
        for dock in top.findChildren(ScannerDock):
            if dock.last_frame is not None and not dock.last_frame.isNull():
                return dock.last_frame
    return None


def jpeg_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 90)
    return bytes(data.data())


class PictureBox(QWidget):
    """`edited` after a change was saved; `refused(text)` names the file and why it was refused."""

    edited = Signal()

    def __init__(
        self,
        db: Database,
        actor: Actor,
        item: ItemView | None,
        refused: Callable[[str], None],
        *,
        still: Callable[[], QImage | None] = camera_still,
    ) -> None:
        super().__init__()
        self.db, self.actor, self.item, self._refused, self._still = db, actor, item, refused, still
        self.pending: tuple[bytes, str] | None = None  # a new item's picture, saved with it
        self.setAcceptDrops(True)
        self.preview = QLabel(self.tr("No picture: drop a picture file here"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_SIDE, PREVIEW_SIDE)
        self.preview.setWordWrap(True)
        self.choose = QPushButton(self.tr("Choose…"))
        self.camera = QPushButton(self.tr("From camera"))
        self.remove = QPushButton(self.tr("Remove"))
        self.choose.clicked.connect(self.choose_file)
        self.camera.clicked.connect(self.take_still)
        self.remove.clicked.connect(self.remove_picture)
        buttons = QVBoxLayout()
        for button in (self.choose, self.camera, self.remove):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        layout.addStretch()
        shown = pictures.picture_of(db.uow(), item.id) if item is not None else None
        self._show(shown.data if shown is not None else None)

    # the three ways in ---------------------------------------------------------------------------

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Item picture"), "", self.tr("Pictures") + f" ({FILE_FILTER})"
        )
        if name:
            self.use_file(Path(name))

    def take_still(self) -> None:
        frame = self._still()
        if frame is None:
            self._refused(self.tr("Start the camera in the scanner panel first: it has shown no picture yet"))
            return
        self.use_bytes(jpeg_bytes(frame), self.tr("camera still"))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.use_file(Path(files[0]))

    # what they do --------------------------------------------------------------------------------

    def use_file(self, path: Path) -> None:
        try:
            check_file_size(path.stat().st_size, path.name)  # before reading a huge file into memory
            data = path.read_bytes()
        except StockDeskError as error:
            self._refuse(error)
            return
        except OSError as error:
            self._refused(f"{path.name}: {error.strerror or error}")
            return
        self.use_bytes(data, path.name)

    def use_bytes(self, data: bytes, name: str) -> None:
        try:
            if self.item is None:
                stored = prepare(data, name).data
                self.pending = (stored, name)
            else:
                stored = pictures.set_item_picture(self.db.uow(), self.actor, self.item.id, data, name).data
        except StockDeskError as error:
            self._refuse(error)
            return
        self._show(stored)
        self.edited.emit()

    def remove_picture(self) -> None:
        if self.item is None:
            self.pending = None
        else:
            try:
                pictures.remove_item_picture(self.db.uow(), self.actor, self.item.id)
            except StockDeskError as error:
                self._refuse(error)
                return
            self.edited.emit()
        self._show(None)

    def save_pending(self, item: ItemView | None) -> None:
        """Called once a new item is saved: its picture goes with it."""
        if item is None or self.pending is None:
            return
        self.item = item
        data, name = self.pending
        self.pending = None
        try:
            pictures.set_item_picture(self.db.uow(), self.actor, item.id, data, name)
        except StockDeskError as error:
            self._refuse(error)

    @property
    def has_picture(self) -> bool:
        return not self.preview.pixmap().isNull()

    def _show(self, data: bytes | None) -> None:
        image = QImage.fromData(data) if data else QImage()
        if image.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("No picture: drop a picture file here"))
        else:
            side = PREVIEW_SIDE
            scaled = image.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)  # fmt: skip
            self.preview.setPixmap(QPixmap.fromImage(scaled))
        self.remove.setEnabled(data is not None)

    def _refuse(self, error: StockDeskError) -> None:
        if isinstance(error, ValidationError):
            self._refused(describe_error(error, self.tr("Picture")))
        else:
            self._refused(error_text(error))
