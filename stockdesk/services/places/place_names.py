"""Locations and lots by what a person or a client types: a location's id or code, and the codes of
the locations and lots a page of movements names (one query each, whatever the page's length)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from stockdesk.db.place_models import Location, Lot
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.ids import LocationId
from stockdesk.domain.messages import Message
from stockdesk.services.uow import UnitOfWork


@dataclass(frozen=True)
class LotName:
    code: str
    expires_on: date | None


@dataclass(frozen=True)
class PlaceNames:
    locations: dict[uuid.UUID, str]  # id → code
    lots: dict[uuid.UUID, LotName]


def location_ref(uow: UnitOfWork, text: str, *, field: str = "location") -> LocationId:
    """The location `text` names: its id, or the code on its label (case forgiven)."""
    with uow:
        clean = text.strip()
        try:
            ident: uuid.UUID | None = uuid.UUID(clean)
        except ValueError:
            ident = None
        condition = Location.id == ident if ident is not None else func.upper(Location.code) == clean.upper()
        found = uow.session.scalar(select(Location.id).where(condition, Location.deleted.is_(False)))
        if found is None:
            raise ValidationError(field, text, Message("location_unknown"))
        return LocationId(found)


def place_names(
    uow: UnitOfWork, location_ids: Iterable[uuid.UUID | None], lot_ids: Iterable[uuid.UUID | None]
) -> PlaceNames:
    """The codes of these locations and lots (ids it does not know are left out).

    Also inside an open unit of work: an idempotent post's answer is made in the posting's own
    transaction, where a lot received a moment ago is not yet visible to any other.
    """
    locations = {i for i in location_ids if i is not None}
    lots = {i for i in lot_ids if i is not None}
    if not locations and not lots:
        return PlaceNames({}, {})
    if uow.is_open:
        return _names(uow, locations, lots)
    with uow:
        return _names(uow, locations, lots)


def _names(uow: UnitOfWork, locations: set[uuid.UUID], lots: set[uuid.UUID]) -> PlaceNames:
    codes: dict[uuid.UUID, str] = {}
    if locations:
        query = select(Location.id, Location.code).where(Location.id.in_(locations))
        codes = {ident: code for ident, code in uow.session.execute(query)}
    names: dict[uuid.UUID, LotName] = {}
    if lots:
        rows = uow.session.execute(select(Lot.id, Lot.code, Lot.expires_on).where(Lot.id.in_(lots)))
        names = {ident: LotName(code, expires) for ident, code, expires in rows}
    return PlaceNames(codes, names)


def location_code(uow: UnitOfWork, location_id: uuid.UUID) -> str | None:
    """The code of a location (None for an unknown one)."""
    with uow:
        return uow.session.scalar(select(Location.code).where(Location.id == location_id))
