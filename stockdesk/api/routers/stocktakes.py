"""Stocktakes: open a count for a store (or some categories), add counts as they come in (several
counters at once), read the variance, post it as count movements — the window's stocktake page."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from stockdesk.api.deps import actor, unit_of_work
from stockdesk.api.fields import Quantity, free_text, text
from stockdesk.domain.ids import CategoryId, StocktakeId, StoreId
from stockdesk.domain.permissions import Actor
from stockdesk.services.inventory import stocktake, stocktake_queries
from stockdesk.services.inventory.stocktake import StocktakeView
from stockdesk.services.inventory.stocktake_queries import StocktakeSummary
from stockdesk.services.uow import UnitOfWork

router = APIRouter(prefix="/stocktakes", tags=["stocktakes"])


class StocktakeOut(BaseModel):
    id: uuid.UUID
    number: int
    name: str = Field(description='"Stocktake 12 — Brushes": what references and reports call it')
    store_id: uuid.UUID
    status: str
    lines: int
    started_at: datetime

    @classmethod
    def of(cls, v: StocktakeView) -> StocktakeOut:
        return cls(
            id=v.id,
            number=v.number,
            name=stocktake.stocktake_name(v.number, v.title),
            store_id=v.store_id,
            status=v.status,
            lines=v.lines,
            started_at=v.started_at,
        )


class StocktakeSummaryOut(BaseModel):
    id: uuid.UUID
    store_id: uuid.UUID
    store_code: str
    status: str
    started_at: datetime
    posted_at: datetime | None
    note: str
    lines: int

    @classmethod
    def of(cls, v: StocktakeSummary) -> StocktakeSummaryOut:
        return cls(
            id=v.id,
            store_id=v.store_id,
            store_code=v.store_code,
            status=v.status,
            started_at=v.started_at,
            posted_at=v.posted_at,
            note=v.note,
            lines=v.lines,
        )


class StartIn(BaseModel):
    store_id: uuid.UUID
    category_ids: list[uuid.UUID] = Field(default_factory=list, description="empty: the whole store")
    note: str = free_text(500, default="")


class CountIn(BaseModel):
    code: str = text(128, description="SKU, barcode or item id")
    quantity: Quantity = Field(description="added to what was counted before")


class CountsIn(BaseModel):
    lines: list[CountIn] = Field(min_length=1, max_length=50_000)


class CountsOut(BaseModel):
    added: int


class VarianceLineOut(BaseModel):
    item_id: uuid.UUID
    sku: str
    name: str
    expected: Decimal
    counted: Decimal | None
    difference: Decimal
    value_difference: Decimal


class VarianceOut(BaseModel):
    counted_lines: int
    uncounted_lines: int
    quantity_difference: Decimal
    value_difference: Decimal
    lines: list[VarianceLineOut]


class PostIn(BaseModel):
    uncounted_as_zero: bool = Field(default=False, description="lines nobody counted become zero")


class PostedOut(BaseModel):
    movements: int
    value_difference: Decimal


@router.get("", response_model=list[StocktakeSummaryOut], summary="Latest stocktakes, open and posted")
def list_stocktakes(
    store_id: uuid.UUID | None = Query(None),
    limit: int = Query(50, ge=1, le=500),
    uow: UnitOfWork = Depends(unit_of_work),
    _actor: Actor = Depends(actor),
) -> list[StocktakeSummaryOut]:
    stores = [StoreId(store_id)] if store_id is not None else None
    return [
        StocktakeSummaryOut.of(s)
        for s in stocktake_queries.recent_stocktakes(uow, store_ids=stores, limit=limit)
    ]


@router.post(
    "", status_code=201, response_model=StocktakeOut, summary="Open a stocktake (expected quantities frozen)"
)
def start(
    body: StartIn, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> StocktakeOut:
    view = stocktake.start(
        uow,
        who,
        store_id=StoreId(body.store_id),
        category_ids=[CategoryId(c) for c in body.category_ids],
        note=body.note,
    )
    return StocktakeOut.of(view)


@router.post(
    "/{stocktake_id}/counts", response_model=CountsOut, summary="Add counted quantities (all or nothing)"
)
def add_counts(
    stocktake_id: uuid.UUID,
    body: CountsIn,
    uow: UnitOfWork = Depends(unit_of_work),
    who: Actor = Depends(actor),
) -> CountsOut:
    lines = [(line.code, line.quantity) for line in body.lines]
    return CountsOut(added=stocktake.add_counts(uow, who, StocktakeId(stocktake_id), lines))


@router.get(
    "/{stocktake_id}/variance", response_model=VarianceOut, summary="Expected against counted, per item"
)
def variance(
    stocktake_id: uuid.UUID,
    uncounted_as_zero: bool = Query(False),
    uow: UnitOfWork = Depends(unit_of_work),
    _actor: Actor = Depends(actor),
) -> VarianceOut:
    found = stocktake.variance(uow, StocktakeId(stocktake_id), uncounted_as_zero=uncounted_as_zero)
    return VarianceOut(
        counted_lines=found.counted_lines,
        uncounted_lines=found.uncounted_lines,
        quantity_difference=found.quantity_difference,
        value_difference=found.value_difference,
        lines=[
            VarianceLineOut(
                item_id=line.item_id,
                sku=line.sku,
                name=line.name,
                expected=line.expected,
                counted=line.counted,
                difference=line.difference,
                value_difference=line.value_difference,
            )
            for line in found.lines
        ],
    )


@router.post("/{stocktake_id}/post", response_model=PostedOut, summary="Post the counts as count movements")
def post(
    stocktake_id: uuid.UUID,
    body: PostIn,
    uow: UnitOfWork = Depends(unit_of_work),
    who: Actor = Depends(actor),
) -> PostedOut:
    result = stocktake.post(uow, who, StocktakeId(stocktake_id), uncounted_as_zero=body.uncounted_as_zero)
    return PostedOut(movements=result.movements, value_difference=result.value_difference)
