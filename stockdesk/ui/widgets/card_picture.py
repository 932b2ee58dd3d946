"""The counter card's picture of the scanned item, read and decoded off the GUI thread so a scan
shows the card as fast as before; the picture follows a moment later (hidden when there is none)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QWidget
from shiboken6 import isValid

from stockdesk.domain.ids import ItemId
from stockdesk.services.catalogue import pictures
from stockdesk.services.database import Database
from stockdesk.ui.worker import run_in_background

SIDE = 160


def _scaled_picture(db: Database, item_id: ItemId) -> QImage | None:
    """On a pool thread: the item's picture fitted into SIDE × SIDE (QImage, unlike QPixmap, may be
    made off the GUI thread)."""
    shown = pictures.picture_of(db.uow(), item_id)
    image = QImage.fromData(shown.data) if shown is not None else QImage()
    if image.isNull():
        return None
    return image.scaled(
        SIDE, SIDE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


class CardPicture(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card_picture")
        self.setFixedSize(SIDE, SIDE)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._db: Database | None = None
        self._shown: uuid.UUID | None = None
        self.hide()

    def set_database(self, db: Database) -> None:
        self._db = db

    def show_item(self, item_id: uuid.UUID | None) -> None:
        self._shown = item_id
        self.hide()
        if item_id is None or self._db is None:
            return
        db = self._db
        run_in_background(
            lambda: _scaled_picture(db, ItemId(item_id)),
            on_finished=lambda image: self._arrived(item_id, image),
            on_failed=lambda _error: None,  # no picture is no reason to disturb a sale
        )

    def _arrived(self, item_id: uuid.UUID, image: QImage | None) -> None:
        if not isValid(self) or item_id != self._shown:
            return  # the cashier scanned something else meanwhile
        if image is None:
            return
        self.setPixmap(QPixmap.fromImage(image))
        self.show()
