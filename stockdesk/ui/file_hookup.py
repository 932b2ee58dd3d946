"""The File menu's import, reports and backup entries, added to the main window in one call.

`install_file_actions(window)` puts them above Quit. "Back up now" exists only when the database is a
local SQLite file: a server is backed up with its own tools (pg_dump), not from one desk.
The two dialogs' modules load when their entry is first used, not with the window: the report
registry brings reportlab, Pillow and numpy (~35 MB resident).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from stockdesk.domain.permissions import Action, Actor, Role, allowed
from stockdesk.services.database import Database
from stockdesk.services.maintenance.backup import BackupError, backup_now, database_file
from stockdesk.ui.i18n import error_text
from stockdesk.ui.worker import Job, run_in_background

if TYPE_CHECKING:
    from stockdesk.ui.dialogs.import_dialog import ImportDialog
    from stockdesk.ui.dialogs.report_dialog import ReportDialog


@dataclass
class FileActions:
    """The three actions and what they last opened or wrote (the tests look at these)."""

    window: QMainWindow
    import_items: QAction
    reports: QAction
    backup: QAction | None
    database: Path | None = None
    last_import: ImportDialog | None = None
    last_report: ReportDialog | None = None
    last_backup: Path | None = None
    jobs: list[Job] = field(default_factory=list)


def _local_file(db: Database) -> Path | None:
    try:
        return database_file(db.engine.url.render_as_string(hide_password=False))
    except BackupError:
        return None


def _action(window: QMainWindow, text: str, shortcut: str, tip: str) -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        tip = f"{tip} ({shortcut})"
    action.setToolTip(tip)
    action.setStatusTip(tip)
    window.addAction(action)  # the shortcut works whichever page has the focus
    return action


def _file_menu(window: QMainWindow) -> tuple[QMenu, QAction | None]:
    """The File menu build_actions made (the one holding Quit), or a new one; and Quit to insert before."""
    quit_action = window.actions.get("quit")  # type: ignore[attr-defined]
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if isinstance(menu, QMenu) and quit_action in menu.actions():
            return menu, quit_action
    return window.menuBar().addMenu(QCoreApplication.translate("Actions", "&File")), None


def install_file_actions(window: QMainWindow) -> FileActions:
    """Import items… (Ctrl+I), Reports… (Ctrl+P) and, on a local file, Back up now; above Quit."""
    db: Database = window.db  # type: ignore[attr-defined]
    actor: Actor = window.actor  # type: ignore[attr-defined]
    setup = FileActions(
        window,
        _action(
            window,
            QCoreApplication.translate("MainWindow", "&Import items…"),
            "Ctrl+I",
            QCoreApplication.translate("MainWindow", "Import items from a CSV or Excel file"),
        ),
        _action(
            window,
            QCoreApplication.translate("MainWindow", "&Reports…"),
            "Ctrl+P",
            QCoreApplication.translate("MainWindow", "Write a report as PDF or CSV"),
        ),
        None,
        _local_file(db),
    )
    setup.import_items.setEnabled(allowed(actor, Action.CREATE_ITEM))
    setup.import_items.triggered.connect(lambda: _import(setup))
    setup.reports.triggered.connect(lambda: _reports(setup))
    menu, before = _file_menu(window)
    menu.insertAction(before, setup.import_items)
    menu.insertAction(before, setup.reports)
    if setup.database is not None and actor.role in (Role.ADMIN, Role.MANAGER):
        setup.backup = _action(
            window,
            QCoreApplication.translate("MainWindow", "&Back up now"),
            "",
            QCoreApplication.translate("MainWindow", "Write a consistent copy of the database"),
        )
        setup.backup.triggered.connect(lambda: _backup(setup))
        menu.insertAction(before, setup.backup)
    if before is not None:
        menu.insertSeparator(before)
    return setup


def _import(setup: FileActions) -> None:
    window = setup.window
    if not setup.import_items.isEnabled():
        return
    from stockdesk.ui.dialogs.import_dialog import open_import_dialog  # see the module docstring

    dialog = open_import_dialog(window, window.db, window.actor)  # type: ignore[attr-defined]
    if dialog is not None:
        dialog.imported.connect(lambda _result: window.refresh())  # type: ignore[attr-defined]
    setup.last_import = dialog


def _reports(setup: FileActions) -> None:
    window = setup.window
    from stockdesk.ui.dialogs.report_dialog import open_report_dialog  # see the module docstring

    setup.last_report = open_report_dialog(window, window.db, window.actor)  # type: ignore[attr-defined]


def _backup(setup: FileActions) -> Job | None:
    """Copy the database off the GUI thread (a big file takes seconds) and say where it went."""
    window, database = setup.window, setup.database
    if database is None:
        return None
    window.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Backing up…"))

    def done(path: Path) -> None:
        setup.last_backup = path
        text = QCoreApplication.translate("MainWindow", "Backup written to {path}").format(path=path)
        window.statusBar().showMessage(text, 15000)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            QCoreApplication.translate("MainWindow", "Back up now"),
            text,
            parent=window,
        )
        box.open()  # not exec(): the window stays usable, and tests never block here

    def failed(error: BaseException) -> None:
        text = QCoreApplication.translate("MainWindow", "The backup failed: {error}")
        text = text.format(error=error_text(error))
        window.statusBar().showMessage(text, 15000)
        QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("MainWindow", "Back up now"),
            text,
            parent=window,
        ).open()

    job = run_in_background(lambda: backup_now(database), on_finished=done, on_failed=failed)
    setup.jobs.append(job)
    return job
