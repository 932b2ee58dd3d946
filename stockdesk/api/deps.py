"""What every request needs: the database of this app, a unit of work, and who is calling."""

from __future__ import annotations

import threading
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import anyio.to_thread
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from stockdesk.api.query_names import refuse_unknown_query
from stockdesk.domain.errors import AuthenticationFailed
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Actor
from stockdesk.services.accounts import api_auth, api_keys
from stockdesk.services.database import Database
from stockdesk.services.uow import UnitOfWork

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
bearer = HTTPBearer(auto_error=False, description="an access token from /auth/token, or an API key (sdk_...)")


@dataclass(frozen=True)
class Caller:
    """The acting user, and what idempotency and the audit know the caller by."""

    actor: Actor
    principal: str  # "user:<id>" or "key:<id>": idempotency keys are per caller
    session_id: uuid.UUID | None = None  # the log-in session of an access token
    key_name: str | None = None


# The dependencies that do no I/O are `async def`: FastAPI runs every plain `def` dependency on a
# worker thread, and those hops (two for a generator) cost more than the work of a small request.


async def database(request: Request) -> Database:
    return request.app.state.database


async def unit_of_work(db: Database = Depends(database)) -> UnitOfWork:
    return db.uow()


async def writes_in_turn(request: Request) -> AsyncIterator[None]:
    """On SQLite, requests that write take turns in this process.

    A SQLite transaction that has read cannot start writing once another connection has committed
    (SQLITE_BUSY at once, no waiting), so concurrent writers would fail instead of queueing. PostgreSQL
    needs no such turn. (`stockdesk serve` refuses several worker processes on SQLite.)
    """
    lock: threading.Lock | None = request.app.state.write_lock
    writes = request.method not in SAFE_METHODS or _is_key(request.headers.get("authorization", ""))
    if lock is None or not writes:
        yield
        return
    await anyio.to_thread.run_sync(lock.acquire)  # waiting for the turn must not stop the event loop
    try:
        yield
    finally:
        lock.release()


def _is_key(authorization: str) -> bool:
    return api_keys.looks_like_key(authorization.removeprefix("Bearer ").strip())


def caller(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(bearer),
    db: Database = Depends(database),
) -> Caller:
    if credentials is None or not credentials.credentials:
        raise AuthenticationFailed(Message("api.login_first"))
    token = credentials.credentials
    if api_keys.looks_like_key(token):
        grant = api_keys.grant_for_key(db.uow(), token, method=request.method, path=request.url.path)
        refuse_unknown_query(request)
        return Caller(grant.actor, f"key:{grant.key_id.hex}", key_name=grant.name)
    session = api_auth.session_of(db.uow(), token, secret=request.app.state.secret)
    refuse_unknown_query(request)
    return Caller(session.actor, user_principal(session.actor.id), session_id=session.session_id)


def user_principal(user_id: uuid.UUID) -> str:
    return f"user:{user_id.hex}"


async def actor(who: Caller = Depends(caller)) -> Actor:
    return who.actor
