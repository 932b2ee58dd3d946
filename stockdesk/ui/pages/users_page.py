"""Users (administrators only): create, role, stores, deactivate, reset password.

A clerk or manager sees the page disabled with the reason; the service refuses them too
(`users.list_users` requires MANAGE_USERS), so the screen is a convenience, not the guard.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QListWidget, QListWidgetItem, QWidget

from stockdesk.domain.permissions import Action, Actor, allowed
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database
from stockdesk.ui.dialogs.form import FormDialog
from stockdesk.ui.formatting import role_label
from stockdesk.ui.models.rows import Column, RowsModel
from stockdesk.ui.pages.list_page import ListPage

ROLES = ("clerk", "manager", "admin")


class UserDialog(FormDialog):
    """New user (with a password) or an existing one's role, stores and active flag."""

    def __init__(self, db: Database, actor: Actor, user: Any, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit user") if user else self.tr("New user"), parent)
        self.db, self.actor, self.user = db, actor, user
        self.email = self.add_row("email", self.tr("E-mail"), QLineEdit(user.email if user else ""))
        self.email.setReadOnly(user is not None)
        self.name = self.add_row("name", self.tr("Name"), QLineEdit(user.name if user else ""))
        self.role = self.add_row("role", self.tr("Role"), QComboBox())
        self.role.addItems(list(ROLES))
        self.role.setCurrentText(user.role if user else "clerk")
        self.password = self.add_row("password", self.tr("Password"), QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setEnabled(user is None)
        self.stores = self.add_row("store_ids", self.tr("Stores"), QListWidget())
        for store in organisation.list_stores(db.uow()):
            entry = QListWidgetItem(f"{store.code} — {store.name}")
            entry.setData(Qt.ItemDataRole.UserRole, store.id)
            entry.setCheckState(
                Qt.CheckState.Checked if user and store.id in user.store_ids else Qt.CheckState.Unchecked
            )
            self.stores.addItem(entry)
        self.active = self.add_row("active", self.tr("Active"), QCheckBox())
        self.active.setChecked(user.active if user else True)
        # Managers and admins always may; for a clerk it is the admin's choice.
        self.may_adjust = self.add_row("may_adjust", self.tr("May post adjustments"), QCheckBox())
        self.may_adjust.setChecked(bool(user and user.may_adjust))
        self.role.currentTextChanged.connect(self._role_changed)
        self._role_changed(self.role.currentText())

    def _role_changed(self, role: str) -> None:
        self.may_adjust.setEnabled(role == "clerk")

    def store_ids(self) -> list[Any]:
        items = (self.stores.item(i) for i in range(self.stores.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def submit(self) -> None:
        common = dict(role=self.role.currentText(), name=self.name.text(), store_ids=self.store_ids(),
                      may_adjust=self.may_adjust.isChecked())
        if self.user is None:
            email, password = self.email.text(), self.password.text()
            users.create_user(self.db.uow(), self.actor, email=email, password=password, **common)
        else:
            active = self.active.isChecked()
            users.update_user(self.db.uow(), self.actor, self.user.id, active=active, **common)


class PasswordDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, user: Any, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Reset password of {email}").format(email=user.email), parent)
        self.db, self.actor, self.user = db, actor, user
        self.password = self.add_row("new_password", self.tr("New password"), QLineEdit(), "password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

    def submit(self) -> None:
        users.reset_password(self.db.uow(), self.actor, self.user.id, new_password=self.password.text())


def _may_adjust(user: Any) -> bool:
    return bool(user.may_adjust) or user.role != "clerk"


class UsersPage(ListPage):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        columns = [
            Column(QT_TRANSLATE_NOOP("UsersPage", "E-mail"), lambda u: u.email),
            Column(QT_TRANSLATE_NOOP("UsersPage", "Name"), lambda u: u.name),
            Column(QT_TRANSLATE_NOOP("UsersPage", "Role"), lambda u: role_label(u.role)),
            Column(QT_TRANSLATE_NOOP("UsersPage", "Stores"), lambda u: str(len(u.store_ids))),
            Column(QT_TRANSLATE_NOOP("UsersPage", "Active"), lambda u: "✓" if u.active else ""),
            Column(QT_TRANSLATE_NOOP("UsersPage", "Adjusts"), lambda u: "✓" if _may_adjust(u) else ""),
        ]
        super().__init__(self.tr("Users"), RowsModel(columns, context="UsersPage"), parent)
        self.db, self.actor = db, actor
        self.add_button("edit", self.tr("&Edit user"), "Ctrl+Shift+O", self.edit)
        self.add_button("new", self.tr("&New user"), "Ctrl+Shift+N", self.new)
        self.add_button("password", self.tr("&Reset password"), "Ctrl+Shift+P", self.reset_password)
        self.may_manage = allowed(actor, Action.MANAGE_USERS)
        if not self.may_manage:
            self.setEnabled(False)
            self.message.setText(self.tr("Only an administrator can manage users."))
        else:
            self.reload()

    def reload(self) -> None:
        self.model.set_rows(users.list_users(self.db.uow(), self.actor))  # type: ignore[attr-defined]

    def new(self) -> None:
        if self.run_dialog(UserDialog(self.db, self.actor, None, self)):
            self.reload()

    def edit(self) -> None:
        user = self.selected()
        if user is not None and self.run_dialog(UserDialog(self.db, self.actor, user, self)):
            self.reload()

    def reset_password(self) -> None:
        user = self.selected()
        if user is not None:
            self.run_dialog(PasswordDialog(self.db, self.actor, user, self))
