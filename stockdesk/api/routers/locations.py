"""Locations: a store's tree of zones, aisles, shelves and bins (managers and admins change it),
found by the code on their label; lots, whose use-by date a manager corrects."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query, Request, Response

from stockdesk.api.deps import actor, unit_of_work
from stockdesk.api.paging import Page, link
from stockdesk.api.routers.place_models import LocationIn, LocationOut, LocationPatch, LotOut, LotPatch
from stockdesk.api.settings import API_PREFIX
from stockdesk.domain.errors import NotFound
from stockdesk.domain.ids import LocationId, LotId, StoreId
from stockdesk.domain.permissions import Actor
from stockdesk.services.places import location_pages, locations, lots
from stockdesk.services.places.place_names import location_code, location_ref
from stockdesk.services.uow import UnitOfWork

router = APIRouter(tags=["locations"])


@router.get(
    "/stores/{store_id}/locations",
    response_model=Page[LocationOut],
    summary="A store's locations in label order (by path), keyset pages",
)
def list_locations(
    store_id: uuid.UUID,
    request: Request,
    include_archived: bool = Query(False),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(100, ge=1, le=location_pages.MAX_LIMIT),
    uow: UnitOfWork = Depends(unit_of_work),
    _actor: Actor = Depends(actor),
) -> Page[LocationOut]:
    page = location_pages.location_page(
        uow, store_id, cursor=cursor, limit=limit, include_archived=include_archived
    )
    return Page[LocationOut](
        count=None,
        next=link(request, page.next_cursor),
        previous=None,
        results=[LocationOut.of(v) for v in page.rows],
    )


@router.post(
    "/stores/{store_id}/locations",
    status_code=201,
    response_model=LocationOut,
    summary="Create a location (managers, admins)",
)
def create_location(
    store_id: uuid.UUID,
    body: LocationIn,
    response: Response,
    uow: UnitOfWork = Depends(unit_of_work),
    who: Actor = Depends(actor),
) -> LocationOut:
    parent = location_ref(uow, body.parent, field="parent") if body.parent else None
    view = locations.create_location(
        uow, who, store_id=StoreId(store_id), code=body.code, name=body.name, kind=body.kind, parent_id=parent
    )
    response.headers["Location"] = f"{API_PREFIX}/locations/{view.id}"
    return LocationOut.of(view)


@router.get("/locations/by-code/{code}", response_model=LocationOut, summary="The location a label names")
def find_location(
    code: str, uow: UnitOfWork = Depends(unit_of_work), _actor: Actor = Depends(actor)
) -> LocationOut:
    view = locations.location_by_code(uow, code)
    if view is None:
        raise NotFound("location", code)
    return LocationOut.of(view)


@router.get("/locations/{location_id}", response_model=LocationOut, summary="One location with its path")
def get_location(
    location_id: uuid.UUID, uow: UnitOfWork = Depends(unit_of_work), _actor: Actor = Depends(actor)
) -> LocationOut:
    return _view(uow, LocationId(location_id))


@router.patch(
    "/locations/{location_id}",
    response_model=LocationOut,
    summary="Rename, archive (`active: false`) or restore a location (managers, admins)",
)
def update_location(
    location_id: uuid.UUID,
    body: LocationPatch,
    uow: UnitOfWork = Depends(unit_of_work),
    who: Actor = Depends(actor),
) -> LocationOut:
    ident = LocationId(location_id)
    if body.name is not None:
        locations.rename_location(uow, who, ident, name=body.name)
    if body.active is not None:
        locations.set_location_active(uow, who, ident, active=body.active)
    return _view(uow, ident)


@router.get(
    "/lots/{lot_id}", response_model=LotOut, summary="One lot (or serial number) with its use-by date"
)
def get_lot(
    lot_id: uuid.UUID, uow: UnitOfWork = Depends(unit_of_work), _actor: Actor = Depends(actor)
) -> LotOut:
    return LotOut.of(lots.get_lot(uow, LotId(lot_id)))


@router.patch(
    "/lots/{lot_id}",
    response_model=LotOut,
    summary="Correct a lot's use-by date, with the reason (managers, admins; audited)",
)
def correct_lot(
    lot_id: uuid.UUID, body: LotPatch, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> LotOut:
    view = lots.correct_lot_expiry(uow, who, LotId(lot_id), expires_on=body.expires_on, reason=body.reason)
    return LotOut.of(view)


def _view(uow: UnitOfWork, location_id: LocationId) -> LocationOut:
    code = location_code(uow, location_id)
    view = locations.location_by_code(uow, code) if code is not None else None
    if view is None:
        raise NotFound("location", str(location_id))
    return LocationOut.of(view)
