"""Settings of this person on this desk: appearance, desk, database and sync, e-mail (SMTP)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QWidget,
)

from stockdesk.domain.errors import StockDeskError
from stockdesk.domain.permissions import Action, Actor, allowed
from stockdesk.services import mail
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database
from stockdesk.services.mail import SmtpSettings
from stockdesk.services.maintenance import shop
from stockdesk.ui.dialogs.form import FormDialog
from stockdesk.ui.formatting import use_currency
from stockdesk.ui.i18n import error_text, set_language
from stockdesk.ui.settings import AppSettings, Config, SmtpConfig, Theme, validate
from stockdesk.ui.theme import apply_theme
from stockdesk.ui.worker import run_in_background


def _try_smtp(settings: SmtpSettings) -> str:
    """Runs on a pool thread: connect, log in, say hello, leave; returns the server's answer."""
    client = mail.connect(settings)
    try:
        code, message = client.noop()
        return f"{code} {message.decode(errors='replace')}".strip()
    finally:
        client.quit()


def _combo(entries: list[tuple[str, str]], current: str) -> QComboBox:
    combo = QComboBox()
    for text, value in entries:
        combo.addItem(text, value)
    index = combo.findData(current)
    combo.setCurrentIndex(max(index, 0))
    return combo


class SettingsDialog(FormDialog):
    """Edits the configuration (`stockdesk.config`); Save validates everything and shows a refusal
    under the field named.

    After `accept`, `saved` holds what was stored; the theme applies at once, the language when
    `open_settings` returns (`language_changed`), a new database at the next start (`restart_needed`).
    """

    def __init__(
        self, db: Database | None, actor: Actor, settings: AppSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            QCoreApplication.translate("SettingsDialog", "Settings"),
            parent,
            ok_text=QCoreApplication.translate("SettingsDialog", "Save"),
        )
        self.db, self.actor, self.app_settings = db, actor, settings
        self.initial = settings.load()
        self.saved: Config | None = None
        self.restart_needed = False
        self.registered_as = ""
        # Replaceable in tests, where a modal dialog would block.
        self.run_dialog: Callable[[QDialog], bool] = lambda d: d.exec() == QDialog.DialogCode.Accepted
        self.language_changed = False
        self.tabs = QTabWidget()
        self.layout().insertWidget(0, self.tabs)
        self._tab_of: dict[str, int] = {}
        self._build_appearance()
        self._build_desk()
        may_admin = allowed(actor, Action.MANAGE_SETTINGS)
        self._build_database(enabled=may_admin)
        self._build_mail(enabled=may_admin)

    # building -----------------------------------------------------------------------------------

    def _tab(self, title: str, *, enabled: bool = True) -> None:
        page = QWidget()
        self.form = QFormLayout(page)  # FormDialog.add_row adds to `self.form`: one form per tab
        page.setEnabled(enabled)
        self.tabs.addTab(page, title)

    def _row(self, field: str, label: str, widget: QWidget) -> QWidget:
        self._tab_of[field] = self.tabs.count() - 1
        return self.add_row(field, label, widget)

    def _build_appearance(self) -> None:
        s = self.initial
        self._tab(self.tr("Appearance"))
        languages = [(self.tr("English"), "en"), (self.tr("German (Deutsch)"), "de")]
        self.language = self._row("language", self.tr("Language"), _combo(languages, s.language))
        themes = [
            (self.tr("Follow the system"), Theme.SYSTEM.value),
            (self.tr("Light"), Theme.LIGHT.value),
            (self.tr("Dark"), Theme.DARK.value),
        ]
        self.theme = self._row("theme", self.tr("Theme"), _combo(themes, s.theme.value))

    def _build_desk(self) -> None:
        self._tab(self.tr("This desk"))
        stores = [(self.tr("(none)"), "")]
        if self.db is not None:
            stores += [(f"{v.code} — {v.name}", str(v.id)) for v in organisation.list_stores(self.db.uow())]
        self.default_store = self._row(
            "default_store_id", self.tr("Default store"), _combo(stores, self.initial.default_store_id)
        )
        self.camera = QSpinBox()
        self.camera.setRange(0, 99)
        self.camera.setValue(self.initial.camera_index)
        self.camera.setToolTip(self.tr("0 is the first camera the system found"))
        self._row("camera_index", self.tr("Camera number"), self.camera)
        self.initial_currency = shop.currency(self.db.uow()) if self.db is not None else ""
        self.currency = QLineEdit(self.initial_currency)
        self.currency.setPlaceholderText(
            QLocale().currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
        )
        self.currency.setToolTip(self.tr("The shop's currency on every desk; empty: the locale's."))
        self.currency.setMaxLength(3)
        self.currency.setEnabled(self.db is not None and allowed(self.actor, Action.MANAGE_CATALOGUE))
        self._row("currency", self.tr("Shop currency"), self.currency)
        self.initial_document_language = shop.language(self.db.uow()) if self.db is not None else ""
        documents = [
            (self.tr("Each desk's language"), ""),
            (self.tr("English"), "en"),
            (self.tr("German (Deutsch)"), "de"),
        ]
        self.document_language = _combo(documents, self.initial_document_language)
        self.document_language.setToolTip(
            self.tr("What reports, purchase orders and e-mails are written in, on every desk.")
        )
        self.document_language.setEnabled(self.currency.isEnabled())
        self._row("document_language", self.tr("Documents and e-mails"), self.document_language)

    def _build_database(self, *, enabled: bool) -> None:
        s = self.initial
        self._tab(self.tr("Database and sync"), enabled=enabled)
        self.database = QLineEdit(s.database_url)
        self.database.setPlaceholderText(self.tr("empty: the local file; or a file path or postgresql://…"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse_database)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.database, 1)
        line.addWidget(browse)
        self._row("database_url", self.tr("Database"), row)
        self._inputs["database_url"] = self.database  # errors focus the text, not the row
        self.sync_server = QLineEdit(s.sync_server_url)
        self.sync_server.setPlaceholderText("https://server:8443")
        register = QPushButton(self.tr("Register this desk…"))
        register.setEnabled(self.db is not None and self.db.engine.dialect.name == "sqlite")
        register.clicked.connect(self.register_desk)
        self.register_button = register
        sync_row = QWidget()
        sync_line = QHBoxLayout(sync_row)
        sync_line.setContentsMargins(0, 0, 0, 0)
        sync_line.addWidget(self.sync_server, 1)
        sync_line.addWidget(register)
        desks_button = QPushButton(self.tr("Desks…"))
        desks_button.setToolTip(self.tr("The desks the server knows, when each last synced; revoke one"))
        desks_button.setEnabled(self.db is not None and allowed(self.actor, Action.MANAGE_USERS))
        desks_button.clicked.connect(self.show_desks)
        self.desks_button = desks_button
        sync_line.addWidget(desks_button)
        self._row("sync_server_url", self.tr("Sync server"), sync_row)
        self._inputs["sync_server_url"] = self.sync_server
        self.form.addRow(QLabel(self.tr("A new database is used the next time StockDesk starts.")))

    def register_desk(self) -> None:
        """Register this desk with the server typed above (a log-in or an enrolment code)."""
        from stockdesk.ui.dialogs.register_desk import RegisterDeskDialog

        assert self.db is not None
        dialog = RegisterDeskDialog(self.db, self.sync_server.text().strip(), self)
        if self.run_dialog(dialog):
            self.sync_server.setText(dialog.server.text().strip())
            self.registered_as = dialog.name
            self.restart_needed = True  # the window adds its sync controls when it next starts

    def show_desks(self) -> None:
        """The server's desks: on a registered desk its server's (an admin signs in there), else the
        desks in the database this window is open on (the server's own)."""
        from stockdesk.sync.desk_directory import ServerDatabaseDesks
        from stockdesk.sync.server.setup import is_registered, saved_server
        from stockdesk.ui.sync.desks_dialog import DesksDialog

        assert self.db is not None
        if is_registered(self.db):
            server = saved_server(self.db) or self.sync_server.text().strip()
            dialog = DesksDialog(None, server_url=server, email=self.actor.email, parent=self)
        else:
            dialog = DesksDialog(ServerDatabaseDesks(self.db, self.actor), parent=self)
        self.run_dialog(dialog)

    def _build_mail(self, *, enabled: bool) -> None:
        smtp = self.initial.smtp
        self._tab(self.tr("E-mail"), enabled=enabled)
        self.smtp_host = self._row("smtp_host", self.tr("SMTP server"), QLineEdit(smtp.host))
        self.smtp_port = QSpinBox()
        self.smtp_port.setRange(1, 65535)
        self.smtp_port.setValue(smtp.port)
        self._row("smtp_port", self.tr("Port"), self.smtp_port)
        security = [
            (self.tr("None"), "none"),
            (self.tr("STARTTLS"), "starttls"),
            (self.tr("SSL/TLS"), "ssl"),
        ]
        self.smtp_security = self._row("smtp_security", self.tr("Security"), _combo(security, smtp.security))
        self.smtp_user = self._row("smtp_user", self.tr("User name"), QLineEdit(smtp.user))
        self.smtp_password = QLineEdit(smtp.password)
        self.smtp_password.setEchoMode(QLineEdit.EchoMode.Password)
        self._row("smtp_password", self.tr("Password"), self.smtp_password)
        self.smtp_sender = self._row("smtp_sender", self.tr("Sender address"), QLineEdit(smtp.sender))
        self.smtp_sender.setPlaceholderText("stock@example.com")
        self.smtp_test = QPushButton(self.tr("Test connection"))
        self.smtp_test.clicked.connect(self.test_connection)
        self.smtp_result = QLabel()
        self.smtp_result.setWordWrap(True)
        self.form.addRow(self.smtp_test, self.smtp_result)

    def _browse_database(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Database file"),
            self.database.text(),
            self.tr("StockDesk database (*.sqlite);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.database.setText(path)

    def test_connection(self) -> None:
        """Connect (and log in) with what the form shows, off the GUI thread; say how it went."""
        self.clear_errors()
        try:
            smtp = validate(self.values()).smtp_settings()
        except StockDeskError as error:
            self.show_error(error)
            return
        if smtp is None:
            self.show_field_error("smtp_host", self.tr("Enter the SMTP server to test."))
            return
        self.smtp_test.setEnabled(False)
        self.smtp_result.setText(self.tr("Connecting to {0}:{1}…").format(smtp.host, smtp.port))
        run_in_background(lambda: _try_smtp(smtp), on_finished=self._tested, on_failed=self._test_failed)

    def _tested(self, greeting: str) -> None:
        self.smtp_test.setEnabled(True)
        self.smtp_result.setText(self.tr("Connected: {0}").format(greeting))

    def _test_failed(self, error: BaseException) -> None:
        self.smtp_test.setEnabled(True)
        self.smtp_result.setText(self.tr("Could not connect: {0}").format(error_text(error)))

    # saving -------------------------------------------------------------------------------------

    def values(self) -> Config:
        """What the form shows now, unvalidated."""
        smtp = SmtpConfig(
            host=self.smtp_host.text(),
            port=self.smtp_port.value(),
            security=str(self.smtp_security.currentData()),
            user=self.smtp_user.text(),
            password=self.smtp_password.text(),
            sender=self.smtp_sender.text(),
        )
        return Config(
            database_url=self.database.text(),
            sync_server_url=self.sync_server.text(),
            smtp=smtp,
            camera_index=self.camera.value(),
            default_store_id=str(self.default_store.currentData()),
            language=str(self.language.currentData()),
            theme=Theme(str(self.theme.currentData())),
        )

    def submit(self) -> None:
        """Validate and store; the theme applies at once, the language when `open_settings` returns."""
        if self.db is not None and self.currency.text().strip().upper() != self.initial_currency:
            use_currency(shop.set_currency(self.db.uow(), self.actor, self.currency.text()))
        chosen_language = str(self.document_language.currentData())
        if self.db is not None and chosen_language != self.initial_document_language:
            shop.set_language(self.db.uow(), self.actor, chosen_language)
        self.saved = self.app_settings.save(self.values())
        self._audit_smtp_change(self.saved)
        self.restart_needed = self.saved.database_url != self.initial.database_url
        apply_theme(self.saved.theme)
        self.language_changed = self.saved.language != self.initial.language

    def _audit_smtp_change(self, saved: Config) -> None:
        """The audit trail names who changed the mail server (not the password: never in the database)."""
        smtp = saved.smtp_settings()
        if self.db is None or smtp is None or saved.smtp == self.initial.smtp:
            return
        if allowed(self.actor, Action.MANAGE_SETTINGS):
            mail.record_smtp_change(self.db.uow(), self.actor, host=smtp.host, port=smtp.port)

    def show_field_error(self, field: str, message: str) -> None:
        """Bring the field's tab forward, then show the message under it."""
        tab = self._tab_of.get(self._aliases.get(field, field))
        if tab is not None:
            self.tabs.setCurrentIndex(tab)
        super().show_field_error(field, message)


def open_settings(window: QMainWindow, db: Database | None, actor: Actor, settings: AppSettings) -> bool:
    """Run the dialog over `window`; True when something was saved."""
    dialog = SettingsDialog(db, actor, settings, window)
    run = getattr(window, "run_dialog", None)  # the main window's hook that tests replace
    accepted = run(dialog) if callable(run) else dialog.exec() == FormDialog.DialogCode.Accepted
    if accepted and dialog.language_changed and dialog.saved is not None:
        # Only now, with the dialog closed: the shell rebuilds the window that owned it.
        set_language(dialog.saved.language)
    if accepted and dialog.restart_needed:
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "SettingsDialog", "The new database is used the next time StockDesk starts."
            ),
            10000,
        )
    return bool(accepted)


def install_settings_action(
    window: QMainWindow, db: Database | None, actor: Actor, settings: AppSettings | None = None
) -> QAction:
    """Add "Settings…" (Ctrl+,) to the window's first menu (File), above its last entry (Quit)."""
    action = QAction(QCoreApplication.translate("SettingsDialog", "Se&ttings…"), window)
    action.setObjectName("settings_action")
    action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Preferences), QKeySequence("Ctrl+,")])
    action.setStatusTip(
        QCoreApplication.translate("SettingsDialog", "Language, theme, this desk's store, database, e-mail")
    )
    action.setMenuRole(QAction.MenuRole.PreferencesRole)
    chosen = settings

    def trigger() -> None:
        try:
            open_settings(window, db, actor, chosen or AppSettings())
        except StockDeskError as error:  # e.g. the database went away while listing stores
            window.statusBar().showMessage(error_text(error), 10000)

    action.triggered.connect(trigger)
    menus = [a.menu() for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)]
    if menus:
        menu = menus[0]
        entries = menu.actions()
        before = entries[-1] if entries else None
        menu.insertAction(before, action)
        if before is not None:
            menu.insertSeparator(before)
    else:
        window.menuBar().addAction(action)
    window.addAction(action)  # the shortcut works even where the menu bar is hidden
    return action
