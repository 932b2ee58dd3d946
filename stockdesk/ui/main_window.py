"""The main window: a tab per page (items, management screens, other features' pages) and the actions.

Pages are added with `MainWindow.add_page(title, widget, shortcut)`; each page gets a tab and an entry
in the Go menu with its shortcut. The items page (search, table, stock panel) is ui/pages/items_page.py;
the window owns the actions that act on its selected item.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from stockdesk.domain.errors import StockDeskError
from stockdesk.domain.permissions import Action, Actor, allowed
from stockdesk.services.catalogue import catalog
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.database import Database
from stockdesk.services.exchange.item_pictures import picture_folder
from stockdesk.services.places.place_levels import PlaceLevelView
from stockdesk.services.views import ItemView
from stockdesk.ui.actions import build_actions
from stockdesk.ui.counter.hookup import install_counter
from stockdesk.ui.dialogs.correct_expiry import CorrectExpiryDialog, corrected_text
from stockdesk.ui.dialogs.item_editor import ItemEditorDialog
from stockdesk.ui.dialogs.item_picker import ItemPickerDialog
from stockdesk.ui.dialogs.move_location import MoveLocationDialog
from stockdesk.ui.dialogs.movement import MovementDialog, MovementType
from stockdesk.ui.export import ItemsExport
from stockdesk.ui.file_hookup import install_file_actions
from stockdesk.ui.formatting import role_label
from stockdesk.ui.i18n import error_text
from stockdesk.ui.memory import freeze_long_lived
from stockdesk.ui.models.changes import ChangeWatcher
from stockdesk.ui.models.items import PAGE_SIZE, ItemsModel
from stockdesk.ui.pages.categories_page import CategoriesPage
from stockdesk.ui.pages.dashboard import DashboardPage
from stockdesk.ui.pages.items_page import ItemsPage
from stockdesk.ui.pages.lazy import LazyPage
from stockdesk.ui.pages.ledger_page import AuditPage, LedgerPage
from stockdesk.ui.pages.locations_page import LocationsPage
from stockdesk.ui.pages.organisation_pages import StoresPage, SuppliersPage
from stockdesk.ui.pages.users_page import UsersPage
from stockdesk.ui.planning.hookup import install_planning
from stockdesk.ui.sync.hookup import install_sync
from stockdesk.ui.widgets.stock_panel import StockPanel


def exec_dialog(dialog: QDialog) -> bool:
    """Run a dialog modally; tests replace `MainWindow.run_dialog` so they never block here."""
    return dialog.exec() == QDialog.DialogCode.Accepted


class MainWindow(QMainWindow):
    """Everything a clerk needs on one screen; every action goes through a service call."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        freeze_long_lived()  # start-up's objects out of the collector's way (ui/memory.py)
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.run_dialog: Callable[[QDialog], bool] = exec_dialog
        self.current_item: ItemView | None = None
        self.desk_store_id: uuid.UUID | None = None  # the desk's store (settings): stock dialogs start there
        self.setWindowTitle(self.tr("StockDesk"))
        self.resize(1280, 760)
        self.model = ItemsModel(db, self)
        self.panel = StockPanel(db)
        self.panel.lot_menu.may_correct = allowed(actor, Action.CORRECT_LOT_EXPIRY)
        self.panel.lot_menu.correct_expiry.connect(self._correct_expiry)
        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        self.setCentralWidget(self.pages)
        self.actions = build_actions(self, self._handlers())
        self._go_menu = self.menuBar().addMenu(self.tr("&Go"))
        self.page_actions: dict[QWidget, QAction] = {}
        self.dashboard = DashboardPage(db)
        self.add_page(self.tr("Dashboard"), self.dashboard, "Ctrl+0")
        self.items_page = self._build_items_page()
        self.add_page(self.tr("Items"), self.items_page, "Ctrl+2")
        self.counter = install_counter(self)
        self._add_management_pages()
        self._build_table_menu()
        self._build_status_bar()
        self.sync = install_sync(self)  # status label, Sync now (F9), Sync page: only on a registered desk
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self._update_actions()
        self.restore_layout()
        self.watcher = ChangeWatcher(db, self)
        self.watcher.changed.connect(self._changed_elsewhere)
        self.planning = install_planning(self)  # alerts, reorder, orders, stocktake pages; badge; mail worker
        self.file_actions = install_file_actions(self)  # Import items…, Reports…, Back up now

    # building -----------------------------------------------------------------------------------

    def add_page(self, title: str, widget: QWidget, shortcut: str = "", *, position: int = -1) -> QAction:
        """Add a page as a tab (at `position`, default last) with a Go-menu action on `shortcut`."""
        self.pages.insertTab(position, widget, title)
        action = QAction(title, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(f"{title} ({shortcut})")
        action.triggered.connect(lambda: self.show_page(widget))
        self._go_menu.addAction(action)
        self.page_actions[widget] = action
        return action

    def show_page(self, widget: QWidget) -> None:
        """Bring up the tab of `widget`: a tab itself, or the page inside a LazyPage tab."""
        tab: QWidget | None = widget
        while tab is not None and self.pages.indexOf(tab) < 0:
            tab = tab.parentWidget()
        if tab is not None:
            self.pages.setCurrentWidget(tab)

    def current_page(self) -> QWidget:
        """The page on screen (for a LazyPage tab, the page built inside it)."""
        current = self.pages.currentWidget()
        return current.page if isinstance(current, LazyPage) else current

    def _build_items_page(self) -> ItemsPage:
        page = ItemsPage(self.db, self.model, self.panel)
        self.filter_bar, self.search, self.table = page.filter_bar, page.search, page.table
        self.search.returnPressed.connect(self._search_entered)
        self.filter_bar.changed.connect(self.apply_filter)
        page.open_requested.connect(self.edit_item)
        return page

    def _build_status_bar(self) -> None:
        role = role_label(self.actor.role.value)
        who = self.actor.name or self.actor.email
        self.user_label = QLabel(f"{who} ({role})")
        self.db_label = QLabel(self.db.description)
        for label in (self.user_label, self.db_label):
            self.statusBar().addPermanentWidget(label)

    def _handlers(self) -> dict[str, Callable[[], None]]:
        return {
            "new_item": self.new_item,
            "edit_item": self.edit_item,
            "archive_item": self.archive_item,
            "labels": self.print_labels,
            "receive": lambda: self.move_stock(MovementType.RECEIVE),
            "sell": lambda: self.move_stock(MovementType.SELL),
            "transfer": lambda: self.move_stock(MovementType.TRANSFER),
            "move_location": self.move_between_locations,
            "adjust": lambda: self.move_stock(MovementType.ADJUST),
            "count": lambda: self.move_stock(MovementType.COUNT),
            "find": self.focus_search,
            "refresh": lambda: self.refresh(self.current_item.id if self.current_item else None),
            "quit": self.close,
        }

    # selection and refresh ----------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item_id = self.model.item_id(current.row()) if current.isValid() else None
        self._show_item(item_id)

    def _show_item(self, item_id: uuid.UUID | None) -> None:
        try:
            self.current_item = catalog.get_item(self.db.uow(), item_id) if item_id else None
        except StockDeskError:  # archived or deleted elsewhere since the page was read
            self.current_item = None
        self.panel.show_item(self.current_item)
        self._update_actions()

    def _correct_expiry(self, place: PlaceLevelView) -> None:
        """The stock panel's *Correct use-by date…* on a lot of the selected item."""
        if self.current_item is None:
            return
        dialog = CorrectExpiryDialog(self.db, self.actor, self.current_item.sku, place, self)
        if self.run_dialog(dialog) and dialog.result_view is not None:
            self._show_item(self.current_item.id)
            self.statusBar().showMessage(corrected_text(dialog.result_view), 5000)

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def refresh(self, item_id: uuid.UUID | None = None) -> None:
        """Re-read the table after a write, keep `item_id` selected if it is still listed."""
        hint = self.table.currentIndex().row()
        self.model.refresh()
        row = self.model.find_row(item_id, hint=max(hint, 0)) if item_id else None
        if row is not None:
            self.select_row(row)
        else:
            self._show_item(item_id)

    def _changed_elsewhere(self) -> None:
        """A commit somewhere (another page, the scanner, sync): show fresh rows, keep the place."""
        item_id = self.current_item.id if self.current_item else None
        if self.model.rowCount() <= PAGE_SIZE:
            self.refresh(item_id)  # a short list is read again whole; the selection follows the item
        else:
            self.model.invalidate()
            self._show_item(item_id)

    def _update_actions(self) -> None:
        # Without a selected item the actions stay available: they ask which item (see chosen_item).
        item = self.current_item
        owner = item.owner_id if item is not None else self.actor.id
        may_edit = allowed(self.actor, Action.EDIT_ITEM, owner_id=owner)
        may_move = allowed(self.actor, Action.MOVE_STOCK) and (
            not self.actor.is_clerk or bool(self.actor.store_ids)
        )
        self.actions["new_item"].setEnabled(allowed(self.actor, Action.CREATE_ITEM))
        self.actions["edit_item"].setEnabled(may_edit)
        self.actions["archive_item"].setEnabled(may_edit)
        archived = item is not None and not item.active
        self.actions["archive_item"].setText(self.tr("&Restore") if archived else self.tr("&Archive"))
        for key in ("receive", "sell", "transfer", "move_location", "count"):
            self.actions[key].setEnabled(may_move)
        # Adjustments are their own permission: a clerk without an admin's grant sees why it is off.
        may_adjust = allowed(self.actor, Action.ADJUST_STOCK)
        self.actions["adjust"].setEnabled(may_move and may_adjust)
        self.actions["adjust"].setStatusTip("" if may_adjust else self.tr(
            "Adjustments (write-offs) need a manager; an admin may allow a clerk to post them."))

    # search -------------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.show_page(self.items_page)
        self.search.setFocus()
        self.search.selectAll()

    def apply_search(self) -> None:
        """Apply the filter bar now (without waiting for the typing pause)."""
        self.filter_bar.apply()

    def apply_filter(self, item_filter: ItemFilter) -> None:
        self.model.set_filter(item_filter)
        if self.model.rowCount() > 0:
            self.select_row(0)
        else:
            self._show_item(None)

    def _search_entered(self) -> None:
        self.apply_search()
        self.table.setFocus()

    # actions ------------------------------------------------------------------------------------

    def new_item(self) -> None:
        dialog = ItemEditorDialog(self.db, self.actor, None, self)
        if self.run_dialog(dialog) and dialog.item is not None:
            self.statusBar().showMessage(self.tr("Created {sku}").format(sku=dialog.item.sku), 5000)
            self.refresh(dialog.item.id)

    def chosen_item(self, key: str) -> ItemView | None:
        """The selected item, else the one the person picks now (None if they cancel): an action never
        guesses its item."""
        if self.current_item is not None:
            return self.current_item
        picker = ItemPickerDialog(self.db, self.actions[key].text().replace("&", ""), self)
        return picker.item if self.run_dialog(picker) else None

    def edit_item(self) -> None:
        if not self.actions["edit_item"].isEnabled() or (item := self.chosen_item("edit_item")) is None:
            return
        dialog = ItemEditorDialog(self.db, self.actor, item, self)
        accepted = self.run_dialog(dialog)
        if accepted or dialog.changed:
            self.refresh(item.id)

    def archive_item(self) -> None:
        if not self.actions["archive_item"].isEnabled() or (item := self.chosen_item("archive_item")) is None:
            return
        restore = not item.active
        question = self.tr("Restore {sku} — {name}?") if restore else self.tr("Archive {sku} — {name}?")
        if not self.confirm(question.format(sku=item.sku, name=item.name)):
            return
        try:
            catalog.set_item_active(self.db.uow(), self.actor, item.id, active=not item.active)
        except StockDeskError as error:
            self.report_error(error)
            return
        done = self.tr("Restored {sku}") if restore else self.tr("Archived {sku}")
        self.statusBar().showMessage(done.format(sku=item.sku), 5000)
        self.refresh(item.id)

    def selected_items(self) -> list[ItemView]:
        """The items of the selected rows, in table order (archived or deleted since: left out)."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        items = []
        for row in rows:
            try:
                items.append(catalog.get_item(self.db.uow(), self.model.item_id(row)))
            except StockDeskError:
                continue
        return items

    def print_labels(self) -> None:
        items = self.selected_items()
        if not items and (item := self.chosen_item("labels")) is not None:
            items = [item]
        if items:
            # reportlab and QtPdf load with the first sheet, not with the window (test_lazy_imports).
            from stockdesk.ui.dialogs.labels_dialog import LabelsDialog

            self.run_dialog(LabelsDialog.for_items(self.db, items, self))

    def move_stock(self, kind: MovementType) -> None:
        if not self.actions[kind.value].isEnabled() or (item := self.chosen_item(kind.value)) is None:
            return
        dialog = MovementDialog(self.db, self.actor, item, kind, self, store_id=self.desk_store_id)
        if self.run_dialog(dialog):
            self.statusBar().showMessage(self.tr("{title}: done").format(title=dialog.windowTitle()), 5000)
            self.refresh(item.id)

    def move_between_locations(self) -> None:
        action = self.actions["move_location"]
        if not action.isEnabled() or (item := self.chosen_item("move_location")) is None:
            return
        dialog = MoveLocationDialog(self.db, self.actor, item, self, store_id=self.desk_store_id)
        if self.run_dialog(dialog):
            self.statusBar().showMessage(self.tr("{title}: done").format(title=dialog.windowTitle()), 5000)
            self.refresh(item.id)

    # messages (replaceable in tests, where a modal box would block) -----------------------------

    def _add_management_pages(self) -> None:
        """Categories, suppliers, stores, locations, users (admins), ledger, audit log: built when shown.

        Each attribute is a LazyPage; `.page` is the real page (built on first use).
        """
        db, actor = self.db, self.actor
        self.categories_page = LazyPage(lambda: CategoriesPage(db, actor))
        self.suppliers_page = LazyPage(lambda: SuppliersPage(db, actor))
        self.stores_page = LazyPage(lambda: StoresPage(db, actor))
        self.locations_page = LazyPage(lambda: LocationsPage(db, actor))
        self.users_page = LazyPage(lambda: UsersPage(db, actor))
        self.ledger_page = LazyPage(lambda: LedgerPage(db, actor))
        self.audit_page = LazyPage(lambda: AuditPage(db, actor))
        for title, page, key in (
            (self.tr("Categories"), self.categories_page, "Ctrl+3"),
            (self.tr("Suppliers"), self.suppliers_page, "Ctrl+4"),
            (self.tr("Stores"), self.stores_page, "Ctrl+5"),
            (self.tr("Locations"), self.locations_page, ""),
            (self.tr("Users"), self.users_page, "Ctrl+6"),
            (self.tr("Ledger"), self.ledger_page, "Ctrl+7"),
            (self.tr("Audit log"), self.audit_page, "Ctrl+8"),
        ):
            self.add_page(title, page, key)

    def _build_table_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Table"))
        self.export_action = QAction(self.tr("E&xport items to CSV…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_action.setToolTip(self.tr("Export the items as filtered and sorted (Ctrl+Shift+E)"))
        self.export_action.triggered.connect(lambda: self.export_csv())
        menu.addAction(self.export_action)
        self.addAction(self.export_action)
        self.export_pictures_action = QAction(self.tr("Export items with &pictures…"), self)
        self.export_pictures_action.setToolTip(
            self.tr("Export the items as filtered and sorted, their pictures into a folder beside the CSV")
        )
        self.export_pictures_action.triggered.connect(lambda: self.export_csv(pictures=True))
        menu.addAction(self.export_pictures_action)

    def export_csv(self, *, pictures: bool = False) -> ItemsExport | None:
        """Ask for a file, then stream the filtered, sorted items into it behind a progress dialog.

        With `pictures`, each item's picture is written once into `NAME-pictures/` beside the CSV and
        named in its Picture column (services/exchange/item_export.py); without, that column is blank.
        """
        chosen = self.ask_save_path(self.tr("Export items"), "items.csv", self.tr("CSV files (*.csv)"))
        if not chosen:
            return None
        sort, descending = self.model.sort_key
        rows = self.model.rowCount() if self.model.is_complete else 0
        path = Path(chosen)
        export = ItemsExport(self, self.db, self.model.item_filter, path, sort=sort,
                             descending=descending, expected_rows=rows, pictures=pictures)
        if pictures:
            done = self.tr("Exported {n} items, their pictures into {folder}")
            folder = picture_folder(path).name
            export.finished.connect(
                lambda n: self.statusBar().showMessage(done.format(n=f"{n:,}", folder=folder), 8000)
            )
        else:
            export.finished.connect(
                lambda n: self.statusBar().showMessage(self.tr("Exported {n} items").format(n=f"{n:,}"), 8000)
            )
        export.failed.connect(lambda error: self.statusBar().showMessage(error_text(error), 10000))
        self.last_export = export
        return export

    def ask_save_path(self, title: str, name: str, pattern: str) -> str:
        """A file name to write (replaceable in tests, where a file dialog would block)."""
        return QFileDialog.getSaveFileName(self, title, name, pattern)[0]

    # layout memory ------------------------------------------------------------------------------

    def restore_layout(self) -> None:
        """Window geometry, the items splitter, column widths and sort, as the person left them."""
        settings = QSettings()
        if geometry := settings.value("main/geometry"):
            self.restoreGeometry(geometry)
        if split := settings.value("main/items_splitter"):
            self.items_page.restoreState(split)
        if header := settings.value("main/items_header"):
            self.table.horizontalHeader().restoreState(header)  # emits the saved sort: the model sorts

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/items_splitter", self.items_page.saveState())
        settings.setValue("main/items_header", self.table.horizontalHeader().saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember the layout for next time."""
        self.save_layout()
        super().closeEvent(event)

    def confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("StockDesk"), question)
        return answer == QMessageBox.StandardButton.Yes

    def report_error(self, error: StockDeskError) -> None:
        self.statusBar().showMessage(error_text(error), 10000)
        QMessageBox.warning(self, self.tr("StockDesk"), error_text(error))
