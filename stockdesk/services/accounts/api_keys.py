"""API keys for integrations: made by an admin, shown once, kept only as a hash, revocable.

A key acts for the admin who made it, narrowed: a `read` key may only read; a `write` key limited to
a store acts as a clerk of that store, one without a store as a manager. Every request made with a
key is audited with the key's name.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from stockdesk.db.api_models import ApiKey
from stockdesk.db.models import Store, User
from stockdesk.domain.errors import (
    AuthenticationFailed,
    DuplicateValue,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from stockdesk.domain.ids import StoreId, UserId
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Action, Actor, Role, require
from stockdesk.services.accounts import audit, users
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import required_text

SCOPES = ("read", "write")
KEY_PREFIX = "sdk_"
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class ApiKeyView:
    id: uuid.UUID
    name: str
    prefix: str
    scope: str
    store_code: str | None
    created_at: datetime
    revoked: bool


@dataclass(frozen=True)
class NewKey:
    view: ApiKeyView
    secret: str  # the whole key: shown once, never stored


@dataclass(frozen=True)
class KeyGrant:
    """What a request made with a key may do: the narrowed actor, and the key's name for the audit."""

    actor: Actor
    key_id: uuid.UUID
    name: str
    scope: str


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _view(key: ApiKey, store_code: str | None) -> ApiKeyView:
    return ApiKeyView(
        key.id, key.name, key.prefix, key.scope, store_code, key.created_at, key.revoked_at is not None
    )


def create_key(
    uow: UnitOfWork, actor: Actor, *, name: str, scope: str, store_code: str | None = None
) -> NewKey:
    with uow:
        require(actor, Action.MANAGE_USERS)
        clean = required_text("name", name, max_length=100)
        if scope not in SCOPES:
            raise ValidationError("scope", scope, Message("api.key_scope"))
        if uow.session.scalar(select(ApiKey.id).where(ApiKey.name == clean)) is not None:
            raise DuplicateValue("name", clean, Message("api.key_name_taken"))
        store_id = None
        if store_code:
            store_id = uow.session.scalar(select(Store.id).where(Store.code == store_code.upper()))
            if store_id is None:
                raise NotFound("store", store_code)
        prefix = secrets.token_hex(6)
        secret = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
        key = ApiKey(
            name=clean,
            prefix=prefix,
            key_hash=_digest(secret),
            scope=scope,
            store_id=store_id,
            created_by=actor.id,
            created_at=datetime.now(UTC),
        )
        uow.session.add(key)
        uow.session.flush()
        audit.record(
            uow, actor, "api_key.create", "api_key", key.id, name=clean, scope=scope, store=store_code
        )
        uow.commit()
        return NewKey(_view(key, store_code.upper() if store_code else None), secret)


def list_keys(uow: UnitOfWork, actor: Actor) -> list[ApiKeyView]:
    with uow:
        require(actor, Action.MANAGE_USERS)
        rows = uow.session.execute(
            select(ApiKey, Store.code).outerjoin(Store, Store.id == ApiKey.store_id).order_by(ApiKey.name)
        )
        return [_view(key, code) for key, code in rows]


def revoke_key(uow: UnitOfWork, actor: Actor, name: str) -> ApiKeyView:
    with uow:
        require(actor, Action.MANAGE_USERS)
        key = uow.session.scalar(select(ApiKey).where(ApiKey.name == name))
        if key is None:
            raise NotFound("API key", name)
        if key.revoked_at is None:
            key.revoked_at = datetime.now(UTC)
            audit.record(uow, actor, "api_key.revoke", "api_key", key.id, name=key.name)
        code = (
            uow.session.scalar(select(Store.code).where(Store.id == key.store_id)) if key.store_id else None
        )
        uow.commit()
        return _view(key, code)


def looks_like_key(text: str) -> bool:
    return text.startswith(KEY_PREFIX)


def grant_for_key(uow: UnitOfWork, secret: str, *, method: str, path: str) -> KeyGrant:
    """Check a presented key and the request's method against its scope; audit the request."""
    prefix = secret[len(KEY_PREFIX) :].partition("_")[0]
    with uow:
        key = uow.session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))
        if (
            key is None
            or key.revoked_at is not None
            or not secrets.compare_digest(key.key_hash, _digest(secret))
        ):
            raise AuthenticationFailed(Message("api.key_invalid"))
        maker = uow.session.get(User, key.created_by)
        if maker is None or not maker.active or maker.deleted:
            raise AuthenticationFailed(Message("api.key_owner_disabled"))
        key_id, name, scope, store_id, maker_id = key.id, key.name, key.scope, key.store_id, maker.id
    owner = users.actor_by_id(uow, UserId(maker_id))
    role, stores = (
        (Role.CLERK, frozenset({StoreId(store_id)})) if store_id else (Role.MANAGER, owner.store_ids)
    )
    actor = Actor(owner.id, f"api-key:{name}", role, stores, name)
    if scope == "read" and method.upper() not in READ_METHODS:
        raise PermissionDenied(Message("api.key_read_only", name=name))
    with uow:
        audit.record(uow, actor, "api_key.request", "api_key", key_id, key=name, method=method, path=path)
        uow.commit()
    return KeyGrant(actor, key_id, name, scope)
