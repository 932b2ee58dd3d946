"""A time axis for one-bar-per-day charts: a readable date every few days, never "…".

A bar category axis elides every label that is wider than its bar slot (31 dates under 31 bars all
become "…"). So the bars keep their category axis with the labels hidden, and a value-positioned
category axis under it carries a date on every `every`-th day, counted back from the last day.
QtCharts is imported here, at call time: callers only build charts once their page is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from stockdesk.ui.formatting import format_short_day


def add_day_axis(chart: Any, series: Sequence[Any], days: Sequence[date], *, every: int, title: str) -> None:
    """Attach `series` to a per-day axis of `chart`, labelled with a date every `every` days."""
    from PySide6.QtCharts import QBarCategoryAxis, QCategoryAxis

    slots = QBarCategoryAxis()
    slots.append([day.isoformat() for day in days])  # categories must be unique: the ISO dates
    slots.setLabelsVisible(False)
    slots.setGridLineVisible(False)
    chart.addAxis(slots, Qt.AlignmentFlag.AlignBottom)
    for one in series:
        one.attachAxis(slots)
    labels = QCategoryAxis()
    labels.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    labels.setStartValue(-0.5)
    labels.setRange(-0.5, len(days) - 0.5)  # bar n is centred on n, as on the slots axis
    last = len(days) - 1
    for n, day in enumerate(days):
        if (last - n) % every == 0:
            labels.append(format_short_day(day), n)
    labels.setGridLineVisible(False)
    labels.setTitleText(title)
    chart.addAxis(labels, Qt.AlignmentFlag.AlignBottom)
