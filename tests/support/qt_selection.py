"""Selecting a row of a table view in a test, the same way whatever ran before on the worker."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView


def select_row(view: QAbstractItemView, row: int) -> None:
    """`row` alone becomes the selection and the current row, through the selection model.

    `QAbstractItemView.selectRow` picks its selection command from the keyboard modifiers the
    application believes are held, which an earlier test on the same worker can leave behind (the
    likely cause, not proven): in two CI runs it selected nothing (seeds 2730430716 and
    276529268), and the page then said "Select the lines ... first"."""
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().setCurrentIndex(view.model().index(row, 0), flags)
