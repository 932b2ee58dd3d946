"""Pack units of an item (a case of 12 with its own barcode): whoever may edit the item may edit them."""

from __future__ import annotations

import uuid
from decimal import Decimal

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, Field

from stockdesk.api.deps import actor, unit_of_work
from stockdesk.api.fields import Count, text
from stockdesk.domain.ids import ItemId, PackId
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import packs
from stockdesk.services.catalogue.packs import PackView
from stockdesk.services.uow import UnitOfWork

router = APIRouter(tags=["packs"])


class PackOut(BaseModel):
    id: uuid.UUID
    item_id: uuid.UUID
    name: str
    factor: Decimal = Field(description="stock units in one pack")
    code: str = Field(description='the pack\'s own barcode ("" when it has none)')
    purchase: bool = Field(description="the pack the supplier sells: suggestions round up to it")

    @classmethod
    def of(cls, view: PackView) -> PackOut:
        return cls(
            id=view.id,
            item_id=view.item_id,
            name=view.name,
            factor=view.factor,
            code=view.code,
            purchase=view.purchase,
        )


class PackIn(BaseModel):
    name: str = text(32, examples=["case"])
    factor: Count = Field(description="stock units in one pack (the unit's decimals)")
    code: str = Field(default="", max_length=128)
    purchase: bool = False


@router.get("/items/{item_id}/packs", response_model=list[PackOut], summary="An item's packs, smallest first")
def list_packs(
    item_id: uuid.UUID, uow: UnitOfWork = Depends(unit_of_work), _actor: Actor = Depends(actor)
) -> list[PackOut]:
    return [PackOut.of(view) for view in packs.packs_of(uow, ItemId(item_id))]


@router.post("/items/{item_id}/packs", status_code=201, response_model=PackOut, summary="Add a pack")
def add_pack(
    item_id: uuid.UUID, body: PackIn, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> PackOut:
    view = packs.add_pack(
        uow, who, ItemId(item_id), name=body.name, factor=body.factor, code=body.code, purchase=body.purchase
    )
    return PackOut.of(view)


@router.delete("/packs/{pack_id}", status_code=204, response_class=Response, summary="Remove a pack")
def remove_pack(
    pack_id: uuid.UUID, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> Response:
    packs.remove_pack(uow, who, PackId(pack_id))
    return Response(status_code=204)
