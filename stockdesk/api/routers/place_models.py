"""What goes in and out of the locations routes and an item's stock by place."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from stockdesk.api.fields import IsoDate, free_text, text
from stockdesk.services.places.locations import LocationView
from stockdesk.services.places.lots import LotView
from stockdesk.services.places.place_levels import PlaceLevelView

Kind = Literal["zone", "aisle", "shelf", "bin"]


class LocationOut(BaseModel):
    id: uuid.UUID
    store_id: uuid.UUID
    parent_id: uuid.UUID | None
    code: str = Field(description="what the location's label carries as a barcode; unique over all stores")
    name: str
    kind: str
    path: str = Field(description="the codes from the top of the store's tree down: `A › A-03 › A-03-2`")
    active: bool

    @classmethod
    def of(cls, v: LocationView) -> LocationOut:
        return cls(
            id=v.id,
            store_id=v.store_id,
            parent_id=v.parent_id,
            code=v.code,
            name=v.name,
            kind=v.kind,
            path=v.path,
            active=v.active,
        )


class LocationIn(BaseModel):
    code: str = text(64)
    name: str = free_text(200, default="")
    kind: Kind = "bin"
    parent: str | None = Field(default=None, max_length=64, description="the parent location's id or code")


class LocationPatch(BaseModel):
    name: str | None = free_text(200, default=None)
    active: bool | None = Field(default=None, description="false archives it, true restores it")


class LotOut(BaseModel):
    """A lot (or a serial number, a lot of one unit) of one item."""

    id: uuid.UUID
    item_id: uuid.UUID
    sku: str
    code: str = Field(description="the lot's code as printed on the delivery, or the serial number")
    expires_on: date | None = Field(description="the use-by date; null for a lot without one")

    @classmethod
    def of(cls, v: LotView) -> LotOut:
        return cls(id=v.id, item_id=v.item_id, sku=v.sku, code=v.code, expires_on=v.expires_on)


class LotPatch(BaseModel):
    """A manager's correction of a lot's use-by date; the reason goes to the audit log."""

    expires_on: IsoDate = Field(description="the corrected use-by date, YYYY-MM-DD")
    reason: str = text(200, description="why it is corrected (audited)")


class PlaceOut(BaseModel):
    """The item's stock at one place of one store; a store's stock kept at no location comes as a line
    with `location` and `lot` null."""

    store_id: uuid.UUID
    store_code: str
    location_id: uuid.UUID | None
    location: str | None = Field(description="the location's code; null: the store's unplaced stock")
    lot_id: uuid.UUID | None
    lot: str | None = Field(description="the lot's code or serial number; null for an untracked item")
    expires_on: date | None
    on_hand: Decimal

    @classmethod
    def of(cls, v: PlaceLevelView) -> PlaceOut:
        return cls(
            store_id=v.store_id,
            store_code=v.store_code,
            location_id=v.location_id,
            location=v.location_code or None,
            lot_id=v.lot_id,
            lot=v.lot_code or None,
            expires_on=v.expires_on,
            on_hand=v.on_hand,
        )
