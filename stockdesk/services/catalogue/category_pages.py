"""A category's page in price order on PostgreSQL, read from each of its sub-categories' own index.

A web shop's category page (a category with its sub-categories, a price range, cheapest first) had two
plans, each right for some categories: walk the price index and skip the items of other categories
(fast for a big category, most of the table for a small one), or read the category's matches and sort
them (fast for a small category, every match for a big one). So PostgreSQL planned each request for
its own values (0.34 of its 1.48 ms, stop 43).

Here each sub-category gives at most a page of its matches in order from `ix_item_category_id_sell_price`
(category, price, id; deleted and active included), an index-only read that stops after the page, and
the page is the first of those in order. The work is at most a page per sub-category whatever their sizes,
so one generic plan serves every category: PostgreSQL settles on it by itself once psycopg has
prepared the statement (after five custom plans), and plans it no more. Asking for it explicitly (a
read-only transaction with `plan_cache_mode`, as deep pages do) cost more client CPU than it saved.
Since the plan no longer depends on which categories they are, the statement works out the sub-tree
itself, and no read of the category tree goes before it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Select, Uuid, bindparam, select, true

from stockdesk.db.models import Category, Item
from stockdesk.db.search_models import ItemSummary
from stockdesk.services.catalogue.item_query import ItemFilter, ItemSort, filtered, row_columns
from stockdesk.services.uow import UnitOfWork


class Beyond(Protocol):
    """Rows past a page's edge, in the direction of travel, by (sort column, key)."""

    def __call__(self, column: Any, key: Any) -> ColumnElement[bool]: ...


def reads_by_category(item_filter: ItemFilter, sort: ItemSort) -> bool:
    """Whether a page of `item_filter` in `sort` order is read category by category: a category, at
    most a price range and the listing status, in price order (the one sort the category index holds)."""
    if sort is not ItemSort.SELL_PRICE or item_filter.category_id is None:
        return False
    rest = replace(
        item_filter,
        category_id=None,
        min_price=None,
        max_price=None,
        include_archived=False,
        archived_only=False,
    )
    return rest.lists_every_item


ROOT = "category_root"  # the parameter naming the category: its sub-tree is worked out in the statement


def category_page(
    uow: UnitOfWork, item_filter: ItemFilter, ascending: bool, beyond: Beyond | None, size: Any
) -> tuple[Select[Any], Select[Any]]:
    """The page's rows (each with its key as `k`) and the ids of every match, for `bound` statements
    (item_query.filtered): the category is the parameter ROOT, the prices `min_price` and `max_price`.

    The sub-tree is worked out by the statement itself (the category, and every live category below
    it): the plan does not depend on which categories they are, and the page needs no read of the
    tree before it (a round trip of its own)."""
    top = select(bindparam(ROOT, type_=Uuid).label("id")).cte("sub_category", recursive=True)
    below = select(Category.id).where(Category.parent_id == top.c.id, Category.deleted.is_(False))
    categories = top.union(below)  # UNION, not UNION ALL: a loop in the tree ends
    # Every condition but the category's (the status, the prices), once for the count and the pages.
    listed = filtered(
        uow,
        select(Item.id, Item.sell_price),
        replace(item_filter, category_id=None),
        summary=False,
        bound=True,
    )
    matches = listed.with_only_columns(Item.id).where(Item.category_id.in_(select(categories.c.id)))
    own = listed.where(Item.category_id == categories.c.id)
    if beyond is not None:
        own = own.where(beyond(Item.sell_price, Item.id))
    in_order = [Item.sell_price, Item.id]
    cheapest = (
        own.order_by(*(c.asc() if ascending else c.desc() for c in in_order)).limit(size).lateral("cheapest")
    )
    page_order = [cheapest.c.sell_price, cheapest.c.id]
    page = (
        select(cheapest.c.id)
        .select_from(categories)
        .join(cheapest, true())
        .order_by(*(c.asc() if ascending else c.desc() for c in page_order))
        .limit(size)
        .subquery("page")
    )
    rows = (
        select(Item.id.label("k"), *row_columns(item_filter))
        .select_from(page)
        .join(Item, Item.id == page.c.id)
        .join(ItemSummary, ItemSummary.item_id == Item.id)
    )
    return rows, matches
