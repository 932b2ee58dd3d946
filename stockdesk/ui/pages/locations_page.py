"""A store's tree of locations (zone → aisle → shelf → bin): add under the selected one, rename,
archive or restore (managers and admins), and print their labels (everyone), over
services.places.locations."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex
from PySide6.QtGui import QPalette, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QWidget,
)

from stockdesk.domain.ids import LocationId
from stockdesk.domain.permissions import Action, Actor, allowed
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database
from stockdesk.services.places import locations
from stockdesk.services.places.locations import KINDS, LocationView
from stockdesk.services.views import StoreView
from stockdesk.ui.dialogs.form import FormDialog
from stockdesk.ui.models.rows import ROW_ROLE
from stockdesk.ui.pages.list_page import ListPage

KIND_LABELS = {
    "zone": QT_TRANSLATE_NOOP("LocationsPage", "Zone"),
    "aisle": QT_TRANSLATE_NOOP("LocationsPage", "Aisle"),
    "shelf": QT_TRANSLATE_NOOP("LocationsPage", "Shelf"),
    "bin": QT_TRANSLATE_NOOP("LocationsPage", "Bin"),
}
COLUMNS = (
    QT_TRANSLATE_NOOP("LocationsPage", "Code"),
    QT_TRANSLATE_NOOP("LocationsPage", "Name"),
    QT_TRANSLATE_NOOP("LocationsPage", "Kind"),
    QT_TRANSLATE_NOOP("LocationsPage", "Status"),
)


def kind_label(kind: str) -> str:
    return QCoreApplication.translate("LocationsPage", KIND_LABELS.get(kind, kind))


def next_kind(parent: LocationView | None) -> str:
    """The level below `parent` (a zone's child is an aisle), a zone at the top, a bin below a bin."""
    if parent is None:
        return KINDS[0]
    level = KINDS.index(parent.kind) if parent.kind in KINDS else len(KINDS) - 1
    return KINDS[min(level + 1, len(KINDS) - 1)]


class NewLocationDialog(FormDialog):
    """A location under `under` (None: at the top of the store's tree); `created` after Save."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        store: StoreView,
        under: LocationView | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("New location in {store}").format(store=store.code), parent)
        self.db, self.actor, self.store, self.under = db, actor, store, under
        self.created: LocationView | None = None
        self.setMinimumWidth(420)
        where = QLabel(under.path if under is not None else self.tr("(top of the store)"))
        self.form.addRow(self.tr("Under"), where)
        self.code = self.add_row("code", self.tr("Code"), QLineEdit())
        self.code.setPlaceholderText(self.tr("printed as the label's barcode, e.g. A-03-2"))
        self.name = self.add_row("name", self.tr("Name"), QLineEdit())
        self.name.setPlaceholderText(self.tr("optional"))
        self.kind = self.add_row("kind", self.tr("Kind"), QComboBox())
        for kind in KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.kind.setCurrentIndex(self.kind.findData(next_kind(under)))
        self.code.setFocus()

    def submit(self) -> None:
        self.created = locations.create_location(
            self.db.uow(),
            self.actor,
            store_id=self.store.id,
            code=self.code.text(),
            name=self.name.text(),
            kind=str(self.kind.currentData()),
            parent_id=self.under.id if self.under is not None else None,
        )


class RenameLocationDialog(FormDialog):
    """A new name; the code stays (it is printed on the label and scanned)."""

    def __init__(
        self, db: Database, actor: Actor, location: LocationView, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Rename {code}").format(code=location.code), parent)
        self.db, self.actor, self.location = db, actor, location
        self.setMinimumWidth(420)
        self.form.addRow(self.tr("Location"), QLabel(location.path))
        self.name = self.add_row("name", self.tr("Name"), QLineEdit(location.name))
        self.name.selectAll()

    def submit(self) -> None:
        locations.rename_location(self.db.uow(), self.actor, self.location.id, name=self.name.text())


class LocationsPage(ListPage):
    """Pick a store, see its locations as a tree; `selected()` is the current LocationView."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        tree = QTreeView()
        super().__init__(self.tr("Locations"), QStandardItemModel(), parent, view=tree)
        self.tree = tree
        self.db, self.actor = db, actor
        # Several rows (Ctrl/Shift+click) for labels; editing acts on the current one.
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.may_edit = allowed(actor, Action.MANAGE_STORES)
        self.rename_action = self.add_button("rename", self.tr("Re&name"), "Ctrl+Shift+O", self.rename)
        self.add_action = self.add_button("add", self.tr("&Add location"), "Ctrl+Shift+N", self.add)
        self.archive_action = self.add_button("archive", self.tr("&Archive"), "Ctrl+Shift+Del", self.archive)
        self.labels_action = self.add_button("labels", self.tr("Print &labels…"), "Ctrl+Shift+L", self.labels)
        self.store = QComboBox()
        self.store.setMinimumContentsLength(24)
        self.store.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.show_archived = QCheckBox(self.tr("Show archived"))
        self.hint = QLabel()
        self.hint.setStyleSheet("font-style: italic;")  # a remark, not an error: the text colour
        store_label = QLabel(self.tr("&Store"))
        store_label.setBuddy(self.store)
        self.filters.addWidget(store_label)
        self.filters.addWidget(self.store)
        self.filters.addWidget(self.show_archived)
        self.filters.addWidget(self.hint, 1)
        self._fill_stores()
        self.store.currentIndexChanged.connect(lambda _index: self.reload())
        self.show_archived.toggled.connect(lambda _on: self.reload())
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.reload()

    def _fill_stores(self) -> None:
        """The active stores, the one chosen before kept (a store may have been added meanwhile)."""
        chosen = self.current_store()
        self.store.blockSignals(True)  # one reload after, not one per row
        self.store.clear()
        for store in organisation.list_stores(self.db.uow()):
            self.store.addItem(f"{store.code} — {store.name}", store)
            if chosen is not None and store.id == chosen.id:
                self.store.setCurrentIndex(self.store.count() - 1)
        self.store.blockSignals(False)

    def showEvent(self, event: QShowEvent) -> None:
        """Read stores and locations again as the page comes into view (the Stores page may have
        added a store, another desk's sync a location)."""
        if self.tree.model() is not None and self.isVisible():
            self._fill_stores()
            self.reload()
        super().showEvent(event)

    # reading ------------------------------------------------------------------------------------

    def current_store(self) -> StoreView | None:
        store = self.store.currentData()
        return store if isinstance(store, StoreView) else None

    def reload(self, select: LocationId | None = None) -> None:
        """Read the store's tree again; keep (or move to) `select`, else the location shown before."""
        keep = select or (current.id if (current := self.selected()) is not None else None)
        model: QStandardItemModel = self.model  # type: ignore[assignment]
        model.clear()
        model.setHorizontalHeaderLabels([QCoreApplication.translate("LocationsPage", c) for c in COLUMNS])
        store = self.current_store()
        rows = (
            locations.locations_of(self.db.uow(), store.id, include_archived=self.show_archived.isChecked())
            if store is not None
            else []
        )
        items: dict[LocationId, QStandardItem] = {}
        for location in rows:  # in path order: a parent comes before its children
            cells = [
                QStandardItem(text)
                for text in (
                    location.code,
                    location.name,
                    kind_label(location.kind),
                    "" if location.active else self.tr("archived"),
                )
            ]
            for cell in cells:
                cell.setData(location, ROW_ROLE)
                cell.setToolTip(location.path)
                if not location.active:  # greyed, not disabled: it must stay selectable for Restore
                    cell.setForeground(
                        self.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
                    )
            above = items.get(location.parent_id) if location.parent_id is not None else None
            (above if above is not None else model.invisibleRootItem()).appendRow(cells)
            items[location.id] = cells[0]
        self.tree.expandAll()
        if keep is not None and keep in items:
            self.tree.setCurrentIndex(items[keep].index())
        self._show_hint(store, bool(rows))
        self._update_actions()

    def _show_hint(self, store: StoreView | None, has_rows: bool) -> None:
        if store is None:
            hint = self.tr("No stores yet: add one on the Stores page first.")
        elif not has_rows:
            hint = self.tr("No locations yet: add a zone, then its aisles, shelves and bins.")
        elif not self.may_edit:
            hint = self.tr("Read only: managers and admins change locations.")
        else:
            hint = ""
        self.hint.setText(hint)

    def location_ids(self) -> list[LocationId]:
        """The selected locations (one id per row, whichever cells of it are selected)."""
        chosen = {index.data(ROW_ROLE).id for index in self.tree.selectionModel().selectedIndexes()}
        return [LocationId(i) for i in chosen]

    def _update_actions(self) -> None:
        current = self.selected()
        store = self.current_store()
        self.add_action.setEnabled(self.may_edit and store is not None)
        self.rename_action.setEnabled(self.may_edit and current is not None)
        self.archive_action.setEnabled(self.may_edit and current is not None)
        restore = current is not None and not current.active
        self.archive_action.setText(self.tr("&Restore") if restore else self.tr("&Archive"))
        self.labels_action.setEnabled(self.tree.model().rowCount() > 0)

    # acting -------------------------------------------------------------------------------------

    def add(self) -> None:
        """A location under the selected one (at the top when none is selected, or it is archived)."""
        store = self.current_store()
        if store is None or not self.may_edit:
            return
        under = self.selected()
        dialog = NewLocationDialog(
            self.db, self.actor, store, under if under and under.active else None, self
        )
        if self.run_dialog(dialog) and dialog.created is not None:
            self.reload(select=dialog.created.id)

    def add_top_level(self) -> None:
        """A zone at the top of the tree, whatever is selected."""
        self.tree.setCurrentIndex(QModelIndex())
        self.tree.clearSelection()
        self.add()

    def rename(self) -> None:
        location = self.selected()
        if (
            location is not None
            and self.may_edit
            and self.run_dialog(RenameLocationDialog(self.db, self.actor, location, self))
        ):
            self.reload()

    def archive(self) -> None:
        """Archive the current location with everything under it, or restore it (the service refuses a
        location that still holds stock; the refusal shows on the message line)."""
        location = self.selected()
        if location is None or not self.may_edit:
            return
        locations.set_location_active(self.db.uow(), self.actor, location.id, active=not location.active)
        self.reload()

    def labels(self) -> None:
        """Labels of the selected locations and everything under them; of the whole store if none."""
        from stockdesk.ui.dialogs.labels_dialog import LabelsDialog  # reportlab loads with the sheet

        store = self.current_store()
        if store is not None:
            self.run_dialog(LabelsDialog.for_locations(self.db, store, self.location_ids(), self))
