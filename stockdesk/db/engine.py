"""Engines and session factories for the local SQLite file or a PostgreSQL server."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from stockdesk.db import idle_ping, wal_checkpoints
from stockdesk.private_files import create_private, make_private

APP_NAME = "StockDesk"


def default_database_url() -> str:
    """The local file in the user's data folder (or $STOCKDESK_DB when set)."""
    configured = os.environ.get("STOCKDESK_DB")
    if configured:
        return configured
    folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'stockdesk.sqlite'}"


def normalise_url(url: str) -> str:
    """Accept a bare file path or postgresql:// URL and name the drivers we ship."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the window read while a worker writes; NORMAL is durable across app crashes in WAL mode.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-16384")  # 16 MB a connection: the window keeps a few open
    cursor.close()
    # The transaction the driver opens at a unit of work's first write takes the writer's lock at once
    # (waiting for it, up to busy_timeout). A deferred one that wrote a temporary table first (a big
    # count's scratch rows) read the shop and then failed to write it, at once and whatever the
    # timeout, if another writer or the checkpoint thread (`wal_checkpoints`, RESTART) held the lock
    # at that moment: SQLite never waits for a lock inside a transaction that already reads. Only
    # writing units of work open a transaction here (reads run outside one), so readers wait for
    # nothing as before.
    dbapi_connection.isolation_level = "IMMEDIATE"


def _sqlite_file(database: str | None) -> Path | None:
    """The database file a SQLite URL names; None for memory and for `file:` URIs."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).resolve()


def _private_sqlite_file(path: Path) -> None:
    """The file holds every password hash: create it 0600 before SQLite does (which would use the umask).

    SQLite creates the -wal and -shm files with the database file's own mode, so they follow; files
    of older versions (created 0644) are tightened, their -wal/-shm too.
    """
    if not path.parent.is_dir():
        return  # SQLite will say the folder is missing
    create_private(path)
    for suffix in ("-wal", "-shm"):
        make_private(path.with_name(path.name + suffix))


def make_engine(url: str, *, connections: int | None = None, **kwargs: Any) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        file = _sqlite_file(parsed.database)
        if file is not None:
            _private_sqlite_file(file)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        if file is not None:
            wal_checkpoints.install(engine, file)
        return engine
    if connections is None:
        engine = create_engine(url, **kwargs)
        idle_ping.install(engine, every_checkout=True)
    else:
        # Past pool_size, every returned connection is closed: a busy server would start a PostgreSQL
        # backend (a process) for most requests. Last in, first out: after a burst of threaded reads
        # had opened 15, a first-in-first-out pool handed each look-up the next of them in turn, every
        # backend's caches cold again (`bench api`, look-ups after searches: 2,159-2,211 req/s and
        # 0.28-0.30 ms of PostgreSQL CPU each; last in, first out 2,697-2,779 and 0.19 ms).
        kwargs.update(pool_size=connections, max_overflow=connections // 2, pool_use_lifo=True)
        engine = create_engine(url, **kwargs)
        idle_ping.install(engine)
    # An executemany of a plain INSERT went to the server as one statement per row, and each fired the
    # item tally's statement trigger, updating one tally row again and again in one transaction: a
    # 10,000-item import spent 9 s in PostgreSQL walking that row's versions. In pages of
    # `insertmanyvalues_page_size` rows the triggers fire once a page.
    engine.dialect.use_insertmanyvalues_wo_returning = True
    if engine.driver == "psycopg":
        from stockdesk.db import kept_statements  # imports psycopg: not before a SQLite desk needs it

        kept_statements.install(engine)
    return engine


def make_session_factory(bind: Engine | Connection, **options: Any) -> sessionmaker[Session]:
    return sessionmaker(bind, expire_on_commit=False, **options)


def describe(engine: Engine) -> str:
    """What the status bar shows: the file name or the server, never the password."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return f"SQLite: {url.database}"
    return f"PostgreSQL: {url.username}@{url.host}:{url.port or 5432}/{url.database}"
