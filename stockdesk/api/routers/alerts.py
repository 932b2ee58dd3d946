"""Low-stock alerts: list, acknowledge, snooze (the same rules as the window's alerts page)."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, Field

from stockdesk.api.deps import actor, unit_of_work
from stockdesk.domain.permissions import Actor
from stockdesk.services.planning import alerts
from stockdesk.services.planning.alerts import AlertView
from stockdesk.services.uow import UnitOfWork

router = APIRouter(prefix="/alerts", tags=["alerts"])


class AlertOut(BaseModel):
    id: uuid.UUID
    item_id: uuid.UUID
    store_id: uuid.UUID
    sku: str
    name: str
    store_code: str
    on_hand: Decimal
    reorder_point: Decimal
    opened_at: datetime
    acknowledged: bool
    snoozed_until: datetime | None

    @classmethod
    def of(cls, v: AlertView) -> AlertOut:
        return cls(
            id=v.id,
            item_id=v.item_id,
            store_id=v.store_id,
            sku=v.sku,
            name=v.name,
            store_code=v.store_code,
            on_hand=v.on_hand,
            reorder_point=v.reorder_point,
            opened_at=v.opened_at,
            acknowledged=v.acknowledged,
            snoozed_until=v.snoozed_until,
        )


class SnoozeIn(BaseModel):
    days: int = Field(ge=1, le=365)


class SnoozedOut(BaseModel):
    snoozed_until: datetime


@router.get("", response_model=list[AlertOut], summary="Open alerts, newest first")
def open_alerts(
    store_id: uuid.UUID | None = None,
    include_snoozed: bool = False,
    limit: int = Query(500, ge=1, le=1000),
    uow: UnitOfWork = Depends(unit_of_work),
    _actor: Actor = Depends(actor),
) -> list[AlertOut]:
    found = alerts.open_alerts(uow, store_id=store_id, include_snoozed=include_snoozed, limit=limit)
    return [AlertOut.of(v) for v in found]


@router.post("/{alert_id}/acknowledge", status_code=204, summary="Seen: off the badge, still listed")
def acknowledge(
    alert_id: uuid.UUID, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> Response:
    alerts.acknowledge(uow, who, alert_id)
    return Response(status_code=204)


@router.post("/{alert_id}/snooze", response_model=SnoozedOut, summary="Hide for some days")
def snooze(
    alert_id: uuid.UUID, body: SnoozeIn, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> SnoozedOut:
    return SnoozedOut(snoozed_until=alerts.snooze(uow, who, alert_id, days=body.days))
