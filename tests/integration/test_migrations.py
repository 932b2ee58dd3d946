"""Migrations go up to head and back down to base on SQLite and PostgreSQL, and a file is backed up first."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from stockdesk.db import (
    migrate,
    schema,  # noqa: F401 - registers every table
)
from stockdesk.db.base import Base
from stockdesk.db.engine import make_engine


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
