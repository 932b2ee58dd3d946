"""Plain, immutable results that services hand to the UI and CLI (never live ORM rows)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, NotRequired, TypedDict, TypeVar

from stockdesk.db import models
from stockdesk.domain.ids import (
    BarcodeId,
    CategoryId,
    ItemId,
    LocationId,
    LotId,
    MovementId,
    StoreId,
    SupplierId,
    TransferId,
    UserId,
)
from stockdesk.domain.variants import load_values

IdT = TypeVar("IdT", bound=uuid.UUID)


def _maybe(kind: Callable[[uuid.UUID], IdT], value: uuid.UUID | None) -> IdT | None:
    """A typed id for an optional reference (a NULL foreign key stays None)."""
    return None if value is None else kind(value)


@dataclass(frozen=True)
class StoreView:
    id: StoreId
    code: str
    name: str
    address: str
    active: bool

    @classmethod
    def of(cls, row: models.Store) -> StoreView:
        return cls(StoreId(row.id), row.code, row.name, row.address, row.active)


@dataclass(frozen=True)
class CategoryView:
    id: CategoryId
    name: str
    parent_id: CategoryId | None

    @classmethod
    def of(cls, row: models.Category) -> CategoryView:
        return cls(CategoryId(row.id), row.name, _maybe(CategoryId, row.parent_id))


@dataclass(frozen=True)
class SupplierView:
    id: SupplierId
    name: str
    contact: str
    email: str
    phone: str
    lead_time_days: int
    address: str = ""

    @classmethod
    def of(cls, row: models.Supplier) -> SupplierView:
        return cls(
            SupplierId(row.id),
            row.name,
            row.contact,
            row.email,
            row.phone,
            row.lead_time_days,
            row.address or "",
        )


@dataclass(frozen=True)
class BarcodeView:
    id: BarcodeId
    code: str
    symbology: str


@dataclass(frozen=True)
class ItemView:
    id: ItemId
    sku: str
    name: str
    description: str
    category_id: CategoryId | None
    supplier_id: SupplierId | None
    unit: str
    cost_price: Decimal
    sell_price: Decimal
    reorder_point: Decimal
    reorder_qty: Decimal
    owner_id: UserId | None
    active: bool
    barcodes: tuple[BarcodeView, ...] = ()
    updated_at: datetime | None = None  # the row's version: an edit may insist it is unchanged
    tracking: str = "none"  # domain.tracking.Tracking
    expiry_warn_days: int | None = None
    template_id: ItemId | None = None  # a variant's template (docs/variants.md)
    is_template: bool = False
    variant_values: tuple[tuple[str, str], ...] = ()  # a variant's (attribute, value) pairs

    @classmethod
    def of(cls, row: models.Item, barcodes: tuple[BarcodeView, ...] = ()) -> ItemView:
        return cls.of_values([getattr(row, column) for column in ITEM_COLUMNS], barcodes)

    @classmethod
    def of_values(cls, values: Sequence[Any], barcodes: tuple[BarcodeView, ...] = ()) -> ItemView:
        """From the values of ITEM_COLUMNS in that order (a row read without the ORM)."""
        (
            item_id, sku, name, description, category_id, supplier_id, unit, cost_price, sell_price,
            reorder_point, reorder_qty, owner_id, active, updated_at, tracking, expiry_warn_days,
            template_id, is_template, variant_values,
        ) = values  # fmt: skip
        return cls(
            ItemId(item_id),
            sku,
            name,
            description,
            _maybe(CategoryId, category_id),
            _maybe(SupplierId, supplier_id),
            unit,
            cost_price,
            sell_price,
            reorder_point,
            reorder_qty,
            _maybe(UserId, owner_id),
            active,
            barcodes,
            updated_at,
            tracking or "none",
            expiry_warn_days,
            _maybe(ItemId, template_id),
            bool(is_template),
            tuple(load_values(variant_values).items()),
        )


# The columns of `models.Item` an ItemView holds, in `ItemView.of_values`' order.
ITEM_COLUMNS = (
    "id", "sku", "name", "description", "category_id", "supplier_id", "unit", "cost_price", "sell_price",
    "reorder_point", "reorder_qty", "owner_id", "active", "updated_at", "tracking", "expiry_warn_days",
    "template_id", "is_template", "variant_values",
)  # fmt: skip


@dataclass(frozen=True)
class ItemRow:
    """One line of the items table: the item plus its stock summed over the stores."""

    id: ItemId
    sku: str
    name: str
    unit: str
    sell_price: Decimal
    cost_price: Decimal
    reorder_point: Decimal
    on_hand: Decimal
    active: bool
    barcode: str
    # In one store's list: that store's own reorder point for the item, if it has one (None: the
    # item's applies there, as it does everywhere in the list of all stores).
    store_point: Decimal | None = None


@dataclass(frozen=True)
class StockLevelView:
    store_id: StoreId
    store_code: str
    store_name: str
    on_hand: Decimal


@dataclass(frozen=True)
class MovementView:
    id: MovementId
    item_id: ItemId
    store_id: StoreId
    kind: str
    quantity: Decimal
    counted_quantity: Decimal | None
    unit_cost: Decimal | None
    reference: str
    transfer_id: TransferId | None
    reverses_id: MovementId | None
    user_id: UserId | None
    at: datetime
    on_hand_after: Decimal | None = None
    location_id: LocationId | None = None
    lot_id: LotId | None = None

    @classmethod
    def of_rows(cls, rows: Sequence[MovementRow], afters: Sequence[Decimal]) -> list[MovementView]:
        """The views of the rows the ledger inserted (plain dicts), each with its on-hand after.

        A frozen dataclass sets its fields one by one through `object.__setattr__`: for a batch of
        10,000 lines that cost more than the ledger's own bookkeeping, so each view gets its
        attributes in one dict. The typed ids are NewTypes, the same values at run time."""
        new, set_attribute = object.__new__, object.__setattr__
        views: list[MovementView] = []
        for row, after in zip(rows, afters, strict=True):
            view = new(cls)
            set_attribute(view, "__dict__", {
                "id": row["id"], "item_id": row["item_id"], "store_id": row["store_id"], "kind": row["kind"],
                "quantity": row["quantity"], "counted_quantity": row["counted_quantity"],
                "unit_cost": row["unit_cost"], "reference": row["reference"],
                "transfer_id": row["transfer_id"], "reverses_id": row["reverses_id"],
                "user_id": row["user_id"], "at": row["at"],
                "on_hand_after": after, "location_id": row.get("location_id"), "lot_id": row.get("lot_id"),
            })  # fmt: skip
            views.append(view)
        return views

    @classmethod
    def of(cls, row: models.StockMovement, on_hand_after: Decimal | None = None) -> MovementView:
        return cls(
            MovementId(row.id),
            ItemId(row.item_id),
            StoreId(row.store_id),
            row.kind,
            row.quantity,
            row.counted_quantity,
            row.unit_cost,
            row.reference,
            _maybe(TransferId, row.transfer_id),
            _maybe(MovementId, row.reverses_id),
            _maybe(UserId, row.user_id),
            row.at,
            on_hand_after,
            _maybe(LocationId, row.location_id),
            _maybe(LotId, row.lot_id),
        )


class MovementRow(TypedDict):
    """A stock movement as the ledger inserts it (Core executemany, no ORM object per line)."""

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
    created_at: datetime
    updated_at: datetime
    updated_by: uuid.UUID | None
    origin_desk: str
    hlc: str
    deleted: bool
    location_id: NotRequired[uuid.UUID | None]
    lot_id: NotRequired[uuid.UUID | None]


@dataclass(frozen=True)
class UserView:
    id: UserId
    email: str
    name: str
    role: str
    active: bool
    store_ids: frozenset[StoreId]
    may_adjust: bool = False  # an admin's grant to a clerk; managers and admins always may
