"""Backups of the local SQLite file: on demand, daily with rotation, and restoring one safely.

A copy is taken with SQLite's online backup API in a single step. In WAL mode that step reads one
snapshot while other connections keep writing, so the copy is consistent without stopping the app.
Copying the file with `shutil` instead could catch a page half-written or miss the WAL's contents.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from stockdesk.db.engine import normalise_url
from stockdesk.db.migrate import backup_sqlite_file, head_revisions
from stockdesk.domain.errors import StockDeskError
from stockdesk.private_files import create_private

DAILY_PREFIX = "daily-"
MANUAL_PREFIX = "backup-"
KEEP_DAILY = 7


class BackupError(StockDeskError):
    """A backup that cannot be made, or a file that is not a usable StockDesk backup."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    taken_at: datetime


def database_file(url: str) -> Path:
    """The local file behind a database URL; backups are for local files only."""
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        raise BackupError(
            "backups are made of the local SQLite file; back up a PostgreSQL server with pg_dump"
        )
    return Path(parsed.database)


def default_folder(database: Path) -> Path:
    return database.parent / "backups"


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")


def backup_to(database: Path, target: Path) -> Path:
    """A consistent, checked copy of `database` at `target` (a single file, not WAL)."""
    if not database.exists():
        raise BackupError(f"no database file at {database}")
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)  # a leftover of a crash, of whatever mode
    create_private(partial)  # the copy holds every password hash: 0600 before a byte is written
    source = sqlite3.connect(database, timeout=30)
    try:
        destination = sqlite3.connect(partial)
        try:
            source.backup(destination)  # pages=-1: one step, one snapshot
            destination.execute("PRAGMA journal_mode=DELETE")  # the copy stands alone, no -wal file
        finally:
            destination.close()
    finally:
        source.close()
    problem = integrity_problem(partial)
    if problem:
        partial.unlink(missing_ok=True)
        raise BackupError(f"the copy failed its check: {problem}")
    partial.replace(target)  # a crash mid-copy never leaves a file that looks like a backup
    return target


def backup_now(database: Path, *, folder: Path | None = None, now: datetime | None = None) -> Path:
    """A manual backup into the backups folder next to the database (or `folder`)."""
    target = (folder or default_folder(database)) / f"{MANUAL_PREFIX}{_stamp(now)}.sqlite"
    return backup_to(database, target)


def daily_backup(
    database: Path, *, folder: Path | None = None, keep: int = KEEP_DAILY, now: datetime | None = None
) -> Path | None:
    """Today's backup if none exists yet, then only the newest `keep` daily backups are kept."""
    folder = folder or default_folder(database)
    day = (now or datetime.now(UTC)).strftime("%Y%m%d")
    made = None
    if not any(folder.glob(f"{DAILY_PREFIX}{day}-*.sqlite")):
        made = backup_to(database, folder / f"{DAILY_PREFIX}{_stamp(now)}.sqlite")
    for old in sorted(folder.glob(f"{DAILY_PREFIX}*.sqlite"))[:-keep] if keep > 0 else ():
        old.unlink()  # names sort by time: the oldest come first
    return made


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in `folder`, newest first."""
    found = [p for p in folder.glob("*.sqlite") if p.name.startswith((DAILY_PREFIX, MANUAL_PREFIX))]
    infos = [BackupInfo(p, p.stat().st_size, datetime.fromtimestamp(p.stat().st_mtime, UTC)) for p in found]
    return sorted(infos, key=lambda info: info.taken_at, reverse=True)


def integrity_problem(path: Path) -> str | None:
    """Why `path` is not a usable StockDesk database, or None when it passes `PRAGMA integrity_check`."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            tables = {row[0] for row in connection.execute("select name from sqlite_master")}
            versions = (
                {row[0] for row in connection.execute("select version_num from alembic_version")}
                if "alembic_version" in tables
                else set()
            )
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return f"not a SQLite database ({error})"
    if result != ["ok"]:
        return "integrity check failed: " + "; ".join(result[:5])
    if not {"item", "stock_movement", "alembic_version"} <= tables:
        return "not a StockDesk database (its tables are missing)"
    if not versions <= _known_revisions():
        return "made by a newer StockDesk version: update the app before restoring it"
    return None


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from stockdesk.db.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()} | set(head_revisions())


def restore(
    backup: Path, database: Path, *, confirm: Callable[[str], bool] = lambda _message: True
) -> Path | None:
    """Replace `database` with `backup` after checking the backup; the current file is saved first.

    Returns the safety copy of the replaced database (None when there was none). The app must not have
    the database open; the next start upgrades an older backup's schema as usual.
    """
    problem = integrity_problem(backup)
    if problem:
        raise BackupError(f"{backup} cannot be restored: {problem}")
    if not confirm(f"Replace {database} with the backup {backup.name}?"):
        raise BackupError("restore cancelled: nothing was changed")
    safety = backup_sqlite_file(database, reason="pre-restore") if database.exists() else None
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        create_private(database)
        destination = sqlite3.connect(database, timeout=30)
        try:
            source.backup(destination)  # writes through SQLite, so a stale -wal file cannot survive
        finally:
            destination.close()
    finally:
        source.close()
    return safety
