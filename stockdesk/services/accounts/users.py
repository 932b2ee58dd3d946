"""Accounts: the first admin, creating users, logging in (with throttling), passwords, roles."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import func, select

from stockdesk.db.models import Store, User, UserStore
from stockdesk.domain.errors import (
    AccountLocked,
    AuthenticationFailed,
    DuplicateValue,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from stockdesk.domain.ids import StoreId, UserId
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Action, Actor, Role, require
from stockdesk.services.accounts import audit
from stockdesk.services.accounts import login_throttle as throttle
from stockdesk.services.accounts.passwords import passwords
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import email_address, optional_text
from stockdesk.services.views import UserView

MIN_PASSWORD = 8


def _check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError(
            "password", "•" * len(password or ""), Message("password_short", minimum=MIN_PASSWORD)
        )
    return password


def _role(value: str) -> Role:
    try:
        return Role(str(value))
    except ValueError:
        raise ValidationError("role", value, Message("role_choices")) from None


def _actor_of(uow: UnitOfWork, user: User) -> Actor:
    stores = uow.session.scalars(
        select(UserStore.store_id).where(UserStore.user_id == user.id, UserStore.deleted.is_(False))
    )
    grants = frozenset({Action.ADJUST_STOCK}) if user.may_adjust else frozenset()
    return Actor(
        UserId(user.id), user.email, Role(user.role), frozenset(map(StoreId, stores)), user.name, grants
    )


def _view(uow: UnitOfWork, user: User) -> UserView:
    actor = _actor_of(uow, user)
    return UserView(actor.id, user.email, user.name, user.role, user.active, actor.store_ids, user.may_adjust)


def has_users(uow: UnitOfWork) -> bool:
    with uow:
        return (uow.session.scalar(select(func.count()).select_from(User)) or 0) > 0


def _new_user(uow: UnitOfWork, email: str, password: str, role: Role, name: str) -> User:
    address = email_address("email", email)
    key = address.lower()
    if uow.session.scalar(select(User.id).where(User.email_key == key)) is not None:
        raise DuplicateValue("email", email, Message("email_taken"))
    user = User(
        email=address,
        email_key=key,
        name=optional_text("name", name, max_length=200),
        password_hash=passwords.hash(_check_password(password)),
        role=role.value,
    )
    uow.session.add(user)
    uow.session.flush()
    return user


def create_first_admin(uow: UnitOfWork, *, email: str, password: str, name: str = "") -> Actor:
    """The very first account of a new database; refused once any account exists."""
    with uow:
        if (uow.session.scalar(select(func.count()).select_from(User)) or 0) > 0:
            raise PermissionDenied(Message("permission.admin_exists"))
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
    may_adjust: bool = False,
) -> UserView:
    with uow:
        require(actor, Action.MANAGE_USERS)
        uow.actor_id = actor.id
        user = _new_user(uow, email, password, _role(role), name)
        user.may_adjust = may_adjust
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
    may_adjust: bool | None = None,
) -> UserView:
    with uow:
        require(actor, Action.MANAGE_USERS)
        uow.actor_id = actor.id
        user = uow.get(User, user_id, "user")
        if user.id == actor.id and (active is False or (role is not None and role != Role.ADMIN.value)):
            raise ValidationError("role", role or "inactive", Message("lockout"))
        if role is not None:
            user.role = _role(role).value
        if name is not None:
            user.name = optional_text("name", name, max_length=200)
        if active is not None:
            user.active = active
        if store_ids is not None:
            _assign(uow, user, store_ids)
        if may_adjust is not None:
            user.may_adjust = may_adjust
        details = {"role": user.role, "active": user.active, "may_adjust": user.may_adjust}
        audit.record(uow, actor, "user.update", "user", user.id, **details)
        uow.commit()
        return _view(uow, user)


def set_may_adjust(uow: UnitOfWork, actor: Actor, *, email: str, allowed: bool) -> UserView:
    """An admin lets a clerk post adjustments (write-offs), or takes it back; found by e-mail."""
    with uow:
        require(actor, Action.MANAGE_USERS)
        key = (email or "").strip().lower()
        user_id = uow.session.scalar(select(User.id).where(User.email_key == key, User.deleted.is_(False)))
    if user_id is None:
        raise NotFound("user", email)
    return update_user(uow, actor, UserId(user_id), may_adjust=allowed)


def list_users(uow: UnitOfWork, actor: Actor) -> list[UserView]:
    with uow:
        require(actor, Action.MANAGE_USERS)
        return [_view(uow, u) for u in uow.session.scalars(select(User).order_by(User.email_key))]


def find_user(uow: UnitOfWork, actor: Actor, email: str) -> UserView:
    """The account of `email` (case ignored); NotFound("user", email) when there is none."""
    with uow:
        require(actor, Action.MANAGE_USERS)
        key = (email or "").strip().lower()
        user = uow.session.scalar(select(User).where(User.email_key == key, User.deleted.is_(False)))
        if user is None:
            raise NotFound("user", email)
        return _view(uow, user)


def authenticate(
    uow: UnitOfWork, *, email: str, password: str, source: str = throttle.DESK, now: datetime | None = None
) -> Actor:
    """Check the password, with back-off per (e-mail, source) and per source (`login_throttle`).

    `source` says where the attempt comes from: "desk" for the window, the client address for the API.
    Every attempt that is not locked costs exactly one argon2 verification, against the account's hash
    or a dummy one, so neither the answer nor its timing says whether the e-mail has an account.
    """
    now = now or datetime.now(UTC)
    key = (email or "").strip().lower()
    keys = throttle.keys_for(key, source)
    with uow:
        waiting = throttle.seconds_locked(uow, keys, now)
        if waiting:
            raise AccountLocked(waiting)
        user = uow.session.scalar(select(User).where(User.email_key == key, User.deleted.is_(False)))
        correct = passwords.verifies(user.password_hash if user is not None else None, password)
        if user is None or not user.active or not correct:
            locked = throttle.record_failure(uow, keys, now)
            uow.session.commit()  # the failure must count even though we raise
            if locked:
                raise AccountLocked(locked)
            raise AuthenticationFailed(Message("auth.failed"))
        throttle.record_success(uow, keys)
        if passwords.needs_rehash(user.password_hash):
            # The person changes their own hash: stamped as theirs, so sync carries it as a change a
            # user may make to their own account (unstamped, the server refused it as naming no user).
            uow.actor_id = user.id
            user.password_hash = passwords.hash(password)
        actor = _actor_of(uow, user)
        uow.commit()
        return actor


def unlock(uow: UnitOfWork, actor: Actor, *, email: str = "", source: str = "") -> int:
    """An admin lifts the log-in back-off of an e-mail (from every source) and/or of a source."""
    with uow:
        require(actor, Action.MANAGE_USERS)
        removed = throttle.clear(uow, email_key=email.strip().lower() or None, source=source.strip() or None)
        audit.record(uow, actor, "user.unlock", "user", None, email=email.strip(), source=source.strip())
        uow.commit()
        return removed


def _verifies(password_hash: str, password: str) -> bool:
    return passwords.verifies(password_hash, password)


def change_password(uow: UnitOfWork, actor: Actor, *, old_password: str, new_password: str) -> None:
    with uow:
        uow.actor_id = actor.id
        user = uow.get(User, actor.id, "user")
        if not _verifies(user.password_hash, old_password):
            raise ValidationError("old_password", "•" * len(old_password or ""), Message("wrong_password"))
        user.password_hash = passwords.hash(_check_password(new_password))
        audit.record(uow, actor, "user.password", "user", user.id)
        uow.commit()


def reset_password(uow: UnitOfWork, actor: Actor, user_id: UserId, *, new_password: str) -> None:
    with uow:
        require(actor, Action.MANAGE_USERS)
        uow.actor_id = actor.id
        user = uow.get(User, user_id, "user")
        user.password_hash = passwords.hash(_check_password(new_password))
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
            raise PermissionDenied(Message("permission.no_admin"))
        return _actor_of(uow, user)
