"""Who hears about low stock (per store, per category, at once or in a daily digest) and planning settings.

Recipients are an admin's business (MANAGE_SETTINGS); the service level and windows of the reorder
planner are the managers' (MANAGE_CATALOGUE). The dialog shows both; what the person may not change
is shown disabled, and the services refuse it regardless.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stockdesk.domain.errors import StockDeskError
from stockdesk.domain.permissions import Action, Actor, allowed
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database
from stockdesk.services.maintenance import settings
from stockdesk.services.planning import alert_recipients
from stockdesk.ui.models.rows import ROW_ROLE
from stockdesk.ui.planning.common import ProblemList
from stockdesk.ui.planning.models import recipients_model


class AlertSettingsDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(self.tr("Alert recipients and planning settings"))
        self.resize(760, 560)
        stores = {s.id: s.code for s in organisation.list_stores(db.uow())}
        categories = {c.id: c.name for c in organisation.list_categories(db.uow())}
        self.model = recipients_model(stores, categories, self)
        self.problems = ProblemList()
        layout = QVBoxLayout(self)
        layout.addWidget(self._recipients_box(stores, categories))
        layout.addWidget(self._planning_box())
        layout.addWidget(self.problems)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.reload()

    def _recipients_box(self, stores: dict, categories: dict) -> QGroupBox:
        box = QGroupBox(self.tr("Who gets low-stock e-mails"))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 240)
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("name@example.com"))
        self.store = QComboBox()
        self.store.addItem(self.tr("All stores"), None)
        for store_id, code in stores.items():
            self.store.addItem(code, store_id)
        self.category = QComboBox()
        self.category.addItem(self.tr("All categories"), None)
        for category_id, name in sorted(categories.items(), key=lambda kv: kv[1]):
            self.category.addItem(name, category_id)
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Immediately"), "immediate")
        self.mode.addItem(self.tr("Daily digest"), "digest")
        self.add_button = QPushButton(self.tr("&Add"))
        self.add_button.clicked.connect(self.add_recipient)
        self.email.returnPressed.connect(self.add_recipient)
        self.remove_button = QPushButton(self.tr("&Remove selected"))
        self.remove_button.clicked.connect(self.remove_recipient)
        row = QHBoxLayout()
        for widget in (self.email, self.store, self.category, self.mode, self.add_button, self.remove_button):
            row.addWidget(widget)
        layout = QVBoxLayout(box)
        layout.addWidget(self.table)
        layout.addLayout(row)
        may = allowed(self.actor, Action.MANAGE_SETTINGS)
        for widget in (self.email, self.store, self.category, self.mode, self.add_button, self.remove_button):
            widget.setEnabled(may)
        if not may:
            layout.addWidget(QLabel(self.tr("Only an administrator can change the recipients.")))
        return box

    def _planning_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Reorder planning"))
        current = settings.load(self.db.uow())
        self.service_level = QDoubleSpinBox()
        self.service_level.setRange(50.0, 99.9)
        self.service_level.setDecimals(1)
        self.service_level.setSuffix(" %")
        self.service_level.setValue(float(current.service_level) * 100)
        self.service_level.setToolTip(self.tr("How often stock should last until the delivery arrives"))
        self.review_days = QSpinBox()
        self.review_days.setRange(0, 365)
        self.review_days.setValue(current.review_period_days)
        self.history_days = QSpinBox()
        self.history_days.setRange(28, 3 * 365)
        self.history_days.setValue(current.history_days)
        self.expiry_days = QSpinBox()
        self.expiry_days.setRange(0, 3650)
        self.expiry_days.setValue(current.expiry_warn_days)
        tip = self.tr("Days before expiry a lot is listed, unless its item or category sets its own")
        self.expiry_days.setToolTip(tip)
        self.save_planning_button = QPushButton(self.tr("Save &planning settings"))
        self.save_planning_button.clicked.connect(self.save_planning)
        form = QFormLayout(box)
        form.addRow(self.tr("Service level"), self.service_level)
        form.addRow(self.tr("Review period (days)"), self.review_days)
        form.addRow(self.tr("Sales history (days)"), self.history_days)
        form.addRow(self.tr("Warn of expiring lots (days before)"), self.expiry_days)
        form.addRow("", self.save_planning_button)
        box.setEnabled(allowed(self.actor, Action.MANAGE_CATALOGUE))
        return box

    def reload(self) -> None:
        self.model.set_rows(alert_recipients.list_recipients(self.db.uow()))

    def add_recipient(self) -> None:
        if self._attempt(lambda: alert_recipients.add_recipient(
            self.db.uow(), self.actor, email=self.email.text(), store_id=self.store.currentData(),
            category_id=self.category.currentData(), mode=self.mode.currentData(),
        )):
            self.email.clear()
            self.reload()

    def remove_recipient(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            recipient = index.data(ROW_ROLE)
            remove = alert_recipients.remove_recipient
            if self._attempt(lambda: remove(self.db.uow(), self.actor, recipient.id)):
                self.reload()

    def save_planning(self) -> None:
        level = f"{self.service_level.value() / 100:.3f}"
        if self._attempt(lambda: settings.save(
            self.db.uow(), self.actor, service_level=level,
            review_period_days=self.review_days.value(), history_days=self.history_days.value(),
            expiry_warn_days=self.expiry_days.value(),
        )):
            self.problems.show_messages([])

    def _attempt(self, call: Callable[[], object]) -> bool:
        try:
            call()
        except StockDeskError as error:
            self.problems.show_error(error)
            return False
        self.problems.show_messages([])
        return True
