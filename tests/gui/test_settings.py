"""Settings: what is saved comes back, bad values are refused naming the field, theme and language apply."""

import os
import stat
import subprocess
import sys

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMainWindow
from sqlalchemy import text

from stockdesk.config import Config, FileSecrets, SmtpConfig, Theme, configured_smtp
from stockdesk.domain.errors import ValidationError
from stockdesk.reports.registry import run_report
from stockdesk.reports.spec import ReportOptions
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.database import open_database
from stockdesk.services.inventory import stock
from stockdesk.services.maintenance import shop
from stockdesk.ui.dialogs.settings_dialog import SettingsDialog, install_settings_action, open_settings
from stockdesk.ui.i18n import current_language, set_language
from stockdesk.ui.settings import AppSettings, import_qsettings
from stockdesk.ui.theme import apply_theme
from tests.support.smtp import LoopbackController, dead_port

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def ini(tmp_path):
    return tmp_path / "config" / "config.ini"


def make_settings(tmp_path, ini) -> AppSettings:
    return AppSettings(ini.parent, FileSecrets(tmp_path / "secrets.json"))


@pytest.fixture
def settings(tmp_path, ini):
    return make_settings(tmp_path, ini)


@pytest.fixture(autouse=True)
def english_light_afterwards(qapp):
    yield
    set_language("en")
    apply_theme(Theme.LIGHT)


@pytest.fixture
def dialog_for(qtbot, gui_db, settings):
    def make(actor) -> SettingsDialog:
        dialog = SettingsDialog(gui_db, actor, settings)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def retype(qtbot, edit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_values_saved_in_the_dialog_are_there_after_a_restart(
    qtbot, tmp_path, ini, gui_db, gui_admin, gui_store, dialog_for
):
    dialog = dialog_for(gui_admin)
    retype(qtbot, dialog.smtp_host, "mail.example.com")
    dialog.smtp_port.setValue(465)
    dialog.smtp_security.setCurrentIndex(dialog.smtp_security.findData("ssl"))
    retype(qtbot, dialog.smtp_user, "stock")
    retype(qtbot, dialog.smtp_password, "s3cret-pass")
    retype(qtbot, dialog.smtp_sender, "stock@example.com")
    retype(qtbot, dialog.sync_server, "https://server.example:8443")
    dialog.camera.setValue(2)
    dialog.default_store.setCurrentIndex(dialog.default_store.findData(str(gui_store.id)))
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    save(qtbot, dialog)
    assert not dialog.isVisible(), dialog.general_error_text()

    again = make_settings(tmp_path, ini).load()  # a fresh store on the same file: as after a restart
    assert again.smtp == SmtpConfig(
        "mail.example.com", 465, "ssl", "stock", "s3cret-pass", "stock@example.com"
    )
    assert again.sync_server_url == "https://server.example:8443"
    assert (again.camera_index, again.default_store_id, again.theme) == (2, str(gui_store.id), Theme.DARK)
    smtp = again.smtp_settings()
    assert smtp is not None and (smtp.host, smtp.port, smtp.sender) == (
        "mail.example.com",
        465,
        "stock@example.com",
    )
    shared = configured_smtp(make_settings(tmp_path, ini))  # what the mail worker and `stockdesk mail` read
    assert shared is not None and (shared.host, shared.port, shared.security, shared.password) == (
        "mail.example.com",
        465,
        "ssl",
        "s3cret-pass",
    )
    with gui_db.engine.connect() as connection:  # the database (and so every backup) holds no password
        stored = connection.execute(text("select key, value from local_setting")).all()
    assert [key for key, value in stored if "s3cret-pass" in value or key.startswith("smtp")] == []


def test_the_smtp_password_is_not_in_the_settings_file_but_in_a_file_only_the_user_reads(
    tmp_path, ini, settings
):
    settings.save(Config(smtp=SmtpConfig(host="mail.example.com", password="s3cret-pass", sender="a@b.cd")))
    assert "s3cret-pass" not in ini.read_text()
    secrets = tmp_path / "secrets.json"
    assert "s3cret-pass" in secrets.read_text()
    if os.name == "posix":
        assert stat.S_IMODE(secrets.stat().st_mode) == 0o600


def test_the_database_chosen_in_the_settings_is_the_one_stockdesk_check_checks_without_db(
    qtbot, tmp_path, gui_admin
):
    shop = tmp_path / "chosen-shop.sqlite"
    db = open_database(str(shop))
    boss = users.create_first_admin(db.uow(), email="boss@example.com", password="boss-pass-1")
    store = organisation.create_store(db.uow(), boss, code="MAIN", name="Main")
    item = catalog.create_item(db.uow(), boss, sku="ONLY-HERE", name="Only in the chosen file")
    stock.receive(db.uow(), boss, item_id=item.id, store_id=store.id, quantity="5")
    with db.engine.begin() as connection:  # a level that disagrees with its ledger: `check` names it
        connection.execute(text("update stock_level set on_hand = 0"))
    db.close()
    dialog = SettingsDialog(None, gui_admin, AppSettings())  # the configuration every command reads
    qtbot.addWidget(dialog)
    retype(qtbot, dialog.database, str(shop))
    save(qtbot, dialog)
    assert dialog.restart_needed, dialog.general_error_text()

    done = subprocess.run(
        [sys.executable, "-m", "stockdesk", "check"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "ONLY-HERE in MAIN: stock_level 0" in done.stdout and "but ledger 5" in done.stdout


def test_settings_an_earlier_version_kept_in_qsettings_are_taken_over_once(tmp_path, ini, settings):
    legacy = QSettings(str(tmp_path / "legacy.ini"), QSettings.Format.IniFormat)
    legacy.setValue("database/url", "postgresql://desk@server/shop")
    legacy.setValue("smtp/host", "mail.example.com")
    legacy.setValue("smtp/sender", "stock@example.com")
    legacy.setValue("scanner/camera_index", 2)
    legacy.setValue("appearance/theme", "dark")
    settings.secrets.set("smtp-password", "kept-in-keyring")  # the password never was in QSettings
    assert import_qsettings(settings, legacy)
    taken = settings.load()
    assert (taken.database_url, taken.camera_index, taken.theme) == (
        "postgresql://desk@server/shop",
        2,
        Theme.DARK,
    )
    assert (taken.smtp.host, taken.smtp.sender, taken.smtp.password) == (
        "mail.example.com",
        "stock@example.com",
        "kept-in-keyring",
    )
    legacy.setValue("database/url", "postgresql://desk@elsewhere/shop")
    assert not import_qsettings(settings, legacy)  # once: the config file now rules
    assert settings.load().database_url == "postgresql://desk@server/shop"


def test_a_bad_sender_address_is_refused_next_to_the_field_and_nothing_is_saved(
    qtbot, ini, gui_admin, dialog_for, settings
):
    dialog = dialog_for(gui_admin)
    retype(qtbot, dialog.smtp_host, "mail.example.com")
    retype(qtbot, dialog.smtp_sender, "stock@example")
    dialog.camera.setValue(3)
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_text("smtp_sender") == 'Sender address "stock@example" is not an e-mail address'
    assert dialog.tabs.currentIndex() == dialog._tab_of["smtp_sender"]  # the tab with the field shows
    assert settings.load().camera_index == 0
    assert not ini.exists() or "camera" not in ini.read_text()


def test_a_server_given_without_a_sender_is_refused(settings):
    with pytest.raises(ValidationError) as refused:
        settings.save(Config(smtp=SmtpConfig(host="mail.example.com")))
    assert refused.value.field == "smtp_sender"


@pytest.mark.parametrize(
    ("field", "settings_value"),
    [
        ("database_url", Config(database_url="mysql://db/stock")),
        ("database_url", Config(database_url="no-such-folder/x/stock.sqlite")),
        ("sync_server_url", Config(sync_server_url="postgresql://desk@server/stockdesk")),
        ("smtp_port", Config(smtp=SmtpConfig(host="m.example.com", port=0, sender="a@b.cd"))),
        ("language", Config(language="fr")),
    ],
)
def test_bad_values_are_refused_naming_the_field(settings, field, settings_value):
    with pytest.raises(ValidationError) as refused:
        settings.save(settings_value)
    assert refused.value.field == field


def test_a_clerk_may_change_appearance_but_not_the_database_or_mail(
    qtbot, gui_db, gui_admin, gui_store, dialog_for
):
    clerk = users.create_user(
        gui_db.uow(), gui_admin, email="cleo@example.com", password="clerk-pass-1", role="clerk", name="Cleo"
    )
    dialog = dialog_for(users.authenticate(gui_db.uow(), email=clerk.email, password="clerk-pass-1"))
    assert dialog.language.isEnabled() and dialog.theme.isEnabled()
    assert not dialog.smtp_host.isEnabled() and not dialog.database.isEnabled()
    assert not dialog.document_language.isEnabled()  # a shop-wide setting: managers and admins


def test_a_manager_chooses_german_documents_and_the_next_report_is_german_on_an_english_desk(
    qtbot, gui_db, gui_admin, gui_store, dialog_for, tmp_path
):
    dialog = dialog_for(gui_admin)
    dialog.document_language.setCurrentIndex(dialog.document_language.findData("de"))
    save(qtbot, dialog)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert shop.language(gui_db.uow()) == "de" and current_language() == "en"
    report = run_report(gui_db, gui_admin, "valuation", ReportOptions(), tmp_path / "v.pdf", language="en")
    text = "".join(page.extract_text() for page in PdfReader(report.path).pages)
    assert "Bestandsbewertung" in text and "Inventory valuation" not in text
    assert dialog_for(gui_admin).document_language.currentData() == "de"  # shown as saved


def test_choosing_german_switches_the_running_app_and_new_dialogs_speak_it(
    qtbot, gui_db, gui_admin, dialog_for, settings
):
    window = QMainWindow()
    qtbot.addWidget(window)

    def choose_german(dialog) -> bool:
        dialog.language.setCurrentIndex(dialog.language.findData("de"))
        save(qtbot, dialog)
        return dialog.result() == SettingsDialog.DialogCode.Accepted

    window.run_dialog = choose_german
    assert open_settings(window, gui_db, gui_admin, settings)
    assert current_language() == "de"
    assert settings.load().language == "de"
    again = dialog_for(gui_admin)
    assert again.windowTitle() == "Einstellungen"
    assert again.ok_button.text() == "Speichern"
    assert again.tabs.tabText(0) == "Darstellung"


def test_the_dark_theme_darkens_the_palette_and_light_brings_it_back(qapp):
    apply_theme(Theme.DARK)
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
    apply_theme(Theme.LIGHT)
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 180


def test_the_settings_action_sits_in_the_first_menu_above_quit_and_opens_the_dialog(
    qtbot, gui_db, gui_admin, settings
):
    window = QMainWindow()
    qtbot.addWidget(window)
    file_menu = window.menuBar().addMenu("&File")
    quit_action = file_menu.addAction("&Quit")
    opened = []
    window.run_dialog = lambda dialog: opened.append(dialog) or False
    action = install_settings_action(window, gui_db, gui_admin, settings)
    entries = [a for a in file_menu.actions() if not a.isSeparator()]
    assert entries == [action, quit_action]
    assert "Ctrl+," in [s.toString() for s in action.shortcuts()]
    action.trigger()
    assert len(opened) == 1 and isinstance(opened[0], SettingsDialog)


def fill_server(qtbot, dialog, port: int) -> None:
    retype(qtbot, dialog.smtp_host, "127.0.0.1")
    dialog.smtp_port.setValue(port)
    dialog.smtp_security.setCurrentIndex(dialog.smtp_security.findData("none"))
    retype(qtbot, dialog.smtp_sender, "stock@example.com")


def test_testing_the_mail_server_says_it_answered(qtbot, gui_admin, dialog_for):
    from aiosmtpd.handlers import Sink

    controller = LoopbackController(Sink())
    port = controller.port
    controller.start()
    try:
        dialog = dialog_for(gui_admin)
        fill_server(qtbot, dialog, port)
        qtbot.mouseClick(dialog.smtp_test, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.smtp_test.isEnabled(), timeout=15_000)
    finally:
        controller.stop()
    assert dialog.smtp_result.text().startswith("Connected: 250")


def test_testing_a_server_that_is_not_there_says_so_and_saves_nothing(qtbot, gui_admin, dialog_for, settings):
    dialog = dialog_for(gui_admin)
    with dead_port() as sock:
        fill_server(qtbot, dialog, sock.getsockname()[1])
        qtbot.mouseClick(dialog.smtp_test, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.smtp_test.isEnabled(), timeout=15_000)
    assert dialog.smtp_result.text().startswith("Could not connect:")
    assert settings.load().smtp.host == ""


def test_a_refusal_of_the_shared_configuration_reads_in_the_windows_language(settings):
    assert set_language("de")
    with pytest.raises(ValidationError) as refused:
        settings.save(Config(sync_server_url="postgresql://desk@server/stockdesk"))
    assert (refused.value.field, refused.value.reason) == (
        "sync_server_url",
        "muss die Adresse des StockDesk-Servers sein (https://host:port)",
    )
