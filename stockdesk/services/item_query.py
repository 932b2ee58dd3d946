"""Reading the items table a page at a time, filtered and sorted in SQL.

The window never holds all items: it asks for the count, then for the pages the view shows.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select

from stockdesk.db.models import Item, ItemBarcode, StockLevel
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.views import ItemRow


class ItemSort(enum.StrEnum):
    SKU = "sku"
    NAME = "name"
    SELL_PRICE = "sell_price"
    COST_PRICE = "cost_price"
    REORDER_POINT = "reorder_point"
    ON_HAND = "on_hand"


@dataclass(frozen=True)
class ItemFilter:
    text: str = ""
    include_archived: bool = False


def _on_hand_column():  # noqa: ANN202 - a correlated scalar subquery
    return (
        select(func.coalesce(func.sum(StockLevel.on_hand), 0))
        .where(StockLevel.item_id == Item.id)
        .correlate(Item)
        .scalar_subquery()
    )


def _filtered(query: Select, item_filter: ItemFilter) -> Select:  # type: ignore[type-arg]
    query = query.where(Item.deleted.is_(False))
    if not item_filter.include_archived:
        query = query.where(Item.active.is_(True))
    text = item_filter.text.strip()
    if text:
        pattern = f"%{text}%"
        by_barcode = select(ItemBarcode.item_id).where(ItemBarcode.code == text)
        query = query.where(or_(Item.name.ilike(pattern), Item.sku.ilike(pattern), Item.id.in_(by_barcode)))
    return query


def count_items(uow: UnitOfWork, item_filter: ItemFilter) -> int:
    with uow:
        query = _filtered(select(func.count()).select_from(Item), item_filter)
        return int(uow.session.scalar(query) or 0)


def item_page(
    uow: UnitOfWork,
    item_filter: ItemFilter,
    *,
    sort: ItemSort = ItemSort.SKU,
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> list[ItemRow]:
    """Rows `offset`..`offset+limit` of the filtered, sorted list (ties broken by id)."""
    on_hand = _on_hand_column().label("on_hand")
    first_code = (
        select(func.min(ItemBarcode.code))
        .where(ItemBarcode.item_id == Item.id, ItemBarcode.deleted.is_(False))
        .correlate(Item)
        .scalar_subquery()
    )
    key = on_hand if sort is ItemSort.ON_HAND else getattr(Item, sort.value)
    order = [key.desc() if descending else key.asc(), Item.id.desc() if descending else Item.id.asc()]
    query = (
        _filtered(
            select(
                Item.id,
                Item.sku,
                Item.name,
                Item.unit,
                Item.sell_price,
                Item.cost_price,
                Item.reorder_point,
                on_hand,
                Item.active,
                first_code.label("barcode"),
            ),
            item_filter,
        )
        .order_by(*order)
        .offset(offset)
        .limit(limit)
    )
    with uow:
        return [
            ItemRow(
                r.id,
                r.sku,
                r.name,
                r.unit,
                r.sell_price,
                r.cost_price,
                r.reorder_point,
                r.on_hand,
                r.active,
                r.barcode or "",
            )
            for r in uow.session.execute(query)
        ]
