"""The configuration as the window edits it: `stockdesk.config`, with refusals in the window's language.

The values live in the one configuration every command reads (`stockdesk.config`); this module only
translates the refusal texts and brings over what older versions kept in QSettings.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QSettings

from stockdesk import config
from stockdesk.config import Config, ConfigStore, SmtpConfig, Theme
from stockdesk.domain.errors import ValidationError
from stockdesk.services.database import APP_NAME

__all__ = ["AppSettings", "Config", "SmtpConfig", "Theme", "import_qsettings", "validate"]


def _reasons() -> dict[str, str]:
    """config's English refusal texts in the current language (literal, so lupdate finds them)."""
    return {
        config.NOT_A_DATABASE: QCoreApplication.translate(
            "AppSettings", "must be a file path or a postgresql:// URL"
        ),
        config.NO_SUCH_FOLDER: QCoreApplication.translate(
            "AppSettings", "is in a folder that does not exist"
        ),
        config.NOT_A_SERVER: QCoreApplication.translate(
            "AppSettings", "must be the StockDesk server's address (https://host:port)"
        ),
        config.NOT_A_SECURITY: QCoreApplication.translate("AppSettings", "must be none, starttls or ssl"),
        config.NOT_A_LANGUAGE: QCoreApplication.translate(
            "AppSettings", "is not a language StockDesk speaks"
        ),
        config.NOT_A_THEME: QCoreApplication.translate("AppSettings", "must be system, light or dark"),
    }


def translated(error: ValidationError) -> ValidationError:
    """The same refusal, its reason in the window's language when it is one of config's."""
    reason = _reasons().get(error.reason)
    return error if reason is None else ValidationError(error.field, error.value, reason)


def validate(settings: Config) -> Config:
    """`config.validate`, refusing in the window's language."""
    try:
        return config.validate(settings)
    except ValidationError as error:
        raise translated(error) from None


class AppSettings(ConfigStore):
    """The shared configuration store; `save` refuses in the window's language."""

    def save(self, settings: Config) -> Config:
        try:
            return super().save(settings)
        except ValidationError as error:
            raise translated(error) from None


# Sections of the QSettings that versions before config.ini kept the window's settings in.
_LEGACY_SECTIONS = {"database", "sync", "smtp", "scanner", "desk", "appearance"}


def import_qsettings(store: ConfigStore, legacy: QSettings | None = None) -> bool:
    """Once, when no config file exists yet: take over what the window kept in QSettings.

    True when something was taken over. Values that no longer pass are left behind rather than
    stopping the window from starting.
    """
    if store.exists():
        return False
    old = legacy if legacy is not None else QSettings(APP_NAME, APP_NAME)
    if not any(key.split("/")[0] in _LEGACY_SECTIONS for key in old.allKeys()):
        return False

    def text(key: str, default: str = "") -> str:
        value = old.value(key, default)
        return default if value is None else str(value)

    def number(key: str, default: int) -> int:
        value = text(key)
        return int(value) if value.isdigit() else default

    current = store.load()  # keeps the password the keyring already holds
    theme = text("appearance/theme", Theme.SYSTEM.value)
    taken = replace(
        current,
        database_url=text("database/url"),
        sync_server_url=text("sync/server_url"),
        smtp=replace(
            current.smtp,
            host=text("smtp/host"),
            port=number("smtp/port", 587),
            security=text("smtp/security", "starttls"),
            user=text("smtp/user"),
            sender=text("smtp/sender"),
        ),
        camera_index=number("scanner/camera_index", 0),
        default_store_id=text("desk/default_store_id"),
        language=text("appearance/language", "en"),
        theme=Theme(theme) if theme in Theme.__members__.values() else Theme.SYSTEM,
    )
    try:
        store.save(taken)
    except ValidationError:
        return False
    return True
