"""Putting planning into the main window: four pages, the alert badge, and the e-mail worker.

The main window calls `install_planning(window)` once. The mail worker (plain thread, services/mail.py)
sends through the mail server of the configuration (`stockdesk.config`), starts with the window
and stops when it closes; it is woken after every commit so an alert e-mail queued by a sale, or a
purchase order just sent, leaves at once rather than at the next round.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QWidget

from stockdesk.config import ConfiguredSmtp
from stockdesk.domain.permissions import Actor
from stockdesk.services.database import Database
from stockdesk.services.mail import MailWorker
from stockdesk.services.planning import alert_mail
from stockdesk.ui.models.changes import ChangeWatcher
from stockdesk.ui.planning.alerts_page import AlertBadge, AlertsPage
from stockdesk.ui.planning.orders_page import OrdersPage
from stockdesk.ui.planning.reorder_page import ReorderPage
from stockdesk.ui.planning.stocktake_page import StocktakePage

STOP_TIMEOUT_S = 3.0  # the worker is a daemon thread: closing the window never waits on a dead SMTP server


class PagedWindow(Protocol):
    db: Database
    actor: Actor

    def add_page(self, title: str, widget: QWidget, shortcut: str = "", *, position: int = -1) -> QAction: ...

    def show_page(self, widget: QWidget) -> None: ...


@dataclass
class PlanningSetup:
    alerts: AlertsPage
    reorder: ReorderPage
    orders: OrdersPage
    stocktake: StocktakePage
    badge: AlertBadge
    mail: MailWorker | None
    watcher: ChangeWatcher


class _StopOnClose(QObject):
    def __init__(self, worker: MailWorker, parent: QObject) -> None:
        super().__init__(parent)
        self._worker = worker

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Stop the mail worker on the window's Close event; never swallow the event."""
        if event.type() == QEvent.Type.Close:
            self._worker.stop(STOP_TIMEOUT_S)
        return False


def install_planning(window: PagedWindow, *, start_mail: bool = True) -> PlanningSetup:
    """Alerts, reorder, orders and stocktake pages (Alt+1..4), the badge, and the running mail worker."""
    assert isinstance(window, QMainWindow)
    db, actor = window.db, window.actor
    alerts_page, reorder_page = AlertsPage(db, actor), ReorderPage(db, actor)
    orders_page, stocktake_page = OrdersPage(db, actor), StocktakePage(db, actor)
    for title, page, key in (
        (QCoreApplication.translate("AlertsPage", "Alerts"), alerts_page, "Alt+1"),
        (QCoreApplication.translate("ReorderPage", "Reorder"), reorder_page, "Alt+2"),
        (QCoreApplication.translate("OrdersPage", "Purchase orders"), orders_page, "Alt+3"),
        (QCoreApplication.translate("StocktakePage", "Stocktake"), stocktake_page, "Alt+4"),
    ):
        window.add_page(title, page, key)
    badge = AlertBadge(db, actor)
    window.statusBar().addPermanentWidget(badge)
    badge.clicked.connect(lambda: window.show_page(alerts_page))
    alerts_page.changed.connect(badge.refresh)

    def created(orders: list) -> None:
        if orders:
            orders_page.select_order(orders[0].id)
            window.show_page(orders_page)

    reorder_page.orders_created.connect(created)
    worker = _start_mail(window, db) if start_mail else None
    watcher = ChangeWatcher(db, window)
    watcher.changed.connect(badge.refresh)
    watcher.changed.connect(lambda: alerts_page.isVisible() and alerts_page.reload())
    if worker is not None:
        watcher.changed.connect(worker.wake)
    return PlanningSetup(alerts_page, reorder_page, orders_page, stocktake_page, badge, worker, watcher)


def _start_mail(window: QMainWindow, db: Database) -> MailWorker:
    worker = MailWorker(
        db.uow, ConfiguredSmtp(), before_flush=[lambda: alert_mail.queue_due_digests(db.uow())]
    )
    window.installEventFilter(_StopOnClose(worker, window))
    window.destroyed.connect(lambda: worker.stop(STOP_TIMEOUT_S))
    worker.start()
    return worker
