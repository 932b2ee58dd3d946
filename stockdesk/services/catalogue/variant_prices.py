"""A variant's prices follow its template's until set on the variant itself (docs/variants.md).

Kept apart from `variants` so that `catalog.update_item` can call it without an import cycle.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import aliased

from stockdesk.db.models import Item
from stockdesk.services.uow import UnitOfWork

PRICES = {"sell_price": "own_sell_price", "cost_price": "own_cost_price"}


def after_update(uow: UnitOfWork, item: Item, changed: set[str]) -> int:
    """After `item`'s fields in `changed` were set: a variant's price set by hand is its own from now
    on; a template's new price goes to the variants that follow it. Returns the variants updated."""
    prices = changed & PRICES.keys()
    if not prices:
        return 0
    if item.template_id is not None:
        for name in prices:
            setattr(item, PRICES[name], True)
        return 0
    if not item.is_template:
        return 0
    updated = 0
    for name in sorted(prices):
        # One statement per price, not a row read per variant; the capture triggers sync each row.
        result = uow.session.execute(
            update(Item)
            .where(
                Item.template_id == item.id, getattr(Item, PRICES[name]).is_(False), Item.deleted.is_(False)
            )
            .values({name: getattr(item, name), "updated_by": uow.actor_id})
            .execution_options(synchronize_session="fetch")
        )
        updated = max(updated, int(getattr(result, "rowcount", 0) or 0))
    return updated


def after_bulk_update(uow: UnitOfWork, item_ids: Sequence[uuid.UUID]) -> None:
    """After an import wrote prices straight to `item_ids` (no `update_item` per row): a variant's price
    that differs from its template's is its own, one that equals it follows it again; the templates
    among them hand their prices to the variants that follow them. A few set-based statements per 500
    ids, whatever the file's size."""
    template = aliased(Item)
    for start in range(0, len(item_ids), 500):
        chunk = list(item_ids[start : start + 500])
        for name, flag in PRICES.items():
            theirs = select(getattr(template, name)).where(template.id == Item.template_id).scalar_subquery()
            uow.session.execute(
                update(Item)
                .where(Item.id.in_(chunk), Item.template_id.is_not(None))
                .values({flag: getattr(Item, name) != theirs, "updated_by": uow.actor_id})
                .execution_options(synchronize_session=False)
            )
            uow.session.execute(
                update(Item)
                .where(Item.template_id.in_(chunk), getattr(Item, flag).is_(False), Item.deleted.is_(False))
                .values({name: theirs, "updated_by": uow.actor_id})
                .execution_options(synchronize_session=False)
            )
