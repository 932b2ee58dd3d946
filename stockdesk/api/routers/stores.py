"""Stores: everyone may list them; managers and admins create and change them."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from stockdesk.api.deps import actor, unit_of_work
from stockdesk.api.fields import free_text, text
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import organisation
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.views import StoreView

router = APIRouter(prefix="/stores", tags=["stores"])


class StoreOut(BaseModel):
    id: uuid.UUID
    code: str
    name: str
    address: str
    active: bool

    @classmethod
    def of(cls, v: StoreView) -> StoreOut:
        return cls(id=v.id, code=v.code, name=v.name, address=v.address, active=v.active)


class StoreIn(BaseModel):
    code: str = text(32)
    name: str = text(200)
    address: str = free_text(2000, default="")


class StorePatch(BaseModel):
    name: str | None = text(200, default=None)
    address: str | None = free_text(2000, default=None)
    active: bool | None = None


@router.get("", response_model=list[StoreOut], summary="Stores, by code")
def list_stores(
    include_inactive: bool = Query(False),
    uow: UnitOfWork = Depends(unit_of_work),
    _actor: Actor = Depends(actor),
) -> list[StoreOut]:
    return [StoreOut.of(v) for v in organisation.list_stores(uow, include_inactive=include_inactive)]


@router.post("", status_code=201, response_model=StoreOut, summary="Create a store")
def create_store(
    body: StoreIn, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> StoreOut:
    return StoreOut.of(
        organisation.create_store(uow, who, code=body.code, name=body.name, address=body.address)
    )


@router.patch("/{store_id}", response_model=StoreOut, summary="Rename, re-address, close or reopen a store")
def update_store(
    store_id: uuid.UUID,
    body: StorePatch,
    uow: UnitOfWork = Depends(unit_of_work),
    who: Actor = Depends(actor),
) -> StoreOut:
    return StoreOut.of(organisation.update_store(uow, who, store_id, **body.model_dump(exclude_none=True)))
