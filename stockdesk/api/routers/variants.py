"""Templates and their variants over HTTP (docs/variants.md): attributes, generating the matrix, the
variants with their stock per store."""

from __future__ import annotations

import uuid
from decimal import Decimal

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from stockdesk.api.deps import actor, unit_of_work
from stockdesk.api.fields import text
from stockdesk.domain.ids import ItemId
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import variants
from stockdesk.services.catalogue.variants import AttributeView, StockMatrix, VariantView
from stockdesk.services.uow import UnitOfWork

router = APIRouter(tags=["variants"])


class AttributeIO(BaseModel):
    name: str = text(64, examples=["size"])
    values: list[str] = Field(examples=[["S", "M", "L"]], description="in the order the matrix shows them")

    @classmethod
    def of(cls, view: AttributeView) -> AttributeIO:
        return cls(name=view.name, values=list(view.choices))


class VariantOut(BaseModel):
    id: uuid.UUID
    sku: str
    name: str
    attributes: dict[str, str] = Field(description="attribute -> this variant's value")
    sell_price: Decimal
    cost_price: Decimal
    own_sell_price: bool = Field(description="false: follows the template's sell price")
    own_cost_price: bool
    active: bool
    on_hand: dict[str, Decimal] = Field(description="store code -> on hand (stores without stock too)")

    @classmethod
    def of(cls, view: VariantView, matrix: StockMatrix) -> VariantOut:
        return cls(
            id=view.id,
            sku=view.sku,
            name=view.name,
            attributes=view.values,
            sell_price=view.sell_price,
            cost_price=view.cost_price,
            own_sell_price=view.own_sell_price,
            own_cost_price=view.own_cost_price,
            active=view.active,
            on_hand={s.code: matrix.of_variant(view.id, s.id) for s in matrix.stores},
        )


class GenerateIn(BaseModel):
    attributes: list[AttributeIO] = Field(
        default_factory=list, description="added to the template's own (values after the stored ones)"
    )


class GenerateOut(BaseModel):
    created: list[uuid.UUID]
    existing: int = Field(description="combinations that had their variant already")


@router.get(
    "/items/{item_id}/variants",
    response_model=list[VariantOut],
    summary="A template's variants, with their attribute values and stock per store",
)
def list_variants(
    item_id: uuid.UUID, uow: UnitOfWork = Depends(unit_of_work), _actor: Actor = Depends(actor)
) -> list[VariantOut]:
    matrix = variants.stock_matrix(uow, ItemId(item_id))
    return [VariantOut.of(view, matrix) for view in matrix.variants]


@router.get(
    "/items/{item_id}/attributes", response_model=list[AttributeIO], summary="A template's attributes"
)
def list_attributes(
    item_id: uuid.UUID, uow: UnitOfWork = Depends(unit_of_work), _actor: Actor = Depends(actor)
) -> list[AttributeIO]:
    return [AttributeIO.of(view) for view in variants.attributes_of(uow, ItemId(item_id))]


@router.put(
    "/items/{item_id}/attributes",
    response_model=list[AttributeIO],
    summary="Set a template's attributes exactly (the item becomes a template)",
)
def set_attributes(
    item_id: uuid.UUID,
    body: list[AttributeIO],
    uow: UnitOfWork = Depends(unit_of_work),
    who: Actor = Depends(actor),
) -> list[AttributeIO]:
    given = [(a.name, a.values) for a in body]
    return [AttributeIO.of(view) for view in variants.set_attributes(uow, who, ItemId(item_id), given)]


@router.post(
    "/items/{item_id}/variants",
    status_code=201,
    response_model=GenerateOut,
    summary="Generate the variants the template's matrix lacks (idempotent)",
)
def generate_variants(
    item_id: uuid.UUID, body: GenerateIn, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> GenerateOut:
    given = [(a.name, a.values) for a in body.attributes]
    result = variants.generate(uow, who, ItemId(item_id), given)
    return GenerateOut(created=[v.id for v in result.created], existing=result.existing)
