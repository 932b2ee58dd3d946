"""Stocktake: start a count for a store (whole store or ticked categories), enter counts by scanning or
typing, look at the variance (quantity and value), post.

Counts are collected in a list first and saved together: the service checks every line and refuses
the batch listing every problem (unknown code, item outside the count, quantity not a number), each
named by its line in the list and what was typed, so a person fixes them all in one go.

A store kept by location is counted location-first: scanning a location's label makes it the current
location (`LocationCount`), and each item scanned then is counted there (one, or the quantity typed)
and saved at once, while the table shows the location's expected vs counted. A count can be limited
to zones (ticked locations and everything below them). Every scanner comes in through `handle_scan`:
the scan field (a USB wedge types there), the webcam dock, or a wedge burst elsewhere on the page.
Reading the variance and posting run on the thread pool: a 50,000-line count takes seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from stockdesk.domain.errors import StockDeskError
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database
from stockdesk.services.inventory import stocktake
from stockdesk.services.inventory.stocktake import CountLine, PostResult, Variance
from stockdesk.services.places import locations
from stockdesk.ui.formatting import format_price, format_quantity, format_when
from stockdesk.ui.i18n import error_text
from stockdesk.ui.planning.common import ProblemList, ask_yes_no, fill_stores
from stockdesk.ui.planning.location_count import LocationCount
from stockdesk.ui.planning.models import CountEntryModel, variance_model
from stockdesk.ui.worker import run_in_background

_WHERE_COLUMNS = (7, 8)  # the variance's location and lot: shown for a count by location


def _table(model: Any, *, editable: bool) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    triggers = QAbstractItemView.EditTrigger
    view.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed if editable
                         else triggers.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(editable)  # entry numbers are what the problems refer to
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class StocktakePage(QWidget):
    variance_shown = Signal(object)  # Variance
    posted = Signal(object)  # PostResult
    takes_scans = True  # the window hands this page the scans made while it is on screen

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.session: Any = None  # the open stocktake being counted (StocktakeView)
        self.variance: Variance | None = None
        self._variance_asked = 0  # refreshes asked for; an older answer arriving late is dropped
        self.confirm: Callable[[str], bool] = lambda q: ask_yes_no(self, q)
        self.entries = CountEntryModel(self)
        self.lines = variance_model(self)
        self.problems = ProblemList()
        self.notice = QLabel()
        self._build()
        self.reload_sessions()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("<h3>" + self.tr("Stocktake") + "</h3>"))
        top.addStretch(1)
        layout.addLayout(top)
        layout.addLayout(self._start_row())
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._count_panel())
        split.addWidget(self._variance_panel())
        split.setSizes([380, 800])
        layout.addWidget(split, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.problems)

    def _start_row(self) -> QHBoxLayout:
        self.store = QComboBox()
        fill_stores(self.store, self.db, self.actor)
        self.categories = QListWidget()
        self.categories.setMaximumHeight(70)
        self.categories.setToolTip(self.tr("Tick categories to count only those (and their subcategories)"))
        for category in organisation.list_categories(self.db.uow()):
            entry = QListWidgetItem(category.name)
            entry.setData(Qt.ItemDataRole.UserRole, category.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.categories.addItem(entry)
        self.categories.setVisible(self.categories.count() > 0)  # no categories: always the whole store
        self.zones = QListWidget()
        self.zones.setMaximumHeight(70)
        self.zones.setToolTip(self.tr("Tick locations to count only those zones (and everything below them)"))
        self.store.currentIndexChanged.connect(lambda _i: self._fill_zones())
        self._fill_zones()
        self.start_button = QPushButton(self.tr("S&tart count"))
        self.start_button.clicked.connect(lambda: self._attempt(self.start))
        self.sessions = QComboBox()
        self.sessions.setMinimumWidth(260)
        self.sessions.currentIndexChanged.connect(lambda _i: self._session_chosen())
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Store")))
        row.addWidget(self.store)
        row.addWidget(self.categories, 1)
        row.addWidget(self.zones, 1)
        row.addStretch(0 if self.categories.count() else 1)
        row.addWidget(self.start_button)
        row.addWidget(QLabel(self.tr("Open count")))
        row.addWidget(self.sessions)
        return row

    def _count_panel(self) -> QWidget:
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("Scan or type a SKU/barcode"))
        self.quantity = QLineEdit("1")
        self.quantity.setMaximumWidth(70)
        self.code.returnPressed.connect(self.add_entry)
        self.quantity.returnPressed.connect(self.add_entry)
        self.entries_view = _table(self.entries, editable=True)
        self.place = LocationCount(self.db)
        self.place.left.connect(self.refresh_variance)
        self.save_button = QPushButton(self.tr("&Save counts"))
        self.save_button.clicked.connect(lambda: self._attempt(self.save_counts))
        self.clear_button = QPushButton(self.tr("Clear list"))
        self.clear_button.clicked.connect(lambda: self.entries.set_rows([]))
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        entry = QHBoxLayout()
        entry.addWidget(self.code, 1)
        entry.addWidget(self.quantity)
        layout.addLayout(entry)
        layout.addWidget(self.place, 1)
        layout.addWidget(self.entries_view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        layout.addLayout(buttons)
        return panel

    def _variance_panel(self) -> QWidget:
        self.variance_view = _table(self.lines, editable=False)
        self.variance_view.setColumnWidth(1, 220)
        self.totals = QLabel()
        self.uncounted_zero = QCheckBox(self.tr("Items nobody counted are zero"))
        self.uncounted_zero.toggled.connect(lambda _on: self.refresh_variance())
        self.post_button = QPushButton(self.tr("&Post count"))
        self.post_button.clicked.connect(self.post)
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.variance_view, 1)
        row = QHBoxLayout()
        row.addWidget(self.totals, 1)
        row.addWidget(self.uncounted_zero)
        row.addWidget(self.post_button)
        layout.addLayout(row)
        return panel

    # sessions -------------------------------------------------------------------------------

    def reload_sessions(self, keep: Any = None) -> None:
        stores = {self.store.itemData(i): self.store.itemText(i) for i in range(self.store.count())}
        open_takes = [t for t in stocktake.list_open(self.db.uow()) if t.store_id in stores]
        self.sessions.blockSignals(True)
        self.sessions.clear()
        for take in open_takes:
            label = self.tr(
                "Stocktake {number} — {title} ({store}), %n item(s), started {when}", "", take.lines
            )
            self.sessions.addItem(label.format(number=take.number, title=take.title,
                                               store=stores[take.store_id].split(" ")[0],
                                               when=format_when(take.started_at)), take)
        self.sessions.blockSignals(False)
        index = next((i for i, t in enumerate(open_takes) if t.id == keep), 0 if open_takes else -1)
        self.sessions.setCurrentIndex(index)
        self._session_chosen()

    def _session_chosen(self) -> None:
        self.session = self.sessions.currentData()
        for widget in (self.code, self.quantity, self.save_button, self.post_button, self.uncounted_zero):
            widget.setEnabled(self.session is not None)
        by_place = self.session is not None and self.session.by_place
        self.place.setVisible(by_place)
        self.place.show_location(self.session.id if self.session else None, None)
        for column in _WHERE_COLUMNS:
            self.variance_view.setColumnHidden(column, not by_place)
        self.refresh_variance()

    def _fill_zones(self) -> None:
        self.zones.clear()
        store = self.store.currentData()
        for location in locations.locations_of(self.db.uow(), store) if store else []:
            entry = QListWidgetItem(location.path)
            entry.setData(Qt.ItemDataRole.UserRole, location.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.zones.addItem(entry)
        self.zones.setVisible(self.zones.count() > 0)  # a store without locations is counted as a whole

    @staticmethod
    def _checked(ticks: QListWidget) -> list[Any]:
        found = (ticks.item(i) for i in range(ticks.count()))
        return [e.data(Qt.ItemDataRole.UserRole) for e in found if e.checkState() == Qt.CheckState.Checked]

    def start(self) -> None:
        take = stocktake.start(self.db.uow(), self.actor, store_id=self.store.currentData(),
                               category_ids=self._checked(self.categories),
                               location_ids=self._checked(self.zones))
        self.notice.setText(self.tr("Count started: %n item(s) expected", "", take.lines))
        self.reload_sessions(keep=take.id)
        self.code.setFocus()

    # counting -------------------------------------------------------------------------------

    def add_entry(self) -> None:
        code = self.code.text().strip()
        if code:
            self.handle_scan(code)
        self.code.clear()
        self.quantity.setText("1")
        self.code.setFocus()

    def handle_scan(self, text: str, symbology: str = "") -> None:
        """A code scanned or typed: a location's label switches the location counted; an item is
        counted there at once (one, or the quantity typed), or listed when no location is current."""
        code, quantity = text.strip(), self.quantity.text().strip()
        self.quantity.setText("1")  # a quantity typed counts for one scan only
        if not code or self.session is None:
            return
        self.problems.show_messages([])
        try:
            if self._count_at_location(code, quantity):
                return
        except StockDeskError as error:
            self.problems.show_error(error, lambda _n: self.tr("Scan {code}").format(code=code))
            return
        self.entries.append(code, quantity)
        self.entries_view.scrollToBottom()

    def _count_at_location(self, code: str, quantity: str) -> bool:
        """Switch location or count at the current one; False when the scan belongs in the list."""
        if not self.session.by_place:
            return False
        location = stocktake.scanned_location(self.db.uow(), self.session.id, code)
        if location is not None:
            self.place.show_location(self.session.id, location)
            self.notice.setText(self.tr("Counting at {code}: scan its items").format(code=location.code))
            self.refresh_variance()
            return True
        if self.place.location is None:
            return False
        where = self.place.location.code
        stocktake.add_counts(self.db.uow(), self.actor, self.session.id, [CountLine(code, quantity, where)])
        self.place.refresh()
        self.notice.setText(self.tr("{quantity} × {code} counted at {location}").format(
            quantity=quantity, code=code, location=where))
        return True

    def save_counts(self) -> None:
        entries = self.entries.entries()
        if self.session is None or not entries:
            return
        saved = stocktake.add_counts(self.db.uow(), self.actor, self.session.id, entries)
        self.entries.set_rows([])
        self.notice.setText(self.tr("%n count line(s) saved", "", saved))
        self.refresh_variance()

    def _entry_name(self, number: int) -> str:
        entries = self.entries.entries()
        code = entries[number - 1][0] if 0 < number <= len(entries) else ""
        return self.tr("Line {n} ({code})").format(n=number, code=code)

    def _attempt(self, call: Callable[[], None]) -> None:
        self.problems.show_messages([])
        try:
            call()
        except StockDeskError as error:
            self.problems.show_error(error, self._entry_name)

    # variance and posting -------------------------------------------------------------------

    def refresh_variance(self) -> None:
        # Counting by location asks again at every shelf: only the latest answer is shown, however
        # the background reads overtake each other.
        self._variance_asked += 1
        asked = self._variance_asked
        if self.session is None:
            self._show_variance(None)
            return
        db, take, zero = self.db, self.session.id, self.uncounted_zero.isChecked()

        def show(report: Variance) -> None:
            if isValid(self) and asked == self._variance_asked:
                self._show_variance(report)

        run_in_background(lambda: stocktake.variance(db.uow(), take, uncounted_as_zero=zero),
                          on_finished=show, on_failed=self._failed)

    def _show_variance(self, report: Variance | None) -> None:
        if not isValid(self):
            return
        self.variance = report
        self.lines.set_rows(report.lines if report else [])
        if report is None:
            self.totals.setText(self.tr("No open count: start one for a store."))
            return
        self.totals.setText(self.tr(
            "Counted {done} of {all}; difference {qty} units, value <b>{value}</b>").format(
            done=report.counted_lines, all=len(report.lines),
            qty=format_quantity(report.quantity_difference, signed=True),
            value=format_price(report.value_difference)))
        self.variance_shown.emit(report)

    def _failed(self, error: BaseException) -> None:
        if isValid(self):
            self.post_button.setEnabled(self.session is not None)
            if isinstance(error, StockDeskError):
                self.problems.show_error(error)
            else:
                self.problems.show_messages([error_text(error)])

    def post(self) -> None:
        report = self.variance
        if self.session is None or report is None:
            return
        lines = report.counted_lines if not self.uncounted_zero.isChecked() else len(report.lines)
        question = self.tr("Post %n counted line(s) with a value difference of {value}?", "", lines).format(
            value=format_price(report.value_difference))
        if not self.confirm(question):
            return
        self.problems.show_messages([])
        self.post_button.setEnabled(False)
        self.notice.setText(self.tr("Posting…"))
        db, actor, take, zero = self.db, self.actor, self.session.id, self.uncounted_zero.isChecked()
        run_in_background(lambda: stocktake.post(db.uow(), actor, take, uncounted_as_zero=zero),
                          on_finished=self._posted, on_failed=self._failed)

    def _posted(self, result: PostResult) -> None:
        if not isValid(self):
            return
        posted = self.tr("Posted %n count movement(s); value difference {value}", "", result.movements)
        self.notice.setText(posted.format(
            value=format_price(result.value_difference)))
        shown = self.variance
        self.reload_sessions()
        if self.session is None and shown is not None:  # keep what was posted on screen until the next count
            self.variance = shown
            self.lines.set_rows(shown.lines)
            for column in _WHERE_COLUMNS:
                self.variance_view.setColumnHidden(column, not shown.by_place)
            self.totals.setText(self.tr("Posted: difference {qty} units, value <b>{value}</b>").format(
                qty=format_quantity(shown.quantity_difference, signed=True),
                value=format_price(shown.value_difference)))
        self.posted.emit(result)
