"""Where a movement's stock comes from or goes to: locations, lots, serials (issue 20).

`place_posting` turns one posting (an item, a store, a signed quantity) into the postings the ledger
writes: a receipt names its lot (or one posting per serial) and its location (the one asked for,
else where the item already is); a sale, a transfer out or a negative adjustment takes the lot and
location asked for, else picks first-expiry-first-out over the places the item is in, never an
expired lot unless a manager overrides. An untracked item in a store without locations comes back
unchanged, without a query.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal

from stockdesk.db.models import Store
from stockdesk.db.place_models import Location, Lot, lot_id_of
from stockdesk.domain.errors import InsufficientStock, ValidationError
from stockdesk.domain.ids import LocationId
from stockdesk.domain.messages import Message
from stockdesk.domain.movements import MovementKind
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.domain.tracking import PlaceStock, Tracking, pick
from stockdesk.services.inventory.postings import Posting, StockItem
from stockdesk.services.places.locations import store_has_locations
from stockdesk.services.places.place_levels import lot_on_hand_everywhere, places_in_store, suggested_location
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import required_text


@dataclass(frozen=True)
class PlaceChoice:
    """What the person said about where and which: all optional (the services choose the rest)."""

    location_id: LocationId | None = None
    lot: str = ""  # a lot's code, or one serial number
    expires_on: date | None = None  # for a lot received for the first time
    serials: tuple[str, ...] = ()  # one per unit of a serial-tracked item
    allow_expired: bool = False  # a manager's override: sell or move an expired lot
    from_unplaced: bool = False  # take only from the store's unplaced stock (a move to a location)

    @property
    def names_something(self) -> bool:
        return self.location_id is not None or bool(self.lot) or bool(self.serials) or self.from_unplaced


NOTHING = PlaceChoice()


def today() -> date:
    return datetime.now(UTC).date()


def place_posting(
    uow: UnitOfWork, actor: Actor, posting: Posting, choice: PlaceChoice = NOTHING, *, allow_negative: bool
) -> list[Posting]:
    tracking = Tracking(posting.item.tracking)
    if (
        tracking is Tracking.NONE
        and not choice.names_something
        and not store_has_locations(uow, posting.store.id)
    ):
        return [posting]
    if choice.allow_expired:
        require(actor, Action.OVERRIDE_EXPIRED, store_ids=[posting.store.id])
    location = (
        uow.get(Location, checked_location(uow, posting.store, choice.location_id), "location")
        if choice.location_id
        else None
    )
    if tracking is Tracking.NONE and (choice.lot or choice.serials):
        raise ValidationError(
            "lot", choice.lot or choice.serials[0], Message("item_not_tracked", sku=posting.item.sku)
        )
    if posting.quantity >= 0:
        return _incoming(uow, posting, choice, tracking, location)
    return _outgoing(uow, posting, choice, tracking, location, allow_negative=allow_negative)


def checked_location(uow: UnitOfWork, store: Store, location_id: uuid.UUID) -> uuid.UUID:
    """`location_id`, once it is known to be an active location of `store`."""
    location = uow.get(Location, location_id, "location")
    if location.store_id != store.id:
        raise ValidationError("location", location.code, Message("location_other_store", store=store.code))
    if not location.active:
        raise ValidationError("location", location.code, Message("location_archived"))
    return location.id


def _incoming(
    uow: UnitOfWork, posting: Posting, choice: PlaceChoice, tracking: Tracking, location: Location | None
) -> list[Posting]:
    item, store = posting.item, posting.store
    location_id = location.id if location else suggested_location(uow, item.id, store.id)
    if tracking is Tracking.SERIAL:
        serials = _serials(posting, choice)
        postings = []
        for serial in serials:
            lot = lot_for(uow, posting, serial, choice.expires_on, tracking)
            if lot_on_hand_everywhere(uow, lot.id) > 0:
                raise ValidationError(
                    "serials", serial, Message("serial_in_stock", serial=serial, sku=item.sku)
                )
            postings.append(replace(posting, quantity=Decimal(1), location_id=location_id, lot_id=lot.id))
        return postings
    if tracking.has_lots:
        if not choice.lot.strip():
            raise ValidationError("lot", choice.lot, Message("lot_required", sku=item.sku))
        lot = lot_for(uow, posting, choice.lot, choice.expires_on, tracking)
        return [replace(posting, location_id=location_id, lot_id=lot.id)]
    return [replace(posting, location_id=location_id)]


def _serials(posting: Posting, choice: PlaceChoice) -> list[str]:
    serials = [s.strip() for s in (choice.serials or ((choice.lot,) if choice.lot else ())) if s.strip()]
    units = abs(posting.quantity)
    if Decimal(len(serials)) != units:
        raise ValidationError(
            "serials", ", ".join(serials), Message("serial_count", count=len(serials), quantity=units)
        )
    if len(set(serials)) != len(serials):
        twice = next(s for s in serials if serials.count(s) > 1)
        raise ValidationError("serials", twice, Message("serial_twice", serial=twice))
    return serials


def lot_for(uow: UnitOfWork, posting: Posting, code: str, expires_on: date | None, tracking: Tracking) -> Lot:
    """The item's lot `code`, made on its first receipt (with its expiry date when the item has one)."""
    clean = required_text("lot", code, max_length=64)
    lot = uow.session.get(Lot, lot_id_of(posting.item.id, clean))
    if lot is not None and not lot.deleted:
        if expires_on is not None and lot.expires_on is not None and expires_on != lot.expires_on:
            raise ValidationError(
                "expires_on",
                expires_on.isoformat(),
                Message("lot_expiry_differs", lot=clean, expires=lot.expires_on),
            )
        if lot.expires_on is None and expires_on is not None:
            lot.expires_on = expires_on
        return lot
    if tracking is Tracking.EXPIRY and expires_on is None:
        raise ValidationError("expires_on", "", Message("expiry_required", sku=posting.item.sku, lot=clean))
    if lot is None:
        lot = Lot(
            id=lot_id_of(posting.item.id, clean), item_id=posting.item.id, code=clean, expires_on=expires_on
        )
        uow.session.add(lot)
    else:  # received again after it was removed
        lot.deleted, lot.expires_on = False, expires_on
    uow.session.flush()
    return lot


def _known_lot(uow: UnitOfWork, posting: Posting, code: str) -> Lot:
    lot = uow.session.get(Lot, lot_id_of(posting.item.id, code.strip()))
    if lot is None or lot.deleted:
        raise ValidationError("lot", code, Message("lot_unknown", lot=code, sku=posting.item.sku))
    return lot


def _outgoing(
    uow: UnitOfWork,
    posting: Posting,
    choice: PlaceChoice,
    tracking: Tracking,
    location: Location | None,
    *,
    allow_negative: bool,
) -> list[Posting]:
    item, store = posting.item, posting.store
    wanted = -posting.quantity
    places = places_in_store(uow, item.id, store.id)
    if location is not None:
        places = [p for p in places if p.location_id == location.id]
    elif choice.from_unplaced:
        places = [p for p in places if p.location_id is None]
    where = f"{store.code} {location.code}" if location is not None else store.code
    if tracking is Tracking.SERIAL:
        return _serials_out(uow, posting, choice, places, where)
    if choice.lot:
        lot = _known_lot(uow, posting, choice.lot)
        places = [p for p in places if p.lot_id == lot.id]
        if lot.expires_on is not None and lot.expires_on < today() and not choice.allow_expired:
            raise ValidationError(
                "lot", lot.code, Message("lot_expired", lot=lot.code, expires=lot.expires_on)
            )
    picks, left = pick(places, wanted, today=today(), allow_expired=choice.allow_expired)
    postings = [
        replace(posting, quantity=-p.quantity, location_id=p.location_id, lot_id=p.lot_id) for p in picks
    ]
    if left > 0:
        if not allow_negative:
            _refuse_shortfall(posting, places, wanted, left, where)
        lot_id = _known_lot(uow, posting, choice.lot).id if choice.lot else None
        postings.append(
            replace(posting, quantity=-left, location_id=location.id if location else None, lot_id=lot_id)
        )
    return postings


def _refuse_shortfall(
    posting: Posting, places: list[PlaceStock], wanted: Decimal, left: Decimal, where: str
) -> None:
    expired = sum((p.on_hand for p in places if p.on_hand > 0 and p.expired(today())), Decimal(0))
    if expired >= left:
        raise ValidationError(
            "quantity",
            str(wanted),
            Message("only_expired_left", sku=posting.item.sku, expired=expired, store=where),
        )
    raise InsufficientStock(sku=posting.item.sku, store=where, on_hand=wanted - left, requested=wanted)


def _serials_out(
    uow: UnitOfWork, posting: Posting, choice: PlaceChoice, places: list[PlaceStock], where: str
) -> list[Posting]:
    postings = []
    for serial in _serials(posting, choice):
        lot = _known_lot(uow, posting, serial)
        here = next((p for p in places if p.lot_id == lot.id and p.on_hand >= 1), None)
        if here is None:  # never sold twice, whatever the override for stock below zero says
            raise ValidationError("serials", serial, Message("serial_not_here", serial=serial, store=where))
        if here.expired(today()) and not choice.allow_expired:
            raise ValidationError(
                "serials", serial, Message("lot_expired", lot=serial, expires=here.expires_on)
            )
        postings.append(replace(posting, quantity=Decimal(-1), location_id=here.location_id, lot_id=lot.id))
    return postings


def counted_place(
    uow: UnitOfWork, item: StockItem, store: Store, choice: PlaceChoice, counted: Decimal
) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """The (location, lot) a count is of; a lot found on the shelf for the first time is made."""
    location_id = checked_location(uow, store, choice.location_id) if choice.location_id else None
    tracking = Tracking(item.tracking)
    if not choice.lot:
        return location_id, None
    if not tracking.has_lots:
        raise ValidationError("lot", choice.lot, Message("item_not_tracked", sku=item.sku))
    probe = Posting(item, store, MovementKind.COUNT, counted)
    if counted > 0:
        return location_id, lot_for(uow, probe, choice.lot, choice.expires_on, tracking).id
    return location_id, _known_lot(uow, probe, choice.lot).id
