"""A demo hardware store: its catalogue, opening stock and sales history, written through the services.

The first-run wizard hands the demo the shop's own stores (`store_ids`), so the stock lands where
the clerk sells; the `demo` command creates stores of its own. What the catalogue holds (names,
prices, stock per product) is in `demo_catalogue`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from stockdesk.domain.gtin import make_instore_ean13
from stockdesk.domain.ids import CategoryId, ItemId, StoreId, SupplierId
from stockdesk.domain.movements import MovementKind
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import bulk, organisation
from stockdesk.services.catalogue.bulk import NewItem
from stockdesk.services.database import Database
from stockdesk.services.inventory import stock
from stockdesk.services.inventory.stock import MovementRequest
from stockdesk.services.maintenance import demo_catalogue as catalogue
from stockdesk.services.maintenance.demo_catalogue import Product

Progress = Callable[[str, int, int], None]

# Names of the stores the demo creates when it is not given the shop's own (the `demo` command).
STORE_NAMES = ["High Street", "Riverside", "Retail Park", "Warehouse", "Old Town", "Harbour"]


@dataclass(frozen=True)
class DemoSummary:
    items: int
    stores: int
    movements: int


def generate(
    db: Database,
    actor: Actor,
    *,
    items: int,
    stores: int = 3,
    days: int,
    seed: int = 7,
    progress: Progress | None = None,
    store_ids: Sequence[StoreId] = (),
) -> DemoSummary:
    """Categories, suppliers, `items` items with valid EAN-13s, opening stock and `days` days of sales.

    With `store_ids` the stock and history go into those stores (the shop's own); without, `stores`
    demo stores are created first.
    """
    rng = random.Random(seed)
    report = progress or (lambda _stage, _done, _total: None)
    targets = list(store_ids) or [
        organisation.create_store(db.uow(), actor, code=f"S{n:02d}", name=_store_name(n)).id
        for n in range(1, stores + 1)
    ]
    leaves = _categories(db, actor)
    suppliers = _suppliers(db, actor)
    shelf = catalogue.products()
    profiles: list[Product] = []
    item_ids: list[ItemId] = []
    batch = 10_000
    for start in range(0, items, batch):
        chosen = [catalogue.product(n, shelf) for n in range(start, min(items, start + batch))]
        rows = [_item_row(start + i, p, leaves, suppliers) for i, p in enumerate(chosen)]
        item_ids += bulk.create_items(db.uow(), actor, rows, first_row=start + 1)
        profiles += chosen
        report("items", len(item_ids), items)
    moved = _history(db, actor, rng, list(zip(item_ids, profiles, strict=True)), targets, days, report)
    return DemoSummary(len(item_ids), len(targets), moved)


def _store_name(n: int) -> str:
    return STORE_NAMES[n - 1] if n <= len(STORE_NAMES) else f"Store {n}"


def _categories(db: Database, actor: Actor) -> dict[str, tuple[CategoryId, str]]:
    """Sub-category name -> (its id, its top category)."""
    leaves: dict[str, tuple[CategoryId, str]] = {}
    for top, children in catalogue.CATEGORIES.items():
        parent = organisation.create_category(db.uow(), actor, name=top)
        for child in children:
            leaf = organisation.create_category(db.uow(), actor, name=child, parent_id=parent.id)
            leaves[child] = (leaf.id, top)
    return leaves


def _suppliers(db: Database, actor: Actor) -> dict[str, SupplierId]:
    """Top category -> the supplier delivering it."""
    by_top: dict[str, SupplierId] = {}
    for name, lead, tops in catalogue.SUPPLIERS:
        domain = name.split()[0].lower()
        view = organisation.create_supplier(
            db.uow(), actor, name=name, lead_time_days=lead, email=f"orders@{domain}.example"
        )
        by_top.update(dict.fromkeys(tops, view.id))
    return by_top


def _item_row(
    n: int, product: Product, leaves: dict[str, tuple[CategoryId, str]], suppliers: dict[str, SupplierId]
) -> NewItem:
    category_id, top = leaves[product.leaf]
    low, high = product.opening
    return {
        "sku": f"{product.leaf[:3].upper()}-{n + 1:05d}",
        "name": product.name,
        "unit": product.unit,
        "cost_price": product.cost,
        "sell_price": product.sell,
        "reorder_point": Decimal(max(1, (low + high) // 6)),
        "reorder_qty": Decimal(max(2, (low + high) // 2)),
        "category_id": category_id,
        "supplier_id": suppliers[top],
        "barcodes": [make_instore_ean13(20 + n % 10, n)],
    }


def _history(
    db: Database,
    actor: Actor,
    rng: random.Random,
    items: list[tuple[ItemId, Product]],
    store_ids: list[StoreId],
    days: int,
    report: Progress,
) -> int:
    """Opening stock, then each day's sales (a tenth of the range sells somewhere) and the deliveries
    that refill a shelf once it runs low."""
    if days <= 0 or not items:
        return 0
    start = datetime.now(UTC).replace(hour=8, minute=0, second=0, microsecond=0) - timedelta(days=days)
    active = items[: min(len(items), 2000)]  # history for every item of a million would take hours
    on_hand = {(item, store): rng.randint(*p.opening) for item, p in active for store in store_ids}
    opening = [
        MovementRequest(MovementKind.RECEIVE, item, store, str(qty), reference="Opening stock", at=start)
        for (item, store), qty in on_hand.items()
    ]
    stock.post_movements(db.uow(), actor, opening)
    posted = len(opening)
    for day in range(days):
        lines = _day_lines(rng, active, store_ids, on_hand, start + timedelta(days=day))
        stock.post_movements(db.uow(), actor, lines)
        posted += len(lines)
        report("history", day + 1, days)
    return posted


def _day_lines(
    rng: random.Random,
    items: list[tuple[ItemId, Product]],
    store_ids: list[StoreId],
    on_hand: dict[tuple[ItemId, StoreId], int],
    morning: datetime,
) -> list[MovementRequest]:
    lines: list[MovementRequest] = []
    for item, product in rng.sample(items, k=max(1, len(items) // 10)):
        store = rng.choice(store_ids)
        quantity = min(on_hand[item, store], rng.choice(product.sale))
        at = morning + timedelta(minutes=rng.randint(60, 600))  # opening hours, 9:00 to 18:00
        if quantity:
            lines.append(MovementRequest(MovementKind.SALE, item, store, str(quantity), at=at))
            on_hand[item, store] -= quantity
        low, high = product.opening
        if on_hand[item, store] <= max(1, (low + high) // 6):  # at the reorder point: the order goes out
            refill = max(2, (low + high) // 2)
            delivered = morning + timedelta(minutes=630)  # after closing, on the shelf next morning
            lines.append(
                MovementRequest(
                    MovementKind.RECEIVE,
                    item,
                    store,
                    str(refill),
                    reference="Supplier delivery",
                    at=delivered,
                )
            )
            on_hand[item, store] += refill
    return lines
