"""The audit log, newest first (managers and admins), keyset-paged by (time, id)."""

from __future__ import annotations

import base64
import binascii
import uuid
from datetime import datetime

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from stockdesk.api.deps import actor, unit_of_work
from stockdesk.api.paging import Page, link
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Actor
from stockdesk.services.accounts import audit_query
from stockdesk.services.uow import UnitOfWork

router = APIRouter(prefix="/audit", tags=["audit"])


class AuditOut(BaseModel):
    id: uuid.UUID
    at: datetime
    user: str
    action: str
    entity: str
    entity_id: uuid.UUID | None
    details: str


def _cursor(row: audit_query.AuditRow) -> str:
    return base64.urlsafe_b64encode(f"{row.at.isoformat()}|{row.id.hex}".encode()).decode()


def _before(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    if not cursor:
        return None
    try:
        moment, _, ident = base64.urlsafe_b64decode(cursor.encode()).decode().partition("|")
        return datetime.fromisoformat(moment), uuid.UUID(hex=ident)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ValidationError("cursor", cursor, Message("api.bad_cursor")) from None


@router.get("", response_model=Page[AuditOut], summary="Audit events, newest first")
def audit_log(
    request: Request,
    action: str = Query("", max_length=64, description="prefix, e.g. item."),
    cursor: str | None = Query(None, max_length=200),
    limit: int = Query(100, ge=1, le=500),
    uow: UnitOfWork = Depends(unit_of_work),
    who: Actor = Depends(actor),
) -> Page[AuditOut]:
    rows = audit_query.audit_page(uow, who, before=_before(cursor), action=action, limit=limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    return Page[AuditOut](
        count=None,
        next=link(request, _cursor(rows[-1]) if more and rows else None),
        previous=None,
        results=[
            AuditOut(
                id=r.id,
                at=r.at,
                user=r.user,
                action=r.action,
                entity=r.entity,
                entity_id=r.entity_id,
                details=r.details,
            )
            for r in rows
        ],
    )
