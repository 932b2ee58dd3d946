"""Registering this desk with the StockDesk server from the window: a manager's or admin's log-in,
or the one-time code `stockdesk desk enrol` printed on the server. The desk receives a token (kept
in the keyring or a 0600 file), never a database login (issue 15).

A desk registered the old way (a database login) moves with its upgrade code: the line of the upgrade
file `stockdesk server init` wrote for it (server and code; pasting it fills the server) or the bare
code. It keeps its desk id, so its queued changes go out as its own."""

from __future__ import annotations

import socket

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from stockdesk.domain.errors import ValidationError
from stockdesk.services.database import Database
from stockdesk.sync import upgrade_slip
from stockdesk.sync.server.setup import (
    is_http,
    is_old_registration,
    register_desk_over_http,
    upgrade_desk_over_http,
)
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
        self.old_desk = is_old_registration(db)
        upgrade = QLabel(
            self.tr(
                "This desk was registered with a database login, which the server no longer accepts. "
                "Type its upgrade code, or paste the line of the upgrade file the server's admin brought: "
                "it keeps its desk id and sends its queued changes."
            )
            if self.old_desk
            else self.tr("A desk registered the old way (a database login) moves with its upgrade code.")
        )
        upgrade.setWordWrap(True)
        self.form.addRow(upgrade)
        self.upgrade_code = self.add_row("upgrade_code", self.tr("Upgrade code"), QLineEdit())
        self.upgrade_code.setPlaceholderText("stockdesk-upgrade server=… desk=… code=…")
        self.upgrade_code.textChanged.connect(self._take_server_from_slip)
        if self.old_desk:
            self.setWindowTitle(self.tr("Move this desk to the server's API"))
            if not is_http(server_url):
                self.server.clear()  # the saved database address is no server address
            self.upgrade_code.setFocus()
        self.name = ""

    def _take_server_from_slip(self, text: str) -> None:
        """A pasted upgrade line names the server: fill it in (the person may still change it)."""
        try:
            slip = upgrade_slip.parse(text)
        except ValidationError:
            return
        if slip.server:
            self.server.setText(slip.server)

    def submit(self) -> None:
        url = self.server.text().strip()
        if self.upgrade_code.text().strip():
            self._move(url)
            return
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

    def _move(self, url: str) -> None:
        """Register with the upgrade code: the same desk id, a token instead of the database login."""
        if url and not is_http(url):
            raise ValidationError("server", url, self.tr("must be the StockDesk server's address (https://…)"))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            server = upgrade_desk_over_http(
                self.db, self.upgrade_code.text(), server_url=url, name=self.desk_name.text().strip()
            )
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.server.setText(server)
        self.name = self.desk_name.text().strip()
