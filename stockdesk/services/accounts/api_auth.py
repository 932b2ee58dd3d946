"""Log-in over HTTP: short-lived access tokens (JWT) and rotating refresh tokens, revocable at any time.

A token carries a stamp of the user's password hash, role and active flag; the server compares it with
the account on every request, so changing any of the three revokes every token of that user at once
without a list of revoked tokens. A refresh token is good for one use: using an old one again (a
stolen copy) ends the whole session. The signing secret is made on first use and kept in the database
(`local_setting`), so every worker and every server process on one PostgreSQL shares it.
"""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple, Protocol

import jwt
from sqlalchemy import and_, bindparam, select
from sqlalchemy.exc import IntegrityError

from stockdesk.db.api_models import ApiSession
from stockdesk.db.fast_read import FastRead, Rows, rows_together
from stockdesk.db.models import LocalSetting, User, UserStore
from stockdesk.domain.errors import AuthenticationFailed
from stockdesk.domain.ids import StoreId, UserId
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Action, Actor, Role
from stockdesk.services import moments
from stockdesk.services.accounts import audit, users
from stockdesk.services.uow import UnitOfWork

SECRET_SETTING = "api_jwt_secret"
ALGORITHM = "HS256"
ACCESS_LIFETIME = timedelta(minutes=15)
REFRESH_LIFETIME = timedelta(days=30)


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int  # seconds the access token lives


# What a caller reads alongside the token check, given the token's user id.
AlsoRead = Callable[[uuid.UUID], Sequence[tuple[FastRead, Mapping[str, Any]]]]


@dataclass(frozen=True)
class Session:
    """Who an access token speaks for, and the log-in session it belongs to."""

    actor: Actor
    session_id: uuid.UUID


class _Checked(NamedTuple):
    email: str
    name: str
    role: str
    active: bool
    deleted: bool
    password_hash: str
    may_adjust: bool


# The user, the session, and one row per store the user works in (or one row with no store).
_SESSION_SELECT = (
    select(
        *(getattr(User, column) for column in _Checked._fields),
        ApiSession.revoked_at,
        UserStore.store_id,
    )
    .join(ApiSession, ApiSession.user_id == User.id)
    .outerjoin(UserStore, and_(UserStore.user_id == User.id, UserStore.deleted.is_(False)))
    .where(ApiSession.id == bindparam("session_id"), User.id == bindparam("user_id"))
)
_SESSION_CHECK = FastRead(_SESSION_SELECT)
_REVOKED_AT, _STORE_ID = len(_Checked._fields), len(_Checked._fields) + 1
# The same, each row ending with the database's moment (`session_at_moment`).
_SESSION_CHECK_AT_MOMENT = FastRead(_SESSION_SELECT.add_columns(moments.column()))


def server_secret(uow: UnitOfWork) -> str:
    """The signing secret, created by whichever server process asks first."""
    with uow:
        found = uow.session.get(LocalSetting, SECRET_SETTING)
        if found is not None:
            return found.value
        uow.session.add(LocalSetting(key=SECRET_SETTING, value=secrets.token_urlsafe(48)))
        try:
            uow.session.commit()
        except IntegrityError:  # another worker made it first: use theirs
            uow.session.rollback()
    with uow:
        return uow.session.get(LocalSetting, SECRET_SETTING).value  # type: ignore[union-attr]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class _Stamped(Protocol):  # read-only members: a User row and a checked tuple both fit
    @property
    def password_hash(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def active(self) -> bool: ...
    @property
    def deleted(self) -> bool: ...


def _stamp(user: _Stamped) -> str:
    return _digest(f"{user.password_hash}|{user.role}|{user.active}|{user.deleted}")[:32]


def access_token(secret: str, user_id: uuid.UUID, session_id: uuid.UUID, stamp: str, *, now: datetime) -> str:
    claims = {
        "sub": user_id.hex,
        "sid": session_id.hex,
        "stp": stamp,
        "typ": "access",
        "iat": int(now.timestamp()),
        "exp": int((now + ACCESS_LIFETIME).timestamp()),
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def _pair(secret: str, session: ApiSession, refresh_secret: str, now: datetime) -> TokenPair:
    return TokenPair(
        access_token(secret, session.user_id, session.id, session.stamp, now=now),
        f"{session.id.hex}.{refresh_secret}",
        int(ACCESS_LIFETIME.total_seconds()),
    )


def log_in(
    uow: UnitOfWork,
    *,
    email: str,
    password: str,
    secret: str,
    source: str = "api",
    now: datetime | None = None,
) -> TokenPair:
    """Check the password with the window's own throttled log-in, then open a session."""
    now = now or datetime.now(UTC)
    actor = users.authenticate(uow, email=email, password=password, source=source, now=now)
    refresh_secret = secrets.token_urlsafe(32)
    with uow:
        uow.actor_id = actor.id
        user = uow.get(User, actor.id, "user")
        session = ApiSession(
            user_id=user.id,
            refresh_hash=_digest(refresh_secret),
            stamp=_stamp(user),
            created_at=now,
            expires_at=now + REFRESH_LIFETIME,
        )
        uow.session.add(session)
        uow.session.flush()
        audit.record(uow, actor, "api.login", "user", user.id, session=session.id.hex)
        uow.commit()
    return _pair(secret, session, refresh_secret, now)


def refresh(uow: UnitOfWork, *, refresh_token: str, secret: str, now: datetime | None = None) -> TokenPair:
    """A new access token and a new refresh token; the one presented is spent."""
    now = now or datetime.now(UTC)
    session_hex, _, presented = (refresh_token or "").partition(".")
    try:
        session_id = uuid.UUID(hex=session_hex)
    except ValueError:
        raise AuthenticationFailed(Message("api.refresh_invalid")) from None
    with uow:
        session = uow.session.scalar(select(ApiSession).where(ApiSession.id == session_id).with_for_update())
        if session is None or session.revoked_at is not None or session.expires_at <= now:
            raise AuthenticationFailed(Message("api.refresh_expired"))
        user = uow.session.get(User, session.user_id)
        reused = _digest(presented) != session.refresh_hash
        if reused or user is None or not user.active or _stamp(user) != session.stamp:
            session.revoked_at = now  # a spent token shown again means a stolen copy: end the session
            uow.session.commit()
            raise AuthenticationFailed(Message("api.refresh_reused"))
        refresh_secret = secrets.token_urlsafe(32)
        session.refresh_hash = _digest(refresh_secret)
        uow.session.commit()
        return _pair(secret, session, refresh_secret, now)


def log_out(uow: UnitOfWork, session_id: uuid.UUID, *, now: datetime | None = None) -> None:
    """End a session: its refresh token and every access token issued under it stop working."""
    with uow:
        session = uow.session.get(ApiSession, session_id)
        if session is not None and session.revoked_at is None:
            session.revoked_at = now or datetime.now(UTC)
            uow.session.commit()


class _Claims(NamedTuple):
    user_id: uuid.UUID
    session_id: uuid.UUID
    stamp: str
    expires: int  # the `exp` claim, seconds since the epoch


# Tokens whose signature and claims were checked, by (secret, token). What a token says never
# changes; only the clock and the account do, so a token found here has its expiry compared on
# every use, and its session and account are still read on every request (below). Checking the
# signature, PyJWT's base64 and JSON cost a third of the token check (35 of 130 µs).
_VERIFIED: dict[tuple[str, str], _Claims] = {}
_MAX_VERIFIED = 10_000  # a server's tokens of the last quarter-hour; past that, start afresh


def _claims(token: str, secret: str) -> _Claims:
    known = _VERIFIED.get((secret, token))
    if known is not None:
        if known.expires <= time.time():  # PyJWT's own test: expired at the `exp` second
            raise AuthenticationFailed(Message("api.access_expired"))
        return known
    try:
        claims = jwt.decode(
            token, secret, algorithms=[ALGORITHM], options={"require": ["exp", "sub", "sid", "stp"]}
        )
        checked = _Claims(
            uuid.UUID(hex=claims["sub"]), uuid.UUID(hex=claims["sid"]), claims["stp"], int(claims["exp"])
        )
    except jwt.ExpiredSignatureError:
        raise AuthenticationFailed(Message("api.access_expired")) from None
    except (jwt.InvalidTokenError, ValueError, TypeError):
        raise AuthenticationFailed(Message("api.access_invalid")) from None
    if claims.get("typ") != "access":
        raise AuthenticationFailed(Message("api.access_invalid"))
    if len(_VERIFIED) >= _MAX_VERIFIED:
        _VERIFIED.clear()
    _VERIFIED[(secret, token)] = checked
    return checked


def session_of(uow: UnitOfWork, token: str, *, secret: str) -> Session:
    """The actor an access token speaks for, or AuthenticationFailed saying why not."""
    return session_and(uow, token, secret=secret)[0]


def session_and(
    uow: UnitOfWork, token: str, *, secret: str, also: AlsoRead | None = None
) -> tuple[Session, list[Rows]]:
    """`session_of`, and the rows of each read of `also(user id)`, read in the same round trip."""
    found = sessions_and(uow, [(token, also)], secret=secret)[0]
    if isinstance(found, AuthenticationFailed):
        raise found
    return found


class SessionAtMoment(NamedTuple):
    session: Session
    rows: list[Rows]  # of the caller's own reads
    moment: moments.Moment  # of the first statement: the rows are those of this moment while it stands
    expires: int  # the access token's `exp`, seconds since the epoch


def session_at_moment(uow: UnitOfWork, token: str, *, secret: str, also: AlsoRead) -> SessionAtMoment:
    """`session_and` with the database's moment (PostgreSQL, `moments`) read by the session's check,
    the first statement of the round trip: an answer made of these rows alone may be given again while
    that moment stands, the session's check included (the token's expiry apart: the caller compares
    `expires` with the clock)."""
    claims = _claims(token, secret)
    reads = [
        (_SESSION_CHECK_AT_MOMENT, {"session_id": claims.session_id, "user_id": claims.user_id}),
        *also(claims.user_id),
    ]
    rows = rows_together(uow.engine, reads)
    found = _checked_session(claims, rows[0], rows[1:])
    if isinstance(found, AuthenticationFailed):
        raise found
    return SessionAtMoment(found[0], found[1], moments.Moment(rows[0][0][-1]), claims.expires)


def sessions_and(
    uow: UnitOfWork, asked: Sequence[tuple[str, AlsoRead | None]], *, secret: str
) -> list[tuple[Session, list[Rows]] | AuthenticationFailed]:
    """`session_and` for several tokens (a round of posts), all read in one round trip: for each,
    its session and the rows of its own reads, or why the token is refused."""
    checked: list[_Claims | AuthenticationFailed] = []  # each token's claims, or why it is refused
    counts: list[int] = []  # how many reads of its own each token with claims asked for
    # Before every request's own work: one precompiled statement on a pooled connection, in autocommit
    # (one round trip, no session, no BEGIN/ROLLBACK). Still read every time, so a revoked session, a
    # changed password, role or active flag is refused on the very next request, by every worker.
    reads: list[tuple[FastRead, Mapping[str, Any]]] = []
    for token, also in asked:
        try:
            claims = _claims(token, secret)
        except AuthenticationFailed as refused:
            checked.append(refused)
            continue
        its_own = list(also(claims.user_id)) if also is not None else []
        checked.append(claims)
        counts.append(len(its_own))
        reads += [(_SESSION_CHECK, {"session_id": claims.session_id, "user_id": claims.user_id}), *its_own]
    rows_of = iter(rows_together(uow.engine, reads) if reads else [])
    count_of = iter(counts)
    found: list[tuple[Session, list[Rows]] | AuthenticationFailed] = []
    for claims_or_refusal in checked:
        if isinstance(claims_or_refusal, AuthenticationFailed):
            found.append(claims_or_refusal)
            continue
        rows = next(rows_of)
        its_own_rows = [next(rows_of) for _ in range(next(count_of))]
        found.append(_checked_session(claims_or_refusal, rows, its_own_rows))
    return found


def _checked_session(
    claims: _Claims, rows: Rows, other: list[Rows]
) -> tuple[Session, list[Rows]] | AuthenticationFailed:
    if not rows or rows[0][_REVOKED_AT] is not None:
        return AuthenticationFailed(Message("api.access_logged_out"))
    user = _Checked(*rows[0][:_REVOKED_AT])
    if not user.active or user.deleted or _stamp(user) != claims.stamp:
        return AuthenticationFailed(Message("api.access_revoked"))
    stores = frozenset(StoreId(r[_STORE_ID]) for r in rows if r[_STORE_ID] is not None)
    grants = frozenset({Action.ADJUST_STOCK}) if user.may_adjust else frozenset()
    actor = Actor(UserId(claims.user_id), user.email, Role(user.role), stores, user.name, grants)
    return Session(actor, claims.session_id), other
