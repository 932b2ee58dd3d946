"""How items are tracked (lot, expiry, serial) and their expiry warning, for the items export."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select

from stockdesk.db.models import Item
from stockdesk.services.uow import UnitOfWork


def tracking_of_items(
    uow: UnitOfWork, item_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, tuple[str, int | None]]:
    """Item id -> (tracking, expiry_warn_days) for the tracked items and those with a warning of their
    own; an item not in the answer is untracked with the category's warning (one short read a batch)."""
    ids = list(item_ids)
    found: dict[uuid.UUID, tuple[str, int | None]] = {}
    with uow:
        for start in range(0, len(ids), 500):
            rows = uow.session.execute(
                select(Item.id, Item.tracking, Item.expiry_warn_days).where(
                    Item.id.in_(ids[start : start + 500]),
                    (Item.tracking != "none") | Item.expiry_warn_days.is_not(None),
                )
            )
            found.update({ident: (tracking, days) for ident, tracking, days in rows})
    return found
