"""This person's configuration on this computer, shared by the window and every command (no Qt).

One INI file, `config.ini`, in the user's config folder (or `$STOCKDESK_CONFIG_DIR`): the database,
the sync server, the mail server, the camera, the desk's default store, language and theme. The
window's settings dialog edits it; `stockdesk check`, `report`, `mail --flush` ... read it, so a
command run without `--db` works on the database the window uses.

The SMTP password never goes into that file nor into any database: it goes to the system keyring
when one answers, otherwise to `secrets.json` beside the config, created readable by its owner only
(0600). A folder named by `$STOCKDESK_CONFIG_DIR` keeps its secret in that file too, never in the
keyring, which is one per user: two configurations (two test workers, a second shop on one PC)
must not share a password.
"""

from __future__ import annotations

import configparser
import json
import os
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Protocol

import platformdirs

from stockdesk.domain.errors import ValidationError
from stockdesk.services.database import APP_NAME, default_database_url
from stockdesk.services.mail import SmtpSettings
from stockdesk.services.validation import email_address, optional_text, whole_number

CONFIG_DIR_ENV = "STOCKDESK_CONFIG_DIR"
CONFIG_FILE = "config.ini"
SECRETS_FILE = "secrets.json"
SMTP_PASSWORD_KEY = "smtp-password"
LANGUAGES = ("en", "de")  # English is the source language; German ships as resources/translations
SECURITY = ("none", "starttls", "ssl")
_SERVER_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")

# The refusal texts; the window shows them translated (ui/settings.py keeps the same literals).
NOT_A_DATABASE = "must be a file path or a postgresql:// URL"
NO_SUCH_FOLDER = "is in a folder that does not exist"
NOT_A_SERVER = "must be the StockDesk server's address (https://host:port)"
NOT_A_SECURITY = "must be none, starttls or ssl"
NOT_A_LANGUAGE = "is not a language StockDesk speaks"
NOT_A_THEME = "must be system, light or dark"


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True)
class SmtpConfig:
    host: str = ""  # empty: this desk sends no e-mail
    port: int = 587
    security: str = "starttls"  # none, starttls or ssl (as services.mail.connect)
    user: str = ""
    password: str = ""
    sender: str = ""


@dataclass(frozen=True)
class Config:
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


# validation -------------------------------------------------------------------------------------


def _database_url(value: str, field_name: str) -> str:
    text = value.strip()
    if not text or text.startswith(("sqlite:///", *_SERVER_SCHEMES)):
        return text
    if "://" in text:
        raise ValidationError(field_name, value, NOT_A_DATABASE)
    if not Path(text).expanduser().parent.is_dir():
        raise ValidationError(field_name, value, NO_SUCH_FOLDER)
    return text


def _server_url(value: str) -> str:
    text = value.strip()
    if text and not text.startswith(("https://", "http://")):
        raise ValidationError("sync_server_url", value, NOT_A_SERVER)
    return text


def _smtp(smtp: SmtpConfig) -> SmtpConfig:
    security = str(smtp.security).strip().lower()
    if security not in SECURITY:
        raise ValidationError("smtp_security", smtp.security, NOT_A_SECURITY)
    host = optional_text("smtp_host", smtp.host, max_length=253)
    return SmtpConfig(
        host=host,
        port=whole_number("smtp_port", smtp.port, minimum=1, maximum=65535),
        security=security,
        user=optional_text("smtp_user", smtp.user, max_length=254),
        password=smtp.password,
        sender=email_address("smtp_sender", smtp.sender, required=bool(host)),
    )


def validate(config: Config) -> Config:
    """The configuration cleaned up, or ValidationError(field, value, reason) for the first bad field."""
    if config.language not in LANGUAGES:
        raise ValidationError("language", config.language, NOT_A_LANGUAGE)
    try:
        theme = Theme(config.theme)
    except ValueError:
        raise ValidationError("theme", config.theme, NOT_A_THEME) from None
    return replace(
        config,
        database_url=_database_url(config.database_url, "database_url"),
        sync_server_url=_server_url(config.sync_server_url),
        smtp=_smtp(config.smtp),
        camera_index=whole_number("camera_index", config.camera_index, maximum=99),
        theme=theme,
    )


# secrets ----------------------------------------------------------------------------------------


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
        _write_private(self.path, json.dumps(values))


def _write_private(path: Path, text: str) -> None:
    """Write `text` to `path` readable by its owner only, replacing the file in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    # Created 0600 from the start: a chmod after writing would leave a moment others could read it.
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(partial, 0o600)
    os.replace(partial, path)  # a reader never sees half a file


def keyring_available() -> bool:
    """True when a real keyring backend answers (the 'fail' backend has priority 0)."""
    try:
        import keyring

        return float(keyring.get_keyring().priority) > 0
    except Exception:  # a broken keyring setup must not stop the app: fall back to the file
        return False


def config_dir() -> Path:
    """`$STOCKDESK_CONFIG_DIR`, else the user's config folder for StockDesk."""
    chosen = os.environ.get(CONFIG_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_secrets(folder: Path | None = None) -> SecretStore:
    """The keyring for the user's own configuration when one answers, else the 0600 file."""
    if folder is None and not os.environ.get(CONFIG_DIR_ENV) and keyring_available():
        return KeyringSecrets()
    return FileSecrets((folder or config_dir()) / SECRETS_FILE)


# the file ---------------------------------------------------------------------------------------

# Config field -> (section, key) in config.ini; the same names the window's QSettings used.
_KEYS: dict[str, tuple[str, str]] = {
    "database_url": ("database", "url"),
    "sync_server_url": ("sync", "server_url"),
    "smtp.host": ("smtp", "host"),
    "smtp.port": ("smtp", "port"),
    "smtp.security": ("smtp", "security"),
    "smtp.user": ("smtp", "user"),
    "smtp.sender": ("smtp", "sender"),
    "camera_index": ("scanner", "camera_index"),
    "default_store_id": ("desk", "default_store_id"),
    "language": ("appearance", "language"),
    "theme": ("appearance", "theme"),
}


class ConfigStore:
    """Load and save the `Config` of one folder (default: `config_dir()`)."""

    def __init__(self, folder: Path | None = None, secrets: SecretStore | None = None) -> None:
        self.folder = folder if folder is not None else config_dir()
        self.path = self.folder / CONFIG_FILE
        self._secrets = secrets
        self._own_folder = folder is None

    @property
    def secrets(self) -> SecretStore:
        """Chosen on first use: a command that only needs the database never asks the keyring."""
        if self._secrets is None:
            self._secrets = default_secrets(None if self._own_folder else self.folder)
        return self._secrets

    def exists(self) -> bool:
        return self.path.exists()

    def _read(self) -> dict[str, str]:
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(self.path, encoding="utf-8")
        except configparser.Error:  # a hand-edited file gone wrong: start from the defaults
            return {}
        return {
            name: parser.get(section, key)
            for name, (section, key) in _KEYS.items()
            if parser.has_option(section, key)
        }

    def load(self, *, with_secrets: bool = True) -> Config:
        """The saved configuration; `with_secrets=False` leaves the SMTP password empty."""
        values = self._read()
        text = values.get
        language = text("language", "en")
        theme = text("theme", Theme.SYSTEM.value)
        smtp = SmtpConfig(
            host=text("smtp.host", ""),
            port=_int(text("smtp.port", ""), 587),
            security=text("smtp.security", "starttls"),
            user=text("smtp.user", ""),
            password=self.secrets.get(SMTP_PASSWORD_KEY) if with_secrets else "",
            sender=text("smtp.sender", ""),
        )
        return Config(
            database_url=text("database_url", ""),
            sync_server_url=text("sync_server_url", ""),
            smtp=smtp,
            camera_index=_int(text("camera_index", ""), 0),
            default_store_id=text("default_store_id", ""),
            language=language if language in LANGUAGES else "en",
            theme=Theme(theme) if theme in Theme.__members__.values() else Theme.SYSTEM,
        )

    def save(self, config: Config) -> Config:
        """Validate, then store everything (nothing is stored when a field is refused)."""
        clean = validate(config)
        values = {
            "database_url": clean.database_url,
            "sync_server_url": clean.sync_server_url,
            "smtp.host": clean.smtp.host,
            "smtp.port": str(clean.smtp.port),
            "smtp.security": clean.smtp.security,
            "smtp.user": clean.smtp.user,
            "smtp.sender": clean.smtp.sender,
            "camera_index": str(clean.camera_index),
            "default_store_id": clean.default_store_id,
            "language": clean.language,
            "theme": clean.theme.value,
        }
        parser = configparser.ConfigParser(interpolation=None)
        for name, (section, key) in _KEYS.items():
            if not parser.has_section(section):
                parser.add_section(section)
            parser.set(section, key, values[name])
        self.secrets.set(SMTP_PASSWORD_KEY, clean.smtp.password)
        # 0600: a postgresql:// URL may carry the database password.
        _write_private(self.path, _ini_text(parser))
        return clean

    def update(self, **changes: str | int) -> Config:
        """Change a few top-level fields (e.g. the wizard's default store) and save."""
        return self.save(replace(self.load(), **changes))  # type: ignore[arg-type]


def _int(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:  # a hand-edited file: fall back rather than refuse to start
        return default


def _ini_text(parser: configparser.ConfigParser) -> str:
    lines = ["# StockDesk configuration: edited by the settings dialog; the SMTP password is not here.\n"]
    for section in parser.sections():
        lines.append(f"\n[{section}]\n")
        lines += [f"{key} = {value}\n" for key, value in parser.items(section)]
    return "".join(lines)


def load_config() -> Config:
    """The configuration of this user on this computer (defaults where nothing was saved)."""
    return ConfigStore().load()


def database_url(explicit: str | None = None, config: Config | None = None) -> str:
    """`explicit` (a --db) when given, else the configured database, else the local file."""
    if explicit:
        return explicit
    configured = (config or ConfigStore().load(with_secrets=False)).database_url
    return configured or default_database_url()


def configured_smtp(store: ConfigStore | None = None) -> SmtpSettings | None:
    """The mail server of the configuration, read afresh; the keyring is asked only when there is one."""
    chosen = store or ConfigStore()
    if not chosen.load(with_secrets=False).smtp.host:
        return None
    return chosen.load().smtp_settings()


class ConfiguredSmtp:
    """`configured_smtp` for a worker that asks every round: read again only after config.ini changed.

    Each save replaces the file (a new inode), so a server or password changed in the settings
    applies at the next round, while an unchanged configuration never asks the keyring again.
    """

    def __init__(self, store: ConfigStore | None = None) -> None:
        self.store = store or ConfigStore()
        self._seen: tuple[int, int] | None = None
        self._settings: SmtpSettings | None = None

    def __call__(self) -> SmtpSettings | None:
        try:
            status = self.store.path.stat()
            stamp: tuple[int, int] | None = (status.st_ino, status.st_mtime_ns)
        except OSError:
            stamp = None
        if stamp is None or stamp != self._seen:
            self._settings = configured_smtp(self.store)
            self._seen = stamp
        return self._settings
