"""A variant's prices follow its template's until set on the variant itself (docs/variants.md).

Kept apart from `variants` so that `catalog.update_item` can call it without an import cycle.
"""

from __future__ import annotations

from sqlalchemy import update

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
