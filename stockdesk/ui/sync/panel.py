"""The sync page: merge conflicts a manager keeps or reverses, and negative-stock reviews to settle.

Both lists are short (open entries only), so the models hold the service's views and re-read them
after every sync that brought something and after every decision made here.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stockdesk.domain.errors import StockDeskError
from stockdesk.domain.permissions import Action, Actor, allowed
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.database import Database
from stockdesk.services.places.place_levels import item_places
from stockdesk.sync import conflicts
from stockdesk.sync.conflicts import ConflictView, ReviewView, SerialReview
from stockdesk.sync.server.setup import is_old_registration, saved_desk_names, saved_server
from stockdesk.ui.dialogs.movement import MovementDialog, MovementType
from stockdesk.ui.formatting import format_quantity, format_when
from stockdesk.ui.i18n import error_text

Index = QModelIndex | QPersistentModelIndex


class _ViewsModel(QAbstractTableModel):
    """A read-only table over a list of frozen views; subclasses say how a cell reads."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def headers(self) -> Sequence[str]:
        raise NotImplementedError

    def cell(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        try:
            self.rows = rows
        finally:
            self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Rows of a flat table."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Columns of a flat table."""
        return 0 if parent.isValid() else len(self.headers())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The cell's text (display and tooltip)."""
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self.cell(self.rows[index.row()], index.column())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None


class ConflictsModel(_ViewsModel):
    """Open conflicts: table (and item SKU), field, kept value, lost value, desks, when."""

    def __init__(
        self,
        desk_id: str,
        labels: Callable[[str, uuid.UUID], str],
        parent: QWidget | None = None,
        *,
        desk_names: Callable[[], dict[str, str]] = dict,
    ) -> None:
        super().__init__(parent)
        self._desk_id = desk_id
        self._labels = labels
        self._desk_names = desk_names  # desk id -> the name it was registered with (from the server)

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Record"),
            self.tr("Field"),
            self.tr("Kept value"),
            self.tr("Lost value"),
            self.tr("Desks (kept ← lost)"),
            self.tr("When"),
        )

    def cell(self, row: ConflictView, column: int) -> str:
        if column == 0:
            return self._labels(row.table, row.row_id)
        if column == 4:
            return f"{self._desk(row.kept_desk)} ← {self._desk(row.lost_desk)}"
        if column == 5:
            return format_when(row.at)
        return (row.field, row.kept_value, row.lost_value)[column - 1]

    def _desk(self, desk: str) -> str:
        if not desk or desk == "server":
            return self.tr("server")
        if desk == self._desk_id:
            return self.tr("this desk")
        return self._desk_names().get(desk, desk)


class ReviewsModel(_ViewsModel):
    """Open negative-stock reviews: item, store, on hand after the merge, note."""

    def __init__(self, labels: Callable[[str, uuid.UUID], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels = labels

    def headers(self) -> Sequence[str]:
        return (self.tr("Item"), self.tr("Store"), self.tr("On hand"), self.tr("Note"))

    def cell(self, row: ReviewView, column: int) -> str:
        if column == 0:
            return self._labels("item", row.item_id)
        if column == 1:
            return self._labels("store", row.store_id)
        return format_quantity(row.on_hand) if column == 2 else row.note


def _table(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return view


def _ask_note(parent: QWidget, prompt: str) -> str | None:
    text, ok = QInputDialog.getText(parent, QCoreApplication.translate("SyncPanel", "Close review"), prompt)
    return text if ok else None


class SyncPanel(QWidget):
    """Conflicts and reviews; `changed` fires after a decision wrote something (items may differ now)."""

    changed = Signal()
    moved = Signal()  # a desk of the database-login era got its token: sync it now

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        # Replaceable in tests, where a modal dialog would block.
        self.run_dialog: Callable[[QDialog], bool] = lambda d: d.exec() == QDialog.DialogCode.Accepted
        self.ask_note: Callable[[str], str | None] = lambda prompt: _ask_note(self, prompt)
        self._label_cache: dict[tuple[str, uuid.UUID], str] = {}
        self._desk_names: dict[str, str] = {}
        self.conflicts_model = ConflictsModel(
            db.desk_id, self._label, self, desk_names=lambda: self._desk_names
        )
        self.reviews_model = ReviewsModel(self._label, self)
        self.conflicts_view = _table(self.conflicts_model)
        self.reviews_view = _table(self.reviews_model)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        self.move_box = self._move_box()
        self.move_box.setVisible(is_old_registration(db))
        layout.addWidget(self.move_box)
        layout.addWidget(self._conflicts_box())
        layout.addWidget(self._reviews_box())
        layout.addWidget(self.message)
        self.conflicts_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.reviews_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.reload()

    def _move_box(self) -> QGroupBox:
        """Shown on a desk registered with a database login: it moves with its upgrade code."""
        box = QGroupBox(self.tr("This desk must move to the server's API"))
        explain = QLabel(
            self.tr(
                "It was registered with a database login, which the server no longer accepts. Its queued "
                "changes are kept: the server's admin has an upgrade code (or file) for this desk."
            )
        )
        explain.setWordWrap(True)
        self.move_button = QPushButton(self.tr("&Move with its upgrade code…"))
        self.move_button.clicked.connect(self.move_desk)
        layout = QVBoxLayout(box)
        layout.addWidget(explain)
        layout.addWidget(self.move_button)
        return box

    def move_desk(self) -> None:
        """The register dialog with its upgrade code field; moved, the desk syncs at once."""
        from stockdesk.ui.dialogs.register_desk import RegisterDeskDialog

        dialog = RegisterDeskDialog(self.db, saved_server(self.db), self)
        if not self.run_dialog(dialog):
            return
        self.move_box.hide()
        self.message.setText(
            self.tr("Moved: this desk now syncs with {server}.").format(server=saved_server(self.db))
        )
        self.moved.emit()

    def _conflicts_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Conflicts: the same field changed on two desks"))
        self.keep_button = QPushButton(self.tr("&Keep merged value"))
        self.reverse_button = QPushButton(self.tr("Re&verse (restore lost value)"))
        self.keep_button.clicked.connect(lambda: self.resolve_selected(keep=True))
        self.reverse_button.clicked.connect(lambda: self.resolve_selected(keep=False))
        return self._box(box, self.conflicts_view, self.keep_button, self.reverse_button)

    def _reviews_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Negative stock after a merge (sold on two desks offline)"))
        self.adjust_button = QPushButton(self.tr("&Adjust stock…"))
        self.close_button = QPushButton(self.tr("&Close with note…"))
        self.adjust_button.clicked.connect(self.adjust_selected)
        self.close_button.clicked.connect(self.close_selected)
        return self._box(box, self.reviews_view, self.adjust_button, self.close_button)

    def _box(self, box: QGroupBox, view: QTableView, *buttons: QPushButton) -> QGroupBox:
        row = QHBoxLayout()
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        layout = QVBoxLayout(box)
        layout.addWidget(view)
        layout.addLayout(row)
        return box

    # reading ------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the open conflicts and reviews (after a sync or a decision)."""
        self._desk_names = saved_desk_names(self.db)  # read once a reload, not once a painted cell
        self.conflicts_model.set_rows(conflicts.open_conflicts(self.db.uow()))
        self.reviews_model.set_rows(conflicts.open_reviews(self.db.uow()))
        self._update_buttons()

    def _label(self, table: str, row_id: uuid.UUID) -> str:
        key = (table, row_id)
        if key not in self._label_cache:
            self._label_cache[key] = self._read_label(table, row_id)
        return self._label_cache[key]

    def _read_label(self, table: str, row_id: uuid.UUID) -> str:
        try:
            if table == "item":
                item = catalog.get_item(self.db.uow(), row_id)
                return f"{item.sku} — {item.name}"
            if table == "store":
                store = next((s for s in organisation.list_stores(self.db.uow()) if s.id == row_id), None)
                if store is not None:
                    return f"{store.code} — {store.name}"
        except StockDeskError:
            pass  # deleted since: the table and id still identify it
        return f"{table} {row_id.hex[:8]}"

    def _selected(self, view: QTableView, model: _ViewsModel) -> Any | None:
        rows = view.selectionModel().selectedRows()
        return model.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        conflict = self._selected(self.conflicts_view, self.conflicts_model) is not None
        review = self._selected(self.reviews_view, self.reviews_model) is not None
        may_edit = allowed(self.actor, Action.EDIT_ITEM)
        may_settle = allowed(self.actor, Action.OVERRIDE_NEGATIVE)
        self.keep_button.setEnabled(conflict and may_edit)
        self.reverse_button.setEnabled(conflict and may_edit)
        self.adjust_button.setEnabled(review and may_settle and allowed(self.actor, Action.ADJUST_STOCK))
        self.close_button.setEnabled(review and may_settle)

    # deciding -----------------------------------------------------------------------------------

    def resolve_selected(self, *, keep: bool) -> None:
        conflict: ConflictView | None = self._selected(self.conflicts_view, self.conflicts_model)
        if conflict is None:
            return
        try:
            conflicts.resolve(self.db.uow(), self.actor, conflict.id, keep=keep)
        except StockDeskError as error:
            self.message.setText(error_text(error))
            return
        done = self.tr("Kept {field} = {value}") if keep else self.tr("Restored {field} = {value}")
        value = conflict.kept_value if keep else conflict.lost_value
        self._decided(done.format(field=conflict.field, value=value))

    def adjust_selected(self) -> None:
        """Open an adjustment prefilled to settle the review; the review closes once posted.

        A level's review: what brings the store back to zero. A serial's review (a serial item refuses
        an adjustment that names no serial number): the serial filled in, +1 where it went out twice
        (back to zero at the place it is short), -1 where it is in stock twice.
        """
        review: ReviewView | None = self._selected(self.reviews_view, self.reviews_model)
        if review is None:
            return
        try:
            item = catalog.get_item(self.db.uow(), review.item_id)
        except StockDeskError as error:
            self.message.setText(error_text(error))
            return
        dialog = MovementDialog(
            self.db, self.actor, item, MovementType.ADJUST, self, store_id=review.store_id
        )
        serial = conflicts.serial_review(review, item.sku)
        if serial is None:
            dialog.quantity.setText(format_quantity(-review.on_hand))
            dialog.reference.setText(self.tr("Oversell found by sync"))
        else:
            self._prefill_serial(dialog, review, serial)
        if not self.run_dialog(dialog):
            return
        note = self.tr("Compensated by an adjustment of {quantity}").format(quantity=dialog.quantity.text())
        if serial is not None:
            note = self.tr("Serial number {serial} adjusted by {quantity}").format(
                serial=serial.serial, quantity=dialog.quantity.text()
            )
        self._close_review(review, note)

    def _prefill_serial(self, dialog: MovementDialog, review: ReviewView, serial: SerialReview) -> None:
        dialog.place.fill(serial=serial.serial)
        if serial.sold_twice:
            dialog.quantity.setText("1")
            sold = self.tr("Serial {serial} sold on two desks")
            dialog.reference.setText(sold.format(serial=serial.serial))
            # Back where it is short, so that place (not another one) returns to zero.
            short = [
                p for p in item_places(self.db.uow(), review.item_id)
                if p.store_id == review.store_id and p.lot_code == serial.serial and p.on_hand < 0
            ]  # fmt: skip
            if short and short[0].location_id is not None:
                found = dialog.place.location.findData(str(short[0].location_id))
                dialog.place.location.setCurrentIndex(max(found, 0))
        else:
            dialog.quantity.setText("-1")
            dialog.reference.setText(
                self.tr("Serial {serial} received on two desks").format(serial=serial.serial)
            )

    def close_selected(self) -> None:
        review: ReviewView | None = self._selected(self.reviews_view, self.reviews_model)
        if review is None:
            return
        note = self.ask_note(self.tr("How was this settled?"))
        if note is not None:
            self._close_review(review, note)

    def _close_review(self, review: ReviewView, note: str) -> None:
        try:
            conflicts.close_review(self.db.uow(), self.actor, review.id, note=note)
        except StockDeskError as error:
            self.message.setText(error_text(error))
            return
        self._decided(self.tr("Review closed: {note}").format(note=note))

    def _decided(self, text: str) -> None:
        self.message.setText(text)
        self.reload()
        self.changed.emit()
