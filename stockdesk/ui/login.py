"""Logging in, or creating the administrator of a brand-new database."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from stockdesk.domain.errors import AccountLocked, AuthenticationFailed, ValidationError
from stockdesk.domain.permissions import Actor
from stockdesk.services.accounts import users
from stockdesk.services.database import Database
from stockdesk.ui.dialogs.form import FormDialog


def _line(placeholder: str = "", *, secret: bool = False) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMinimumWidth(260)
    if secret:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class LoginDialog(FormDialog):
    """E-mail and password; on a database without users, the form that creates the first admin.

    After `accept`, `actor` is the logged-in person and `created_admin` says which form it was.
    """

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        self.db = db
        self.created_admin = not users.has_users(db.uow())
        title = (
            QCoreApplication.translate("LoginDialog", "StockDesk — create the administrator")
            if self.created_admin
            else QCoreApplication.translate("LoginDialog", "StockDesk — log in")
        )
        ok_text = (
            QCoreApplication.translate("LoginDialog", "Create administrator")
            if self.created_admin
            else QCoreApplication.translate("LoginDialog", "Log in")
        )
        super().__init__(title, parent, ok_text=ok_text)
        self.actor: Actor | None = None
        self.email = self.add_row("email", self.tr("E-mail"), _line("name@example.com"))
        self.name: QLineEdit | None = None
        self.repeat: QLineEdit | None = None
        if self.created_admin:
            intro = QLabel(
                self.tr(
                    "This database has no accounts yet. Create the administrator who sets up\n"
                    "stores and users."
                )
            )
            self.form.insertRow(0, intro)
            self.name = self.add_row("name", self.tr("Name"), _line(self.tr("Full name")))
        self.password = self.add_row("password", self.tr("Password"), _line(secret=True))
        if self.created_admin:
            self.repeat = self.add_row("repeat", self.tr("Password again"), _line(secret=True))
        self.ok_button.setDefault(True)  # Enter in any field logs in
        self.email.setFocus()

    def submit(self) -> None:
        """Create the admin or authenticate; a refusal stays in the dialog."""
        if self.created_admin:
            self._create_admin()
            return
        try:
            self.actor = users.authenticate(
                self.db.uow(), email=self.email.text(), password=self.password.text()
            )
        except AccountLocked as error:
            self.password.clear()
            raise AuthenticationFailed(
                self.tr("Too many failed attempts: try again in {0} s.").format(error.seconds_left)
            ) from error
        except AuthenticationFailed as error:
            self.password.clear()
            self.password.setFocus()
            raise AuthenticationFailed(self.tr("Wrong e-mail or password.")) from error

    def _create_admin(self) -> None:
        assert self.repeat is not None and self.name is not None
        if self.password.text() != self.repeat.text():
            raise ValidationError("repeat", "", self.tr("does not match the password"))
        self.actor = users.create_first_admin(
            self.db.uow(), email=self.email.text(), password=self.password.text(), name=self.name.text()
        )
