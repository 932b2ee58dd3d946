"""A store's tree of locations (zone → aisle → shelf → bin): create, rename, archive, list, find by code.

A location's code is what its label's barcode carries, so it is unique over every store and never
equal to an item's barcode or pack code (a scan must name one thing).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, exists, func, select

from stockdesk.db.models import Store
from stockdesk.db.place_models import Location, StockPlace
from stockdesk.domain.errors import DuplicateValue, ValidationError
from stockdesk.domain.ids import LocationId, StoreId
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.services.accounts import audit
from stockdesk.services.catalogue.packs import code_owner
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import optional_text, required_text

KINDS = ("zone", "aisle", "shelf", "bin")
STORES_WITH_LOCATIONS = "stores_with_locations"  # session.info key, kept for one transaction
# session.info key: {store id: has locations} learnt by a read that had the store's row anyway (a
# single movement's preload), kept for one transaction like the set above.
KNOWN_LOCATION_STORES = "known_location_stores"


@dataclass(frozen=True)
class LocationView:
    id: LocationId
    store_id: StoreId
    parent_id: LocationId | None
    code: str
    name: str
    kind: str
    path: str  # "A › A-03 › A-03-2": the codes from the top of the tree down
    active: bool


def create_location(
    uow: UnitOfWork,
    actor: Actor,
    *,
    store_id: StoreId,
    code: str,
    name: str = "",
    kind: str = "bin",
    parent_id: LocationId | None = None,
) -> LocationView:
    with uow:
        uow.actor_id = actor.id
        require(actor, Action.MANAGE_STORES)
        store = uow.get(Store, store_id, "store")
        clean = _free_code(uow, code)
        if kind not in KINDS:
            raise ValidationError("kind", kind, Message("location_kind", kinds=", ".join(KINDS)))
        if parent_id is not None:
            parent = uow.get(Location, parent_id, "parent location")
            if parent.store_id != store.id:
                raise ValidationError(
                    "parent", parent.code, Message("location_other_store", store=store.code)
                )
        row = Location(
            store_id=store.id,
            parent_id=parent_id,
            code=clean,
            name=optional_text("name", name, max_length=200),
            kind=kind,
        )
        uow.session.add(row)
        uow.session.flush()
        audit.record(uow, actor, "location.create", "location", row.id, code=clean, store=store.code)
        uow.commit()
        return _views(uow, [row])[0]


def rename_location(uow: UnitOfWork, actor: Actor, location_id: LocationId, *, name: str) -> LocationView:
    with uow:
        uow.actor_id = actor.id
        require(actor, Action.MANAGE_STORES)
        row = uow.get(Location, location_id, "location")
        row.name = optional_text("name", name, max_length=200)
        audit.record(uow, actor, "location.update", "location", row.id, code=row.code)
        uow.commit()
        return _views(uow, [row])[0]


def set_location_active(uow: UnitOfWork, actor: Actor, location_id: LocationId, *, active: bool) -> None:
    """Archive a location with everything under it (a zone's aisles, shelves and bins go with it), or
    restore it the same way.

    Archiving is refused while any of them holds stock: the stock would be kept at a place no list
    shows and no posting may name. Restoring under an archived parent is refused: the tree would show
    a bin without its shelf.
    """
    with uow:
        uow.actor_id = actor.id
        require(actor, Action.MANAGE_STORES)
        row = uow.get(Location, location_id, "location")
        if active and row.parent_id is not None:
            parent = uow.get(Location, row.parent_id, "parent location")
            if not parent.active:
                raise ValidationError(
                    "location", row.code, Message("location_parent_archived", code=parent.code)
                )
        subtree = _subtree(uow, row)
        if not active:
            stocked = uow.session.scalar(
                select(Location.code)
                .join(StockPlace, StockPlace.location_id == Location.id)
                .where(Location.id.in_(subtree))
                .group_by(Location.code)
                .having(func.sum(StockPlace.on_hand) != 0)
                .order_by(Location.code)
                .limit(1)
            )
            if stocked is not None:
                raise ValidationError("location", row.code, Message("location_holds_stock", code=stocked))
        for member in uow.session.scalars(select(Location).where(Location.id.in_(subtree))):
            member.active = active
        audit.record(uow, actor, "location.archive" if not active else "location.restore", "location", row.id)
        uow.commit()


def _subtree(uow: UnitOfWork, row: Location) -> set[uuid.UUID]:
    """The ids of `row` and every location under it."""
    children: dict[uuid.UUID, list[uuid.UUID]] = {}
    for child, parent in uow.session.execute(
        select(Location.id, Location.parent_id).where(
            Location.store_id == row.store_id, Location.deleted.is_(False)
        )
    ):
        if parent is not None:
            children.setdefault(parent, []).append(child)
    found, todo = set(), [row.id]
    while todo:
        at = todo.pop()
        if at not in found:  # a cycle (two desks re-parenting offline) must not loop forever
            found.add(at)
            todo += children.get(at, [])
    return found


def locations_of(uow: UnitOfWork, store_id: StoreId, *, include_archived: bool = False) -> list[LocationView]:
    """The store's locations in label order (by path)."""
    with uow:
        query = select(Location).where(Location.store_id == store_id, Location.deleted.is_(False))
        if not include_archived:
            query = query.where(Location.active.is_(True))
        return sorted(_views(uow, list(uow.session.scalars(query))), key=lambda v: v.path)


def location_by_code(uow: UnitOfWork, code: str) -> LocationView | None:
    """The location whose label carries `code` (case and spaces as typed are forgiven)."""
    with uow:
        row = uow.session.scalar(
            select(Location).where(
                func.upper(Location.code) == code.strip().upper(), Location.deleted.is_(False)
            )
        )
        return _views(uow, [row])[0] if row is not None else None


_STORES_WITH_LOCATIONS = select(Location.store_id).where(Location.deleted.is_(False)).distinct()


def has_locations(store_id: Any) -> ColumnElement[bool]:
    """A column for a read that has the store's row: does that store keep stock by location?"""
    return exists().where(Location.store_id == store_id, Location.deleted.is_(False))


def store_has_locations(uow: UnitOfWork, store_id: uuid.UUID) -> bool:
    """Whether stock in this store is kept by location (asked once per transaction)."""
    known: dict[uuid.UUID, bool] = uow.session.info.get(KNOWN_LOCATION_STORES, {})
    if store_id in known:
        return known[store_id]
    stores = uow.session.info.get(STORES_WITH_LOCATIONS)
    if stores is None:
        stores = set(uow.session.scalars(_STORES_WITH_LOCATIONS))
        uow.session.info[STORES_WITH_LOCATIONS] = stores
    return store_id in stores


def _free_code(uow: UnitOfWork, code: str) -> str:
    clean = required_text("code", code, max_length=64)
    if any(c.isspace() for c in clean):
        raise ValidationError("code", code, Message("location_code_spaces"))
    taken = uow.session.scalar(
        select(Location.code).where(func.upper(Location.code) == clean.upper(), Location.deleted.is_(False))
    )
    if taken is not None:
        raise DuplicateValue("code", clean, Message("location_code_taken", code=taken))
    owner = code_owner(uow, clean)
    if owner is not None:
        raise DuplicateValue("code", clean, Message("location_code_is_barcode", sku=owner))
    return clean


def _views(uow: UnitOfWork, rows: list[Location]) -> list[LocationView]:
    if not rows:
        return []
    tree = {
        row_id: (parent, code)
        for row_id, parent, code in uow.session.execute(
            select(Location.id, Location.parent_id, Location.code).where(
                Location.store_id.in_({r.store_id for r in rows})
            )
        )
    }

    def path(row: Location) -> str:
        codes, seen, at = [], set(), row.parent_id
        while at is not None and at in tree and at not in seen:
            seen.add(at)
            parent, code = tree[at]
            codes.append(code)
            at = parent
        return " › ".join([*reversed(codes), row.code])

    return [
        LocationView(
            LocationId(r.id),
            StoreId(r.store_id),
            LocationId(r.parent_id) if r.parent_id else None,
            r.code,
            r.name,
            r.kind,
            path(r),
            r.active,
        )
        for r in rows
    ]
