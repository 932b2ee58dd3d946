"""The tables. Stock is a ledger (`stock_movement`, insert-only); `stock_level` is derived from it."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from stockdesk.db.base import Base, Quantity, Synced, utcnow


class User(Synced, Base):
    __tablename__ = "user_account"
    email: Mapped[str] = mapped_column(String(254))
    # Unique lower-cased copy: "Ann@x.org" and "ann@x.org" are one person on SQLite and PostgreSQL alike.
    email_key: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True)
    # An admin's grant: this clerk may post adjustments (managers and admins always may).
    may_adjust: Mapped[bool] = mapped_column(default=False, server_default=false())
    __table_args__ = (CheckConstraint("role in ('admin','manager','clerk')", name="role"),)


class Store(Synced, Base):
    __tablename__ = "store"
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)


class UserStore(Synced, Base):
    """A clerk's assignment to a store (a row, so assignments sync like everything else)."""

    __tablename__ = "user_store"
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id"))
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("store.id"))
    __table_args__ = (UniqueConstraint("user_id", "store_id"),)


class Category(Synced, Base):
    __tablename__ = "category"
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("category.id"), index=True)
    # Days before a lot's expiry that its items' lots are reported (an item's own setting wins).
    expiry_warn_days: Mapped[int | None] = mapped_column(Integer, default=None)


class Supplier(Synced, Base):
    __tablename__ = "supplier"
    name: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    lead_time_days: Mapped[int] = mapped_column(Integer, default=7)
    address: Mapped[str] = mapped_column(Text, default="")  # postal, several lines; on its purchase orders


class Item(Synced, Base):
    __tablename__ = "item"
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    category_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("category.id"), index=True)
    supplier_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("supplier.id"), index=True)
    unit: Mapped[str] = mapped_column(String(16), default="pcs")
    cost_price: Mapped[Decimal] = mapped_column(default=Decimal(0))
    sell_price: Mapped[Decimal] = mapped_column(default=Decimal(0), index=True)
    reorder_point: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    reorder_qty: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))
    active: Mapped[bool] = mapped_column(default=True)
    # none | lot | expiry (lots with a use-by date) | serial (each unit its own number): domain.tracking
    tracking: Mapped[str] = mapped_column(String(8), default="none", server_default="none")
    expiry_warn_days: Mapped[int | None] = mapped_column(Integer, default=None)
    # Variants (docs/variants.md): a template is never stocked; a variant names its template and its
    # attribute values (JSON object in the template's attribute order). Its prices are copies of the
    # template's that follow it until set on the variant itself (`own_*_price`), so the items list
    # reads a variant's price from its own row like any item's.
    template_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("item.id"), index=True, default=None)
    is_template: Mapped[bool] = mapped_column(default=False, server_default=false())
    variant_values: Mapped[str] = mapped_column(Text, default="", server_default="")
    own_sell_price: Mapped[bool] = mapped_column(default=False, server_default=false())
    own_cost_price: Mapped[bool] = mapped_column(default=False, server_default=false())


# SKUs differ by more than case and surrounding spaces; the services check it through this index (not
# UNIQUE: sync renames two desks' offline twins by exact value, see migration 0009).
Index("ix_item_sku_normalised", func.upper(func.trim(Item.sku)))


class ItemBarcode(Synced, Base):
    __tablename__ = "item_barcode"
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"), index=True)
    code: Mapped[str] = mapped_column(String(128), unique=True)
    symbology: Mapped[str] = mapped_column(String(16), default="")


class StockMovement(Synced, Base):
    """One line of the ledger. Never updated: a correction is a new movement with `reverses_id` set."""

    __tablename__ = "stock_movement"
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"))
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("store.id"))
    kind: Mapped[str] = mapped_column(String(16))
    quantity: Mapped[Decimal] = mapped_column(Quantity)  # signed change to on-hand
    counted_quantity: Mapped[Decimal | None] = mapped_column(Quantity, default=None)
    unit_cost: Mapped[Decimal | None] = mapped_column(default=None)
    reference: Mapped[str] = mapped_column(String(200), default="")
    transfer_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    # Where in the store and which batch (NULL: the store's unplaced stock, an untracked item).
    location_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("location.id"), default=None)
    lot_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("lot.id"), default=None)
    reverses_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("stock_movement.id"), default=None)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (
        Index("ix_stock_movement_item_store_at", "item_id", "store_id", "at"),
        Index("ix_stock_movement_at", "at"),
        Index("ix_stock_movement_store_kind_at", "store_id", "kind", "at"),
        # The recall reads one lot's movements; only movements that name a lot are indexed (0029).
        Index(
            "ix_stock_movement_lot_id",
            "lot_id",
            sqlite_where=text("lot_id IS NOT NULL"),
            postgresql_where=text("lot_id IS NOT NULL"),
        ),
        CheckConstraint(
            "kind in ('receive','sale','transfer_out','transfer_in','adjust','count')", name="kind"
        ),
    )


class StockLevel(Base):
    """On-hand per item and store: derived from the ledger, written in the movement's transaction."""

    __tablename__ = "stock_level"
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"), primary_key=True)
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("store.id"), primary_key=True)
    on_hand: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    __table_args__ = (Index("ix_stock_level_store_item", "store_id", "item_id"),)


class AuditEvent(Synced, Base):
    __tablename__ = "audit_event"
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column()
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[uuid.UUID | None] = mapped_column()
    details: Mapped[str] = mapped_column(Text, default="")


class LoginThrottle(Base):
    """Recent failed log-ins per (e-mail, source), and per source alone (`email_key` "").

    The source is where the attempt came from: "desk" for this window, the client address for the API.
    Counting per pair means a stranger's guesses never lock the real person out from where they sit.
    Rows whose last failure is old are pruned, so the table stays bounded (`services.login_throttle`).
    """

    __tablename__ = "login_throttle"
    email_key: Mapped[str] = mapped_column(String(254), primary_key=True)
    source: Mapped[str] = mapped_column(String(100), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(default=None)
    last_failure: Mapped[datetime] = mapped_column(index=True, default=utcnow)


class LocalSetting(Base):
    """Per-database settings of this desk (its desk id, for one)."""

    __tablename__ = "local_setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
