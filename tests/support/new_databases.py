"""A new empty database of either kind for fixtures wider than a test (a module's shop, a large
catalogue read by several tests), copied from one migrated once per run: migrating a new one costs
0.4 s (SQLite) to 1.3 s (PostgreSQL) on a slow machine, a copy a tenth of that."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from stockdesk.services.database import Database, open_database
from tests.support.sqlite_template import new_sqlite_database


def new_database(
    kind: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Database:
    """`kind` "sqlite": a file in a new temporary folder; "postgresql": a database on the test server."""
    if kind == "sqlite":
        return new_sqlite_database(tmp_path_factory.mktemp("db") / "stockdesk.sqlite")
    factory: Callable[..., str] = request.getfixturevalue("pg_database_factory")
    return open_database(factory(template=request.getfixturevalue("pg_migrated_template")))
