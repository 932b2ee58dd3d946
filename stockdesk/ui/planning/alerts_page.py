"""Open low-stock alerts: the list (acknowledge, snooze N days) and the badge in the status bar.

Acknowledged and snoozed alerts leave the list (and the badge) unless "Show acknowledged and snoozed"
is ticked: the list is what still needs somebody's attention. An alert closes by itself when stock
rises above the reorder point again, so nothing here closes one.
A clerk sees the alerts of their own stores only (the services refuse acting on others anyway).
Below them, the lots with stock that expire within their warning days or have expired (read from the
stock by place each time the page is shown: they are not stored, see services/planning/expiry.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLabel,
    QSpinBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stockdesk.domain.permissions import Action, Actor, allowed
from stockdesk.services.database import Database
from stockdesk.services.planning import alerts, expiry
from stockdesk.services.planning.alerts import AlertView
from stockdesk.services.planning.expiry import ExpiryView
from stockdesk.ui.pages.list_page import ListPage
from stockdesk.ui.planning.alert_settings import AlertSettingsDialog
from stockdesk.ui.planning.models import alerts_model, expiry_model

REFRESH_MS = 60_000  # snoozes run out with nobody writing anything: look again now and then


def visible_alerts(db: Database, actor: Actor, *, include_handled: bool) -> list[AlertView]:
    rows = alerts.open_alerts(db.uow(), include_snoozed=include_handled)
    if not include_handled:
        rows = [a for a in rows if not a.acknowledged]
    if actor.is_clerk:
        rows = [a for a in rows if a.store_id in actor.store_ids]
    return rows


def visible_expiry(db: Database, actor: Actor) -> list[ExpiryView]:
    return expiry.expiring_lots(db.uow(), store_ids=actor.store_ids if actor.is_clerk else None)


def badge_number(db: Database, actor: Actor) -> int:
    if not actor.is_clerk:
        return alerts.badge_count(db.uow())
    return sum(alerts.badge_count(db.uow(), store_id=store) for store in actor.store_ids)


class AlertsPage(ListPage):
    """The open alerts, newest first."""

    changed = Signal()  # an alert was acknowledged or snoozed here: the badge counts again

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Low-stock alerts"), alerts_model(), parent)
        self.db, self.actor = db, actor
        may_act = allowed(actor, Action.MOVE_STOCK)
        self.add_button("acknowledge", self.tr("&Acknowledge"), "Ctrl+Shift+K", self.acknowledge)
        self.page_actions["acknowledge"].setEnabled(may_act)
        self.snooze_days = QSpinBox()
        self.snooze_days.setRange(1, 365)
        self.snooze_days.setValue(7)
        self.snooze_days.setSuffix(self.tr(" days"))
        self.snooze_days.setToolTip(self.tr("How long a snoozed alert stays out of the list"))
        self.buttons.addWidget(self.snooze_days)
        self.add_button("snooze", self.tr("&Snooze"), "Ctrl+Shift+Z", self.snooze).setEnabled(may_act)
        settings = self.add_button("settings", self.tr("&Recipients and settings…"), "Ctrl+Shift+R",
                                   self.open_settings)
        settings.setEnabled(allowed(actor, Action.MANAGE_SETTINGS) or allowed(actor, Action.MANAGE_CATALOGUE))
        self.show_handled = QCheckBox(self.tr("Show acknowledged and snoozed"))
        self.show_handled.toggled.connect(lambda _on: self.reload())
        self.filters.addWidget(self.show_handled)
        self.filters.addStretch(1)
        self._add_expiry_table()
        self.reload()

    def _add_expiry_table(self) -> None:
        self.expiry_title = QLabel()
        self.expiry_model = expiry_model(self)
        self.expiry_view = QTableView()
        self.expiry_view.setModel(self.expiry_model)
        self.expiry_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.expiry_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.expiry_view.setAlternatingRowColors(True)
        self.expiry_view.verticalHeader().hide()
        self.expiry_view.horizontalHeader().setStretchLastSection(True)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        at = layout.indexOf(self.message)  # between the low-stock list and the message line
        layout.insertWidget(at, self.expiry_title)
        layout.insertWidget(at + 1, self.expiry_view, 1)

    def reload(self) -> None:
        rows = visible_alerts(self.db, self.actor, include_handled=self.show_handled.isChecked())
        self.model.set_rows(rows)  # type: ignore[attr-defined]
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(2, max(self.view.columnWidth(2), 260))
        self.title.setText("<h3>" + self.tr("Low-stock alerts ({n})").format(n=len(rows)) + "</h3>")
        lots = visible_expiry(self.db, self.actor)
        self.expiry_model.set_rows(lots)
        self.expiry_view.resizeColumnsToContents()
        title = self.tr("Lots expiring soon or expired ({n})").format(n=len(lots))
        self.expiry_title.setText("<h3>" + title + "</h3>")

    def showEvent(self, event: object) -> None:
        """Fresh rows whenever the page comes up."""
        self.reload()
        super().showEvent(event)  # type: ignore[arg-type]

    def acknowledge(self) -> None:
        alert = self.selected()
        if alert is not None:
            alerts.acknowledge(self.db.uow(), self.actor, alert.id)
            self._done(self.tr("Acknowledged {sku} in {store}").format(sku=alert.sku, store=alert.store_code))

    def snooze(self) -> None:
        alert = self.selected()
        if alert is not None:
            days = self.snooze_days.value()
            alerts.snooze(self.db.uow(), self.actor, alert.id, days=days)
            self._done(self.tr("Snoozed {sku} for {n} days").format(sku=alert.sku, n=days))

    def _done(self, text: str) -> None:
        row = self.view.currentIndex().row()
        self.reload()
        if self.model.rowCount():
            self.view.selectRow(min(row, self.model.rowCount() - 1))
        self.message.setStyleSheet("color: palette(text)")
        self.message.setText(text)
        self.changed.emit()

    def open_settings(self) -> None:
        self.run_dialog(AlertSettingsDialog(self.db, self.actor, self))

    def run(self, handler: Callable[[], None]) -> None:
        """As ListPage.run, with refusals in red again."""
        self.message.setStyleSheet("color: #b00020")
        super().run(handler)


class AlertBadge(QToolButton):
    """"⚠ 3 alerts" in the status bar; hidden at zero; a click opens the alerts page."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.count = 0
        self.setAutoRaise(True)
        self.setObjectName("alert_badge")
        self.setStyleSheet("QToolButton#alert_badge { color: white; background: #c62828; border-radius: 8px;"
                           " padding: 1px 8px; font-weight: bold; }")
        self.setToolTip(self.tr("Open low-stock alerts nobody has acknowledged yet"))
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def refresh(self) -> None:
        self.count = badge_number(self.db, self.actor)
        self.setText(self.tr("⚠ %n alert(s)", "", self.count))
        self.setVisible(self.count > 0)

