"""Migrations go up to head and back down to base on SQLite and PostgreSQL, and a file is backed up first."""

from __future__ import annotations

import logging
import sqlite3
import stat
import subprocess
import sys

import pytest
from sqlalchemy import inspect, text

from stockdesk import config
from stockdesk.db import (
    migrate,
    schema,  # noqa: F401 - registers every table
)
from stockdesk.db.base import Base
from stockdesk.db.engine import make_engine
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import open_database


def _roundtrip(url: str) -> None:
    engine = make_engine(url)
    migrate.upgrade(engine)
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert migrate.is_current(engine)
    migrate.downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(engine)
    assert migrate.is_current(engine)
    engine.dispose()


def test_upgrade_and_downgrade_on_sqlite(tmp_path):
    _roundtrip(str(tmp_path / "m.sqlite"))


@pytest.mark.pg
def test_upgrade_and_downgrade_on_postgresql(pg_database_factory):
    _roundtrip(pg_database_factory())


def test_opening_a_file_of_an_older_release_backs_it_up_then_upgrades_keeping_the_data(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = make_engine(str(path))
    migrate.upgrade(engine, "0001")  # the file as the first release wrote it
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO store (id, code, name, address, active, created_at, updated_at,"
            " origin_desk, hlc, deleted)"
            " VALUES ('0190c1a0000070008000000000000001', 'OLD', 'Old store', '', 1,"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'desk-old', '', 0)"
        )
    engine.dispose()
    db = open_database(str(path))
    assert db.backup is not None and db.backup.exists()
    assert migrate.is_current(db.engine)
    assert [s.code for s in organisation.list_stores(db.uow())] == ["OLD"]
    db.close()
    backup = sqlite3.connect(db.backup)
    assert backup.execute("select version_num from alembic_version").fetchall() == [("0001",)]
    assert backup.execute("select code from store").fetchall() == [("OLD",)]
    backup.close()
    assert open_database(str(path)).backup is None  # already current: nothing copied again


def _file_with_smtp_in_local_setting(path, **values: str):
    """A desk file as versions before 0007 left it: the SMTP settings, password too, in local_setting."""
    engine = make_engine(str(path))
    migrate.upgrade(engine, "0001")
    with engine.begin() as connection:
        for key, value in values.items():
            connection.exec_driver_sql(
                "INSERT INTO local_setting (key, value) VALUES (?, ?)", (f"smtp.{key}", value)
            )
    engine.dispose()


def _local_settings(db) -> dict[str, str]:
    with db.engine.connect() as connection:
        return dict(connection.execute(text("select key, value from local_setting")).tuples().all())


OLD_SMTP = {
    "host": "mail.example.com",
    "port": "465",
    "security": "ssl",
    "user": "desk",
    "password": "plain-text-pass",
    "sender": "desk@example.com",
}


def test_upgrading_moves_the_plain_text_smtp_password_out_of_the_file_into_the_configuration(
    tmp_path, caplog
):
    path = tmp_path / "old.sqlite"
    _file_with_smtp_in_local_setting(path, **OLD_SMTP)
    with caplog.at_level(logging.INFO, logger="stockdesk.migrations"):
        db = open_database(str(path))
    stored = _local_settings(db)
    db.close()
    assert [key for key in stored if key.startswith("smtp.")] == []
    assert "plain-text-pass" not in stored.values()
    assert b"plain-text-pass" not in path.read_bytes()  # nor in the file a backup would copy
    moved = config.ConfigStore().load()
    assert (moved.smtp.host, moved.smtp.port, moved.smtp.security, moved.smtp.sender) == (
        "mail.example.com",
        465,
        "ssl",
        "desk@example.com",
    )
    assert moved.smtp.password == "plain-text-pass"
    secrets = config.config_dir() / config.SECRETS_FILE
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    assert "moved from the database" in caplog.text


def test_a_password_that_cannot_be_moved_is_dropped_and_the_log_says_so(tmp_path, caplog, monkeypatch):
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv(config.CONFIG_DIR_ENV, str(blocked))  # the configuration cannot be written
    path = tmp_path / "old.sqlite"
    _file_with_smtp_in_local_setting(path, **OLD_SMTP)
    with caplog.at_level(logging.WARNING, logger="stockdesk.migrations"):
        db = open_database(str(path))
    stored = _local_settings(db)
    db.close()
    assert "plain-text-pass" not in stored.values()
    assert "could not be moved" in caplog.text and "enter it again in Settings" in caplog.text


def test_the_heads_read_from_the_revision_files_are_alembics():
    from alembic.script import ScriptDirectory

    assert migrate.head_revisions() == set(ScriptDirectory.from_config(migrate.alembic_config()).get_heads())


def test_opening_a_database_already_at_the_newest_schema_does_not_load_alembic(tmp_path):
    # A fresh interpreter: in the test process Alembic is loaded already.
    script = (
        "import sys; from stockdesk.services.database import open_database; "
        f"db = open_database({str(tmp_path / 'd.sqlite')!r}); db.close(); "
        "print(db.backup is None, 'alembic' in sys.modules)"
    )
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           timeout=120).stdout.split() for _ in range(2)]
    assert runs == [["True", "True"], ["True", "False"]]  # created through Alembic, then opened without it
