"""The dashboard, the window's first page: stock value per store, low and idle items, movers, a chart.

The figures are read on the thread pool (at a million items the value and idle counts take
seconds); the page shows "…" until they arrive and re-reads them each time it is shown again.

The chart uses QtCharts (PySide6-Addons, already installed with PySide6): it is a plain widget
of the same toolkit, so it renders offscreen for screenshots and tests, follows the window's font
and palette, and adds no dependency (matplotlib would add ~40 MB and a second rendering stack).
QtCharts is loaded and the chart view built when the page is first shown: a window opened on
another page (the items table) never loads it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from stockdesk.services.database import Database
from stockdesk.services.planning import dashboard as figures
from stockdesk.ui.formatting import format_day, format_price, format_quantity
from stockdesk.ui.i18n import error_text
from stockdesk.ui.widgets.day_axis import add_day_axis
from stockdesk.ui.worker import run_in_background

if TYPE_CHECKING:
    from PySide6.QtCharts import QChart, QChartView


class DashboardPage(QWidget):
    """Reads `services.dashboard.dashboard` off the GUI thread; `is_loaded` once shown."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.is_loaded = False
        self._pending = 0
        self.values = QLabel("…")
        self.low_stock = QLabel("…")
        self.idle = QLabel("…")
        for label in (self.values, self.low_stock, self.idle):
            label.setTextFormat(Qt.TextFormat.RichText)
        # Room for three stores and the total before the figures arrive: the row must not clip them.
        self.values.setMinimumHeight(self.values.fontMetrics().lineSpacing() * 5)
        self.movers = QTableWidget(0, 3)
        self.movers.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Name"), self.tr("Sold")])
        self.movers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.movers.verticalHeader().hide()
        self.movers.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.movers.setWordWrap(False)
        self.movers.setMinimumWidth(420)
        self.chart_view: QChartView | None = None  # built by the first showEvent
        self._chart_box = self._box(self.tr("Units sold and received per day, last 30 days"), None)
        self._layout()

    def _box(self, title: str, widget: QWidget | None) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        if widget is not None:
            layout.addWidget(widget)
        return box

    def _layout(self) -> None:
        grid = QGridLayout(self)
        grid.addWidget(self._box(self.tr("Stock value at cost"), self.values), 0, 0)
        grid.addWidget(self._box(self.tr("Low stock"), self.low_stock), 0, 1)
        grid.addWidget(self._box(self.tr("No movement in 90 days"), self.idle), 0, 2)
        grid.addWidget(self._box(self.tr("Top 10 movers, last 30 days"), self.movers), 1, 0)
        grid.addWidget(self._chart_box, 1, 1, 1, 2)
        grid.setRowStretch(1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

    def showEvent(self, event: Any) -> None:
        """Read the figures each time the page comes into view (building the chart view the first time)."""
        if self.chart_view is None:
            # QtCharts (~10 MB resident with its view) loads only when the dashboard is looked at.
            from PySide6.QtCharts import QChartView

            self.chart_view = QChartView()
            self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._chart_box.layout().addWidget(self.chart_view)
        super().showEvent(event)
        # After the page has painted: five readers starting now would share the interpreter with the
        # paint and make it wait (816 ms to first paint at a million items, bench pages).
        QTimer.singleShot(0, self, self.reload)

    def reload(self) -> None:
        """Read each figure in its own background job and show it as soon as it arrives.

        At a million items the stock value (every level, valued line by line) takes seconds while
        the chart takes a fraction of one: nobody should wait for the slowest to see the rest.
        """
        if self._pending:
            return
        db, now = self._db, datetime.now(UTC)
        jobs: list[tuple[Callable[[], Any], Callable[[Any], None]]] = [
            (lambda: figures.daily_flows(db.uow(), since=now - timedelta(days=figures.CHART_DAYS)),
             self._show_chart),
            (lambda: figures.top_movers(db.uow(), since=now - timedelta(days=figures.MOVER_DAYS)),
             self._show_movers),
            (lambda: figures.idle_items(db.uow(), since=now - timedelta(days=figures.IDLE_DAYS)),
             lambda n: self._show_count(self.idle, n)),
            (lambda: figures.low_stock_count(db.uow()), lambda n: self._show_count(self.low_stock, n)),
            (lambda: figures.store_values(db.uow), self._show_values),
        ]
        self._pending = len(jobs)
        for function, show in jobs:
            run_in_background(function, on_finished=lambda value, s=show: self._arrived(s, value),
                              on_failed=self._failed)

    def _arrived(self, show: Callable[[Any], None], value: Any) -> None:
        if not isValid(self):
            return
        show(value)
        self._pending -= 1
        self.is_loaded = self._pending == 0

    def _failed(self, error: BaseException) -> None:
        if isValid(self):
            self._pending -= 1
            problem = error_text(error)
            self.values.setText(self.tr("Could not read the figures: {error}").format(error=problem))

    def _show_values(self, values: list[figures.StoreValue]) -> None:
        lines = [f"{v.code} — {v.name}: <b>{format_price(v.value)}</b>" for v in values]
        total = sum((v.value for v in values), start=Decimal(0))
        lines.append(self.tr("All stores: <b>{total}</b>").format(total=format_price(total)))
        self.values.setText("<br>".join(lines))

    def _show_count(self, label: QLabel, count: int) -> None:
        label.setText(self.tr("<b style='font-size:20pt'>{n}</b> items").format(n=f"{count:,}"))

    def _show_movers(self, movers: list[figures.Mover]) -> None:
        self.movers.setRowCount(len(movers))
        for row, mover in enumerate(movers):
            for column, text in enumerate((mover.sku, mover.name, format_quantity(mover.sold))):
                cell = QTableWidgetItem(text)
                if column == 2:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.movers.setItem(row, column, cell)
        self.movers.resizeColumnToContents(0)

    def _show_chart(self, daily: list[figures.DayFlow]) -> None:
        if self.chart_view is not None:  # always built: the figures are read from showEvent
            self.chart_view.setChart(self._chart(daily))

    def _chart(self, daily: list[figures.DayFlow]) -> QChart:
        # Function-level like the view's (see showEvent); QtCharts is loaded by now.
        from PySide6.QtCharts import QBarSeries, QBarSet, QChart, QValueAxis

        sold, received = QBarSet(self.tr("Sold")), QBarSet(self.tr("Received"))
        for flow in daily:
            sold.append(float(flow.sold))
            received.append(float(flow.received))
        series = QBarSeries()
        series.append(sold)
        series.append(received)
        chart = QChart()
        chart.addSeries(series)
        # One bar pair a day, a date every five days (31 dates side by side would all be elided).
        span = f"{format_day(daily[0].day)} – {format_day(daily[-1].day)}" if daily else ""
        add_day_axis(chart, [series], [flow.day for flow in daily], every=5, title=span)
        units = QValueAxis()
        units.setLabelFormat("%d")
        chart.addAxis(units, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(units)
        legend = chart.legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignTop)  # above the bars, clear of the day labels
        legend.setMarkerShape(legend.MarkerShape.MarkerShapeRectangle)
        font = legend.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.0))
        legend.setFont(font)
        sold.setColor(QColor("#1565c0"))  # two colours anyone tells apart, colour-blind or not
        received.setColor(QColor("#ef6c00"))
        return chart
