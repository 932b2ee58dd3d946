"""Movements: post receipts, sales, transfers, adjustments and counts (retry-safe with an
Idempotency-Key), and read the ledger with filters."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Literal, Self

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from pydantic import BaseModel, Field, model_validator

from stockdesk.api.deps import Caller, actor, caller, unit_of_work
from stockdesk.api.paging import Page, link
from stockdesk.api.problems import documented
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.ids import PackId
from stockdesk.domain.messages import Message
from stockdesk.domain.movements import MovementKind
from stockdesk.domain.permissions import Actor
from stockdesk.services import idempotency
from stockdesk.services.inventory import movement_pages, stock
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.views import MovementView

router = APIRouter(prefix="/movements", tags=["movements"])


class MovementIn(BaseModel):
    kind: Literal["receive", "sale", "adjust", "transfer", "count"]
    item_id: uuid.UUID
    store_id: uuid.UUID = Field(description="the store (for a transfer: the one stock leaves)")
    to_store_id: uuid.UUID | None = Field(default=None, description="transfers only: where stock arrives")
    quantity: Decimal = Field(
        max_digits=15,
        decimal_places=3,
        description="positive; signed for adjust; the counted quantity for count",
    )
    unit_cost: Decimal | None = Field(default=None, max_digits=14, decimal_places=4)
    reference: str = Field(default="", max_length=200)
    pack_id: uuid.UUID | None = Field(
        default=None,
        description="receive, sale and transfer: `quantity` counts this pack of the item (a case of 12)",
    )

    @model_validator(mode="after")
    def _transfer_has_target(self) -> Self:
        if (self.kind == "transfer") != (self.to_store_id is not None):
            raise ValueError("to_store_id is required for a transfer and only for a transfer")
        return self


class MovementOut(BaseModel):
    id: uuid.UUID
    item_id: uuid.UUID
    store_id: uuid.UUID
    kind: str
    quantity: Decimal
    counted_quantity: Decimal | None
    unit_cost: Decimal | None
    reference: str
    transfer_id: uuid.UUID | None
    reverses_id: uuid.UUID | None
    user_id: uuid.UUID | None
    at: datetime
    on_hand_after: Decimal | None

    @classmethod
    def of(cls, v: MovementView) -> MovementOut:
        return cls(
            id=v.id,
            item_id=v.item_id,
            store_id=v.store_id,
            kind=v.kind,
            quantity=v.quantity,
            counted_quantity=v.counted_quantity,
            unit_cost=v.unit_cost,
            reference=v.reference,
            transfer_id=v.transfer_id,
            reverses_id=v.reverses_id,
            user_id=v.user_id,
            at=v.at,
            on_hand_after=v.on_hand_after,
        )


class PostedOut(BaseModel):
    movements: list[MovementOut] = Field(description="one, or the two legs of a transfer")


def _poster(body: MovementIn, who: Actor) -> Callable[[UnitOfWork], object]:
    """The one stock service this kind of movement is posted by."""
    common = {"item_id": body.item_id, "reference": body.reference}
    pack = PackId(body.pack_id) if body.pack_id is not None else None
    if pack is not None and body.kind in ("adjust", "count"):
        raise ValidationError("pack_id", str(pack), Message("pack.stock_units_only"))
    if body.kind == "transfer":
        return lambda uow: stock.transfer(
            uow,
            who,
            from_store_id=body.store_id,
            to_store_id=body.to_store_id,
            quantity=body.quantity,
            pack_id=pack,
            **common,
        )
    if body.kind == "count":
        return lambda uow: stock.count(uow, who, store_id=body.store_id, counted=body.quantity, **common)
    if body.kind == "receive":
        return lambda uow: stock.receive(
            uow,
            who,
            store_id=body.store_id,
            quantity=body.quantity,
            unit_cost=body.unit_cost,
            pack_id=pack,
            **common,
        )
    if body.kind == "sale":
        return lambda uow: stock.sell(
            uow, who, store_id=body.store_id, quantity=body.quantity, pack_id=pack, **common
        )
    return lambda uow: stock.adjust(uow, who, store_id=body.store_id, quantity=body.quantity, **common)


def _answer(views: list[MovementView]) -> tuple[int, str]:
    return 201, PostedOut(movements=[MovementOut.of(v) for v in views]).model_dump_json()


@router.post(
    "",
    status_code=201,
    response_model=PostedOut,
    summary="Post a movement; with Idempotency-Key a retry returns the first answer and posts nothing",
    responses={
        409: documented("not enough stock"),
        422: documented("invalid value, or the key was used for a different request"),
    },
)
def post_movement(
    body: MovementIn,
    request: Request,
    idempotency_key: str | None = Header(None, max_length=idempotency.MAX_KEY_LENGTH),
    uow: UnitOfWork = Depends(unit_of_work),
    who: Caller = Depends(caller),
) -> Response:
    post = _poster(body, who.actor)
    if idempotency_key is None:
        result = post(uow)
        status, content = _answer(list(result) if isinstance(result, tuple) else [result])  # type: ignore[list-item]
        return Response(content, status_code=status, media_type="application/json")
    stored = idempotency.run_once(
        uow,
        principal=who.principal,
        key=idempotency_key,
        fingerprint=idempotency.fingerprint("POST", request.url.path, body.model_dump_json().encode()),
        work=post,
        answer=_answer,
    )
    headers = {"Idempotent-Replayed": "true" if stored.replayed else "false"}
    return Response(stored.body, status_code=stored.status, media_type="application/json", headers=headers)


@router.get("", response_model=Page[MovementOut], summary="The ledger, newest first, with filters")
def list_movements(
    request: Request,
    item_id: uuid.UUID | None = None,
    store_id: uuid.UUID | None = None,
    kind: MovementKind | None = None,
    since: datetime | None = Query(None, description="at or after"),
    until: datetime | None = Query(None, description="before"),
    cursor: str | None = Query(None, max_length=200),
    limit: int = Query(100, ge=1, le=movement_pages.MAX_LIMIT),
    uow: UnitOfWork = Depends(unit_of_work),
    _actor: Actor = Depends(actor),
) -> Page[MovementOut]:
    query = movement_pages.MovementQuery(item_id, store_id, kind, since, until)
    page = movement_pages.movement_page(uow, query, cursor=cursor, limit=limit)
    return Page[MovementOut](
        count=None,
        next=link(request, page.next_cursor),
        previous=None,
        results=[MovementOut.of(v) for v in page.rows],
    )
