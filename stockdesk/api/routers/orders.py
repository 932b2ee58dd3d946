"""Purchase orders: drafts (from suggestions or by hand), lines, sending to the supplier, receiving.

The same services as the window's purchase-order page: managers draft and send, the store's clerks
receive (receipts post through the ledger, open alerts and sync like any receipt)."""

from __future__ import annotations

import tempfile
import uuid
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, Field

from stockdesk.api.deps import actor, unit_of_work
from stockdesk.api.fields import Count, Money, free_text, text
from stockdesk.domain.ids import ItemId, OrderLineId, PurchaseOrderId, StoreId
from stockdesk.domain.permissions import Actor
from stockdesk.reports.purchase_order import write_order_pdf
from stockdesk.services.planning import purchasing
from stockdesk.services.planning.purchasing import OrderView
from stockdesk.services.uow import UnitOfWork

router = APIRouter(prefix="/purchase-orders", tags=["purchase orders"])
Status = Literal["draft", "sent", "partial", "received"]


class OrderLineOut(BaseModel):
    id: uuid.UUID
    line_no: int
    item_id: uuid.UUID
    sku: str
    name: str
    quantity: Decimal
    unit_cost: Decimal
    received: Decimal
    reason: str
    unit: str = Field(description="the item's stock unit, which quantity and received count")
    pack_name: str = Field("", description="the supplier's pack the line is ordered in; empty: stock units")
    pack_factor: Decimal | None = Field(None, description="stock units in one such pack")
    packs: Decimal | None = Field(None, description="how many packs: quantity / pack_factor")


class OrderOut(BaseModel):
    id: uuid.UUID
    number: str
    supplier_id: uuid.UUID
    supplier: str
    store_id: uuid.UUID
    store_code: str
    status: str
    sent_at: datetime | None
    total: Decimal
    lines: list[OrderLineOut]

    @classmethod
    def of(cls, v: OrderView) -> OrderOut:
        return cls(
            id=v.id,
            number=v.number,
            supplier_id=v.supplier_id,
            supplier=v.supplier,
            store_id=v.store_id,
            store_code=v.store_code,
            status=v.status,
            sent_at=v.sent_at,
            total=v.total,
            lines=[
                OrderLineOut(
                    id=line.id,
                    line_no=line.line_no,
                    item_id=line.item_id,
                    sku=line.sku,
                    name=line.name,
                    quantity=line.quantity,
                    unit_cost=line.unit_cost,
                    received=line.received,
                    reason=line.reason,
                    unit=line.unit,
                    pack_name=line.pack_name,
                    pack_factor=line.pack_factor,
                    packs=line.packs,
                )
                for line in v.lines
            ],
        )


class DraftLineIn(BaseModel):
    item_id: uuid.UUID
    store_id: uuid.UUID
    quantity: Count
    reason: str = free_text(500, default="")


class DraftIn(BaseModel):
    lines: list[DraftLineIn] = Field(min_length=1, max_length=5000)


class LineIn(BaseModel):
    item_id: uuid.UUID
    quantity: Count
    unit_cost: Money | None = None


class SendIn(BaseModel):
    note: str = free_text(2000, default="")


class ReceivedLineIn(BaseModel):
    code: str = text(
        128,
        description="SKU or barcode of the item delivered; a pack's barcode makes the quantity count packs",
    )
    quantity: Count


class ReceiveIn(BaseModel):
    lines: list[ReceivedLineIn] = Field(min_length=1, max_length=5000)


class ReceiptOut(BaseModel):
    order: OrderOut
    movements: int
    warnings: list[str]


@router.get("", response_model=list[OrderOut], summary="Purchase orders, drafts first")
def list_orders(
    status: Status | None = Query(None),
    uow: UnitOfWork = Depends(unit_of_work),
    _actor: Actor = Depends(actor),
) -> list[OrderOut]:
    return [OrderOut.of(v) for v in purchasing.list_orders(uow, status=status)]


@router.get("/{order_id}", response_model=OrderOut, summary="One purchase order with its lines")
def get_order(
    order_id: uuid.UUID, uow: UnitOfWork = Depends(unit_of_work), _actor: Actor = Depends(actor)
) -> OrderOut:
    return OrderOut.of(purchasing.get_order(uow, PurchaseOrderId(order_id)))


@router.post(
    "", status_code=201, response_model=list[OrderOut], summary="Draft orders (one per supplier and store)"
)
def create_drafts(
    body: DraftIn, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> list[OrderOut]:
    lines = [
        purchasing.DraftLine(ItemId(line.item_id), StoreId(line.store_id), line.quantity, line.reason)
        for line in body.lines
    ]
    return [OrderOut.of(v) for v in purchasing.create_drafts(uow, who, lines)]


@router.put(
    "/{order_id}/lines", response_model=OrderOut, summary="Add a line to a draft, or change its quantity"
)
def set_line(
    order_id: uuid.UUID, body: LineIn, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> OrderOut:
    view = purchasing.set_line(
        uow,
        who,
        PurchaseOrderId(order_id),
        ItemId(body.item_id),
        quantity=body.quantity,
        unit_cost=body.unit_cost,
    )
    return OrderOut.of(view)


@router.delete(
    "/{order_id}/lines/{line_id}", status_code=204, response_class=Response, summary="Remove a line"
)
def remove_line(
    order_id: uuid.UUID,
    line_id: uuid.UUID,
    uow: UnitOfWork = Depends(unit_of_work),
    who: Actor = Depends(actor),
) -> Response:
    purchasing.remove_line(uow, who, PurchaseOrderId(order_id), OrderLineId(line_id))
    return Response(status_code=204)


@router.post(
    "/{order_id}/send", response_model=OrderOut, summary="Send the order to the supplier by e-mail (PDF)"
)
def send(
    order_id: uuid.UUID, body: SendIn, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> OrderOut:
    # The PDF travels as the e-mail's attachment (read in the same transaction): the server keeps no copy.
    with tempfile.TemporaryDirectory(prefix="stockdesk-po-") as folder:
        purchasing.send(
            uow,
            who,
            PurchaseOrderId(order_id),
            pdf_dir=Path(folder),
            write_pdf=write_order_pdf,
            note=body.note,
        )
    return OrderOut.of(purchasing.get_order(uow, PurchaseOrderId(order_id)))


@router.post("/{order_id}/receive", response_model=ReceiptOut, summary="Receive delivered quantities")
def receive(
    order_id: uuid.UUID, body: ReceiveIn, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> ReceiptOut:
    result = purchasing.receive(
        uow, who, PurchaseOrderId(order_id), [(line.code, line.quantity) for line in body.lines]
    )
    return ReceiptOut(
        order=OrderOut.of(result.order), movements=result.movements, warnings=list(result.warnings)
    )
