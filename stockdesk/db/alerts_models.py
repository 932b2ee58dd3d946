"""Tables of low-stock alerts, their recipients, the e-mail outbox and planning settings.

`email_outbox` is deliberately *not* synced: an e-mail belongs to the desk that wrote it
(docs/architecture.md, "Alerts and reordering"), so a pulled alert is shown on other desks but never
mailed again.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from stockdesk.db.base import Base, Quantity, Synced, utcnow


class Alert(Synced, Base):
    """A low-stock alert for one item in one store; open until stock rises above the reorder point."""

    __tablename__ = "alert"
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"))
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("store.id"))
    is_open: Mapped[bool] = mapped_column(default=True)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    on_hand: Mapped[Decimal] = mapped_column(Quantity)  # on-hand right after the crossing
    reorder_point: Mapped[Decimal] = mapped_column(Quantity)
    acknowledged_at: Mapped[datetime | None] = mapped_column(default=None)
    acknowledged_by: Mapped[uuid.UUID | None] = mapped_column(default=None)
    snoozed_until: Mapped[datetime | None] = mapped_column(default=None)
    __table_args__ = (Index("ix_alert_item_store_open", "item_id", "store_id", "is_open"),)


class AlertRecipient(Synced, Base):
    """Who hears about alerts: NULL store / category means "every store" / "every category"."""

    __tablename__ = "alert_recipient"
    email: Mapped[str] = mapped_column(String(254))
    store_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("store.id"), default=None)
    category_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("category.id"), default=None)
    mode: Mapped[str] = mapped_column(String(16), default="immediate")  # or "digest"
    last_digest_at: Mapped[datetime | None] = mapped_column(default=None)


class PlanningSetting(Synced, Base):
    """Shared planning settings (service level, review period): one row per key."""

    __tablename__ = "planning_setting"
    key: Mapped[str] = mapped_column(String(64), unique=True)
    value: Mapped[str] = mapped_column(Text, default="")


class EmailOutbox(Base):
    """An e-mail waiting for the SMTP worker: queued -> sending -> sent (or failed for good)."""

    __tablename__ = "email_outbox"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(16))  # alert, digest, purchase_order
    recipients: Mapped[str] = mapped_column(Text)  # comma-separated addresses
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    attachment_name: Mapped[str] = mapped_column(String(200), default="")
    attachment: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(default=None)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (Index("ix_email_outbox_status_next", "status", "next_attempt_at"),)
