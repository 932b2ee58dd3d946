"""The category tree: drag a category onto another (or onto the empty area for the top level) to move it.

The drop never moves rows itself: it calls `organisation.move_category` (which refuses cycles) and
reads the tree again, so the screen always shows what the database holds.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QInputDialog, QTreeView, QWidget

from stockdesk.domain.errors import StockDeskError
from stockdesk.domain.permissions import Action, Actor, allowed
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database
from stockdesk.ui.i18n import error_text
from stockdesk.ui.pages.list_page import ListPage

MIME = "application/x-stockdesk-category"
ID_ROLE = Qt.ItemDataRole.UserRole + 3
AnyIndex = QModelIndex | QPersistentModelIndex


class CategoryTreeModel(QStandardItemModel):
    """Categories as a tree; a drop asks the service to re-parent."""

    reloaded = Signal()  # the tree must be read again (the page reloads and shows any refusal)

    def __init__(self, db: Database, actor: Actor, parent: Any = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.last_error = ""

    def reload(self) -> None:
        self.clear()
        self.setHorizontalHeaderLabels([self.tr("Category")])
        categories = organisation.list_categories(self.db.uow())
        children: dict[uuid.UUID | None, list[Any]] = {}
        for category in categories:
            children.setdefault(category.parent_id, []).append(category)

        def add(parent_item: QStandardItem, parent_id: uuid.UUID | None) -> None:
            for category in sorted(children.get(parent_id, []), key=lambda c: c.name.lower()):
                item = QStandardItem(category.name)
                item.setData(category.id, ID_ROLE)
                item.setEditable(False)
                parent_item.appendRow(item)
                add(item, category.id)

        add(self.invisibleRootItem(), None)

    def mimeTypes(self) -> list[str]:
        """Our own type: the dragged category's id."""
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        """The dragged category's id."""
        data = QMimeData()
        if indexes:
            data.setData(MIME, str(indexes[0].data(ID_ROLE)).encode())
        return data

    def supportedDropActions(self) -> Qt.DropAction:
        """Moving only."""
        return Qt.DropAction.MoveAction

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        """Re-parent through the service; Qt never moves the rows itself (we reload instead)."""
        if not data.hasFormat(MIME):
            return False
        moved = uuid.UUID(bytes(data.data(MIME).data()).decode())
        new_parent = parent.data(ID_ROLE) if parent.isValid() else None
        self.move(moved, new_parent, later=True)
        return False

    def move(self, category_id: uuid.UUID, parent_id: uuid.UUID | None, *, later: bool = False) -> None:
        """Re-parent; `later` reloads after the view has finished its drop (it still holds indexes)."""
        self.last_error = ""
        try:
            organisation.move_category(self.db.uow(), self.actor, category_id, parent_id=parent_id)
        except StockDeskError as error:
            self.last_error = error_text(error)
        if later:
            QTimer.singleShot(0, self.reloaded.emit)
        else:
            self.reloaded.emit()


class CategoriesPage(ListPage):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        self.tree_model = CategoryTreeModel(db, actor)
        tree = QTreeView()
        super().__init__(self.tr("Categories"), self.tree_model, parent, view=tree)
        self.db, self.actor = db, actor
        may = allowed(actor, Action.MANAGE_CATALOGUE)
        if may:
            tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
            tree.setDragEnabled(True)
            tree.setAcceptDrops(True)
            tree.setDropIndicatorShown(True)
        self.tree_model.reloaded.connect(self.reload)
        self.ask_name = self._ask_name
        self.add_button("rename", self.tr("Re&name"), "Ctrl+Shift+O", self.rename).setEnabled(may)
        self.add_button("new", self.tr("&New category"), "Ctrl+Shift+N", self.new).setEnabled(may)
        self.reload()

    def reload(self) -> None:
        self.tree_model.reload()
        self.view.expandAll()  # type: ignore[attr-defined]
        self.message.setText(self.tree_model.last_error)

    def selected_id(self) -> uuid.UUID | None:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _ask_name(self, title: str, current: str = "") -> str | None:
        text, ok = QInputDialog.getText(self, title, self.tr("Name:"), text=current)
        return text if ok else None

    def new(self) -> None:
        name = self.ask_name(self.tr("New category (under the selected one)"))
        if name is not None:
            organisation.create_category(self.db.uow(), self.actor, name=name, parent_id=self.selected_id())
            self.reload()

    def rename(self) -> None:
        category_id = self.selected_id()
        if category_id is None:
            return
        name = self.ask_name(self.tr("Rename category"), self.view.currentIndex().data())
        if name is not None:
            organisation.rename_category(self.db.uow(), self.actor, category_id, name=name)
            self.reload()
