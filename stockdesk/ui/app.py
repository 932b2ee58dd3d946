"""Starting the window: the QApplication, settings, the database, first-run wizard or log-in, the window.

`Shell` owns the sequence of top-level windows without blocking: the first-run wizard on a
database without accounts (or the log-in dialog), then the main window, which it rebuilds in the
new language when the language is switched in the settings.
"""

from __future__ import annotations

import logging
import os
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog, QWidget

from stockdesk.config import database_url
from stockdesk.domain.errors import StockDeskError
from stockdesk.domain.permissions import Actor
from stockdesk.services.accounts import users
from stockdesk.services.database import APP_NAME, Database, open_database
from stockdesk.services.maintenance import shop
from stockdesk.services.maintenance.first_run import DemoSize
from stockdesk.services.maintenance.logging_setup import configure_logging
from stockdesk.ui import crash
from stockdesk.ui.collector import collect_on_gui_thread
from stockdesk.ui.dialogs.settings_dialog import install_settings_action
from stockdesk.ui.formatting import use_currency
from stockdesk.ui.i18n import current_language, set_language, translations
from stockdesk.ui.login import LoginDialog
from stockdesk.ui.main_window import MainWindow
from stockdesk.ui.qt_messages import send_qt_messages_to_log
from stockdesk.ui.screenshot import SCREENSHOT_SIZE, render_window
from stockdesk.ui.settings import AppSettings, import_qsettings
from stockdesk.ui.theme import apply_theme
from stockdesk.ui.wizard import FirstRunWizard
from stockdesk.ui.worker import run_in_background

log = logging.getLogger("stockdesk.app")


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
    progress = QProgressDialog(QCoreApplication.translate("App", "Loading demo data…"), "", 0, 0, parent)
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
        QMessageBox.warning(
            parent,
            APP_NAME,
            QCoreApplication.translate("App", "Demo data could not be loaded: {0}").format(failures[0]),
        )


def work_at_desk_store(window: MainWindow, store_id: str) -> None:
    """The counter and the stock dialogs start in the desk's store (chosen in the wizard or settings)."""
    try:
        chosen = uuid.UUID(store_id) if store_id else None
    except ValueError:  # a settings file edited by hand
        chosen = None
    window.desk_store_id = chosen
    use_currency(shop.currency(window.db.uow()))  # the shop's, on every desk; "" = the locale's
    if chosen is not None:
        window.counter.page.set_location(chosen)


class Shell(QObject):
    """Wizard or log-in, then the main window; `window_opened(MainWindow)` each time one is built.

    `abandoned` is emitted when the wizard or log-in is closed before any main window opened: the
    program's event loop ends on it. The shell does not end the application itself, because a quit
    requested while no event loop runs (a test, an embedding program) leaves Qt unable to activate
    any window afterwards.
    """

    window_opened = Signal(object)
    abandoned = Signal()

    def __init__(
        self,
        db: Database,
        settings: AppSettings,
        *,
        offer_demo: Callable[[Database], None] | None = None,
        demo_size: DemoSize | None = None,
    ) -> None:
        super().__init__()
        self.db, self.settings = db, settings
        self.offer_demo, self.demo_size = offer_demo, demo_size
        self.entry: QDialog | FirstRunWizard | None = None
        self.window: MainWindow | None = None
        self.actor: Actor | None = None
        translations().changed.connect(self._language_changed)

    def start(self) -> QDialog:
        """Show the wizard (no accounts yet) or the log-in dialog, without blocking."""
        if users.has_users(self.db.uow()):
            entry: QDialog = LoginDialog(self.db)
        else:
            entry = FirstRunWizard(self.db, self.settings, demo_size=self.demo_size)
        entry.accepted.connect(self._entered)
        entry.rejected.connect(self._cancelled)
        self.entry = entry
        # Between the dialog closing and the main window showing no window is open: do not quit there.
        QApplication.setQuitOnLastWindowClosed(False)
        entry.open()
        return entry

    def _entered(self) -> None:
        entry = self.entry
        actor = getattr(entry, "actor", None)
        if actor is None:
            self._cancelled()
            return
        if isinstance(entry, LoginDialog) and entry.created_admin and self.offer_demo is not None:
            answer = QMessageBox.question(
                None,
                APP_NAME,
                QCoreApplication.translate(
                    "App", "Load demo data (stores, items and some history) to try StockDesk out?"
                ),
            )
            if answer == QMessageBox.StandardButton.Yes:
                load_demo(self.db, self.offer_demo)
        self.open_main_window(actor)

    def _cancelled(self) -> None:
        if self.window is None:
            self.abandoned.emit()

    def open_main_window(self, actor: Actor) -> MainWindow:
        """Build and show the main window for `actor` (replacing any earlier one)."""
        self.actor = actor
        old = self.window
        window = MainWindow(self.db, actor)
        install_settings_action(window, self.db, actor, self.settings)
        work_at_desk_store(window, self.settings.load().default_store_id)
        if old is not None:
            window.setGeometry(old.geometry())
        window.show()
        # No row is selected for the person: Receive or Sell asks which item rather than taking row 1.
        self.window = window
        QApplication.setQuitOnLastWindowClosed(True)
        if old is not None:
            old.close()
            old.deleteLater()
        self.window_opened.emit(window)
        return window

    def close(self) -> None:
        """Stop following language changes and close the windows (the database stays open)."""
        translations().changed.disconnect(self._language_changed)
        for widget in (self.entry, self.window):
            if widget is not None:
                widget.close()

    def _language_changed(self, language: str) -> None:
        # Widgets take their texts when built: building the window again is what shows the language.
        log.info("language switched to %s", language)
        if self.window is not None and self.actor is not None:
            self.open_main_window(self.actor)
        elif isinstance(self.entry, FirstRunWizard) and self.entry.isVisible():
            self._restart_wizard(self.entry)

    def _restart_wizard(self, old: FirstRunWizard) -> None:
        # The language is chosen on the first page, before anything else is typed: nothing is lost.
        old.accepted.disconnect(self._entered)
        old.rejected.disconnect(self._cancelled)
        position = old.pos()
        old.hide()
        old.deleteLater()
        self.start().move(position)


def apply_appearance(settings: AppSettings) -> None:
    """Language and theme from the settings, before any window is built."""
    chosen = settings.load()
    if not set_language(chosen.language):
        log.warning("no translation file for %s: staying in English", chosen.language)
    apply_theme(chosen.theme)


def chosen_database_url(db_url: str | None = None, settings: AppSettings | None = None) -> str:
    """`db_url` when given, else the database of the configuration, else the local file (as every command)."""
    return database_url(db_url, (settings or AppSettings()).load(with_secrets=False))


def run_app(db_url: str | None = None, *, offer_demo: Callable[[Database], None] | None = None) -> int:
    """Open the database (migrating it), then wizard or log-in, and run the main window until it closes.

    Without `db_url` the database of the settings is used, else the local file.
    """
    log_file = configure_logging()
    send_qt_messages_to_log()  # a quiet terminal: Qt's warnings (audio back-end, fonts) go to the log
    app = application()
    collect_on_gui_thread(app)  # a pool thread must never free the window's Qt objects (ui/collector.py)
    reporter = crash.install(log_file)
    settings = AppSettings()
    if import_qsettings(settings):
        log.info("settings of an earlier version taken over into %s", settings.path)
    apply_appearance(settings)
    url = chosen_database_url(db_url, settings)
    try:
        db = open_database(url)
    except (StockDeskError, OSError) as error:
        QMessageBox.critical(
            None,
            APP_NAME,
            QCoreApplication.translate("App", "Cannot open the database {0}:\n{1}").format(url, error),
        )
        return 1
    try:
        shell = Shell(db, settings, offer_demo=offer_demo)
        shell.abandoned.connect(app.quit)
        shell.start()
        code = app.exec()
        shell.close()
        return code
    finally:
        reporter.uninstall()
        db.close()


def save_screenshot(db: Database, actor: Actor, path: Path, *, page: str = "dashboard") -> None:
    """Render one page of the main window (`page`, see ui/screenshot.py) into a PNG, offscreen."""
    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a headless CLI job needs no display
    application()
    set_language(current_language())  # English too: its file holds the plural forms
    use_currency(shop.currency(db.uow()))
    window = MainWindow(db, actor)
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    try:
        render_window(window, Path(path), page=page)
    finally:
        window.close()
        window.deleteLater()
