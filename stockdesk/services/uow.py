"""Unit of work: one Session per `with` block, rolled back unless the block commits."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self, TypeVar, cast

from sqlalchemy import Connection, CursorResult, Engine, Result, event
from sqlalchemy.orm import Session, sessionmaker

from stockdesk.db.base import Synced
from stockdesk.db.engine import make_session_factory
from stockdesk.domain.errors import NotFound

T = TypeVar("T")
ChangeHook = Callable[[Session], None]


class UnitOfWork:
    """Owns one Session at a time; never shared between threads (make one per thread).

    `desk_id` and the acting user are stamped on every synced row written, so sync knows where a
    change came from. Extra `before_commit` hooks (change capture for sync, alerts) run inside
    the same transaction as the change itself.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        desk_id: str,
        hooks: list[ChangeHook] | None = None,
        factory: sessionmaker[Session] | None = None,
    ) -> None:
        self.engine = engine
        self.desk_id = desk_id
        self._factory = factory or stamping_session_factory(engine)
        self._session: Session | None = None
        self.hooks: list[ChangeHook] = list(hooks or [])

    @property
    def actor_id(self) -> uuid.UUID | None:
        return self.session.info.get("actor_id")

    @actor_id.setter
    def actor_id(self, value: uuid.UUID | None) -> None:
        self.session.info["actor_id"] = value

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("use the unit of work inside `with uow:`")
        return self._session

    @property
    def is_open(self) -> bool:
        """Inside `with uow:` (a commit hook reads through the transaction it runs in)."""
        return self._session is not None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def __enter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("this unit of work is already open (nested `with uow:`)")
        self._session = self._factory(info={"desk_id": self.desk_id, "actor_id": None})
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        session, self._session = self._session, None
        if session is not None:
            session.rollback()
            session.close()

    def commit(self) -> None:
        for hook in self.hooks:
            hook(self.session)
        self.session.commit()

    def get(self, model: type[T], key: uuid.UUID | str, entity: str) -> T:
        """The live row, or NotFound naming the entity (tombstoned rows count as missing).

        Services pass typed ids; text is still read (NotFound if it is no UUID) because callers
        outside the type checker, old scripts and tests, hand ids over as text."""
        try:
            ident = key if isinstance(key, uuid.UUID) else uuid.UUID(str(key))
        except ValueError:
            raise NotFound(entity, key) from None
        row = self.session.get(model, ident)
        if row is None or getattr(row, "deleted", False):
            raise NotFound(entity, key)
        return row


def rows_changed(result: Result[Any]) -> int:
    """The rows an UPDATE, DELETE or INSERT ... SELECT touched.

    `Session.execute` is typed to return a plain Result; for these statements it is a CursorResult."""
    return int(cast(CursorResult[Any], result).rowcount or 0)


def _stamp(session: Session, _context: Any, _instances: Any) -> None:
    """Mark every synced row written with this desk and the acting user."""
    desk_id = session.info.get("desk_id", "")
    actor_id = session.info.get("actor_id")
    for row in (*session.new, *session.dirty):
        if isinstance(row, Synced):
            if not row.origin_desk:
                row.origin_desk = desk_id
            if actor_id is not None:
                row.updated_by = actor_id


def stamping_session_factory(bind: Engine | Connection, **options: Any) -> sessionmaker[Session]:
    """A session factory with the stamping listener registered once (per-session listeners cost 0.25 ms)."""
    factory = make_session_factory(bind, **options)
    event.listen(factory, "before_flush", _stamp)
    return factory
