"""Desks that sync through the server's HTTP API, their one-time enrolment codes, and (on a desk)
the changes the server refused.

`desk_token` and `desk_enrolment` live on the server and never sync; a desk holds only its token
(keyring or a 0600 file), never a database role. `sync_refused` lives on the desk: a change the
server would not apply leaves the outbox for it, with the server's reason, so it is shown and not
retried (issue 15).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from stockdesk.db.base import Base, utcnow
from stockdesk.domain.ids import new_id


class DeskToken(Base):
    """One registered desk: its name, the SHA-256 of its token, when it last synced, if revoked."""

    __tablename__ = "desk_token"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    desk_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[uuid.UUID | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sync_at: Mapped[datetime | None] = mapped_column(default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class DeskEnrolment(Base):
    """A one-time code `stockdesk desk enrol` printed: a desk registers with it instead of a log-in.

    `desk_id` set: an upgrade code (`stockdesk server init`, `stockdesk desk upgrade-codes`) that only
    the desk of the database-login era with that id may use, to get a token for that same id."""

    __tablename__ = "desk_enrolment"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[uuid.UUID | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column(default=None)
    desk_id: Mapped[str | None] = mapped_column(String(64), default=None)


class SyncRefused(Base):
    """On a desk: a change the server refused, with its reason (not retried, shown on the sync page)."""

    __tablename__ = "sync_refused"
    change_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    tbl: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=utcnow)
