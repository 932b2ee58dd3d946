"""Every write leaves an audit event in the same transaction."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any

from stockdesk.db import fast_write
from stockdesk.db.models import AuditEvent
from stockdesk.domain.permissions import Actor
from stockdesk.services.uow import UnitOfWork

_INSERT = AuditEvent.__table__.insert()


def record(
    uow: UnitOfWork,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: uuid.UUID | None,
    **details: Any,
) -> None:
    record_each(uow, actor, [(action, entity, entity_id, details)])


def record_each(
    uow: UnitOfWork, actor: Actor | None, events: Sequence[tuple[str, str, uuid.UUID | None, dict[str, Any]]]
) -> None:
    """Several events of one actor, (action, entity, entity id, details) each, in one statement."""
    # A plain insert, not an ORM row: every sale at the counter writes one, and the ORM's flush of a
    # single new object costs more than the insert itself. Stamped as the session stamps synced rows.
    user_id = actor.id if actor else None
    fast_write.executemany(
        uow.session.connection(),
        _INSERT,
        [
            {
                "user_id": user_id,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "details": json.dumps(details, default=str, sort_keys=True) if details else "",
                "updated_by": uow.actor_id if uow.actor_id is not None else user_id,
                "origin_desk": uow.desk_id,
            }
            for action, entity, entity_id, details in events
        ],
    )
