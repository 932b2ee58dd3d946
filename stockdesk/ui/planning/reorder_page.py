"""Reorder suggestions: every line with its reason, a chart of recent sales against the forecast,
"apply reorder points" and "create draft orders" from the selected lines.

The forecast of every item runs on the thread pool (seconds at 100k items) and only when the page
is first shown or asked to calculate again, never when the window opens. The page keeps its last run
(`reorder_runs.ReorderRun`): "Recalculate" computes again only the items changed since then, and
"Only lines to order" filters the kept lines. Likewise the forecast module (numpy) and the chart
(QtCharts) load when the page is first shown, not with the window: numpy on the thread pool, with the
calculation, so that the window's thread never waits for it; the columns are fitted one per event, so
no single event holds the window longer than a column's fitting.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from stockdesk.domain.errors import StockDeskError
from stockdesk.domain.permissions import Action, Actor, allowed
from stockdesk.services.database import Database
from stockdesk.services.gc_pause import collector_paused
from stockdesk.services.planning import purchasing
from stockdesk.services.planning.purchasing import DraftLine, OrderView
from stockdesk.ui.formatting import format_quantity
from stockdesk.ui.i18n import error_text
from stockdesk.ui.memory import keep_out_of_collector
from stockdesk.ui.pages.list_page import FIT_ROWS
from stockdesk.ui.planning.common import ProblemList, ask_yes_no, exec_dialog, fill_stores
from stockdesk.ui.planning.models import reason_text, suggestions_model
from stockdesk.ui.switching import fine_switching_off, fine_switching_on
from stockdesk.ui.worker import Control, Job, run_cancellable, run_in_background

if TYPE_CHECKING:
    from stockdesk.services.planning.reorder import SuggestionRow
    from stockdesk.services.planning.reorder_runs import ReorderRun
    from stockdesk.services.planning.sales import SalesHistory
    from stockdesk.ui.planning.sales_chart import SalesChart


NAME_WIDTH = 240  # the widest the Name column is fitted: long names would push the figures off screen


class _Watch:
    """The calculation's `reorder.Watch`, reporting to the page through the job (queued to the GUI)."""

    def __init__(self, control: Control) -> None:
        self._control = control

    def stage(self, name: str, done: int, total: int) -> None:
        self._control.report((name, done, total))

    def cancelled(self) -> bool:
        return self._control.cancelled()


class ReorderPage(QWidget):
    loaded = Signal(int)  # number of lines shown
    chart_shown = Signal()
    columns_fitted = Signal()  # after the first lines shown, every column fitted to them
    orders_created = Signal(list)  # [OrderView]

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.rows: list[SuggestionRow] = []
        self.run: ReorderRun | None = None  # the last calculation: the next one starts from it
        self._fitted = False  # the columns were fitted to the first lines shown
        self.is_loading = self.is_loaded = False
        self.job: Job | None = None
        self.confirm: Callable[[str], bool] = lambda q: ask_yes_no(self, q)
        self.run_dialog: Callable[[QDialog], bool] = exec_dialog
        self.model = suggestions_model(self)
        self.problems = ProblemList()
        self.status = QLabel()
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._chart: SalesChart | None = None
        self._build()

    def _build(self) -> None:
        self.store = QComboBox()
        fill_stores(self.store, self.db, self.actor, any_text=self.tr("All stores"))
        self.only_orders = QCheckBox(self.tr("Only lines to order"))
        self.only_orders.setChecked(True)
        manage = allowed(self.actor, Action.MANAGE_CATALOGUE)
        self.calculate_button = self._button(self.tr("Re&calculate"), "Ctrl+Shift+L", self.calculate)
        self.apply_button = self._button(self.tr("Apply &reorder points"), "Ctrl+Shift+P", self.apply_points)
        self.draft_button = self._button(self.tr("Create &draft orders"), "Ctrl+Shift+D", self.create_drafts)
        for button in (self.apply_button, self.draft_button):
            button.setEnabled(manage)
        top = QHBoxLayout()
        top.addWidget(QLabel("<h3>" + self.tr("Reorder suggestions") + "</h3>"))
        top.addStretch(1)
        for widget in (self.store, self.only_orders, self.calculate_button, self.apply_button,
                       self.draft_button):
            top.addWidget(widget)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Fit the columns to a screenful of rows, not to Qt's default sample of 1,000: with 38,000 lines
        # that sample held the GUI thread for 0.87 s after every calculation (bench pages).
        self.table.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.table.setColumnWidth(1, 200)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_line(cur.row()))
        bottom = QWidget()
        detail = QVBoxLayout(bottom)
        detail.setContentsMargins(0, 0, 0, 0)
        detail.addWidget(self.reason)
        self._detail = detail  # the chart goes below the reason when first needed
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(bottom)
        split.setSizes([420, 260])
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(320)
        self.stop_button = QPushButton(self.tr("&Stop"))
        self.stop_button.setToolTip(self.tr("Stop the calculation; the lines shown stay"))
        self.stop_button.clicked.connect(self.stop)
        for widget in (self.progress, self.stop_button):
            # Their room is kept while hidden: a row that grew when a calculation starts moved the table,
            # and its repaint (1,400 calls into Python) waited on the calculation for the interpreter.
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
        working = QHBoxLayout()
        working.addWidget(self.status)
        working.addStretch(1)
        working.addWidget(self.progress)
        working.addWidget(self.stop_button)
        self._show_working(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(working)
        layout.addWidget(split, 1)
        layout.addWidget(self.problems)
        self.store.currentIndexChanged.connect(lambda _i: self.calculate())
        self.only_orders.toggled.connect(lambda _on: self.calculate())

    def _button(self, text: str, shortcut: str, handler: Callable[[], None]) -> QPushButton:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(handler)
        self.addAction(action)
        button = QPushButton(text)
        button.setToolTip(f"{text.replace('&', '')} ({shortcut})")
        button.clicked.connect(action.trigger)
        return button

    @property
    def chart(self) -> SalesChart:
        """The sales chart, built on first use (page shown, a line chosen)."""
        if self._chart is None:
            from stockdesk.ui.planning.sales_chart import SalesChart  # QtCharts: see the module docstring

            self._chart = SalesChart()
            self._detail.addWidget(self._chart, 1)
        return self._chart

    def showEvent(self, event: Any) -> None:
        """The first time the page is shown, calculate."""
        _ = self.chart
        super().showEvent(event)
        if not self.is_loaded and not self.is_loading:
            self.calculate()

    # loading --------------------------------------------------------------------------------

    def calculate(self) -> None:
        """Forecast and suggest off the GUI thread, with each stage and a Stop (a million items: a minute)."""
        if self.is_loading:
            return
        self.is_loading = True
        fine_switching_on()  # the window gets the interpreter back sooner meanwhile (ui/switching.py)
        self.status.setText(self.tr("Calculating forecasts…"))
        self.problems.show_messages([])
        self._show_working(True)
        db, store, only, previous = self.db, self.store.currentData(), self.only_orders.isChecked(), self.run

        def lines(control: Control) -> tuple[ReorderRun, list[SuggestionRow], int]:
            # Everything the calculation leaves alive is frozen before the collector runs again, or the
            # window's thread walks it on the collector's next ticks (ui/collector.py): the new lines
            # (a first full pass over them was 2.4 s at a million items), the list of those to order
            # (568,000 references, 10-30 ms of the GUI thread a collection) and the modules imported.
            with collector_paused():
                # Loaded here, on the pool: numpy and the forecasts are 75 ms of imports the first time,
                # a stall of the window if loaded on its thread.
                from stockdesk.services.planning import reorder_runs

                run = reorder_runs.recalculate(db.uow(), previous, store_id=store, watch=_Watch(control))
                # Filtered and counted here, not in the window: a million lines are a tenth of a second
                # of the GUI thread.
                found = run.lines(only)
                keep_out_of_collector()
            return run, found, len(found) if only else sum(1 for r in found if r.suggested_qty > 0)

        self.job = run_cancellable(lines, on_finished=self._show_result, on_failed=self._calculation_failed,
                                   on_progress=self._progressed)

    def stop(self) -> None:
        """Ask the calculation to stop at its next stage or 50,000 lines; the lines shown stay."""
        if self.job is not None and self.is_loading:
            self.job.control.cancel()

    def _progressed(self, step: object) -> None:
        if not isValid(self) or not isinstance(step, tuple):
            return
        stage, done, total = step
        self.status.setText(self._stage_text(str(stage)))
        self.progress.setRange(0, max(int(total), 0))  # 0..0: Qt's busy bar, for a stage of unknown length
        self.progress.setValue(int(done))

    def _stage_text(self, stage: str) -> str:
        texts = {
            "reading stock": self.tr("Reading stock levels…"),
            "reading sales": self.tr("Reading the sales history…"),
            "forecasting": self.tr("Forecasting demand…"),
            "suggesting": self.tr("Working out what to order…"),
        }
        return texts.get(stage, stage)

    def _show_working(self, working: bool) -> None:
        self.progress.setVisible(working)
        self.stop_button.setVisible(working)
        if working:
            self.progress.setRange(0, 0)

    def _show_result(self, result: tuple[ReorderRun, list[SuggestionRow], int]) -> None:
        fine_switching_off()
        if not isValid(self):
            return
        run, rows, ordering = result
        earlier, self.run = self.run, run
        shown = self._show_rows(rows, ordering)
        # The list shown before and the earlier run's lines, freed on the pool (each touches every line),
        # unless one of them is still in use (all lines are shown as the run's own list).
        old = [shown] if earlier is None else [shown, earlier.rows]
        in_use = {id(rows), id(run.rows)}
        stale = {id(lines): lines for lines in old if id(lines) not in in_use}  # each list once
        self._release_off_gui(list(stale.values()))
        if not run.full:
            self.status.setText(
                self.status.text() + " — " + self.tr("%n item(s) recalculated", "", run.recomputed)
            )

    def _release_off_gui(self, lists: list[list[SuggestionRow]]) -> None:
        """Free lists of lines on the thread pool: a whole run's million lines freed here would hold the
        GUI thread for a second, and even a list of lines that stay alive costs a reference count each."""
        from stockdesk.services.planning import reorder

        def free() -> None:
            while lists:
                reorder.release(lists.pop())

        lists = [lines for lines in lists if lines]
        if lists:
            run_in_background(free, on_finished=lambda _none: None, on_failed=self._failed)

    def _show_rows(self, rows: list[SuggestionRow], ordering: int) -> list[SuggestionRow]:
        """Show `rows` (the page's and the model's own list); returns the list shown before."""
        self.is_loading, self.is_loaded = False, True
        self._show_working(False)
        self.rows = rows
        shown = self.model.take_rows(rows)
        if rows and not self._fitted:
            # Once: a person's own widths should survive a recalculation.
            self._fitted = True
            self._fit_column(0)
        self.status.setText(self.tr("%n line(s), {k} to order", "", len(rows)).format(k=ordering))
        self._show_line(-1)
        self.loaded.emit(len(rows))
        return shown

    def _fit_column(self, column: int) -> None:
        """Fit `column` to a screenful of lines, then the next column on the next turn of the event loop:
        all fifteen at once held the window 40-70 ms (bench reorder_page), one takes a few."""
        if not isValid(self):
            return
        if column >= self.model.columnCount():
            self.columns_fitted.emit()
            return
        self.table.resizeColumnToContents(column)
        if column == 1:
            self.table.setColumnWidth(1, min(self.table.columnWidth(1), NAME_WIDTH))
        QTimer.singleShot(0, self, lambda: self._fit_column(column + 1))

    def _calculation_failed(self, error: BaseException) -> None:
        """The calculation failed or was stopped."""
        fine_switching_off()
        self._failed(error)

    def _failed(self, error: BaseException) -> None:
        if not isValid(self):
            return
        self.is_loading = False
        self._show_working(False)
        self.status.setText("")
        self.problems.show_messages([error_text(error)])

    def _show_line(self, row: int) -> None:
        line = self.model.row(row)
        if line is None:
            self.reason.setText(self.tr("Select a line to see why it is suggested."))
            self.chart.show_history(None, "")
            return
        self.reason.setText(f"<b>{line.sku}</b> {line.name} — {line.store_code}: {reason_text(line)}")
        db = self.db
        from stockdesk.services.planning import sales  # loaded by calculate() already

        run_in_background(lambda: sales.history(db.uow(), line.item_id, line.store_id),
                          on_finished=lambda h: self._show_chart(line, h), on_failed=self._failed)

    def _show_chart(self, line: SuggestionRow, history: SalesHistory) -> None:
        if not isValid(self) or self.model.row(self.table.currentIndex().row()) is not line:
            return  # the person has moved on to another line meanwhile
        self.chart.show_history(history, f"{line.sku} — {line.store_code}")
        self.chart_shown.emit()

    # actions --------------------------------------------------------------------------------

    def selected_lines(self) -> list[SuggestionRow]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row(r) for r in rows]

    def apply_points(self) -> None:
        lines = self.selected_lines()
        if not lines:
            self.problems.show_messages([self.tr("Select the lines whose computed reorder point to apply.")])
            return
        # The reorder point belongs to the item, not the store: the busiest store's point covers the others.
        points: dict[Any, Decimal] = {}
        for line in lines:
            points[line.item_id] = max(points.get(line.item_id, Decimal(0)), line.computed_reorder_point)
        question = self.tr("Set the reorder point of %n item(s) to the computed value?", "", len(points))
        if not self.confirm(question):
            return
        from stockdesk.services.planning import reorder  # loaded by calculate() already

        try:
            done = reorder.apply_reorder_points(self.db.uow(), self.actor, points)
        except StockDeskError as error:
            self.problems.show_error(error)
            return
        self.problems.show_messages([])
        self.status.setText(self.tr("Reorder points set on %n item(s)", "", done))
        self.calculate()

    def create_drafts(self) -> list[OrderView]:
        lines = self.selected_lines()
        if not lines:
            self.problems.show_messages([self.tr("Select the lines to order first.")])
            return []
        drafts = [DraftLine(x.item_id, x.store_id, x.suggested_qty, x.reason) for x in lines]
        try:
            orders = purchasing.create_drafts(self.db.uow(), self.actor, drafts)
        except StockDeskError as error:
            self.problems.show_error(error, lambda n: self._line_name(lines, n))
            return []
        self.problems.show_messages([])
        numbers = ", ".join(o.number for o in orders)
        done = self.tr("Created %n draft order(s): {numbers}", "", len(orders))
        self.status.setText(done.format(numbers=numbers))
        self.orders_created.emit(orders)
        return orders

    def _line_name(self, lines: list[SuggestionRow], number: int) -> str:
        line = lines[number - 1]
        return self.tr("{sku} in {store} (order {qty})").format(
            sku=line.sku, store=line.store_code, qty=format_quantity(line.suggested_qty))
