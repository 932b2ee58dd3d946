"""The movement ledger (filter by period, kind, store, item, user; reverse with a reason); the audit log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QInputDialog, QLabel, QLineEdit, QWidget

from stockdesk.domain.errors import NotFound
from stockdesk.domain.permissions import Action, Actor, allowed
from stockdesk.services.accounts import audit_query
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.database import Database
from stockdesk.services.exchange import report_queries
from stockdesk.services.inventory import ledger_query, stock
from stockdesk.services.inventory.ledger_query import LedgerFilter
from stockdesk.ui.audit_sentences import audit_sentence
from stockdesk.ui.formatting import format_money, format_quantity, format_when, kind_label
from stockdesk.ui.models.rows import Column, KeysetModel
from stockdesk.ui.pages.list_page import ListPage

KINDS = ("receive", "sale", "transfer_out", "transfer_in", "adjust", "count")


def _start_of(day: QDate) -> datetime:
    local = datetime.combine(day.toPython(), time.min).astimezone()
    return local.astimezone(UTC)


class LedgerPage(ListPage):
    """Newest movements first, read by keyset as the view scrolls."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        columns = [
            Column(QT_TRANSLATE_NOOP("LedgerPage", "When"), lambda r: format_when(r.at)),
            Column(QT_TRANSLATE_NOOP("LedgerPage", "Store"), lambda r: r.store_code),
            Column(QT_TRANSLATE_NOOP("LedgerPage", "SKU"), lambda r: r.sku),
            Column(QT_TRANSLATE_NOOP("LedgerPage", "Name"), lambda r: r.name),
            Column(QT_TRANSLATE_NOOP("LedgerPage", "What"), lambda r: kind_label(r.kind)),
            Column(
                QT_TRANSLATE_NOOP("LedgerPage", "Qty"),
                lambda r: format_quantity(r.quantity, signed=True), numeric=True
            ),
            Column(
                QT_TRANSLATE_NOOP("LedgerPage", "Unit cost"),
                lambda r: format_money(r.unit_cost), numeric=True
            ),
            Column(QT_TRANSLATE_NOOP("LedgerPage", "User"), lambda r: r.user),
            Column(QT_TRANSLATE_NOOP("LedgerPage", "Reference"), lambda r: r.reference),
        ]
        self.db, self.actor = db, actor
        super().__init__(self.tr("Movement ledger"), KeysetModel(columns, self._fetch, context="LedgerPage"),
                         parent)
        self.ask_reason: Callable[[str], str | None] = self._ask_reason
        reverse = self.add_button("reverse", self.tr("&Reverse…"), "Ctrl+Shift+R", self.reverse)
        reverse.setEnabled(allowed(actor, Action.REVERSE_MOVEMENT))
        self._build_filters()
        self.apply()
        self.fit_columns()

    def _build_filters(self) -> None:
        today = QDate.currentDate()
        self.start, self.end = QDateEdit(today.addDays(-30)), QDateEdit(today)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(self.apply)
        self.kind, self.store = QComboBox(), QComboBox()
        self.kind.addItem(self.tr("Any kind"), None)
        for kind in KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.store.addItem(self.tr("Any store"), None)
        for store in organisation.list_stores(self.db.uow()):
            self.store.addItem(store.code, store.id)
        self.sku = QLineEdit()
        self.sku.setPlaceholderText(self.tr("SKU or barcode"))
        self.user = QLineEdit()
        self.user.setPlaceholderText(self.tr("user e-mail"))
        period = (QLabel(self.tr("From")), self.start, QLabel(self.tr("to")), self.end)
        for widget in (*period, self.kind, self.store, self.sku, self.user):
            self.filters.addWidget(widget)
        self.kind.currentIndexChanged.connect(self.apply)
        self.store.currentIndexChanged.connect(self.apply)
        self.sku.returnPressed.connect(self.apply)
        self.user.returnPressed.connect(self.apply)

    def current_filter(self) -> LedgerFilter:
        item_id = None
        if code := self.sku.text().strip():
            try:
                item_id = catalog.find_item(self.db.uow(), code).id
            except NotFound:
                self.message.setText(self.tr("No item {code}").format(code=code))
                item_id = None
        user_id = None
        if email := self.user.text().strip():
            try:
                user_id = report_queries.user_id_by_email(self.db.uow(), email)
            except NotFound:
                self.message.setText(self.tr("No user {email}").format(email=email))
        end = _start_of(self.end.date()) + timedelta(days=1)
        return LedgerFilter(start=_start_of(self.start.date()), end=end, kind=self.kind.currentData(),
                            store_id=self.store.currentData(), item_id=item_id, user_id=user_id)

    def _fetch(self, before: Any, limit: int) -> list[Any]:
        return ledger_query.movement_page(self.db.uow(), self._filter, before=before, limit=limit)

    def apply(self) -> None:
        self.message.clear()
        self._filter = self.current_filter()
        self.model.reload()  # type: ignore[attr-defined]

    def _ask_reason(self, title: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, self.tr("Reason (required):"))
        return text if ok else None

    def reverse(self) -> None:
        row = self.selected()
        if row is None:
            return
        title = self.tr("Reverse {kind} of {sku}").format(kind=kind_label(row.kind), sku=row.sku)
        reason = self.ask_reason(title)
        if reason is None:
            return
        stock.reverse(self.db.uow(), self.actor, row.id, reason=reason)
        self.model.reload()  # type: ignore[attr-defined]


class AuditPage(ListPage):
    """Read-only: who did what, newest first."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        columns = [
            Column(QT_TRANSLATE_NOOP("AuditPage", "When"), lambda r: format_when(r.at)),
            Column(QT_TRANSLATE_NOOP("AuditPage", "User"), lambda r: r.user),
            Column(QT_TRANSLATE_NOOP("AuditPage", "Action"), lambda r: r.action),
            Column(QT_TRANSLATE_NOOP("AuditPage", "Entity"), lambda r: r.entity),
            Column(QT_TRANSLATE_NOOP("AuditPage", "Details"), lambda r: audit_sentence(r.action, r.details)),
        ]
        self.db, self.actor = db, actor
        super().__init__(self.tr("Audit log"), KeysetModel(columns, self._fetch, context="AuditPage"), parent)
        self.action = QLineEdit()
        self.action.setPlaceholderText(self.tr("action starts with… (e.g. stock., user.)"))
        self.action.returnPressed.connect(self.apply)
        self.filters.addWidget(self.action)
        if allowed(actor, Action.VIEW_AUDIT):
            self.apply()
            self.fit_columns()
        else:
            self.setEnabled(False)
            self.message.setText(self.tr("Only a manager or administrator can read the audit log."))

    def _fetch(self, before: Any, limit: int) -> list[Any]:
        if not allowed(self.actor, Action.VIEW_AUDIT):
            return []
        prefix = self.action.text().strip()
        return audit_query.audit_page(self.db.uow(), self.actor, before=before, action=prefix, limit=limit)

    def apply(self) -> None:
        self.run(self.model.reload)  # type: ignore[attr-defined]
