"""Plain, immutable results that services hand to the UI and CLI (never live ORM rows)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from stockdesk.db import models


@dataclass(frozen=True)
class StoreView:
    id: uuid.UUID
    code: str
    name: str
    address: str
    active: bool

    @classmethod
    def of(cls, row: models.Store) -> StoreView:
        return cls(row.id, row.code, row.name, row.address, row.active)


@dataclass(frozen=True)
class CategoryView:
    id: uuid.UUID
    name: str
    parent_id: uuid.UUID | None

    @classmethod
    def of(cls, row: models.Category) -> CategoryView:
        return cls(row.id, row.name, row.parent_id)


@dataclass(frozen=True)
class SupplierView:
    id: uuid.UUID
    name: str
    contact: str
    email: str
    phone: str
    lead_time_days: int

    @classmethod
    def of(cls, row: models.Supplier) -> SupplierView:
        return cls(row.id, row.name, row.contact, row.email, row.phone, row.lead_time_days)


@dataclass(frozen=True)
class BarcodeView:
    id: uuid.UUID
    code: str
    symbology: str


@dataclass(frozen=True)
class ItemView:
    id: uuid.UUID
    sku: str
    name: str
    description: str
    category_id: uuid.UUID | None
    supplier_id: uuid.UUID | None
    unit: str
    cost_price: Decimal
    sell_price: Decimal
    reorder_point: Decimal
    reorder_qty: Decimal
    owner_id: uuid.UUID | None
    active: bool
    barcodes: tuple[BarcodeView, ...] = ()
    updated_at: datetime | None = None  # the row's version: an edit may insist it is unchanged

    @classmethod
    def of(cls, row: models.Item, barcodes: tuple[BarcodeView, ...] = ()) -> ItemView:
        return cls(
            row.id,
            row.sku,
            row.name,
            row.description,
            row.category_id,
            row.supplier_id,
            row.unit,
            row.cost_price,
            row.sell_price,
            row.reorder_point,
            row.reorder_qty,
            row.owner_id,
            row.active,
            barcodes,
            row.updated_at,
        )


@dataclass(frozen=True)
class ItemRow:
    """One line of the items table: the item plus its stock summed over the stores."""

    id: uuid.UUID
    sku: str
    name: str
    unit: str
    sell_price: Decimal
    cost_price: Decimal
    reorder_point: Decimal
    on_hand: Decimal
    active: bool
    barcode: str


@dataclass(frozen=True)
class StockLevelView:
    store_id: uuid.UUID
    store_code: str
    store_name: str
    on_hand: Decimal


@dataclass(frozen=True)
class MovementView:
    id: uuid.UUID
    item_id: uuid.UUID
    store_id: uuid.UUID
    kind: str
    quantity: Decimal
    counted_quantity: Decimal | None
    unit_cost: Decimal | None
    reference: str
    transfer_id: uuid.UUID | None
    reverses_id: uuid.UUID | None
    user_id: uuid.UUID | None
    at: datetime
    on_hand_after: Decimal | None = None

    @classmethod
    def of_row(cls, row: dict[str, object], on_hand_after: Decimal | None = None) -> MovementView:
        """From the plain dict the ledger inserts with."""
        return cls(**{name: row[name] for name in _MOVEMENT_FIELDS}, on_hand_after=on_hand_after)  # type: ignore[arg-type]

    @classmethod
    def of(cls, row: models.StockMovement, on_hand_after: Decimal | None = None) -> MovementView:
        return cls(
            row.id,
            row.item_id,
            row.store_id,
            row.kind,
            row.quantity,
            row.counted_quantity,
            row.unit_cost,
            row.reference,
            row.transfer_id,
            row.reverses_id,
            row.user_id,
            row.at,
            on_hand_after,
        )


_MOVEMENT_FIELDS = (
    "id",
    "item_id",
    "store_id",
    "kind",
    "quantity",
    "counted_quantity",
    "unit_cost",
    "reference",
    "transfer_id",
    "reverses_id",
    "user_id",
    "at",
)


@dataclass(frozen=True)
class UserView:
    id: uuid.UUID
    email: str
    name: str
    role: str
    active: bool
    store_ids: frozenset[uuid.UUID]
