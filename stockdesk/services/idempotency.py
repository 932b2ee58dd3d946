"""Retry-safe writes: the first answer to a request with an Idempotency-Key is stored with its effect.

The answer row is inserted by a commit hook, inside the transaction that posts the movements, so the
two are written together or not at all. A replay finds the row and gets the same answer back without
posting. Two requests racing with one key both post, but only one commits: the other's insert hits
the primary key (PostgreSQL makes it wait for the first to commit; SQLite writers are serial), its
whole transaction rolls back, and it answers with the stored row. Failed requests store nothing, so a
client may fix the request and retry with the same key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from stockdesk.db.api_models import IdempotentRequest
from stockdesk.db.fast_read import FastRead, Rows
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message
from stockdesk.services.inventory.ledger import POSTED, POSTED_EACH
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.views import MovementView

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200
KEEP_FOR = timedelta(days=7)

Answer = Callable[[list[MovementView]], tuple[int, str]]


@dataclass(frozen=True)
class StoredAnswer:
    status: int
    body: str
    replayed: bool


def fingerprint(method: str, path: str, body: bytes) -> str:
    """What makes two requests "the same": a key reused for a different request is refused."""
    return hashlib.sha256(b"\0".join([method.encode(), path.encode(), body])).hexdigest()


def _check_key(key: str) -> str:
    text = (key or "").strip()
    if not text or len(text) > MAX_KEY_LENGTH:
        raise ValidationError(HEADER, key, Message("api.idempotency_key_length", maximum=MAX_KEY_LENGTH))
    return text


# Asked before every keyed post: one precompiled statement in one round trip, outside any session.
_ANSWER = FastRead(
    select(IdempotentRequest.fingerprint, IdempotentRequest.status, IdempotentRequest.body).where(
        IdempotentRequest.principal == bindparam("principal"), IdempotentRequest.key == bindparam("key")
    )
)


# Built once and run on the session's connection: `insert().values(...)` through the session built a
# new statement, its cache key and the ORM's bulk path on every post (0.15 ms of a post's 2.7).
_INSERT_ANSWER = IdempotentRequest.__table__.insert()


KeyRead = tuple[FastRead, dict[str, str]]  # a key's stored answer: the read and its values


def answer_read(principal: str, key: str) -> KeyRead:
    """The read of a key's stored answer, for a caller to run with its own (`api_auth.session_and`):
    its rows go to `run_once(known=...)`."""
    return _ANSWER, {"principal": principal, "key": _check_key(key)}


def _stored(
    uow: UnitOfWork, principal: str, key: str, fingerprint_: str, known: Rows | None = None
) -> StoredAnswer | None:
    rows = known
    if rows is None:
        read, params = answer_read(principal, key)
        rows = read.rows(uow.engine, params)
    if not rows:
        return None
    stored_fingerprint, status, body = rows[0]
    if stored_fingerprint != fingerprint_:
        raise ValidationError(HEADER, key, Message("api.idempotency_reused"))
    return StoredAnswer(status, body, replayed=True)


def run_once(
    uow: UnitOfWork,
    *,
    principal: str,
    key: str,
    fingerprint: str,
    work: Callable[[UnitOfWork], Any],
    answer: Answer,
    known: Rows | None = None,
) -> StoredAnswer:
    """Run `work` (a service call on `uow`) unless this key was seen; `answer` turns the movements the
    transaction wrote into (status, JSON body), stored and returned. `known`: the rows of
    `answer_read(principal, key)`, read already."""
    key = _check_key(key)
    found = _stored(uow, principal, key, fingerprint, known)
    if found is not None:
        return found
    made: list[tuple[int, str]] = []

    def remember(session: Session) -> None:
        status, body = answer(list(session.info.get(POSTED, [])))
        made.append((status, body))
        # A plain INSERT (not an ORM object and a flush): the key's row is never read back here, and a
        # racing twin's commit still makes it raise IntegrityError at once.
        session.connection().execute(
            _INSERT_ANSWER,
            {
                "principal": principal,
                "key": key,
                "fingerprint": fingerprint,
                "status": status,
                "body": body,
                "created_at": datetime.now(UTC),
            },
        )

    uow.hooks.append(remember)
    try:
        work(uow)
    except IntegrityError:
        found = _stored(uow, principal, key, fingerprint)
        if found is None:
            raise
        return found
    finally:
        uow.hooks.remove(remember)
    status, body = made[-1]
    return StoredAnswer(status, body, replayed=False)


def run_together(
    uow: UnitOfWork,
    *,
    principal: str,
    keyed: Sequence[tuple[str, str]],
    work: Callable[[UnitOfWork], Any],
    answer: Answer,
) -> list[StoredAnswer]:
    """`run_once` for several new keys of one caller, (key, fingerprint) each, in one transaction:
    `work` posts each key's request (`stock.post_each`, which keeps what each wrote on the session)
    and each key's answer is stored with it. The keys were read and found unused; a key stored
    since (a twin in flight) makes the insert raise IntegrityError and nothing is posted: the caller
    then runs each request through `run_once`, as it does on any refusal of the round."""
    checked = [(_check_key(key), fingerprint_) for key, fingerprint_ in keyed]
    made: list[tuple[int, str]] = []

    def remember(session: Session) -> None:
        now = datetime.now(UTC)
        each: list[list[MovementView]] = session.info[POSTED_EACH]
        made.extend(answer(views) for views in each)
        rows = [
            {
                "principal": principal,
                "key": key,
                "fingerprint": fingerprint_,
                "status": status,
                "body": body,
                "created_at": now,
            }
            for (key, fingerprint_), (status, body) in zip(checked, made, strict=True)
        ]
        session.connection().execute(_INSERT_ANSWER, rows)

    uow.hooks.append(remember)
    try:
        work(uow)
    finally:
        uow.hooks.remove(remember)
    return [StoredAnswer(status, body, replayed=False) for status, body in made]


def forget_old(uow: UnitOfWork, *, now: datetime | None = None) -> int:
    """Drop answers older than a week: a client retries within minutes, not weeks."""
    with uow:
        cutoff = (now or datetime.now(UTC)) - KEEP_FOR
        result = uow.session.execute(delete(IdempotentRequest).where(IdempotentRequest.created_at < cutoff))
        uow.session.commit()
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
