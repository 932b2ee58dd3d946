"""Registering this desk with the StockDesk server from the window: a manager's or admin's log-in,
or the one-time code `stockdesk desk enrol` printed on the server. The desk receives a token (kept
in the keyring or a 0600 file), never a database login (issue 15)."""

from __future__ import annotations

import socket

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from stockdesk.domain.errors import ValidationError
from stockdesk.services.database import Database
from stockdesk.sync.server.setup import is_http, register_desk_over_http
from stockdesk.ui.dialogs.form import FormDialog


class RegisterDeskDialog(FormDialog):
    """After `accept`, the desk is registered and `self.name` is the name the server shows."""

    def __init__(self, db: Database, server_url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("RegisterDeskDialog", "Register this desk"),
            parent,
            ok_text=QCoreApplication.translate("RegisterDeskDialog", "Register"),
        )
        self.db = db
        self.setMinimumWidth(460)
        self.server = self.add_row("server", self.tr("Server"), QLineEdit(server_url))
        self.server.setPlaceholderText("https://server:8443")
        self.desk_name = self.add_row("name", self.tr("Name of this desk"), QLineEdit(socket.gethostname()))
        explain = QLabel(self.tr("Sign in as a manager or admin of the server, or type an enrolment code."))
        explain.setWordWrap(True)
        self.form.addRow(explain)
        self.email = self.add_row("email", self.tr("E-mail"), QLineEdit())
        self.password = self.add_row("password", self.tr("Password"), QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.code = self.add_row("code", self.tr("Enrolment code"), QLineEdit())
        self.code.setPlaceholderText("ABC123-DEF456-…")
        self.name = ""

    def submit(self) -> None:
        url = self.server.text().strip()
        if not is_http(url):
            raise ValidationError("server", url, self.tr("must be the StockDesk server's address (https://…)"))
        if not self.code.text().strip() and not self.email.text().strip():
            raise ValidationError("email", "", self.tr("or an enrolment code is needed"))
        # One short request (5 s at most to connect); a refusal (the server's own sentence: "wrong
        # e-mail or password", "code not valid", "server not reachable") shows under the form.
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            register_desk_over_http(
                self.db,
                url,
                name=self.desk_name.text().strip(),
                email=self.email.text().strip(),
                password=self.password.text(),
                code=self.code.text().strip(),
            )
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.name = self.desk_name.text().strip()
