"""A realistic demo catalogue and sales history, written through the services."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from stockdesk.domain.gtin import make_instore_ean13
from stockdesk.domain.ids import CategoryId, ItemId, StoreId
from stockdesk.domain.movements import MovementKind
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import bulk, organisation
from stockdesk.services.catalogue.bulk import NewItem
from stockdesk.services.database import Database
from stockdesk.services.inventory import stock
from stockdesk.services.inventory.stock import MovementRequest
from stockdesk.services.views import SupplierView

Progress = Callable[[str, int, int], None]

CATEGORIES = {
    "Hardware": ["Screws", "Nails", "Hinges", "Locks"],
    "Tools": ["Hand tools", "Power tools", "Measuring"],
    "Electrical": ["Cables", "Lamps", "Switches"],
    "Garden": ["Seeds", "Hoses", "Pots"],
    "Paint": ["Interior", "Exterior", "Brushes"],
}
ADJECTIVES = ["Steel", "Brass", "Heavy-duty", "Compact", "Galvanised", "Pro", "Eco", "Mini", "XL", "Classic"]
NOUNS = {
    "Screws": ["wood screw", "machine screw", "drywall screw"],
    "Nails": ["box nail", "finish nail"],
    "Hinges": ["door hinge", "cabinet hinge"],
    "Locks": ["padlock", "deadbolt"],
    "Hand tools": ["hammer", "screwdriver", "pliers", "chisel"],
    "Power tools": ["drill", "jigsaw", "sander"],
    "Measuring": ["tape measure", "spirit level"],
    "Cables": ["extension cable", "cable reel"],
    "Lamps": ["LED bulb", "work lamp"],
    "Switches": ["wall switch", "dimmer"],
    "Seeds": ["tomato seeds", "lawn seed"],
    "Hoses": ["garden hose", "hose connector"],
    "Pots": ["clay pot", "planter"],
    "Interior": ["wall paint", "ceiling white"],
    "Exterior": ["wood stain", "masonry paint"],
    "Brushes": ["paint brush", "roller"],
}
SUPPLIERS = [
    ("Nordic Fasteners", 5),
    ("Acme Tools", 10),
    ("Brightline Electric", 7),
    ("GreenThumb Supply", 14),
    ("ColourWorks", 6),
]


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
    stores: int,
    days: int,
    seed: int = 7,
    progress: Progress | None = None,
) -> DemoSummary:
    """Stores, categories, suppliers, `items` items with valid EAN-13s, and `days` days of history."""
    rng = random.Random(seed)
    report = progress or (lambda _stage, _done, _total: None)
    store_views = [
        organisation.create_store(db.uow(), actor, code=f"S{n:02d}", name=f"Store {n}")
        for n in range(1, stores + 1)
    ]
    leaves = _categories(db, actor)
    suppliers = [
        organisation.create_supplier(
            db.uow(), actor, name=name, lead_time_days=lead, email=f"orders@{name.split()[0].lower()}.example"
        )
        for name, lead in SUPPLIERS
    ]
    item_ids: list[ItemId] = []
    batch = 10_000
    for start in range(0, items, batch):
        rows = [_item_row(rng, n, leaves, suppliers) for n in range(start, min(items, start + batch))]
        item_ids += bulk.create_items(db.uow(), actor, rows, first_row=start + 1)
        report("items", len(item_ids), items)
    moved = _history(db, actor, rng, item_ids, [s.id for s in store_views], days, report)
    return DemoSummary(len(item_ids), len(store_views), moved)


def _categories(db: Database, actor: Actor) -> list[tuple[CategoryId, str]]:
    leaves: list[tuple[CategoryId, str]] = []
    for top, children in CATEGORIES.items():
        parent = organisation.create_category(db.uow(), actor, name=top)
        for child in children:
            leaves.append(
                (organisation.create_category(db.uow(), actor, name=child, parent_id=parent.id).id, child)
            )
    return leaves


def _item_row(
    rng: random.Random, n: int, leaves: list[tuple[CategoryId, str]], suppliers: list[SupplierView]
) -> NewItem:
    category_id, leaf = leaves[n % len(leaves)]
    cost = Decimal(rng.randint(20, 20_000)) / 100
    sell = (cost * Decimal(rng.choice(["1.3", "1.5", "1.8", "2.2"]))).quantize(Decimal("0.01"))
    return {
        "sku": f"{leaf[:3].upper()}-{n:07d}",
        "name": f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS[leaf])} {rng.randint(1, 200)}",
        "unit": "pcs",
        "cost_price": cost,
        "sell_price": sell,
        "reorder_point": Decimal(rng.choice([2, 5, 10, 20])),
        "reorder_qty": Decimal(rng.choice([10, 20, 50])),
        "category_id": category_id,
        "supplier_id": suppliers[n % len(suppliers)].id,
        "barcodes": [make_instore_ean13(20 + n % 10, n)],
    }


def _history(
    db: Database,
    actor: Actor,
    rng: random.Random,
    item_ids: list[ItemId],
    store_ids: list[StoreId],
    days: int,
    report: Progress,
) -> int:
    """Opening receipts, then daily sales of a few popular items with restocking when they run low."""
    if days <= 0 or not item_ids:
        return 0
    start = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(days=days)
    active = item_ids[: min(len(item_ids), 2000)]  # history for every item of a million would take hours
    on_hand = {(item, store): 0 for item in active for store in store_ids}
    opening = [
        MovementRequest(MovementKind.RECEIVE, item, store, "40", reference="opening stock", at=start)
        for item in active
        for store in store_ids
    ]
    stock.post_movements(db.uow(), actor, opening)
    on_hand = dict.fromkeys(on_hand, 40)
    posted = len(opening)
    for day in range(days):
        lines = _day_lines(rng, active, store_ids, on_hand, start + timedelta(days=day, hours=1))
        stock.post_movements(db.uow(), actor, lines)
        posted += len(lines)
        report("history", day + 1, days)
    return posted


def _day_lines(
    rng: random.Random,
    items: list[ItemId],
    store_ids: list[StoreId],
    on_hand: dict[tuple[ItemId, StoreId], int],
    at: datetime,
) -> list[MovementRequest]:
    lines: list[MovementRequest] = []
    for item in rng.sample(items, k=max(1, len(items) // 10)):
        store = rng.choice(store_ids)
        quantity = min(on_hand[item, store], rng.choice([1, 1, 1, 2, 3, 5]))
        if quantity:
            lines.append(MovementRequest(MovementKind.SALE, item, store, str(quantity), at=at))
            on_hand[item, store] -= quantity
        if on_hand[item, store] < 5:
            lines.append(
                MovementRequest(
                    MovementKind.RECEIVE, item, store, "30", reference="restock", at=at + timedelta(hours=6)
                )
            )
            on_hand[item, store] += 30
    return lines
