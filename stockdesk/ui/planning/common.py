"""Pieces every planning page shares: the message area that lists every problem at once, store pickers.

A bulk service (counts, receipts, draft orders) refuses a whole batch with `BulkRejected` carrying a
`RowProblem` per bad line; `ProblemList` shows all of them, each naming the line as the person sees
it on screen, so nobody fixes one error, retries and meets the next.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QListWidget, QMessageBox, QWidget

from stockdesk.domain.errors import StockDeskError
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import organisation
from stockdesk.services.catalogue.bulk import BulkRejected, RowProblem
from stockdesk.services.database import Database
from stockdesk.ui.formatting import field_label
from stockdesk.ui.i18n import error_text, say

LineName = Callable[[int], str]  # RowProblem.row (1-based, in the order sent) -> what the screen calls it


class ProblemList(QListWidget):
    """Red list under a page: one entry per problem; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problems")
        self.setStyleSheet("QListWidget#problems { color: #b00020; }")
        self.setMaximumHeight(120)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def show_messages(self, messages: Sequence[str]) -> None:
        self.clear()
        self.addItems(list(messages))
        self.setVisible(bool(messages))

    def show_error(self, error: StockDeskError, line_name: LineName | None = None) -> None:
        """Every problem of a bulk refusal (named as on screen), or the one message of any other error."""
        self.show_messages(describe(error, line_name))

    def messages(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]


def describe(error: StockDeskError, line_name: LineName | None = None) -> list[str]:
    if not isinstance(error, BulkRejected):
        return [error_text(error)]
    return [_problem_text(problem, line_name) for problem in error.problems]


def _problem_text(problem: RowProblem, line_name: LineName | None) -> str:
    if line_name is not None:
        where = line_name(problem.row)
    else:
        where = QCoreApplication.translate("ProblemList", "Line {n}").format(n=problem.row)
    value = problem.value if isinstance(problem.value, str) else str(problem.value)
    return f"{where}: {field_label(problem.field).lower()} “{value}” {say(problem.reason)}"


def fill_stores(combo: QComboBox, db: Database, actor: Actor, *, any_text: str = "") -> None:
    """Stores the actor may act for (all for managers), with an optional "any store" entry first."""
    combo.clear()
    if any_text:
        combo.addItem(any_text, None)
    for store in organisation.list_stores(db.uow()):
        if not actor.is_clerk or store.id in actor.store_ids:
            combo.addItem(f"{store.code} — {store.name}", store.id)


def exec_dialog(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_yes_no(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(parent, QCoreApplication.translate("MainWindow", "StockDesk"), question)
    return answer == QMessageBox.StandardButton.Yes
