"""Opening a database for the app: migrate to head (backing up first), know this desk's id."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

# schema registers every table
from stockdesk.db import capture, migrate, place_levels, reorder_marks, schema  # noqa: F401
from stockdesk.db.engine import APP_NAME, default_database_url, describe, make_engine
from stockdesk.db.kept_reads import KeptReads
from stockdesk.db.models import LocalSetting
from stockdesk.domain.ids import new_id
from stockdesk.services.uow import ChangeHook, UnitOfWork, stamping_session_factory

# The window reaches the database only through services; these two it needs to name it.
__all__ = ["APP_NAME", "Database", "default_database_url", "open_database"]


@dataclass
class Database:
    """An open database: hands out one fresh UnitOfWork per use case (and per thread)."""

    engine: Engine
    desk_id: str
    backup: Path | None = None
    hooks: list[ChangeHook] = field(default_factory=list)
    session_factory: sessionmaker[Session] | None = None

    def __post_init__(self) -> None:
        self._factory = self.session_factory or stamping_session_factory(self.engine)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine, desk_id=self.desk_id, hooks=self.hooks, factory=self._factory)

    @property
    def description(self) -> str:
        return describe(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def kept_reads(self) -> KeptReads:
        """Connections of their own for the reads an event loop runs on its own thread (kept_reads):
        they close with this database."""
        return KeptReads(self.engine)

    @contextmanager
    def one_transaction(self) -> Iterator[Database]:
        """This database as seen by units of work that all join one transaction.

        Each use case run on the yielded database commits only a savepoint; the whole is committed
        when the block ends and rolled back if it raises, or if the process dies before the end.
        """
        with self.engine.connect() as connection:
            transaction = connection.begin()
            if connection.dialect.name == "sqlite":
                # pysqlite begins lazily at the first write; a savepoint released before that would
                # commit on its own. An explicit BEGIN makes the savepoints nest inside one transaction.
                # IMMEDIATE takes the write lock at once (waiting for it as any writer does): a deferred
                # one that reads first and then writes can fail with "database is locked" at once if
                # another connection wrote meanwhile, without waiting (SQLITE_BUSY_SNAPSHOT). Every
                # block writes (the first run's set-up), so nothing is held back that was not already.
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            factory = stamping_session_factory(connection, join_transaction_mode="create_savepoint")
            try:
                yield Database(self.engine, self.desk_id, self.backup, self.hooks, session_factory=factory)
            except BaseException:
                transaction.rollback()
                raise
            transaction.commit()


def open_database(url: str, *, connections: int | None = None) -> Database:
    """Create or upgrade the schema and return the database with this desk's identity.

    `connections`: how many connections the pool keeps open (a server passes its thread count, so
    concurrent requests reuse connections instead of opening and closing one each on PostgreSQL).
    """
    engine = make_engine(url, connections=connections)
    backup = migrate.upgrade(engine)
    with engine.begin() as connection:
        desk_id = connection.scalar(select(LocalSetting.value).where(LocalSetting.key == "desk_id"))
        if desk_id is None:
            desk_id = f"desk-{new_id().hex[:12]}"
            connection.execute(LocalSetting.__table__.insert().values(key="desk_id", value=desk_id))
    capture.install(engine, desk_id)  # after every upgrade: batch migrations drop a table's triggers
    if engine.dialect.name == "sqlite":  # likewise; on PostgreSQL the migration's trigger stays
        with engine.begin() as connection:
            place_levels.install(connection)
            reorder_marks.install(connection)
    return Database(engine, desk_id, backup)
