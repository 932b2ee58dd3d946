"""The desks a server knows, for an admin: name, id, when each last synced, revoked or not; revoke one.

Opened from Settings → Database and sync → Desks…. A window open on the server's own database lists
them at once; a registered desk's window asks its server, after the admin signs in there (the desk's
own token may sync, never manage desks). A revoked desk is told so at its next sync and keeps its
outbox (issue 15). Desks of the database-login era not moved yet are listed as such; for one of them
the admin makes (or renews) its upgrade code and sees, once, the line to carry to it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stockdesk.domain.errors import StockDeskError
from stockdesk.sync.desk_directory import DeskDirectory, DeskEntry, ServerApiDesks
from stockdesk.ui.formatting import format_when
from stockdesk.ui.i18n import error_text
from stockdesk.ui.models.rows import Column, RowsModel
from stockdesk.ui.planning.common import ask_yes_no


def _last_sync(desk: DeskEntry) -> str:
    if desk.last_sync_at is None:
        return QCoreApplication.translate("DesksDialog", "never")
    return format_when(desk.last_sync_at)


def _name(desk: DeskEntry) -> str:
    return desk.name or QCoreApplication.translate("DesksDialog", "(database-login era)")


def _state(desk: DeskEntry) -> str:
    if desk.revoked:
        return QCoreApplication.translate("DesksDialog", "revoked")
    if not desk.moved:
        return QCoreApplication.translate("DesksDialog", "not moved: needs its upgrade code")
    return QCoreApplication.translate("DesksDialog", "active")


class DesksDialog(QDialog):
    """`directory` given: its desks are listed at once; else the admin signs in to `server_url` first."""

    def __init__(
        self,
        directory: DeskDirectory | None,
        *,
        server_url: str = "",
        email: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Desks"))
        self.resize(720, 420)
        self.directory = directory
        self.server_url = server_url
        self.confirm: Callable[[str], bool] = lambda question: ask_yes_no(self, question)
        self.model = RowsModel(
            [
                Column(QT_TRANSLATE_NOOP("DesksDialog", "Name"), _name),
                Column(QT_TRANSLATE_NOOP("DesksDialog", "Desk id"), lambda d: d.desk_id),
                Column(QT_TRANSLATE_NOOP("DesksDialog", "Last sync"), _last_sync),
                Column(QT_TRANSLATE_NOOP("DesksDialog", "State"), _state),
            ],
            self,
            context="DesksDialog",
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.revoke_button = QPushButton(self.tr("&Revoke desk…"))
        self.revoke_button.setToolTip(self.tr("Its next sync is refused; its unsent changes stay on it."))
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.upgrade_button = QPushButton(self.tr("&Upgrade code…"))
        self.upgrade_button.setToolTip(
            self.tr("A new one-time code for this desk not moved yet; earlier unused ones stop working")
        )
        self.upgrade_button.clicked.connect(self.upgrade_selected)
        self.upgrade_line = QLineEdit()  # the slip's line, shown once: selectable to copy, not editable
        self.upgrade_line.setReadOnly(True)
        self.upgrade_line.hide()
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.revoke_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.upgrade_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        self.sign_in_row = self._sign_in_row(email)
        layout.addWidget(self.sign_in_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.upgrade_line)
        layout.addWidget(buttons)
        self.sign_in_row.setVisible(directory is None)
        if directory is not None:
            self.reload()
        self._update_buttons()

    def _sign_in_row(self, email: str) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(QLabel(self.tr("Sign in to {server} as an admin:").format(server=self.server_url)))
        self.email = QLineEdit(email)
        self.email.setPlaceholderText(self.tr("E-mail"))
        self.password = QLineEdit()
        self.password.setPlaceholderText(self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.sign_in)
        self.sign_in_button = QPushButton(self.tr("&Sign in"))
        self.sign_in_button.clicked.connect(self.sign_in)
        for widget in (self.email, self.password, self.sign_in_button):
            line.addWidget(widget)
        return row

    def sign_in(self) -> None:
        """One request to the server; a refusal (its own sentence) shows under the table."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            email, password = self.email.text().strip(), self.password.text()
            self.directory = ServerApiDesks.sign_in(self.server_url, email, password)
        except StockDeskError as error:
            self.message.setText(error_text(error))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.password.clear()
        self.sign_in_row.hide()
        self.reload()

    def reload(self) -> None:
        if self.directory is None:
            return
        try:
            rows = self.directory.list()
        except StockDeskError as error:
            self.message.setText(error_text(error))
            return
        self.model.set_rows(rows)
        self.upgrade_line.clear()
        self.upgrade_line.hide()
        self.message.setText(self.tr("%n desk(s)", "", len(rows)))
        self._update_buttons()

    def selected(self) -> DeskEntry | None:
        index = self.table.currentIndex()
        selected = self.table.selectionModel().hasSelection()
        row = self.model.row(index.row()) if index.isValid() and selected else None
        return row if isinstance(row, DeskEntry) else None

    def revoke_selected(self) -> None:
        desk = self.selected()
        if desk is None or desk.revoked or self.directory is None:
            return
        question = self.tr("Revoke the desk “{name}”? Its next sync is refused; unsent changes stay on it.")
        if not self.confirm(question.format(name=desk.name)):
            return
        try:
            self.directory.revoke(desk.desk_id)
        except StockDeskError as error:
            self.message.setText(error_text(error))
            return
        self.reload()
        self.message.setText(self.tr("“{name}” is revoked.").format(name=desk.name))

    def upgrade_selected(self) -> None:
        """A new code for the chosen desk not moved yet; its line is shown here once, never stored."""
        desk = self.selected()
        if desk is None or desk.moved or desk.revoked or self.directory is None:
            return
        try:
            line = self.directory.upgrade_code(desk.desk_id)
        except StockDeskError as error:
            self.message.setText(error_text(error))
            return
        self.upgrade_line.setText(line)
        self.upgrade_line.show()
        self.upgrade_line.selectAll()
        self.message.setText(
            self.tr(
                "Carry this line to the desk {desk} (one use, 7 days, only that desk; shown once) and paste "
                "it there: Sync page → Move with its upgrade code…"
            ).format(desk=desk.desk_id)
        )

    def _update_buttons(self) -> None:
        desk = self.selected()
        self.revoke_button.setEnabled(desk is not None and not desk.revoked)
        self.upgrade_button.setEnabled(desk is not None and not desk.moved and not desk.revoked)
