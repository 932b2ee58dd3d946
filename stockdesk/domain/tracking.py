"""Lots, expiry and serial numbers: how an item is tracked, and which stock a sale takes (FEFO).

Pure rules: the services read the places an item's stock is in (location, lot, expiry, on hand)
and ask here which of them an outgoing quantity comes from.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal


class Tracking(enum.StrEnum):
    NONE = "none"
    LOT = "lot"
    EXPIRY = "expiry"  # lots with a use-by date
    SERIAL = "serial"  # each unit its own number (a lot of one)

    @property
    def has_lots(self) -> bool:
        return self is not Tracking.NONE

    @property
    def has_expiry(self) -> bool:
        return self is Tracking.EXPIRY


@dataclass(frozen=True)
class PlaceStock:
    """Stock of one item in one store at one (location, lot); None for "unplaced" or "no lot"."""

    location_id: uuid.UUID | None
    lot_id: uuid.UUID | None
    on_hand: Decimal
    expires_on: date | None = None
    location_code: str = ""
    lot_code: str = ""

    def expired(self, today: date) -> bool:
        return self.expires_on is not None and self.expires_on < today


@dataclass(frozen=True)
class Pick:
    location_id: uuid.UUID | None
    lot_id: uuid.UUID | None
    quantity: Decimal


def picking_order(places: Iterable[PlaceStock]) -> list[PlaceStock]:
    """First expiry first out; lots without a date after dated ones; stock with no lot first of all,
    since it has nowhere better to be taken from; among equals the unplaced stock, then by location code.

    The expiry comes before the location: a sooner lot on a shelf goes before a later one nobody has
    put away yet (property test: tests/integration/test_places_properties.py)."""
    return sorted(
        places,
        key=lambda p: (
            p.lot_id is not None,
            p.expires_on is None,
            p.expires_on or date.max,
            p.location_id is not None,
            p.lot_code,
            p.location_code,
        ),
    )


def pick(
    places: Sequence[PlaceStock], quantity: Decimal, *, today: date, allow_expired: bool = False
) -> tuple[list[Pick], Decimal]:
    """Which places `quantity` comes from, in picking order, and the part no place could give.

    An expired lot is never picked unless `allow_expired` (a manager's override); places with
    nothing on hand are passed over.
    """
    picks: list[Pick] = []
    left = quantity
    for place in picking_order(places):
        if left <= 0:
            break
        if place.on_hand <= 0 or (place.expired(today) and not allow_expired):
            continue
        taken = min(place.on_hand, left)
        picks.append(Pick(place.location_id, place.lot_id, taken))
        left -= taken
    return picks, left


def expires_within(expires_on: date | None, today: date, days: int) -> bool:
    """A lot to warn of: expired already, or expiring within `days` days."""
    return expires_on is not None and (expires_on - today).days <= days
