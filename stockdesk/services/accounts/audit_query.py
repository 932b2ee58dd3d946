"""The audit log screen: events newest first, a page at a time by keyset, read-only."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select

from stockdesk.db.models import AuditEvent, User
from stockdesk.domain.ids import AuditEventId
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.services.uow import UnitOfWork


@dataclass(frozen=True)
class AuditRow:
    id: AuditEventId
    at: datetime
    user: str
    action: str
    entity: str
    entity_id: uuid.UUID | None
    details: str

    @property
    def key(self) -> tuple[datetime, AuditEventId]:
        return (self.at, self.id)


def audit_page(
    uow: UnitOfWork,
    actor: Actor,
    *,
    before: tuple[datetime, AuditEventId] | None = None,
    action: str = "",
    limit: int = 200,
) -> list[AuditRow]:
    """Up to `limit` events older than `before`, optionally only actions starting with `action`."""
    e = AuditEvent
    query = select(e.id, e.at, User.email, e.action, e.entity, e.entity_id, e.details).outerjoin(
        User, User.id == e.user_id
    )
    if action:
        query = query.where(e.action.startswith(action, autoescape=True))
    if before is not None:
        query = query.where(or_(e.at < before[0], and_(e.at == before[0], e.id < before[1])))
    with uow:
        require(actor, Action.VIEW_AUDIT)
        rows = uow.session.execute(query.order_by(e.at.desc(), e.id.desc()).limit(limit))
        return [AuditRow(AuditEventId(r[0]), r[1], r[2] or "", r[3], r[4], r[5], r[6]) for r in rows]
