"""The small chart under a reorder suggestion: daily sales (bars) against the one-step forecast (line).

It answers "why this quantity?" at a glance: a forecast line that hugs the bars is trustworthy; a
flat line over spiky bars is the intermittent-demand method doing its job (it forecasts a rate, not
the next spike).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from stockdesk.ui.formatting import format_day
from stockdesk.ui.widgets.day_axis import add_day_axis

if TYPE_CHECKING:
    # A type only: the module loads numpy, 75 ms of the GUI thread when the page is first shown; the
    # calculation loads it on the thread pool instead.
    from stockdesk.services.planning.sales import SalesHistory


class SalesChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(200)
        self.history: SalesHistory | None = None
        self.show_history(None, "")

    def show_history(self, history: SalesHistory | None, title: str) -> None:
        """Draw `history` (None: an empty chart saying what to do)."""
        self.history = history
        chart = QChart()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(chart.margins() * 0)
        if history is None or not history.days:
            chart.setTitle(title or self.tr("Select a line to see its recent sales"))
            self.setChart(chart)
            return
        chart.setTitle(title)
        sold = QBarSet(self.tr("Sold per day"))
        sold.append([float(v) for v in history.sales])
        bars = QBarSeries()
        bars.append(sold)
        line = QLineSeries()
        line.setName(self.tr("Forecast ({method})").format(method=history.method))
        line.append([QPointF(i, v) for i, v in enumerate(history.forecast)])
        chart.addSeries(bars)
        chart.addSeries(line)
        span = self.tr("{first} – {last}, one bar per day").format(
            first=format_day(history.days[0]), last=format_day(history.days[-1]))
        add_day_axis(chart, [bars, line], list(history.days), every=7, title=span)  # a date a week
        units = QValueAxis()
        units.setRange(0, max([*history.sales, *history.forecast, 1.0]) * 1.1)
        units.setLabelFormat("%.0f")
        chart.addAxis(units, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(units)
        line.attachAxis(units)
        self.setChart(chart)
