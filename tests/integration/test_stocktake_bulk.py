"""Big stocktakes are written set-based; what a counter sees and what other desks receive is unchanged.

A whole-store count of a few hundred items takes the set-based path (lines copied by the database,
counts through a temporary table, change capture in one statement); a three-item count takes the
per-row path. Both must freeze the same figures, resolve the same codes and capture the same rows.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from stockdesk.db.capture import BULK_FROM
from stockdesk.domain.movements import MovementKind
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import bulk, catalog, organisation
from stockdesk.services.catalogue.bulk import BulkRejected
from stockdesk.services.database import Database
from stockdesk.services.inventory import check, stock, stocktake

ITEMS = BULK_FROM + 50


def _shop(
    db: Database, admin: users.Actor, count: int
) -> tuple[organisation.StoreView, list[catalog.ItemView]]:
    """`count` items (every fifth sold by weight) and stock on two thirds of them, in a new store."""
    store = organisation.create_store(db.uow(), admin, code=f"S{count}", name=f"Store {count}")
    rows: list[bulk.NewItem] = [
        {
            "sku": f"K{count}-{n:04d}",
            "name": f"Counted {n}",
            "cost_price": f"{n % 7}.25",
            "unit": "kg" if n % 5 == 0 else "pcs",
            "barcodes": [f"{count}{n:06d}"],
        }
        for n in range(count)
    ]
    ids = bulk.create_items(db.uow(), admin, rows)
    items = [catalog.get_item(db.uow(), item_id) for item_id in ids]
    receipts = [
        stock.MovementRequest(MovementKind.RECEIVE, item.id, store.id, str(n % 11 + 1))
        for n, item in enumerate(items)
        if n % 3
    ]
    stock.post_movements(db.uow(), admin, receipts)
    return store, items


def test_a_big_whole_store_count_freezes_every_item_and_posts_what_was_counted(db, admin) -> None:
    store, items = _shop(db, admin, ITEMS)
    retired = catalog.create_item(db.uow(), admin, sku="RETIRED", name="Gone")
    catalog.archive_item(db.uow(), admin, retired.id)
    take = stocktake.start(db.uow(), admin, store_id=store.id)
    assert take.lines == ITEMS  # the inactive item is not on the sheet
    before = stocktake.variance(db.uow(), take.id)
    by_sku = {line.sku: line for line in before.lines}
    for n, item in enumerate(items):
        line = by_sku[item.sku]
        assert line.expected == (Decimal(n % 11 + 1) if n % 3 else Decimal(0))
        assert line.unit_cost == Decimal(f"{n % 7}.25")
        assert line.counted is None
    # Counted by SKU in lower case, by barcode, and by item id, as a scanner file mixes them.
    counts = []
    for n, item in enumerate(items):
        code = (item.sku.lower(), f"{ITEMS}{n:06d}", str(item.id))[n % 3]
        counts.append((code, "2.5" if n % 5 == 0 else "4"))
    assert stocktake.add_counts(db.uow(), admin, take.id, counts) == ITEMS
    after = {line.sku: line for line in stocktake.variance(db.uow(), take.id).lines}
    assert [after[i.sku].counted for i in items[:3]] == [Decimal("2.5"), Decimal(4), Decimal(4)]
    result = stocktake.post(db.uow(), admin, take.id)
    assert result.movements == ITEMS
    assert stock.on_hand_of(db.uow(), items[0].id, store.id) == Decimal("2.5")
    assert stock.on_hand_of(db.uow(), items[1].id, store.id) == Decimal(4)
    assert not check.find_differences(db.uow())
    assert _summaries_off(db) == []
    check.rebuild_levels(db.uow())  # every level row deleted and written again
    assert _summaries_off(db) == []


def _summaries_off(db: Database) -> list[tuple[object, ...]]:
    """Items whose total on hand in the items list (item_summary) is not the sum of their levels."""
    with db.engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.exec_driver_sql(
                "SELECT s.item_id, s.on_hand, coalesce(sum(l.on_hand), 0) FROM item_summary s "
                "LEFT JOIN stock_level l ON l.item_id = s.item_id GROUP BY s.item_id, s.on_hand "
                "HAVING s.on_hand <> coalesce(sum(l.on_hand), 0)"
            )
        ]


def test_a_scanner_file_naming_an_item_outside_the_count_is_refused_line_by_line(db, admin) -> None:
    store, items = _shop(db, admin, ITEMS)
    paint = organisation.create_category(db.uow(), admin, name="Paint")
    catalog.create_item(db.uow(), admin, sku="BRUSH", name="Brush", category_id=paint.id)
    take = stocktake.start(db.uow(), admin, store_id=store.id, category_ids=[paint.id])
    assert take.lines == 1
    with pytest.raises(BulkRejected) as refused:
        stocktake.add_counts(
            db.uow(),
            admin,
            take.id,
            [("brush", "1"), (items[0].sku, "3"), ("NO-SUCH", "1"), ("BRUSH", "1.5")],
        )
    assert [(p.row, p.field, p.reason.id) for p in refused.value.problems] == [
        (2, "code", "not_in_stocktake"),
        (3, "code", "unknown_code"),
        (4, "quantity", "unit.whole"),
    ]
    assert stocktake.variance(db.uow(), take.id).counted_lines == 0  # nothing of the file was kept
    assert stocktake.add_counts(db.uow(), admin, take.id, [("brush", "1"), ("BRUSH", "2")]) == 2
    assert stocktake.variance(db.uow(), take.id).lines[0].counted == Decimal(3)


def _outbox(db: Database, table: str) -> list[dict[str, object]]:
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT data FROM sync_outbox WHERE tbl = ? ORDER BY seq", (table,)
        ).scalars()
        return [json.loads(data) for data in rows]


def test_other_desks_receive_a_big_count_as_they_receive_a_small_one(sqlite_db: Database) -> None:
    db = sqlite_db
    admin = users.create_first_admin(db.uow(), email="boss@example.com", password="boss-pass-1")
    for size in (3, ITEMS):  # the big count's sheet also lists the small shop's 3 items
        store, _items = _shop(db, admin, size)
        take = stocktake.start(db.uow(), admin, store_id=store.id)
        stocktake.add_counts(
            db.uow(),
            admin,
            take.id,
            [(line.sku, "1") for line in stocktake.variance(db.uow(), take.id).lines],
        )
    lines, counts = _outbox(db, "stocktake_line"), _outbox(db, "stocktake_count")
    assert len(lines) == len(counts) == 3 + (3 + ITEMS)
    per_row, set_based = lines[:3], lines[3:]
    assert sorted(per_row[0]) == sorted(set_based[0])  # the same columns, whichever path wrote them
    assert sorted(counts[0]) == sorted(counts[3])
    with db.engine.connect() as connection:
        stored = {
            row[0]: row[1:]
            for row in connection.exec_driver_sql(
                "SELECT id, item_id, expected, unit_cost, hlc FROM stocktake_line"
            )
        }
    for change in lines:
        assert stored[change["id"]][:3] == (change["item_id"], change["expected"], change["unit_cost"])
    assert len({line["id"] for line in lines}) == len(lines)
