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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, select, update

from stockdesk.db.base import utcnow
from stockdesk.db.desk_models import DeskEnrolment, DeskToken
from stockdesk.db.sync_models import sync_desk
from stockdesk.domain.errors import AuthenticationFailed, NotFound, ValidationError
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Action, Actor, Role, require
from stockdesk.services.accounts import audit
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import required_text

TOKEN_PREFIX = "sdd_"
CODE_LIFETIME = timedelta(hours=24)
UPGRADE_CODE_LIFETIME = timedelta(days=7)  # carried to a desk in another town, maybe after a weekend
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
class UpgradeCode:
    """A one-time code for one desk of the database-login era: it registers that desk id, no other."""

    desk_id: str
    code: str
    expires_at: datetime


@dataclass(frozen=True)
class RegisteredDesk:
    view: DeskView
    token: str  # shown once, to the desk that registered


def digest(text: str) -> str:
    """What is stored of a token or a code (its SHA-256): nothing to guess, so a fast hash is enough."""
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
        code = _new_code()
        now = utcnow()
        uow.session.add(
            DeskEnrolment(
                code_hash=digest(code),
                created_by=actor.id if actor is not None else None,
                created_at=now,
                expires_at=now + CODE_LIFETIME,
            )
        )
        audit.record(uow, actor, "desk.enrol", "desk", None)
        uow.commit()
        return code


def _new_code() -> str:
    return "-".join(secrets.token_hex(3).upper() for _ in range(4))


def old_desks(uow: UnitOfWork) -> list[str]:
    """Desk ids of the database-login era (a row in `sync_desk`) that have no token yet: not moved."""
    with uow:
        return _old_desks(uow)


def _old_desks(uow: UnitOfWork) -> list[str]:
    if uow.dialect != "postgresql":
        return []  # sync_desk is a table of the server on PostgreSQL only
    return list(
        uow.session.scalars(
            select(sync_desk.c.desk_id)
            .where(~select(DeskToken.id).where(DeskToken.desk_id == sync_desk.c.desk_id).exists())
            .order_by(sync_desk.c.desk_id)
        )
    )


def upgrade_codes(
    uow: UnitOfWork, actor: Actor | None, *, only: Sequence[str] = (), renew: bool = False
) -> list[UpgradeCode]:
    """One-time codes (7 days) bound each to a desk of the database-login era that has no token yet.

    Without `renew`, a desk that still holds an unused, unexpired code gets none (running `server
    init` again does not void the codes already handed out); with it, every earlier unused code of the
    desk stops working and a new one is made. `only`: these desk ids (else every old desk). `actor`
    None: whoever holds the server's database, as for `enrolment_code`.
    """
    with uow:
        if actor is not None:
            _may_register(actor)
        waiting = _old_desks(uow)
        wanted = [desk for desk in waiting if not only or desk in only]
        unknown = [desk for desk in only if desk not in waiting]
        if unknown:
            raise NotFound("old desk", ", ".join(unknown))
        now = utcnow()
        live = set(
            uow.session.scalars(
                select(DeskEnrolment.desk_id).where(
                    DeskEnrolment.desk_id.in_(wanted),
                    DeskEnrolment.used_at.is_(None),
                    DeskEnrolment.expires_at > now,
                )
            )
        )
        made: list[UpgradeCode] = []
        for desk_id in wanted:
            if desk_id in live and not renew:
                continue
            _void_codes(uow, desk_id)
            code = _new_code()
            expires = now + UPGRADE_CODE_LIFETIME
            uow.session.add(
                DeskEnrolment(
                    code_hash=digest(code),
                    created_by=actor.id if actor is not None else None,
                    created_at=now,
                    expires_at=expires,
                    desk_id=desk_id,
                )
            )
            audit.record(uow, actor, "desk.upgrade_code", "desk", None, desk=desk_id)
            made.append(UpgradeCode(desk_id, code, expires))
        uow.commit()
        return made


def _void_codes(uow: UnitOfWork, desk_id: str) -> None:
    """Every unused code bound to the desk stops working (a new one was made, or the desk revoked)."""
    uow.session.execute(
        update(DeskEnrolment)
        .where(DeskEnrolment.desk_id == desk_id, DeskEnrolment.used_at.is_(None))
        .values(expires_at=utcnow())
    )


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
        bound = False
        if actor is not None:
            _may_register(actor)
        else:
            bound = _use_code(uow, code, desk_id)
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        row = uow.session.scalar(select(DeskToken).where(DeskToken.desk_id == desk_id))
        if row is not None and actor is None and not bound:
            # A plain enrolment code makes a new desk. Taking over a desk that has a token (and its
            # outbox's identity) needs a manager's log-in, or the code the server bound to that desk.
            raise AuthenticationFailed(Message("sync.desk_registered", desk=row.name or desk_id))
        if row is None:
            row = DeskToken(desk_id=desk_id, name=clean_name, token_hash=digest(token))
            uow.session.add(row)
        else:
            if row.revoked_at is not None and (actor is None or actor.role is not Role.ADMIN):
                raise AuthenticationFailed(Message("sync.desk_revoked", desk=row.name))
            row.name, row.token_hash, row.revoked_at = clean_name, digest(token), None
        row.created_by = actor.id if actor is not None else None
        uow.session.flush()
        audit.record(uow, actor, "desk.register", "desk", None, desk=desk_id, name=clean_name)
        uow.commit()
        return RegisteredDesk(_view(row), token)


def _use_code(uow: UnitOfWork, code: str, desk_id: str) -> bool:
    """Spends the code; True when it was bound to this desk (an upgrade code)."""
    row = uow.session.scalar(
        # FOR UPDATE: two desks sending the same code at once are served one after the other, and
        # the second reads it used.
        select(DeskEnrolment)
        .where(DeskEnrolment.code_hash == digest(code.strip().upper()))
        .with_for_update()
    )
    if row is not None and row.desk_id is not None:
        # An upgrade code: bound to one desk. Its refusals say which case it is (a code is 96 random
        # bits: telling "used" from "expired" helps the person at the desk and no guesser).
        if row.desk_id != desk_id:
            raise AuthenticationFailed(Message("sync.code_other_desk", desk=row.desk_id, own=desk_id))
        revoked = uow.session.scalar(
            select(DeskToken.name).where(DeskToken.desk_id == desk_id, DeskToken.revoked_at.is_not(None))
        )
        if revoked is not None:
            raise AuthenticationFailed(Message("sync.desk_revoked", desk=revoked))
        if row.used_at is not None:
            raise AuthenticationFailed(Message("sync.code_used"))
        if row.expires_at < utcnow():
            raise AuthenticationFailed(Message("sync.code_expired"))
    elif row is None or row.used_at is not None or row.expires_at < utcnow():
        raise AuthenticationFailed(Message("sync.code_invalid"))
    row.used_at = utcnow()
    return row.desk_id is not None


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
        ).where(DeskToken.token_hash == digest(token))
    ).first()
    if row is None:
        raise AuthenticationFailed(Message("sync.token_invalid"))
    if row.revoked_at is not None:
        raise AuthenticationFailed(Message("sync.desk_revoked", desk=row.name))
    return DeskView(row.desk_id, row.name, row.created_at, row.last_sync_at, revoked=False)


def touch(uow: UnitOfWork, desk_id: str) -> None:
    """Record a sync of the desk (shown in the desk list)."""
    with uow:
        touch_on(uow.session.connection(), desk_id)
        uow.commit()


def touch_on(connection: Connection, desk_id: str) -> None:
    """`touch` on a connection the caller holds (an idle poll's, without a transaction)."""
    connection.execute(update(DeskToken).where(DeskToken.desk_id == desk_id).values(last_sync_at=utcnow()))


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
    """Refuse the desk's token from now on (by desk id or name); its outbox stays on the desk.

    A desk of the database-login era that has not moved yet (no token) gets a revoked row of its own
    (a token nobody holds): its upgrade codes stop working and it cannot be moved until an admin
    registers it again."""
    with uow:
        require(actor, Action.MANAGE_USERS)
        row = uow.session.scalar(
            select(DeskToken).where((DeskToken.desk_id == desk) | (DeskToken.name == desk))
        )
        if row is None and desk in _old_desks(uow):
            row = DeskToken(desk_id=desk, name=desk, token_hash=digest(secrets.token_urlsafe(32)))
            uow.session.add(row)
        if row is None:
            raise NotFound("desk", desk)
        _void_codes(uow, row.desk_id)
        row.revoked_at = row.revoked_at or utcnow()
        audit.record(uow, actor, "desk.revoke", "desk", None, desk=row.desk_id, name=row.name)
        uow.commit()
        return _view(row)
