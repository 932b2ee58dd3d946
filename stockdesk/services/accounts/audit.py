"""Every write leaves an audit event in the same transaction."""

from __future__ import annotations

import json
import uuid
from typing import Any

from stockdesk.db.models import AuditEvent
from stockdesk.domain.permissions import Actor
from stockdesk.services.uow import UnitOfWork


def record(
    uow: UnitOfWork,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: uuid.UUID | None,
    **details: Any,
) -> None:
    uow.session.add(
        AuditEvent(
            user_id=actor.id if actor else None,
            action=action,
            entity=entity,
            entity_id=entity_id,
            details=json.dumps(details, default=str, sort_keys=True) if details else "",
        )
    )
