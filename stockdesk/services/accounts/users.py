"""Accounts: the first admin, creating users, logging in (with throttling), passwords, roles."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select

from stockdesk.db.models import LoginThrottle, Store, User, UserStore
from stockdesk.domain.errors import (
    AccountLocked,
    AuthenticationFailed,
    DuplicateValue,
    PermissionDenied,
    ValidationError,
)
from stockdesk.domain.ids import StoreId, UserId
from stockdesk.domain.permissions import Action, Actor, Role, require
from stockdesk.services.accounts import audit
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import email_address, optional_text
from stockdesk.services.views import UserView

MAX_FAILURES = 5
LOCK_SECONDS = 60
MIN_PASSWORD = 8
_hasher = PasswordHasher()  # argon2id with the library's recommended cost


def _check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError(
            "password", "•" * len(password or ""), f"must have at least {MIN_PASSWORD} characters"
        )
    return password


def _role(value: str) -> Role:
    try:
        return Role(str(value))
    except ValueError:
        raise ValidationError("role", value, "must be admin, manager or clerk") from None


def _actor_of(uow: UnitOfWork, user: User) -> Actor:
    stores = uow.session.scalars(
        select(UserStore.store_id).where(UserStore.user_id == user.id, UserStore.deleted.is_(False))
    )
    return Actor(UserId(user.id), user.email, Role(user.role), frozenset(map(StoreId, stores)), user.name)


def _view(uow: UnitOfWork, user: User) -> UserView:
    actor = _actor_of(uow, user)
    return UserView(actor.id, user.email, user.name, user.role, user.active, actor.store_ids)


def has_users(uow: UnitOfWork) -> bool:
    with uow:
        return (uow.session.scalar(select(func.count()).select_from(User)) or 0) > 0


def _new_user(uow: UnitOfWork, email: str, password: str, role: Role, name: str) -> User:
    address = email_address("email", email)
    key = address.lower()
    if uow.session.scalar(select(User.id).where(User.email_key == key)) is not None:
        raise DuplicateValue("email", email, "already has an account (e-mail addresses ignore case)")
    user = User(
        email=address,
        email_key=key,
        name=optional_text("name", name, max_length=200),
        password_hash=_hasher.hash(_check_password(password)),
        role=role.value,
    )
    uow.session.add(user)
    uow.session.flush()
    return user


def create_first_admin(uow: UnitOfWork, *, email: str, password: str, name: str = "") -> Actor:
    """The very first account of a new database; refused once any account exists."""
    with uow:
        if (uow.session.scalar(select(func.count()).select_from(User)) or 0) > 0:
            raise PermissionDenied("an administrator already exists: log in instead")
        user = _new_user(uow, email, password, Role.ADMIN, name)
        actor = _actor_of(uow, user)
        audit.record(uow, actor, "user.create", "user", user.id, role="admin", first=True)
        uow.commit()
        return actor


def create_user(
    uow: UnitOfWork,
    actor: Actor,
    *,
    email: str,
    password: str,
    role: str,
    name: str = "",
    store_ids: Iterable[StoreId] = (),
) -> UserView:
    with uow:
        require(actor, Action.MANAGE_USERS)
        uow.actor_id = actor.id
        user = _new_user(uow, email, password, _role(role), name)
        _assign(uow, user, store_ids)
        audit.record(uow, actor, "user.create", "user", user.id, role=user.role)
        uow.commit()
        return _view(uow, user)


def _assign(uow: UnitOfWork, user: User, store_ids: Iterable[StoreId]) -> None:
    wanted = {uow.get(Store, store_id, "store").id for store_id in store_ids}
    current = {
        row.store_id: row
        for row in uow.session.scalars(select(UserStore).where(UserStore.user_id == user.id))
    }
    for store_id, row in current.items():
        row.deleted = store_id not in wanted
    for store_id in wanted - set(current):
        uow.session.add(UserStore(user_id=user.id, store_id=store_id))


def update_user(
    uow: UnitOfWork,
    actor: Actor,
    user_id: UserId,
    *,
    role: str | None = None,
    name: str | None = None,
    active: bool | None = None,
    store_ids: Iterable[StoreId] | None = None,
) -> UserView:
    with uow:
        require(actor, Action.MANAGE_USERS)
        uow.actor_id = actor.id
        user = uow.get(User, user_id, "user")
        if user.id == actor.id and (active is False or (role is not None and role != Role.ADMIN.value)):
            raise ValidationError("role", role or "inactive", "would lock you out: ask another admin")
        if role is not None:
            user.role = _role(role).value
        if name is not None:
            user.name = optional_text("name", name, max_length=200)
        if active is not None:
            user.active = active
        if store_ids is not None:
            _assign(uow, user, store_ids)
        audit.record(uow, actor, "user.update", "user", user.id, role=user.role, active=user.active)
        uow.commit()
        return _view(uow, user)


def list_users(uow: UnitOfWork, actor: Actor) -> list[UserView]:
    with uow:
        require(actor, Action.MANAGE_USERS)
        return [_view(uow, u) for u in uow.session.scalars(select(User).order_by(User.email_key))]


def authenticate(uow: UnitOfWork, *, email: str, password: str, now: datetime | None = None) -> Actor:
    """Check the password; after five failures in a row the e-mail is locked for a minute."""
    now = now or datetime.now(UTC)
    key = (email or "").strip().lower()
    with uow:
        throttle = uow.session.get(LoginThrottle, key) or LoginThrottle(email_key=key, failures=0)
        if throttle.locked_until is not None and throttle.locked_until > now:
            raise AccountLocked(int((throttle.locked_until - now).total_seconds()) + 1)
        user = uow.session.scalar(select(User).where(User.email_key == key, User.deleted.is_(False)))
        if user is None or not user.active or not _verifies(user.password_hash, password):
            throttle.failures += 1
            if throttle.failures >= MAX_FAILURES:
                throttle.locked_until = now + timedelta(seconds=LOCK_SECONDS)
                throttle.failures = 0
            uow.session.merge(throttle)
            uow.session.commit()  # the failure must count even though we raise
            if throttle.locked_until is not None and throttle.locked_until > now:
                raise AccountLocked(LOCK_SECONDS)
            raise AuthenticationFailed("wrong e-mail or password")
        uow.session.execute(delete(LoginThrottle).where(LoginThrottle.email_key == key))
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
        actor = _actor_of(uow, user)
        uow.commit()
        return actor


def _verifies(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False


def change_password(uow: UnitOfWork, actor: Actor, *, old_password: str, new_password: str) -> None:
    with uow:
        uow.actor_id = actor.id
        user = uow.get(User, actor.id, "user")
        if not _verifies(user.password_hash, old_password):
            raise ValidationError(
                "old_password", "•" * len(old_password or ""), "is not your current password"
            )
        user.password_hash = _hasher.hash(_check_password(new_password))
        audit.record(uow, actor, "user.password", "user", user.id)
        uow.commit()


def reset_password(uow: UnitOfWork, actor: Actor, user_id: UserId, *, new_password: str) -> None:
    with uow:
        require(actor, Action.MANAGE_USERS)
        uow.actor_id = actor.id
        user = uow.get(User, user_id, "user")
        user.password_hash = _hasher.hash(_check_password(new_password))
        audit.record(uow, actor, "user.reset_password", "user", user.id)
        uow.commit()


def actor_by_id(uow: UnitOfWork, user_id: UserId) -> Actor:
    with uow:
        return _actor_of(uow, uow.get(User, user_id, "user"))


def system_actor(uow: UnitOfWork) -> Actor:
    """The oldest active admin, for headless commands run by whoever holds the database itself.

    Such a person can already change the file directly, so this grants nothing new; it keeps the
    audit trail pointing at a real account.
    """
    with uow:
        user = uow.session.scalar(
            select(User)
            .where(User.role == Role.ADMIN.value, User.active.is_(True), User.deleted.is_(False))
            .order_by(User.created_at)
            .limit(1)
        )
        if user is None:
            raise PermissionDenied("no administrator exists yet: run `stockdesk` and create one")
        return _actor_of(uow, user)
