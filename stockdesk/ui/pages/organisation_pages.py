"""Stores and suppliers: tables with their editors, over services.organisation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from stockdesk.domain.permissions import Action, Actor, allowed
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database
from stockdesk.services.places import locations
from stockdesk.ui.dialogs.form import FormDialog
from stockdesk.ui.models.rows import Column, RowsModel
from stockdesk.ui.pages.list_page import ListPage


class StoreDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit store") if store else self.tr("New store"), parent)
        self.db, self.actor, self.store = db, actor, store
        self.code = self.add_row("code", self.tr("Code"), QLineEdit(store.code if store else ""))
        self.name = self.add_row("name", self.tr("Name"), QLineEdit(store.name if store else ""))
        self.address = self.add_row("address", self.tr("Address"), QLineEdit(store.address if store else ""))
        self.active = self.add_row("active", self.tr("Active"), QCheckBox())
        self.active.setChecked(store.active if store else True)
        self.code.setReadOnly(store is not None)  # other records refer to a store by its code

    def submit(self) -> None:
        if self.store is None:
            organisation.create_store(self.db.uow(), self.actor, code=self.code.text(), name=self.name.text(),
                                      address=self.address.text())
        else:
            organisation.update_store(self.db.uow(), self.actor, self.store.id, name=self.name.text(),
                                      address=self.address.text(), active=self.active.isChecked())


class StoresPage(ListPage):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        columns = [
            Column(QT_TRANSLATE_NOOP("StoresPage", "Code"), lambda s: s.code),
            Column(QT_TRANSLATE_NOOP("StoresPage", "Name"), lambda s: s.name),
            Column(QT_TRANSLATE_NOOP("StoresPage", "Address"), lambda s: s.address),
            Column(QT_TRANSLATE_NOOP("StoresPage", "Active"), lambda s: "✓" if s.active else ""),
        ]
        super().__init__(self.tr("Stores"), RowsModel(columns, context="StoresPage"), parent)
        self.db, self.actor = db, actor
        may = allowed(actor, Action.MANAGE_STORES)
        self.add_button("edit", self.tr("&Edit store"), "Ctrl+Shift+O", self.edit).setEnabled(may)
        self.add_button("new", self.tr("&New store"), "Ctrl+Shift+N", self.new).setEnabled(may)
        self.add_button("labels", self.tr("Location &labels…"), "Ctrl+Shift+L", self.location_labels)
        self.add_button("store_labels", self.tr("Store la&bels…"), "Ctrl+Shift+B", self.store_labels)
        self.reload()

    def location_labels(self) -> None:
        """The labels of the selected store's locations (as the Locations page prints the whole store):
        what a clerk scans before counting or putting away there."""
        from stockdesk.ui.dialogs.labels_dialog import LabelsDialog  # reportlab loads with the sheet

        store = self.selected()
        if store is None:
            self.message.setText(self.tr("Choose the store whose location labels to print."))
            return
        if not locations.locations_of(self.db.uow(), store.id):
            text = self.tr("{store} has no locations yet: add them on the Locations page.")
            self.message.setText(text.format(store=store.code))
            return
        self.run_dialog(LabelsDialog.for_locations(self.db, store, (), self))

    def store_labels(self) -> None:
        """The store's own label (STORE:code): scanned at a counter, it makes that store the counter's."""
        from stockdesk.ui.dialogs.labels_dialog import LabelsDialog

        store = self.selected()
        stores = [store] if store is not None else organisation.list_stores(self.db.uow())
        self.run_dialog(LabelsDialog.for_stores(self.db, stores, self))

    def reload(self) -> None:
        self.model.set_rows(organisation.list_stores(self.db.uow(), include_inactive=True))  # type: ignore[attr-defined]

    def new(self) -> None:
        if self.run_dialog(StoreDialog(self.db, self.actor, None, self)):
            self.reload()

    def edit(self) -> None:
        store = self.selected()
        if store is not None and self.run_dialog(StoreDialog(self.db, self.actor, store, self)):
            self.reload()


class SupplierDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, supplier: Any, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit supplier") if supplier else self.tr("New supplier"), parent)
        self.db, self.actor, self.supplier = db, actor, supplier
        def text(field: str) -> QLineEdit:
            return QLineEdit(getattr(supplier, field) if supplier else "")

        self.name = self.add_row("name", self.tr("Name"), text("name"))
        self.contact = self.add_row("contact", self.tr("Contact"), text("contact"))
        self.email = self.add_row("email", self.tr("E-mail"), text("email"))
        self.phone = self.add_row("phone", self.tr("Phone"), text("phone"))
        self.lead_time = self.add_row("lead_time_days", self.tr("Lead time (days)"), QSpinBox())
        self.lead_time.setRange(0, 365)
        self.lead_time.setValue(supplier.lead_time_days if supplier else 7)
        self.address = self.add_row("address", self.tr("Postal address"), QPlainTextEdit())
        self.address.setPlainText(supplier.address if supplier else "")
        self.address.setPlaceholderText(self.tr("Street and number\nPostcode and town\nCountry"))
        self.address.setTabChangesFocus(True)  # Tab moves on to Save, as in every other field
        self.address.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)

    def submit(self) -> None:
        fields = dict(contact=self.contact.text(), email=self.email.text(), phone=self.phone.text(),
                      lead_time_days=self.lead_time.value(), address=self.address.toPlainText())
        if self.supplier is None:
            organisation.create_supplier(self.db.uow(), self.actor, name=self.name.text(), **fields)
        else:
            organisation.update_supplier(self.db.uow(), self.actor, self.supplier.id, name=self.name.text(),
                                         **fields)


class SuppliersPage(ListPage):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        columns = [
            Column(QT_TRANSLATE_NOOP("SuppliersPage", "Name"), lambda s: s.name),
            Column(QT_TRANSLATE_NOOP("SuppliersPage", "Contact"), lambda s: s.contact),
            Column(QT_TRANSLATE_NOOP("SuppliersPage", "E-mail"), lambda s: s.email),
            Column(QT_TRANSLATE_NOOP("SuppliersPage", "Phone"), lambda s: s.phone),
            Column(
                QT_TRANSLATE_NOOP("SuppliersPage", "Lead time (days)"),
                lambda s: str(s.lead_time_days), numeric=True
            ),
        ]
        super().__init__(self.tr("Suppliers"), RowsModel(columns, context="SuppliersPage"), parent)
        self.db, self.actor = db, actor
        may = allowed(actor, Action.MANAGE_CATALOGUE)
        self.add_button("edit", self.tr("&Edit supplier"), "Ctrl+Shift+O", self.edit).setEnabled(may)
        self.add_button("new", self.tr("&New supplier"), "Ctrl+Shift+N", self.new).setEnabled(may)
        archive = self.add_button("archive", self.tr("&Archive supplier"), "Ctrl+Shift+Del", self.archive)
        archive.setEnabled(may)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(organisation.list_suppliers(self.db.uow()))  # type: ignore[attr-defined]

    def new(self) -> None:
        if self.run_dialog(SupplierDialog(self.db, self.actor, None, self)):
            self.reload()

    def edit(self) -> None:
        supplier = self.selected()
        if supplier is not None and self.run_dialog(SupplierDialog(self.db, self.actor, supplier, self)):
            self.reload()

    def archive(self) -> None:
        supplier = self.selected()
        if supplier is not None:
            organisation.archive_supplier(self.db.uow(), self.actor, supplier.id)
            self.reload()
