"""Item pictures in the window (issue 21): dropped on the item editor (a too-large file refused with its
name), taken from the scanner camera's still, shown as thumbnails in the items table (read for the
painted rows in one background query) and on the counter's item card."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QMainWindow, QTableView

from stockdesk.services.catalogue import catalog, pictures, scanning
from stockdesk.ui.counter.item_card import ItemCardView
from stockdesk.ui.dialogs.item_editor import ItemEditorDialog
from stockdesk.ui.models.items import PICTURE_COLUMN, ItemsModel
from stockdesk.ui.scanner_dock import ScannerDock

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _drop(widget, path) -> None:
    """What a drop from the file manager delivers (QApplication does not route a synthetic drop
    without a drag in progress, so the handlers are called as Qt would)."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    point, action = QPointF(10, 10), Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point.toPoint(), action, data, buttons, keys)
    widget.dragEnterEvent(enter)
    assert enter.isAccepted()
    widget.dropEvent(QDropEvent(point, action, data, buttons, keys))


def test_pictures_from_a_drop_and_the_camera_show_in_the_table_and_on_the_counter_card(
    qtbot, gui_db, gui_admin, gui_store, tmp_path, save_artifact
):
    hammer = catalog.create_item(gui_db.uow(), gui_admin, sku="HAM-1", name="Hammer")
    saw = catalog.create_item(gui_db.uow(), gui_admin, sku="SAW-1", name="Saw")
    catalog.create_item(gui_db.uow(), gui_admin, sku="TAPE-1", name="Tape, no picture")
    photo = QImage(900, 600, QImage.Format.Format_RGB32)
    photo.fill(QColor("#c0392b"))
    photo_file = tmp_path / "hammer.png"
    assert photo.save(str(photo_file))
    huge = tmp_path / "huge-scan.tif"
    with huge.open("wb") as out:
        out.truncate(21 * 1024 * 1024)  # sparse: refused by its size before anything reads it

    dialog = ItemEditorDialog(gui_db, gui_admin, catalog.get_item(gui_db.uow(), hammer.id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _drop(dialog.picture, huge)
    assert "huge-scan.tif" in dialog.error_text("picture") and "20 MB" in dialog.error_text("picture")
    assert not dialog.picture.has_picture
    _drop(dialog.picture, photo_file)
    assert dialog.picture.has_picture and dialog.changed
    save_artifact(dialog, "item-editor-picture.png")
    assert pictures.picture_of(gui_db.uow(), hammer.id) is not None

    # The saw's picture comes from the scanner dock's last camera frame.
    window = QMainWindow()
    qtbot.addWidget(window)
    dock = ScannerDock(window)
    still = QImage(640, 480, QImage.Format.Format_RGB32)
    still.fill(QColor("#2e86c1"))
    dock.last_frame = still
    editor = ItemEditorDialog(gui_db, gui_admin, catalog.get_item(gui_db.uow(), saw.id))
    qtbot.addWidget(editor)
    qtbot.mouseClick(editor.picture.camera, Qt.MouseButton.LeftButton)
    taken = pictures.picture_of(gui_db.uow(), saw.id)
    assert editor.picture.has_picture and taken is not None and (taken.width, taken.height) == (640, 480)

    model = ItemsModel(gui_db)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 300)
    view.show()
    qtbot.waitExposed(view)
    assert model.headerData(PICTURE_COLUMN, Qt.Orientation.Horizontal) == "Picture"
    qtbot.waitUntil(lambda: model.has_thumbnail(0) and model.has_thumbnail(1))  # HAM-1, SAW-1
    assert not model.has_thumbnail(2)
    assert model.thumbnail_reads == 1  # every painted row in one read, none on the GUI thread
    thumb = model.data(model.index(0, PICTURE_COLUMN), Qt.ItemDataRole.DecorationRole)
    assert thumb.pixelColor(thumb.width() // 2, thumb.height() // 2).name() == "#c0392b"
    save_artifact(view, "items-picture-column.png")

    card = ItemCardView()
    qtbot.addWidget(card)
    card.picture.set_database(gui_db)
    card.show()
    card.show_card(scanning.item_card(gui_db.uow(), catalog.get_item(gui_db.uow(), hammer.id)))
    qtbot.waitUntil(card.picture.isVisible)
    save_artifact(card, "counter-card-picture.png")
