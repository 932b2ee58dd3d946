"""An incremental reorder run gives exactly the lines of a whole run, whatever was written in between."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import insert, update

from stockdesk.db.models import StockLevel, StockMovement
from stockdesk.db.synced_tables import synced_tables
from stockdesk.domain.ids import new_id
from stockdesk.domain.movements import MovementKind
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.inventory import stock
from stockdesk.services.inventory.stock import MovementRequest
from stockdesk.services.maintenance import settings
from stockdesk.services.planning import purchasing, reorder_runs, store_points
from stockdesk.services.planning.purchasing import DraftLine
from stockdesk.services.planning.reorder_runs import ReorderRun
from stockdesk.sync.local_apply import LocalApply

NOW = datetime(2026, 6, 30, 18, 0, tzinfo=UTC)
ITEMS = 12


def _no_pdf(order: object, path: Path, *, by: str) -> Path:
    path.write_bytes(b"%PDF-")
    return path


@pytest.fixture
def shop(db, admin, main_store, branch_store):
    """Items with 60 days of sales in one or both stores before NOW, a supplier, two stores."""
    rng = random.Random(17)
    supplier = organisation.create_supplier(
        db.uow(), admin, name="Acme", lead_time_days=5, email="o@acme.example"
    )
    stores = [main_store, branch_store]
    items = [
        catalog.create_item(
            db.uow(), admin, sku=f"SKU-{n:02d}", name=f"Item {n}", supplier_id=supplier.id, reorder_qty="6"
        )
        for n in range(ITEMS)
    ]
    start = NOW - timedelta(days=60)
    lines = []
    for item in items:
        for store in rng.sample(stores, rng.randint(1, 2)):
            lines.append(MovementRequest(MovementKind.RECEIVE, item.id, store.id, "500", at=start))
            lines += [
                MovementRequest(
                    MovementKind.SALE,
                    item.id,
                    store.id,
                    str(rng.randint(1, 6)),
                    at=start + timedelta(days=d, hours=3),
                )
                for d in range(60)
                if rng.random() < 0.4
            ]
    stock.post_movements(db.uow(), admin, lines)
    return supplier, stores, items


def _pulled(db, item, store, quantity: int, at: datetime) -> None:
    """A movement from another desk, with its own (older) time, written as a pull writes it."""
    row = {
        "id": new_id(),
        "item_id": item.id,
        "store_id": store.id,
        "kind": "receive",
        "quantity": Decimal(quantity),
        "reference": "pulled",
        "at": at,
        "created_at": at,
        "updated_at": at,
        "origin_desk": "desk-other",
        "hlc": "",
        "deleted": False,
    }
    if db.engine.dialect.name == "sqlite":
        with db.engine.begin() as connection:
            stored = {
                **row,
                "id": row["id"].hex,
                "item_id": item.id.hex,
                "store_id": store.id.hex,
                "quantity": quantity * 1000,
                "at": at.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds"),
            }
            stored["created_at"] = stored["updated_at"] = stored["at"]
            with LocalApply(connection, "desk-me") as applier:
                applier.insert_rows(synced_tables()["stock_movement"], [stored], upsert=False)
                applier.recompute_levels()
        return
    with db.engine.begin() as connection:  # the server's set-based insert: plain statements
        connection.execute(insert(StockMovement.__table__), [row])
        connection.execute(
            update(StockLevel.__table__)
            .where(StockLevel.item_id == item.id, StockLevel.store_id == store.id)
            .values(on_hand=StockLevel.on_hand + Decimal(quantity))
        )


def _change(db, admin, tmp_path, rng: random.Random, shop) -> str:
    """One random write of the kinds a shop makes; returns its kind (for the failure message)."""
    supplier, stores, items = shop
    item, store = rng.choice(items), rng.choice(stores)
    kind = rng.choice(
        ["receive", "sale", "pulled", "store point", "item point", "order", "lead time", "archive"]
    )
    before_today = NOW.replace(hour=0) - timedelta(hours=rng.randint(1, 200))
    if kind == "receive":  # also stocks an item in a store for the first time: a new line
        stock.post_movements(
            db.uow(), admin, [MovementRequest(MovementKind.RECEIVE, item.id, store.id, "40", at=before_today)]
        )
    elif kind == "sale":
        request = MovementRequest(
            MovementKind.SALE, item.id, store.id, str(rng.randint(1, 30)), at=before_today
        )
        stock.post_movements(db.uow(), admin, [request], allow_negative=True)
    elif kind == "pulled":  # older than the item's first movement here: its history starts earlier
        _pulled(db, item, store, rng.randint(1, 9), NOW - timedelta(days=rng.randint(20, 90)))
    elif kind == "store point":
        value = None if rng.random() < 0.3 else (str(rng.randint(1, 80)), str(rng.randint(1, 12)))
        store_points.set_overrides(db.uow(), admin, item.id, {store.id: value})
    elif kind == "item point":
        catalog.update_item(db.uow(), admin, item.id, reorder_point=str(rng.randint(0, 90)))
    elif kind == "order":
        [order] = purchasing.create_drafts(
            db.uow(), admin, [DraftLine(item.id, store.id, str(rng.randint(5, 50)))]
        )
        if rng.random() < 0.7:
            purchasing.send(db.uow(), admin, order.id, pdf_dir=tmp_path, write_pdf=_no_pdf)
            if rng.random() < 0.5:
                purchasing.receive(db.uow(), admin, order.id, [(item.sku, "2")])
    elif kind == "lead time":
        organisation.update_supplier(db.uow(), admin, supplier.id, lead_time_days=rng.randint(1, 20))
    else:
        catalog.set_item_active(db.uow(), admin, item.id, active=rng.random() < 0.5)
    return kind


def _whole(db) -> ReorderRun:
    return reorder_runs.recalculate(db.uow(), as_of=NOW)


def test_after_random_writes_an_incremental_run_equals_a_whole_run(db, admin, shop, tmp_path):
    rng = random.Random(3)
    run = _whole(db)
    assert run.full and len(run.rows) >= ITEMS
    for round_no in range(8):
        kinds = [_change(db, admin, tmp_path, rng, shop) for _ in range(rng.randint(1, 3))]
        run = reorder_runs.recalculate(db.uow(), run, as_of=NOW)
        assert not run.full, kinds
        if "lead time" not in kinds:  # a supplier's lead time is every one of its items'
            assert run.recomputed <= len(kinds), kinds
        assert run.rows == _whole(db).rows, f"round {round_no}: {kinds}"


def test_nothing_changed_recomputes_nothing_and_a_new_day_or_setting_recomputes_all(db, admin, shop):
    first = _whole(db)
    again = reorder_runs.recalculate(db.uow(), first, as_of=NOW + timedelta(minutes=5))
    assert (again.full, again.recomputed, again.rows) == (False, 0, first.rows)
    tomorrow = reorder_runs.recalculate(db.uow(), again, as_of=NOW + timedelta(days=1))
    assert tomorrow.full
    settings.save(db.uow(), admin, service_level="0.99")
    changed = reorder_runs.recalculate(db.uow(), tomorrow, as_of=NOW + timedelta(days=1))
    assert (
        changed.full
        and changed.rows == reorder_runs.recalculate(db.uow(), as_of=NOW + timedelta(days=1)).rows
    )


def test_one_store_run_recomputes_only_its_own_changes(db, admin, shop):
    _supplier, (main, _branch), items = shop
    run = reorder_runs.recalculate(db.uow(), store_id=main.id, as_of=NOW)
    stock.post_movements(db.uow(), admin, [MovementRequest(MovementKind.RECEIVE, items[0].id, main.id, "7")])
    after = reorder_runs.recalculate(db.uow(), run, store_id=main.id, as_of=NOW)
    assert (after.full, after.recomputed) == (False, 1)
    assert {r.store_code for r in after.rows} == {"MAIN"}
    assert after.rows == reorder_runs.recalculate(db.uow(), store_id=main.id, as_of=NOW).rows
    everywhere = reorder_runs.recalculate(db.uow(), after, as_of=NOW)
    assert everywhere.full  # another store's scope: nothing to start from


def test_an_order_sent_and_a_batch_netting_to_nothing_are_recomputed(db, admin, shop, tmp_path):
    _supplier, (main, _branch), items = shop
    run = _whole(db)
    [order] = purchasing.create_drafts(db.uow(), admin, [DraftLine(items[1].id, main.id, "24")])
    purchasing.send(db.uow(), admin, order.id, pdf_dir=tmp_path, write_pdf=_no_pdf)
    stocked = next(r.item_id for r in run.rows if r.store_id == main.id and r.item_id != items[1].id)
    sold_and_restocked = [  # the level ends where it was; the sales history does not
        MovementRequest(MovementKind.SALE, stocked, main.id, "5", at=NOW - timedelta(days=2)),
        MovementRequest(MovementKind.RECEIVE, stocked, main.id, "5", at=NOW - timedelta(days=2)),
    ]
    stock.post_movements(db.uow(), admin, sold_and_restocked, allow_negative=True)
    run = reorder_runs.recalculate(db.uow(), run, as_of=NOW)
    assert (run.full, run.recomputed) == (False, 2)
    assert run.rows == _whole(db).rows
    assert [r.on_order for r in run.rows if r.item_id == items[1].id and r.store_id == main.id] == [24]


def test_a_rebuild_of_the_levels_from_the_ledger_is_recomputed(db, admin, shop):
    from stockdesk.services.inventory import check

    run = _whole(db)
    with db.engine.begin() as connection:  # a level drifted from its ledger (what `stockdesk check` finds)
        connection.execute(update(StockLevel.__table__).values(on_hand=StockLevel.on_hand + 1))
    check.rebuild_levels(db.uow())
    run = reorder_runs.recalculate(db.uow(), run, as_of=NOW)
    assert not run.full and run.rows == _whole(db).rows


@pytest.fixture
def every_write_bulk(monkeypatch):
    """Every batch, import and stocktake marks its keys the bulk way (set-based, row triggers quiet)."""
    from stockdesk.db import reorder_bulk

    monkeypatch.setattr(reorder_bulk, "BULK_FROM", 1)


def test_a_batch_an_import_and_a_stocktake_written_in_bulk_are_recomputed(
    db, admin, shop, tmp_path, every_write_bulk
):
    from stockdesk.services.exchange import imports
    from stockdesk.services.inventory import stocktake

    _supplier, (main, branch), items = shop
    run = _whole(db)
    sold = [
        MovementRequest(
            MovementKind.SALE, items[n % 3].id, (main, branch)[n % 2].id, "2", at=NOW - timedelta(days=1)
        )
        for n in range(6)
    ]
    stock.post_movements(db.uow(), admin, sold, allow_negative=True)
    run = reorder_runs.recalculate(db.uow(), run, as_of=NOW)
    assert not run.full and run.recomputed == 3 and run.rows == _whole(db).rows
    source = tmp_path / "new.csv"
    source.write_text(
        "SKU,Name,Supplier,Reorder point,stock:MAIN,stock:BR\n"
        "NEW-1,New one,Acme,50,4,0\nNEW-2,New two,Acme,3,9,2\n"
    )
    imports.import_file(db.uow(), admin, source)
    run = reorder_runs.recalculate(db.uow(), run, as_of=NOW)
    assert not run.full and run.recomputed == 2 and run.rows == _whole(db).rows
    assert {r.sku for r in run.rows} >= {"NEW-1", "NEW-2"}
    take = stocktake.start(db.uow(), admin, store_id=main.id)
    stocktake.add_counts(db.uow(), admin, take.id, [(items[5].sku, "1"), ("NEW-2", "0")])
    stocktake.post(db.uow(), admin, take.id)
    run = reorder_runs.recalculate(db.uow(), run, as_of=NOW)
    assert not run.full and run.recomputed == 2 and run.rows == _whole(db).rows
