"""Logging in, or creating the administrator of a brand-new database."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from stockdesk.domain.errors import AccountLocked, AuthenticationFailed, ValidationError
from stockdesk.domain.permissions import Actor
from stockdesk.services import users
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
        title = "StockDesk — create the administrator" if self.created_admin else "StockDesk — log in"
        super().__init__(title, parent, ok_text="Create administrator" if self.created_admin else "Log in")
        self.actor: Actor | None = None
        self.email = self.add_row("email", "E-mail", _line("name@example.com"))
        self.name: QLineEdit | None = None
        self.repeat: QLineEdit | None = None
        if self.created_admin:
            intro = QLabel(
                "This database has no accounts yet. Create the administrator who sets up\nstores and users."
            )
            self.form.insertRow(0, intro)
            self.name = self.add_row("name", "Name", _line("Full name"))
        self.password = self.add_row("password", "Password", _line(secret=True))
        if self.created_admin:
            self.repeat = self.add_row("repeat", "Password again", _line(secret=True))
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
                f"Too many failed attempts: try again in {error.seconds_left} s."
            ) from error
        except AuthenticationFailed as error:
            self.password.clear()
            self.password.setFocus()
            raise AuthenticationFailed("Wrong e-mail or password.") from error

    def _create_admin(self) -> None:
        assert self.repeat is not None and self.name is not None
        if self.password.text() != self.repeat.text():
            raise ValidationError("repeat", "", "does not match the password")
        self.actor = users.create_first_admin(
            self.db.uow(), email=self.email.text(), password=self.password.text(), name=self.name.text()
        )
