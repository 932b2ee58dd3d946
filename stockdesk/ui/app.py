"""Starting the window: the QApplication, the database, log-in (or first admin), demo data, screenshots."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog, QWidget

from stockdesk.domain.errors import StockDeskError
from stockdesk.domain.permissions import Actor
from stockdesk.services.database import Database, open_database
from stockdesk.ui.login import LoginDialog
from stockdesk.ui.main_window import MainWindow
from stockdesk.ui.worker import run_in_background

APP_NAME = "StockDesk"
SCREENSHOT_SIZE = (1280, 760)


def application() -> QApplication:
    """The one QApplication of the process (created on first use)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    return app


def load_demo(db: Database, offer_demo: Callable[[Database], None], parent: QWidget | None = None) -> None:
    """Run `offer_demo(db)` on a pool thread behind a busy progress dialog; report a failure."""
    progress = QProgressDialog("Loading demo data…", "", 0, 0, parent)
    progress.setWindowTitle(APP_NAME)
    progress.setCancelButton(None)  # the loader cannot stop half-way without leaving half a shop
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(0)
    progress.show()
    loop = QEventLoop()
    failures: list[BaseException] = []

    def failed(error: BaseException) -> None:
        failures.append(error)
        loop.quit()

    run_in_background(lambda: offer_demo(db), on_finished=lambda _result: loop.quit(), on_failed=failed)
    loop.exec()
    progress.close()
    if failures:
        QMessageBox.warning(parent, APP_NAME, f"Demo data could not be loaded: {failures[0]}")


def run_app(db_url: str, *, offer_demo: Callable[[Database], None] | None = None) -> int:
    """Open the database (migrating it), log in, and run the main window until it closes."""
    app = application()
    try:
        db = open_database(db_url)
    except (StockDeskError, OSError) as error:
        QMessageBox.critical(None, APP_NAME, f"Cannot open the database {db_url}:\n{error}")
        return 1
    try:
        login = LoginDialog(db)
        if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
            return 0
        if login.created_admin and offer_demo is not None:
            answer = QMessageBox.question(
                None, APP_NAME, "Load demo data (stores, items and some history) to try StockDesk out?"
            )
            if answer == QMessageBox.StandardButton.Yes:
                load_demo(db, offer_demo)
        window = MainWindow(db, login.actor)
        window.show()
        if window.model.rowCount():
            window.select_row(0)
        return app.exec()
    finally:
        db.close()


def save_screenshot(db: Database, actor: Actor, path: Path) -> None:
    """Render the main window (first item selected) into a PNG without showing it on a screen."""
    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a headless CLI job needs no display
    application()
    window = MainWindow(db, actor)
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    if window.model.rowCount():
        window.select_row(0)
    QApplication.processEvents()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    window.close()
    window.deleteLater()
