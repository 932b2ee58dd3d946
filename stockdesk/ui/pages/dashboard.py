"""The dashboard, the window's first page: stock value per store, low and idle items, movers, a chart.

The figures are read on the thread pool (at a million items the value and idle counts take
seconds); the page shows "…" until they arrive and re-reads them each time it is shown again.

The chart uses QtCharts (PySide6-Addons, already installed with PySide6): it is a plain widget
of the same toolkit, so it renders offscreen for screenshots and tests, follows the window's font
and palette, and adds no dependency (matplotlib would add ~40 MB and a second rendering stack).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
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

from stockdesk.services import dashboard as figures
from stockdesk.services.database import Database
from stockdesk.ui.formatting import format_money, format_quantity
from stockdesk.ui.worker import run_in_background


class DashboardPage(QWidget):
    """Reads `services.dashboard.dashboard` off the GUI thread; `is_loaded` once shown."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.is_loaded = False
        self._loading = False
        self.figures: figures.Dashboard | None = None
        self.values = QLabel("…")
        self.low_stock = QLabel("…")
        self.idle = QLabel("…")
        for label in (self.values, self.low_stock, self.idle):
            label.setTextFormat(Qt.TextFormat.RichText)
        self.movers = QTableWidget(0, 3)
        self.movers.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Name"), self.tr("Sold")])
        self.movers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.movers.verticalHeader().hide()
        self.movers.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.movers.setWordWrap(False)
        self.movers.setMinimumWidth(420)
        self.chart_view = QChartView()
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._layout()

    def _box(self, title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(widget)
        return box

    def _layout(self) -> None:
        grid = QGridLayout(self)
        grid.addWidget(self._box(self.tr("Stock value at cost"), self.values), 0, 0)
        grid.addWidget(self._box(self.tr("Low stock"), self.low_stock), 0, 1)
        grid.addWidget(self._box(self.tr("No movement in 90 days"), self.idle), 0, 2)
        grid.addWidget(self._box(self.tr("Top 10 movers, last 30 days"), self.movers), 1, 0)
        chart_box = self._box(self.tr("Units sold and received per day, last 30 days"), self.chart_view)
        grid.addWidget(chart_box, 1, 1, 1, 2)
        grid.setRowStretch(1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

    def showEvent(self, event: Any) -> None:
        """Read the figures each time the page comes into view."""
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        if self._loading:
            return
        self._loading = True
        db = self._db
        run_in_background(lambda: figures.dashboard(db.uow), on_finished=self._show, on_failed=self._failed)

    def _failed(self, error: BaseException) -> None:
        if isValid(self):
            self._loading = False
            self.values.setText(self.tr("Could not read the figures: {error}").format(error=error))

    def _show(self, data: figures.Dashboard) -> None:
        if not isValid(self):
            return
        self._loading = False
        self.figures = data
        lines = [
            f"{v.code} — {v.name}: <b>{format_money(v.value, grouped=True)}</b>" for v in data.store_values
        ]
        total = sum((v.value for v in data.store_values), start=Decimal(0))
        lines.append(self.tr("All stores: <b>{total}</b>").format(total=format_money(total, grouped=True)))
        self.values.setText("<br>".join(lines))
        big = self.tr("<b style='font-size:20pt'>{n}</b> items")
        self.low_stock.setText(big.format(n=f"{data.low_stock_items:,}"))
        self.idle.setText(big.format(n=f"{data.idle_items:,}"))
        self.movers.setRowCount(len(data.top_movers))
        for row, mover in enumerate(data.top_movers):
            for column, text in enumerate((mover.sku, mover.name, format_quantity(mover.sold))):
                cell = QTableWidgetItem(text)
                if column == 2:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.movers.setItem(row, column, cell)
        self.movers.resizeColumnToContents(0)
        self.chart_view.setChart(self._chart(data.daily))
        self.is_loaded = True

    def _chart(self, daily: list[figures.DayFlow]) -> QChart:
        sold, received = QBarSet(self.tr("Sold")), QBarSet(self.tr("Received"))
        for flow in daily:
            sold.append(float(flow.sold))
            received.append(float(flow.received))
        series = QBarSeries()
        series.append(sold)
        series.append(received)
        chart = QChart()
        chart.addSeries(series)
        days = QBarCategoryAxis()
        labels: list[str] = []
        for flow in daily:  # day numbers fit under narrow bars; categories must be unique, so pad repeats
            label = flow.day.strftime("%d")
            while label in labels:
                label += "\u200b"
            labels.append(label)
        days.append(labels)
        chart.addAxis(days, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(days)
        units = QValueAxis()
        units.setLabelFormat("%d")
        chart.addAxis(units, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(units)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        return chart
