"""This person's settings on this computer: a typed wrapper over QSettings.

Plain values live in QSettings (per user). The SMTP password never goes there: it goes to the
system keyring when one is available, otherwise to a file only the user can read (mode 0600).
`validate` checks everything before anything is stored, raising ValidationError naming the field.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Protocol

import platformdirs
from PySide6.QtCore import QCoreApplication, QSettings

from stockdesk.domain.errors import ValidationError
from stockdesk.services.database import APP_NAME
from stockdesk.services.mail import SECURITY, SmtpSettings
from stockdesk.services.validation import email_address, optional_text, whole_number

LANGUAGES = ("en", "de")  # English is the source language; German ships as resources/translations
SMTP_PASSWORD_KEY = "smtp-password"
_SERVER_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True)
class SmtpConfig:
    host: str = ""  # empty: this desk sends no e-mail
    port: int = 587
    security: str = "starttls"  # none, starttls or ssl (as services.mail)
    user: str = ""
    password: str = ""
    sender: str = ""


@dataclass(frozen=True)
class DeskSettings:
    database_url: str = ""  # empty: the local file in the user's data folder
    sync_server_url: str = ""  # empty: this desk works alone
    smtp: SmtpConfig = field(default_factory=SmtpConfig)
    camera_index: int = 0
    default_store_id: str = ""
    language: str = "en"
    theme: Theme = Theme.SYSTEM

    def smtp_settings(self) -> SmtpSettings | None:
        """What the mail worker needs, or None when no server is configured."""
        s = self.smtp
        if not s.host:
            return None
        return SmtpSettings(s.host, s.port, s.security, s.user, s.password, s.sender)


def _database_url(value: str, field_name: str) -> str:
    text = value.strip()
    if not text or text.startswith(("sqlite:///", *_SERVER_SCHEMES)):
        return text
    if "://" in text:
        raise ValidationError(
            field_name,
            value,
            QCoreApplication.translate("AppSettings", "must be a file path or a postgresql:// URL"),
        )
    folder = Path(text).expanduser().parent
    if not folder.is_dir():
        raise ValidationError(
            field_name, value, QCoreApplication.translate("AppSettings", "is in a folder that does not exist")
        )
    return text


def _server_url(value: str) -> str:
    text = value.strip()
    if text and not text.startswith(_SERVER_SCHEMES):
        raise ValidationError(
            "sync_server_url", value, QCoreApplication.translate("AppSettings", "must be a postgresql:// URL")
        )
    return text


def _smtp(smtp: SmtpConfig) -> SmtpConfig:
    security = str(smtp.security).strip().lower()
    if security not in SECURITY:
        raise ValidationError(
            "smtp_security",
            smtp.security,
            QCoreApplication.translate("AppSettings", "must be none, starttls or ssl"),
        )
    host = optional_text("smtp_host", smtp.host, max_length=253)
    sender = email_address("smtp_sender", smtp.sender, required=bool(host))
    return SmtpConfig(
        host=host,
        port=whole_number("smtp_port", smtp.port, minimum=1, maximum=65535),
        security=security,
        user=optional_text("smtp_user", smtp.user, max_length=254),
        password=smtp.password,
        sender=sender,
    )


def validate(settings: DeskSettings) -> DeskSettings:
    """The settings cleaned up, or ValidationError(field, value, reason) for the first bad field."""
    if settings.language not in LANGUAGES:
        raise ValidationError(
            "language",
            settings.language,
            QCoreApplication.translate("AppSettings", "is not a language StockDesk speaks"),
        )
    try:
        theme = Theme(settings.theme)
    except ValueError:
        raise ValidationError(
            "theme",
            settings.theme,
            QCoreApplication.translate("AppSettings", "must be system, light or dark"),
        ) from None
    return replace(
        settings,
        database_url=_database_url(settings.database_url, "database_url"),
        sync_server_url=_server_url(settings.sync_server_url),
        smtp=_smtp(settings.smtp),
        camera_index=whole_number("camera_index", settings.camera_index, maximum=99),
        theme=theme,
    )


class SecretStore(Protocol):
    def get(self, name: str) -> str: ...
    def set(self, name: str, value: str) -> None: ...


class KeyringSecrets:
    """The operating system's keyring (Secret Service, Windows Credential Locker, macOS Keychain)."""

    def get(self, name: str) -> str:
        import keyring

        return keyring.get_password(APP_NAME, name) or ""

    def set(self, name: str, value: str) -> None:
        import keyring
        from keyring.errors import PasswordDeleteError

        if value:
            keyring.set_password(APP_NAME, name, value)
            return
        try:
            keyring.delete_password(APP_NAME, name)
        except PasswordDeleteError:  # nothing stored: nothing to forget
            pass


class FileSecrets:
    """A JSON file readable by its owner only, for machines without a keyring (headless Linux)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, str]:
        try:
            return dict(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return {}

    def get(self, name: str) -> str:
        return str(self._read().get(name, ""))

    def set(self, name: str, value: str) -> None:
        values = self._read()
        if value:
            values[name] = value
        else:
            values.pop(name, None)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Created 0600 from the start: a chmod after writing would leave a moment others could read it.
        descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(values, handle)
        os.chmod(self.path, 0o600)


def keyring_available() -> bool:
    """True when a real keyring backend answers (the 'fail' backend has priority 0)."""
    try:
        import keyring

        return float(keyring.get_keyring().priority) > 0
    except Exception:  # a broken keyring setup must not stop the app: fall back to the file
        return False


def default_secrets() -> SecretStore:
    if keyring_available():
        return KeyringSecrets()
    return FileSecrets(Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "secrets.json")


class AppSettings:
    """Load and save `DeskSettings`; pass a QSettings on an ini file in tests."""

    def __init__(self, store: QSettings | None = None, secrets: SecretStore | None = None) -> None:
        self.store = store if store is not None else QSettings(APP_NAME, APP_NAME)
        self.secrets = secrets if secrets is not None else default_secrets()

    def _text(self, key: str, default: str = "") -> str:
        value = self.store.value(key, default)
        return default if value is None else str(value)

    def _int(self, key: str, default: int) -> int:
        try:
            return int(self._text(key, str(default)))
        except ValueError:  # a hand-edited file: fall back rather than refuse to start
            return default

    def load(self) -> DeskSettings:
        theme = self._text("appearance/theme", Theme.SYSTEM.value)
        language = self._text("appearance/language", "en")
        smtp = SmtpConfig(
            host=self._text("smtp/host"),
            port=self._int("smtp/port", 587),
            security=self._text("smtp/security", "starttls"),
            user=self._text("smtp/user"),
            password=self.secrets.get(SMTP_PASSWORD_KEY),
            sender=self._text("smtp/sender"),
        )
        return DeskSettings(
            database_url=self._text("database/url"),
            sync_server_url=self._text("sync/server_url"),
            smtp=smtp,
            camera_index=self._int("scanner/camera_index", 0),
            default_store_id=self._text("desk/default_store_id"),
            language=language if language in LANGUAGES else "en",
            theme=Theme(theme) if theme in Theme.__members__.values() else Theme.SYSTEM,
        )

    def save(self, settings: DeskSettings) -> DeskSettings:
        """Validate, then store everything (nothing is stored when a field is refused)."""
        clean = validate(settings)
        values: dict[str, object] = {
            "database/url": clean.database_url,
            "sync/server_url": clean.sync_server_url,
            "smtp/host": clean.smtp.host,
            "smtp/port": clean.smtp.port,
            "smtp/security": clean.smtp.security,
            "smtp/user": clean.smtp.user,
            "smtp/sender": clean.smtp.sender,
            "scanner/camera_index": clean.camera_index,
            "desk/default_store_id": clean.default_store_id,
            "appearance/language": clean.language,
            "appearance/theme": clean.theme.value,
        }
        for key, value in values.items():
            self.store.setValue(key, value)
        self.secrets.set(SMTP_PASSWORD_KEY, clean.smtp.password)
        self.store.sync()
        return clean

    def update(self, **changes: object) -> DeskSettings:
        """Change a few top-level fields (e.g. the wizard's default store) and save."""
        return self.save(replace(self.load(), **changes))  # type: ignore[arg-type]
