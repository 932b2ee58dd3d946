"""What goes in and out of the items routes; built from the services' frozen views."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from stockdesk.api.fields import Count, Money, free_text, text
from stockdesk.domain.errors import PreconditionFailed
from stockdesk.services.catalogue.scanning import ItemCard
from stockdesk.services.views import ItemRow, ItemView, StockLevelView

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class BarcodeOut(BaseModel):
    id: uuid.UUID
    code: str
    symbology: str


class ItemOut(BaseModel):
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
    barcodes: list[BarcodeOut]
    tracking: str = Field(description="none, lot, expiry (lots with a use-by date) or serial")
    expiry_warn_days: int | None = Field(
        description="days before a lot's expiry it is reported; null: the category's"
    )
    template_id: uuid.UUID | None = Field(None, description="a variant's template")
    is_template: bool = Field(False, description="a template: never stocked, its variants are")
    attributes: dict[str, str] = Field(default_factory=dict, description="a variant's attribute values")

    @classmethod
    def of(cls, view: ItemView) -> ItemOut:
        return cls(
            id=view.id,
            sku=view.sku,
            name=view.name,
            description=view.description,
            category_id=view.category_id,
            supplier_id=view.supplier_id,
            unit=view.unit,
            cost_price=view.cost_price,
            sell_price=view.sell_price,
            reorder_point=view.reorder_point,
            reorder_qty=view.reorder_qty,
            owner_id=view.owner_id,
            active=view.active,
            barcodes=[BarcodeOut(id=b.id, code=b.code, symbology=b.symbology) for b in view.barcodes],
            tracking=view.tracking,
            expiry_warn_days=view.expiry_warn_days,
            template_id=view.template_id,
            is_template=view.is_template,
            attributes=dict(view.variant_values),
        )


class ItemRowOut(BaseModel):
    """One line of the items list: the item and its on-hand (in the filtered store, or in all)."""

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

    @classmethod
    def of(cls, row: ItemRow) -> ItemRowOut:
        return cls(
            id=row.id,
            sku=row.sku,
            name=row.name,
            unit=row.unit,
            sell_price=row.sell_price,
            cost_price=row.cost_price,
            reorder_point=row.reorder_point,
            on_hand=row.on_hand,
            active=row.active,
            barcode=row.barcode,
        )


class _ItemFields(BaseModel):
    name: str | None = text(300, default=None)
    description: str | None = free_text(10_000, default=None)
    category_id: uuid.UUID | None = None
    supplier_id: uuid.UUID | None = None
    unit: str | None = text(16, default=None)
    cost_price: Money | None = None
    sell_price: Money | None = None
    reorder_point: Count | None = None
    reorder_qty: Count | None = None
    tracking: Literal["none", "lot", "expiry", "serial"] | None = None
    expiry_warn_days: int | None = Field(default=None, ge=0, le=3650)


class ItemIn(_ItemFields):
    sku: str = text(64)
    name: str = text(300)  # type: ignore[assignment]
    barcodes: list[Annotated[str, text(128)]] = Field(default_factory=list, max_length=20)

    def fields(self) -> dict[str, Any]:
        return self.model_dump(exclude={"sku", "name", "barcodes"}, exclude_none=True)


class ItemPatch(_ItemFields):
    """Only the fields sent change; send null for category or supplier to clear it."""

    sku: str | None = text(64, default=None)

    def changes(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True)


class StockLevelOut(BaseModel):
    store_id: uuid.UUID
    store_code: str
    store_name: str
    on_hand: Decimal

    @classmethod
    def of(cls, view: StockLevelView) -> StockLevelOut:
        return cls(
            store_id=view.store_id,
            store_code=view.store_code,
            store_name=view.store_name,
            on_hand=view.on_hand,
        )


class LookupOut(BaseModel):
    item: ItemOut
    stock: list[StockLevelOut]

    @classmethod
    def of(cls, card: ItemCard) -> LookupOut:
        return cls(item=ItemOut.of(card.item), stock=[StockLevelOut.of(level) for level in card.levels])


class BarcodeIn(BaseModel):
    code: str = text(128)
    symbology: str = Field(default="", max_length=16)


def etag_of(view: ItemView) -> str:
    """A strong validator from the row's last change (microseconds since 1970, in hex)."""
    moment = view.updated_at or EPOCH
    return f'"{(moment - EPOCH) // timedelta(microseconds=1):x}"'


def version_of(if_match: str | None) -> datetime | None:
    """The version an If-Match names (None for none or `*`); a malformed one can match nothing."""
    if if_match is None or if_match.strip() == "*":
        return None
    tag = if_match.split(",")[0].strip().removeprefix("W/").strip('"')
    try:
        return EPOCH + timedelta(microseconds=int(tag, 16))
    except (ValueError, OverflowError):
        raise PreconditionFailed("If-Match", if_match, "is not an ETag this server gave") from None
