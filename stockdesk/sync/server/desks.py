"""Desks on the server: enrolment codes, registration with a token, identifying a token, listing and
revoking desks.

A desk proves who it is with a token of 256 random bits (`sdd_...`), shown to it once at registration
and stored here only as its SHA-256 (nothing to guess, so a fast hash is enough). The server stamps
every pushed change with the desk the token names: what a desk holds can never sign as another desk
or as the server, and a revoked token is refused on its next request.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, select

from stockdesk.db.base import utcnow
from stockdesk.db.desk_models import DeskEnrolment, DeskToken
from stockdesk.domain.errors import AuthenticationFailed, NotFound, ValidationError
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Action, Actor, Role, require
from stockdesk.services.accounts import audit
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import required_text

TOKEN_PREFIX = "sdd_"
CODE_LIFETIME = timedelta(hours=24)
TOUCH_EVERY = timedelta(minutes=1)
SERVER_DESK = "server"  # the server's own stamp: no desk may be called this
_DESK_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class DeskView:
    desk_id: str
    name: str
    created_at: datetime
    last_sync_at: datetime | None
    revoked: bool


@dataclass(frozen=True)
class RegisteredDesk:
    view: DeskView
    token: str  # shown once, to the desk that registered


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _view(row: DeskToken) -> DeskView:
    return DeskView(row.desk_id, row.name, row.created_at, row.last_sync_at, row.revoked_at is not None)


def _may_register(actor: Actor) -> None:
    # Registering a desk hands out a key to the shop's data: the people who run the shop do it.
    if actor.role not in (Role.ADMIN, Role.MANAGER):
        require(actor, Action.MANAGE_STORES)


def enrolment_code(uow: UnitOfWork, actor: Actor | None) -> str:
    """A one-time code (24 hours) a desk can register with instead of a manager's log-in.

    `actor` None is whoever holds the server's database (`stockdesk desk enrol --db ...` on a server
    that has no administrator yet: the first desk sets the shop up); they could change the database
    directly anyway, so this grants nothing new.
    """
    with uow:
        if actor is not None:
            _may_register(actor)
        code = "-".join(secrets.token_hex(3).upper() for _ in range(4))
        now = utcnow()
        uow.session.add(
            DeskEnrolment(
                code_hash=_digest(code),
                created_by=actor.id if actor is not None else None,
                created_at=now,
                expires_at=now + CODE_LIFETIME,
            )
        )
        audit.record(uow, actor, "desk.enrol", "desk", None)
        uow.commit()
        return code


def register(
    uow: UnitOfWork, *, desk_id: str, name: str, actor: Actor | None = None, code: str = ""
) -> RegisteredDesk:
    """A token for the desk `desk_id`, given a manager's or admin's log-in (`actor`) or an unused code.

    Registering again (a desk that lost its token) replaces the old token and un-revokes nothing: a
    revoked desk stays revoked until an admin registers it again.
    """
    with uow:
        if not _DESK_ID.match(desk_id or "") or desk_id == SERVER_DESK:
            raise ValidationError("desk_id", desk_id, Message("sync.desk_id"))
        clean_name = required_text("name", name, max_length=100)
        if actor is not None:
            _may_register(actor)
        else:
            _use_code(uow, code)
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        row = uow.session.scalar(select(DeskToken).where(DeskToken.desk_id == desk_id))
        if row is None:
            row = DeskToken(desk_id=desk_id, name=clean_name, token_hash=_digest(token))
            uow.session.add(row)
        else:
            if row.revoked_at is not None and (actor is None or actor.role is not Role.ADMIN):
                raise AuthenticationFailed(Message("sync.desk_revoked", desk=row.name))
            row.name, row.token_hash, row.revoked_at = clean_name, _digest(token), None
        row.created_by = actor.id if actor is not None else None
        uow.session.flush()
        audit.record(uow, actor, "desk.register", "desk", None, desk=desk_id, name=clean_name)
        uow.commit()
        return RegisteredDesk(_view(row), token)


def _use_code(uow: UnitOfWork, code: str) -> None:
    row = uow.session.scalar(
        select(DeskEnrolment).where(DeskEnrolment.code_hash == _digest(code.strip().upper()))
    )
    if row is None or row.used_at is not None or row.expires_at < utcnow():
        raise AuthenticationFailed(Message("sync.code_invalid"))
    row.used_at = utcnow()


def desk_of_token(uow: UnitOfWork, token: str) -> DeskView:
    """The desk a token belongs to; refused (401) when unknown, (403-worded) when revoked."""
    with uow:
        return desk_on(uow.session.connection(), token)


def desk_on(connection: Connection, token: str) -> DeskView:
    """`desk_of_token` on a connection the caller holds (a poll reads everything on one)."""
    row = connection.execute(
        select(
            DeskToken.desk_id,
            DeskToken.name,
            DeskToken.created_at,
            DeskToken.last_sync_at,
            DeskToken.revoked_at,
        ).where(DeskToken.token_hash == _digest(token))
    ).first()
    if row is None:
        raise AuthenticationFailed(Message("sync.token_invalid"))
    if row.revoked_at is not None:
        raise AuthenticationFailed(Message("sync.desk_revoked", desk=row.name))
    return DeskView(row.desk_id, row.name, row.created_at, row.last_sync_at, revoked=False)


def touch(uow: UnitOfWork, desk_id: str) -> None:
    """Record a sync of the desk (shown in the desk list)."""
    with uow:
        row = uow.session.scalar(select(DeskToken).where(DeskToken.desk_id == desk_id))
        if row is not None:
            row.last_sync_at = utcnow()
            uow.commit()


def note_sync(uow: UnitOfWork, desk: DeskView) -> None:
    """`touch` at most once a minute: a write on every poll of every idle desk would be most of what
    an idle desk costs the server; "last synced" in the desk list stays a minute fresh."""
    if desk.last_sync_at is None or desk.last_sync_at < utcnow() - TOUCH_EVERY:
        touch(uow, desk.desk_id)


def list_desks(uow: UnitOfWork, actor: Actor) -> list[DeskView]:
    with uow:
        _may_register(actor)
        rows = uow.session.scalars(select(DeskToken).order_by(DeskToken.name, DeskToken.desk_id))
        return [_view(row) for row in rows]


def names(uow: UnitOfWork) -> dict[str, str]:
    """Desk id -> name, for every place a desk is shown (the sync page, conflicts, the audit)."""
    with uow:
        return dict(uow.session.execute(select(DeskToken.desk_id, DeskToken.name)).tuples().all())


def revoke(uow: UnitOfWork, actor: Actor, desk: str) -> DeskView:
    """Refuse the desk's token from now on (by desk id or name); its outbox stays on the desk."""
    with uow:
        require(actor, Action.MANAGE_USERS)
        row = uow.session.scalar(
            select(DeskToken).where((DeskToken.desk_id == desk) | (DeskToken.name == desk))
        )
        if row is None:
            raise NotFound("desk", desk)
        row.revoked_at = row.revoked_at or utcnow()
        audit.record(uow, actor, "desk.revoke", "desk", None, desk=row.desk_id, name=row.name)
        uow.commit()
        return _view(row)
