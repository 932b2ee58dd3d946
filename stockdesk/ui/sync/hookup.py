"""Putting sync into the main window: status label, "Sync now" (F9), the Sync page, the background timer.

`install_sync(window)` does nothing (returns None) on a desk that is not registered with a server or
that runs directly on PostgreSQL: such a desk shows no sync controls at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from stockdesk.domain.permissions import Actor
from stockdesk.services.database import Database
from stockdesk.sync.server.setup import is_registered

if TYPE_CHECKING:
    from stockdesk.sync.service import SyncReport, SyncService
    from stockdesk.ui.sync.panel import SyncPanel
    from stockdesk.ui.sync.status import SyncController, SyncStatusLabel

SYNC_NOW_SHORTCUT = "F9"  # the usual "send/receive" key; F1-F6 belong to the counter and stock actions
PAGE_SHORTCUT = "Ctrl+9"


class PagedWindow(Protocol):
    db: Database
    actor: Actor

    def add_page(self, title: str, widget: QWidget, shortcut: str = "", *, position: int = -1) -> QAction: ...


@dataclass
class SyncSetup:
    controller: SyncController
    label: SyncStatusLabel
    panel: SyncPanel
    action: QAction


class _StopOnClose(QObject):
    """Stops the controller when the window closes, so no sync outlives it."""

    def __init__(self, controller: SyncController, parent: QObject) -> None:
        super().__init__(parent)
        self._controller = controller

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Shut the controller down on the window's Close event; never swallow the event."""
        if event.type() == QEvent.Type.Close:
            self._controller.shutdown()
        return False


def install_sync(
    window: PagedWindow, *, service: SyncService | None = None, start: bool = True
) -> SyncSetup | None:
    """Add the sync controls to a registered desk's window; None (nothing added) otherwise."""
    assert isinstance(window, QMainWindow)
    if service is None and not is_registered(window.db):
        return None
    # Sync's modules (psycopg among them, ~15 MB resident) load only on a desk that syncs.
    from stockdesk.sync.service import SyncService
    from stockdesk.ui.sync.panel import SyncPanel
    from stockdesk.ui.sync.status import SyncController, SyncStatusLabel

    if service is None:
        service = SyncService(window.db)
    controller = SyncController(service, window)
    label = SyncStatusLabel()
    window.statusBar().addPermanentWidget(label)
    panel = SyncPanel(window.db, window.actor)
    window.add_page(QCoreApplication.translate("SyncPanel", "Sync"), panel, PAGE_SHORTCUT)
    action = QAction(QCoreApplication.translate("SyncStatusLabel", "Sync &now"), window)
    action.setShortcut(QKeySequence(SYNC_NOW_SHORTCUT))
    action.setToolTip(
        QCoreApplication.translate(
            "SyncStatusLabel", "Send this desk's changes and fetch the others' ({key})"
        ).format(key=SYNC_NOW_SHORTCUT)
    )
    action.triggered.connect(controller.sync_now)
    window.menuBar().addMenu(QCoreApplication.translate("SyncStatusLabel", "S&ync")).addAction(action)
    controller.started.connect(label.show_syncing)
    controller.status_changed.connect(label.show_status)

    def synced(report: SyncReport) -> None:
        if report.pulled or report.snapshot_rows or report.conflicts:
            panel.reload()
            _refresh(window)

    controller.synced.connect(synced)
    panel.changed.connect(lambda: _refresh(window))
    panel.moved.connect(controller.sync_now)
    window.installEventFilter(_StopOnClose(controller, window))
    if start:
        controller.start()
    return SyncSetup(controller, label, panel, action)


def _refresh(window: object) -> None:
    """Other desks' changes arrived: let the window re-read what it shows, keeping the selection."""
    refresh = getattr(window, "refresh", None)
    current = getattr(window, "current_item", None)
    if callable(refresh):
        refresh(current.id if current is not None else None)
