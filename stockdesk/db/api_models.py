"""Tables of the HTTP API server: log-in sessions (refresh tokens), API keys and idempotent requests.

None of them syncs: they belong to the server that issued them, like `login_throttle` belongs to a desk.
Secrets are never stored, only their SHA-256 (tokens and keys carry 256 random bits, so a fast hash
is enough: there is nothing to guess, unlike a password).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from stockdesk.db.base import Base, utcnow
from stockdesk.domain.ids import new_id


class ApiSession(Base):
    """One log-in over HTTP: its refresh token rotates on every use; revoking it ends the session."""

    __tablename__ = "api_session"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id"), index=True)
    refresh_hash: Mapped[str] = mapped_column(String(64))
    # Fingerprint of the password hash, role and active flag when the session began: any change ends it.
    stamp: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class ApiKey(Base):
    """A long-lived key for an integration (web shop, ERP), acting for the admin who made it."""

    __tablename__ = "api_key"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(8))
    store_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("store.id"), default=None)
    created_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class IdempotentRequest(Base):
    """The first answer to a POST sent with an Idempotency-Key, written in the same transaction as its
    effect: a replay returns it, a concurrent twin fails on the primary key and returns it too."""

    __tablename__ = "api_idempotent_request"
    principal: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
