"""Movements: post receipts, sales, transfers, adjustments and counts (retry-safe with an
Idempotency-Key), and read the ledger with filters."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from pydantic import BaseModel, Field, ValidationInfo, field_validator

from stockdesk.api.deps import Caller, actor, caller, unit_of_work
from stockdesk.api.fields import IsoDate, Money, Quantity, free_text
from stockdesk.api.paging import Page, link
from stockdesk.api.problems import documented
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.ids import ItemId, PackId, StoreId
from stockdesk.domain.messages import Message
from stockdesk.domain.movements import MovementKind
from stockdesk.domain.permissions import Actor
from stockdesk.services import idempotency
from stockdesk.services.inventory import movement_pages, stock
from stockdesk.services.places.place_names import PlaceNames, location_ref, place_names
from stockdesk.services.places.placing import PlaceChoice
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.views import MovementView

router = APIRouter(prefix="/movements", tags=["movements"])


class MovementIn(BaseModel):
    kind: Literal["receive", "sale", "adjust", "transfer", "count"]
    item_id: uuid.UUID
    store_id: uuid.UUID = Field(description="the store (for a transfer: the one stock leaves)")
    to_store_id: uuid.UUID | None = Field(
        default=None, validate_default=True, description="transfers only: where stock arrives"
    )
    quantity: Quantity = Field(
        description="positive; signed for adjust; the counted quantity for count",
    )
    unit_cost: Money | None = None
    reference: str = free_text(200, default="")
    pack_id: uuid.UUID | None = Field(
        default=None,
        description="receive, sale and transfer: `quantity` counts this pack of the item (a case of 12)",
    )
    location: str | None = Field(
        default=None,
        max_length=64,
        description="id or code of the location stock goes to or comes from (else: put away where the "
        "item already is; taken first-expiry-first-out); for count: the one shelf counted",
    )
    to_location: str | None = Field(
        default=None, max_length=64, description="transfers only: the location in the target store"
    )
    lot: str = Field(default="", max_length=64, description="the lot's code (lot- or expiry-tracked items)")
    expires_on: IsoDate | None = Field(default=None, description="the use-by date of a lot received first")
    serials: list[str] = Field(
        default_factory=list, max_length=1000, description="serial-tracked items: one number per unit"
    )
    allow_expired: bool = Field(
        default=False, description="a manager's override: sell or move an expired lot"
    )

    @field_validator("to_store_id")
    @classmethod
    def _transfer_has_target(cls, to_store_id: uuid.UUID | None, info: ValidationInfo) -> uuid.UUID | None:
        # a field's own validator, so the refusal names the field (a model's would name "body")
        if (info.data.get("kind") == "transfer") != (to_store_id is not None):
            raise ValueError("is required for a transfer and only for a transfer")
        return to_store_id


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
    location_id: uuid.UUID | None
    location: str | None = Field(description="the location's code; null: the store's unplaced stock")
    lot_id: uuid.UUID | None
    lot: str | None = Field(description="the lot's code or serial number; null for an untracked item")
    expires_on: date | None

    @classmethod
    def of(cls, v: MovementView, names: PlaceNames) -> MovementOut:
        lot = names.lots.get(v.lot_id) if v.lot_id is not None else None
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
            location_id=v.location_id,
            location=names.locations.get(v.location_id) if v.location_id is not None else None,
            lot_id=v.lot_id,
            lot=lot.code if lot is not None else None,
            expires_on=lot.expires_on if lot is not None else None,
        )

    @classmethod
    def all_of(cls, uow: UnitOfWork, views: list[MovementView]) -> list[MovementOut]:
        names = place_names(uow, (v.location_id for v in views), (v.lot_id for v in views))
        return [cls.of(v, names) for v in views]


class PostedOut(BaseModel):
    movements: list[MovementOut] = Field(description="one, or the two legs of a transfer")


def _place(uow: UnitOfWork, body: MovementIn) -> PlaceChoice:
    return PlaceChoice(
        location_id=location_ref(uow, body.location) if body.location else None,
        lot=body.lot,
        expires_on=body.expires_on,
        serials=tuple(body.serials),
        allow_expired=body.allow_expired,
    )


def _refusal(body: MovementIn) -> ValidationError | None:
    """Why the body is refused before any posting (a field that does not go with its kind), if it is."""
    if body.pack_id is not None and body.kind in ("adjust", "count"):
        return ValidationError("pack_id", str(body.pack_id), Message("pack.stock_units_only"))
    if body.to_location and body.kind != "transfer":
        return ValidationError("to_location", body.to_location, Message("api.transfer_only"))
    return None


def _poster(body: MovementIn, who: Actor) -> Callable[[UnitOfWork], object]:
    """The one stock service this kind of movement is posted by."""
    pack = PackId(body.pack_id) if body.pack_id is not None else None
    if (refused := _refusal(body)) is not None:
        raise refused
    if body.kind == "transfer":
        return lambda uow: stock.transfer_all(
            uow,
            who,
            item_id=ItemId(body.item_id),
            from_store_id=StoreId(body.store_id),
            to_store_id=StoreId(body.to_store_id),  # type: ignore[arg-type]
            quantity=body.quantity,
            pack_id=pack,
            reference=body.reference,
            place=_place(uow, body),
            to_location_id=(
                location_ref(uow, body.to_location, field="to_location") if body.to_location else None
            ),
        )
    if body.kind == "count":
        return lambda uow: stock.count(
            uow,
            who,
            item_id=ItemId(body.item_id),
            store_id=StoreId(body.store_id),
            counted=body.quantity,
            reference=body.reference,
            place=_place(uow, body),
        )
    return lambda uow: stock.post_movements(uow, who, [_request(uow, body)])


_DIRECT = {"receive": MovementKind.RECEIVE, "sale": MovementKind.SALE, "adjust": MovementKind.ADJUST}


def _request(uow: UnitOfWork, body: MovementIn) -> stock.MovementRequest:
    """A receipt, sale or adjustment as the stock service takes it."""
    kind = _DIRECT[body.kind]
    return stock.MovementRequest(
        kind,
        ItemId(body.item_id),
        StoreId(body.store_id),
        body.quantity,
        body.unit_cost if kind is MovementKind.RECEIVE else None,
        body.reference,
        pack_id=PackId(body.pack_id) if body.pack_id and kind is not MovementKind.ADJUST else None,
        place=_place(uow, body),
    )


def combinable(body: MovementIn) -> bool:
    """Whether the post may go in one transaction with others (`post_keyed_together`): a receipt,
    sale or adjustment that is not refused before posting."""
    return body.kind in _DIRECT and _refusal(body) is None


def _answerer(uow: UnitOfWork) -> Callable[[list[MovementView]], tuple[int, str]]:
    def answer(views: list[MovementView]) -> tuple[int, str]:
        return 201, PostedOut(movements=MovementOut.all_of(uow, views)).model_dump_json()

    return answer


def post_keyed(
    uow: UnitOfWork,
    body: MovementIn,
    who: Actor,
    principal: str,
    key: str,
    path: str,
    known: list[tuple[Any, ...]] | None = None,
) -> idempotency.StoredAnswer:
    """Post once per (caller, key): a retry gets the first answer back (`fast_paths` posts here too,
    with the key's stored answer read alongside its token: `known`)."""
    return idempotency.run_once(
        uow,
        principal=principal,
        key=key,
        fingerprint=idempotency.fingerprint("POST", path, body.model_dump_json().encode()),
        work=_poster(body, who),
        answer=_answerer(uow),
        known=known,
    )


def post_keyed_together(
    uow: UnitOfWork, who: Actor, principal: str, posts: list[tuple[MovementIn, str]], path: str
) -> list[idempotency.StoredAnswer]:
    """Several `combinable` posts of one caller, each under its own new key, in one transaction (the
    fast path's round): all posted and each answer stored, or an error and nothing posted."""
    return idempotency.run_together(
        uow,
        principal=principal,
        keyed=[(k, idempotency.fingerprint("POST", path, b.model_dump_json().encode())) for b, k in posts],
        work=lambda uow: stock.post_each(uow, who, [[_request(uow, body)] for body, _key in posts]),
        answer=_answerer(uow),
    )


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
    idempotency_key: str | None = Header(None, min_length=1, max_length=idempotency.MAX_KEY_LENGTH),
    uow: UnitOfWork = Depends(unit_of_work),
    who: Caller = Depends(caller),
) -> Response:
    if idempotency_key is None:
        result = _poster(body, who.actor)(uow)
        views = list(result) if isinstance(result, tuple | list) else [result]
        status, content = _answerer(uow)(views)  # type: ignore[arg-type]
        return Response(content, status_code=status, media_type="application/json")
    stored = post_keyed(uow, body, who.actor, who.principal, idempotency_key, request.url.path)
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
        results=MovementOut.all_of(uow, page.rows),
    )
