"""Create or upgrade a database to the newest schema, backing up a local file first.

Opening a database that is already at the newest schema (every start but the first after an
update) needs no Alembic: the heads are read from the revision files and the database's revisions
from its `alembic_version` table. Alembic (~13 MB resident with its script directory) is imported
only to upgrade or downgrade.
"""

from __future__ import annotations

import ast
import sqlite3
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

from stockdesk.db import reorder_marks
from stockdesk.private_files import create_private

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


@cache
def head_revisions() -> frozenset[str]:
    """Every head: features add their tables on their own branch from the first revision.

    Read from each revision file's `revision` and `down_revision` assignments (what Alembic reads).
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        for node in ast.parse(script.read_text(encoding="utf-8")).body:
            target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
            if not isinstance(target, ast.Name) or target.id not in ("revision", "down_revision"):
                continue
            value = ast.literal_eval(node.value)  # type: ignore[attr-defined]
            if target.id == "revision":
                revisions.add(value)
            elif target.id == "down_revision" and value is not None:
                parents.update((value,) if isinstance(value, str) else value)
    return frozenset(revisions - parents)


def current_revisions(engine: Engine) -> frozenset[str]:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return frozenset()
        return frozenset(connection.scalars(text("SELECT version_num FROM alembic_version")))


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
    from alembic import command

    config = alembic_config(engine)
    with engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            # A batch migration renames a copied table into place, which SQLite refuses while a
            # trigger's body names the table; `open_database` installs them again after the upgrade.
            reorder_marks.uninstall(connection)
        config.attributes["connection"] = connection
        getattr(command, verb)(config, revision)
