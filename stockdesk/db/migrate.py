"""Create or upgrade a database to the newest schema, backing up a local file first."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from stockdesk.private_files import create_private

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def head_revisions() -> frozenset[str]:
    """Every head: features add their tables on their own branch from the first revision."""
    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revisions(engine: Engine) -> frozenset[str]:
    with engine.connect() as connection:
        return frozenset(MigrationContext.configure(connection).get_current_heads())


def is_current(engine: Engine) -> bool:
    return current_revisions(engine) == head_revisions()


def backup_sqlite_file(path: Path, *, reason: str) -> Path:
    """A consistent copy (SQLite online backup, safe while others write) next to the original."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = path.with_name(f"{path.stem}.{reason}-{stamp}{path.suffix}.bak")
    create_private(target)  # a copy of every password hash: user-only like the database itself
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target


def upgrade(engine: Engine, revision: str = "heads") -> Path | None:
    """Bring the schema to `revision`; returns the backup made of an existing local file, if any."""
    backup: Path | None = None
    current = current_revisions(engine)
    if revision == "heads" and current == head_revisions():
        return None
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and current and Path(database).exists():
        backup = backup_sqlite_file(Path(database), reason="pre-migration")
    _run(engine, "upgrade", revision)
    return backup


def downgrade(engine: Engine, revision: str = "base") -> None:
    _run(engine, "downgrade", revision)


def _run(engine: Engine, verb: str, revision: str) -> None:
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, verb)(config, revision)
