"""Stock of every template's variants, store by store: the rows of the "variants" report."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import aliased

from stockdesk.db.models import Item, StockLevel, Store
from stockdesk.domain.ids import StoreId
from stockdesk.domain.variants import load_values
from stockdesk.services.uow import UnitOfWork


@dataclass(frozen=True)
class VariantStockRow:
    template_sku: str
    template_name: str
    store_code: str
    store_name: str
    sku: str
    values: str  # "M / Red"
    on_hand: Decimal
    cost_price: Decimal
    sell_price: Decimal


def variant_stock_rows(
    uow: UnitOfWork, *, store_ids: Collection[StoreId] | None
) -> Iterator[VariantStockRow]:
    """Variants with stock, ordered by template SKU, store code and variant SKU (templates come from
    `ix_item_template_id`: a catalogue of a million plain items costs nothing here)."""
    template = aliased(Item)
    query = (
        select(
            template.sku,
            template.name,
            Store.code,
            Store.name,
            Item.sku,
            Item.variant_values,
            StockLevel.on_hand,
            Item.cost_price,
            Item.sell_price,
        )
        .join(template, template.id == Item.template_id)
        .join(StockLevel, StockLevel.item_id == Item.id)
        .join(Store, Store.id == StockLevel.store_id)
        .where(Item.deleted.is_(False), StockLevel.on_hand != 0)
        .order_by(template.sku, Store.code, Item.sku)
    )
    if store_ids is not None:
        query = query.where(StockLevel.store_id.in_(store_ids))
    with uow:
        for tsku, tname, code, store, sku, values, qty, cost, sell in uow.session.execute(query):
            shown = " / ".join(load_values(values).values())
            yield VariantStockRow(tsku, tname, code, store, sku, shown, qty, cost, sell)
