"""config: the SMTP settings leave the database (no plain-text password in files and backups)

Earlier versions copied this desk's SMTP settings, password included, into `local_setting`
(`smtp.host`, ..., `smtp.password`) so headless commands could read them; every backup copied the
password along. The settings now live in the configuration (`stockdesk.config`) and the password in
the keyring or a 0600 file. This revision deletes the rows. Before that it takes them over where it
can: into the configuration of whoever runs the upgrade when it names no mail server yet, and the
password into its secret store when that holds none. Whatever cannot be taken over is dropped, and
the log says so (enter it again in Settings -> E-mail).

There is no way back: the downgrade leaves the password where it went.

Revision ID: 0007_smtp_out_of_database
Revises: 0001
"""

from __future__ import annotations

import logging
from dataclasses import replace

import sqlalchemy as sa
from alembic import op

revision = "0007_smtp_out_of_database"
down_revision = "0001"
branch_labels = None
depends_on = None

log = logging.getLogger("stockdesk.migrations")
_SETTING = sa.table("local_setting", sa.column("key", sa.String), sa.column("value", sa.Text))
_PREFIX = "smtp."


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(_SETTING.c.key, _SETTING.c.value).where(_SETTING.c.key.like(f"{_PREFIX}%"))
    ).all()
    stored = {key.removeprefix(_PREFIX): value or "" for key, value in rows}
    if stored.get("host") or stored.get("password"):
        _take_over(stored)
    if not rows:
        return
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:  # zero the deleted bytes: otherwise the password stays readable in the file's free space
        connection.exec_driver_sql("PRAGMA secure_delete = ON")
    connection.execute(sa.delete(_SETTING).where(_SETTING.c.key.like(f"{_PREFIX}%")))
    if sqlite:
        connection.exec_driver_sql("PRAGMA secure_delete = OFF")


def _take_over(stored: dict[str, str]) -> None:
    """Into the configuration and the secret store where they are empty; log what is dropped."""
    from stockdesk import config  # the app's configuration, read only while this revision runs

    store = config.ConfigStore()
    try:
        current = store.load()
        password = stored.get("password", "")
        if not current.smtp.host and stored.get("host"):
            smtp = config.SmtpConfig(
                host=stored["host"],
                port=int(stored.get("port") or 587),
                security=stored.get("security") or "starttls",
                user=stored.get("user", ""),
                password=password,
                sender=stored.get("sender", ""),
            )
            store.save(replace(current, smtp=smtp))
            log.info("SMTP settings moved from the database to %s (password to the secret store)", store.path)
        elif password and not current.smtp.password and current.smtp.host == stored.get("host"):
            store.secrets.set(config.SMTP_PASSWORD_KEY, password)
            log.info("SMTP password moved from the database to the secret store")
        elif password and password != current.smtp.password:
            log.warning(
                "the SMTP password kept in the database was removed; the configuration keeps its own "
                "(%s). If mail fails, enter the password again in Settings -> E-mail",
                current.smtp.host,
            )
    except Exception as error:  # no keyring, unwritable folder, refused value: the password must still go
        log.warning(
            "the SMTP password kept in the database was removed but could not be moved (%s): "
            "enter it again in Settings -> E-mail",
            error,
        )


def downgrade() -> None:
    """Nothing to undo: the password is not written back into the database."""
