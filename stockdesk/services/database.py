"""Opening a database for the app: migrate to head (backing up first), know this desk's id."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select

from stockdesk.db import migrate, schema  # noqa: F401 - schema registers every table
from stockdesk.db.engine import APP_NAME, default_database_url, describe, make_engine
from stockdesk.db.models import LocalSetting
from stockdesk.domain.ids import new_id
from stockdesk.services.uow import ChangeHook, UnitOfWork, stamping_session_factory
from stockdesk.sync import capture

# The window reaches the database only through services; these two it needs to name it.
__all__ = ["APP_NAME", "Database", "default_database_url", "open_database"]


@dataclass
class Database:
    """An open database: hands out one fresh UnitOfWork per use case (and per thread)."""

    engine: Engine
    desk_id: str
    backup: Path | None = None
    hooks: list[ChangeHook] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._factory = stamping_session_factory(self.engine)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine, desk_id=self.desk_id, hooks=self.hooks, factory=self._factory)

    @property
    def description(self) -> str:
        return describe(self.engine)

    def close(self) -> None:
        self.engine.dispose()


def open_database(url: str) -> Database:
    """Create or upgrade the schema and return the database with this desk's identity."""
    engine = make_engine(url)
    backup = migrate.upgrade(engine)
    with engine.begin() as connection:
        desk_id = connection.scalar(select(LocalSetting.value).where(LocalSetting.key == "desk_id"))
        if desk_id is None:
            desk_id = f"desk-{new_id().hex[:12]}"
            connection.execute(LocalSetting.__table__.insert().values(key="desk_id", value=desk_id))
    capture.install(engine, desk_id)  # after every upgrade: batch migrations drop a table's triggers
    return Database(engine, desk_id, backup)
