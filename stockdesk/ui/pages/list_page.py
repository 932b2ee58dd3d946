"""A management page: a title, a row of buttons (each with its shortcut), an optional filter row and a table.

Enter or a double click on a row runs the page's first button (its editor). Errors from a service
are shown in the page's message line, never as a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stockdesk.domain.errors import StockDeskError
from stockdesk.ui.i18n import error_text
from stockdesk.ui.models.rows import ROW_ROLE

FIT_ROWS = 60  # rows sampled to fit the column widths: a screenful


class ListPage(QWidget):
    """Subclasses call `add_button` and fill `model`; `selected()` is the current row object."""

    def __init__(self, title: str, model: QAbstractItemModel, parent: QWidget | None = None,
                 *, view: QAbstractItemView | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = view or QTableView()
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        if isinstance(self.view, QTableView):
            self.view.setWordWrap(False)
            self.view.verticalHeader().hide()
            self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            self.view.horizontalHeader().setStretchLastSection(True)
            # Column widths fit a screenful of rows, not Qt's default sample of 1,000 (bench pages).
            self.view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.title = QLabel(f"<h3>{title}</h3>")
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020")
        self.buttons = QHBoxLayout()
        self.filters = QHBoxLayout()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addLayout(self.buttons)
        layout.addLayout(top)
        layout.addLayout(self.filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        self.page_actions: dict[str, QAction] = {}
        # Replaced in tests, where a modal exec() would block.
        self.run_dialog: Callable[[QDialog], bool] = lambda d: d.exec() == QDialog.DialogCode.Accepted
        self.view.doubleClicked.connect(lambda _index: self._primary())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.view, context=Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self._primary)

    def add_button(self, key: str, text: str, shortcut: str, handler: Callable[[], None]) -> QAction:
        """A button and an action with `shortcut` active while this page is shown."""
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{text.replace('&', '')} ({shortcut})")
        action.triggered.connect(lambda: self.run(handler))
        self.addAction(action)
        button = QPushButton(text)
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)
        action.changed.connect(lambda: button.setEnabled(action.isEnabled()))
        self.buttons.addWidget(button)
        self.page_actions[key] = action
        return action

    def _primary(self) -> None:
        first = next(iter(self.page_actions.values()), None)
        if first is not None and first.isEnabled():
            first.trigger()

    def run(self, handler: Callable[[], None]) -> None:
        """Call a handler; a refusal from a service goes to the message line."""
        self.message.clear()
        try:
            handler()
        except StockDeskError as error:
            self.message.setText(error_text(error))

    def fit_columns(self) -> None:
        """Size the columns to the rows read so far (a page at most), the last one stretched."""
        if isinstance(self.view, QTableView):
            self.view.resizeColumnsToContents()

    def selected(self) -> Any:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None
