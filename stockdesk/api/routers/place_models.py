"""What goes in and out of the locations routes and an item's stock by place."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from stockdesk.services.places.locations import LocationView
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
    code: str = Field(max_length=64)
    name: str = Field(default="", max_length=200)
    kind: Kind = "bin"
    parent: str | None = Field(default=None, max_length=64, description="the parent location's id or code")


class LocationPatch(BaseModel):
    name: str | None = Field(default=None, max_length=200)
    active: bool | None = Field(default=None, description="false archives it, true restores it")


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
