"""Bulk writes index new items for search, and capture them for sync, set-based at the end of the batch.

What a user notices: imported items are found by name, SKU and barcode and sort by on-hand at once;
another desk receives every imported item, barcode and movement; nothing is left half-done when an
import fails. The set-based outbox must carry what the per-row triggers would have carried.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy.exc import IntegrityError

from stockdesk.db import bulk_indexes, capture, search_index
from stockdesk.domain.movements import MovementKind
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import bulk, catalog, item_query, organisation
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.database import Database
from stockdesk.services.exchange import imports
from stockdesk.services.exchange.import_files import Table
from stockdesk.services.inventory import check, stock
from tests.integration.test_sync_support import make_desk, service, sync_all, sync_api, sync_server

__all__ = ["make_desk", "sync_api", "sync_server"]  # fixtures

HEADERS = ("SKU", "Name", "Barcodes", "stock:MAIN", "stock:BR")


def _table(rows: list[tuple[str, ...]]) -> Table:
    return Table(HEADERS, rows, "utf-8", ",")


def _prepare(db: Database) -> users.Actor:
    admin = users.create_first_admin(db.uow(), email="boss@example.com", password="boss-pass-1")
    for code in ("MAIN", "BR"):
        organisation.create_store(db.uow(), admin, code=code, name=code)
    return admin


def _sql(db: Database, sql: str, *params: object) -> list[tuple[object, ...]]:
    with db.engine.connect() as connection:
        return [tuple(r) for r in connection.exec_driver_sql(sql, params)]


@pytest.fixture
def desk(sqlite_db: Database) -> Database:
    """The bulk paths are SQLite's: a local desk file."""
    return sqlite_db


def _ean(n: int) -> str:
    body = f"20{n:010d}"
    digits = [int(d) for d in body]
    check_digit = (10 - sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10) % 10
    return body + str(check_digit)


def _import_rows(count: int) -> list[tuple[str, ...]]:
    return [(f"BULK-{n:04d}", f"Bulk widget {n}", _ean(n), str(n % 7), "2") for n in range(count)]


def test_imported_items_are_searchable_by_barcode_and_summarised(desk) -> None:
    admin = _prepare(desk)
    result = imports.import_table(desk.uow(), admin, _table(_import_rows(300)))
    assert result.created == 300
    found = item_query.item_page(desk.uow(), ItemFilter(text=_ean(123)), limit=10)
    assert [row.sku for row in found] == ["BULK-0123"]
    assert [r.sku for r in item_query.item_page(desk.uow(), ItemFilter(text="widget 29"), limit=20)] == [
        "BULK-0029",
        *(f"BULK-{n:04d}" for n in range(290, 300)),
    ]
    summary = _sql(
        desk,
        "SELECT s.on_hand, s.barcode FROM item_summary s JOIN item i ON i.id = s.item_id WHERE i.sku = ?",
        "BULK-0012",
    )
    assert summary == [(int((Decimal(12 % 7) + 2) * 1000), _ean(12))]  # quantities are stored x1000
    assert not check.find_differences(desk.uow())
    assert _sql(desk, "SELECT count(*) FROM search_deferred") == [(0,)]
    # The per-row triggers work again after the import: a new barcode is searchable at once.
    item = catalog.create_item(desk.uow(), admin, sku="LATER", name="Later", barcodes=[_ean(9999)])
    assert [r.id for r in item_query.item_page(desk.uow(), ItemFilter(text=_ean(9999)), limit=5)] == [item.id]


def test_a_failed_bulk_write_leaves_neither_rows_nor_quiet_triggers(desk) -> None:
    admin = _prepare(desk)
    store = organisation.list_stores(desk.uow())[0]
    with (
        desk.uow() as uow,
        pytest.raises(ZeroDivisionError),
        search_index.deferred(uow.session.connection()),
        capture.bulk_inserts(uow.session.connection(), ["item"]),
    ):
        bulk.insert_clean_items(uow, admin, [{"sku": "X-1", "name": "Doomed"}], [[]])
        raise ZeroDivisionError
    assert _sql(desk, "SELECT count(*) FROM item") == [(0,)]
    assert _sql(desk, "SELECT count(*) FROM search_deferred") == [(0,)]
    assert _sql(desk, "SELECT count(*) FROM sync_bulk") == [(0,)]
    item = catalog.create_item(desk.uow(), admin, sku="OK-1", name="Fine", barcodes=[_ean(1)])
    stock.receive(desk.uow(), admin, item_id=item.id, store_id=store.id, quantity=Decimal(1))
    outbox = _sql(desk, "SELECT tbl FROM sync_outbox WHERE tbl IN ('item', 'item_barcode', 'stock_movement')")
    assert sorted(t for (t,) in outbox) == ["item", "item_barcode", "stock_movement"]


def test_a_barcode_for_an_older_item_inside_a_deferred_block_is_refused(desk) -> None:
    admin = _prepare(desk)
    older = catalog.create_item(desk.uow(), admin, sku="OLD", name="Old")
    with desk.uow() as uow, pytest.raises(RuntimeError, match="existing item"):
        connection = uow.session.connection()
        with search_index.deferred(connection):
            connection.exec_driver_sql(
                "INSERT INTO item_barcode (id, item_id, code, symbology, created_at, updated_at, origin_desk,"
                " hlc, deleted) VALUES (?, ?, '12345670', 'EAN-8', '2026-01-01', '2026-01-01', 'd', '', 0)",
                ("0" * 31 + "1", older.id.hex),
            )


def _outbox(db: Database, tables: tuple[str, ...]) -> list[tuple[str, str, str, dict[str, object]]]:
    marks = ", ".join("?" for _ in tables)
    rows = _sql(
        db, f"SELECT hlc, tbl, op, data FROM sync_outbox WHERE tbl IN ({marks}) ORDER BY seq", *tables
    )
    return [(hlc, tbl, op, json.loads(data)) for hlc, tbl, op, data in rows]  # type: ignore[arg-type]


def test_the_set_based_outbox_carries_what_the_triggers_carry(desk) -> None:
    """The same receipts posted one by one (per-row triggers), then as one batch (set-based capture)."""
    admin = _prepare(desk)
    store = organisation.list_stores(desk.uow())[0]
    items = [catalog.create_item(desk.uow(), admin, sku=f"S{n}", name="S") for n in range(250)]
    requests = [stock.MovementRequest(MovementKind.RECEIVE, i.id, store.id, Decimal(3)) for i in items]
    for request in requests:
        stock.post_movements(desk.uow(), admin, [request])
    stock.post_movements(desk.uow(), admin, requests)
    captured = _outbox(desk, ("stock_movement",))
    by_rows, by_bulk = captured[:250], captured[250:]
    assert len(by_bulk) == 250
    moment = {"id", "at", "created_at", "updated_at"}  # differ between any two postings
    assert [{k: v for k, v in d.items() if k not in moment} for *_x, d in by_bulk] == [
        {k: v for k, v in d.items() if k not in moment} for *_x, d in by_rows
    ]
    stored = dict(_sql(desk, "SELECT id, quantity FROM stock_movement"))
    assert all(stored[d["id"]] == d["quantity"] for *_x, d in by_bulk)  # the rows themselves, in write order
    stamps = [hlc for hlc, *_rest in captured]
    assert stamps == sorted(stamps) and len(set(stamps)) == 500
    assert len({len(s) for s in stamps}) == 1
    assert {op for _h, _t, op, _d in by_bulk} == {"I"}


def test_bulk_stamps_carry_into_the_wall_clock_past_a_million(desk) -> None:
    admin = _prepare(desk)
    store = organisation.list_stores(desk.uow())[0]
    items = [catalog.create_item(desk.uow(), admin, sku=f"C{n}", name="C") for n in range(220)]
    with desk.engine.begin() as connection:  # a clock far ahead, near the top of its counter
        connection.exec_driver_sql(
            "UPDATE sync_clock SET wall = wall + 3600000, counter = 999900 WHERE id = 1"
        )
    requests = [stock.MovementRequest(MovementKind.RECEIVE, i.id, store.id, Decimal(1)) for i in items]
    stock.post_movements(desk.uow(), admin, requests)
    stamps = [hlc for hlc, *_rest in _outbox(desk, ("stock_movement",))]
    assert len(stamps) == 220 and stamps == sorted(stamps) and len(set(stamps)) == 220
    assert {len(s) for s in stamps} == {len(stamps[0])}
    walls = sorted({int(s.split("-")[0]) for s in stamps})
    assert walls[1] == walls[0] + 1  # the counter wrapped into the next millisecond
    # The clock went on from the last bulk stamp: the audit entry written after it is stamped later.
    everything = [hlc for hlc, *_rest in _outbox(desk, ("stock_movement", "audit_event"))]
    assert everything == sorted(everything) and len(set(everything)) == len(everything)
    assert everything[-1] > stamps[-1]


def test_a_row_inserted_and_changed_in_one_bulk_block_is_refused(desk) -> None:
    admin = _prepare(desk)
    with desk.uow() as uow, pytest.raises(RuntimeError, match="inserted and changed"):
        connection = uow.session.connection()
        with capture.bulk_inserts(connection, ["item"]):
            bulk.insert_clean_items(uow, admin, [{"sku": "TWICE", "name": "Twice"}], [[]])
            connection.exec_driver_sql("UPDATE item SET name = 'Changed' WHERE sku = 'TWICE'")


@pytest.mark.pg
def test_another_desk_receives_an_imported_file_whole(make_desk, tmp_path) -> None:
    a_db, b_db = make_desk("a"), make_desk("b")
    admin = _prepare(a_db)
    a, b = service(a_db, tmp_path), service(b_db, tmp_path)
    sync_all([a, b])
    result = imports.import_table(a_db.uow(), admin, _table(_import_rows(400)))
    assert result.movements > 400
    sync_all([a, b])
    count = (
        "SELECT (SELECT count(*) FROM item), (SELECT count(*) FROM item_barcode),"
        " (SELECT count(*) FROM stock_movement)"
    )
    assert _sql(b_db, count) == _sql(a_db, count) == [(400, 400, result.movements)]
    assert [r.sku for r in item_query.item_page(b_db.uow(), ItemFilter(text=_ean(77)), limit=5)] == [
        "BULK-0077"
    ]
    assert not check.find_differences(b_db.uow())
    a.close()
    b.close()


def _indexes(db: Database) -> list[tuple[object, ...]]:
    return _sql(db, "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")


def test_a_large_import_rebuilds_every_index_it_set_aside(desk) -> None:
    admin = _prepare(desk)
    before = _indexes(desk)
    assert any(name == "ix_item_live_name" for name, *_rest in before)
    imports.import_table(desk.uow(), admin, _table(_import_rows(1500)))
    assert _indexes(desk) == before
    assert _sql(desk, "PRAGMA integrity_check") == [("ok",)]
    plan = " ".join(
        str(row[-1])
        for row in _sql(
            desk, "EXPLAIN QUERY PLAN SELECT id FROM item WHERE deleted IS 0 AND active IS 1 ORDER BY name"
        )
    )
    assert "ix_item_live_name" in plan


def test_indexes_are_set_aside_only_for_a_batch_that_is_a_large_share_of_the_table(desk) -> None:
    admin = _prepare(desk)
    imports.import_table(desk.uow(), admin, _table(_import_rows(1200)))
    with desk.uow() as uow:
        connection = uow.session.connection()
        with bulk_indexes.rebuilt_after(connection, {"item": 100}) as small:
            assert small == []  # 100 new rows into 1,200: kept up row by row
        with bulk_indexes.rebuilt_after(connection, {"item": 1000}) as large:
            assert "ix_item_live_sku" in large and "ix_item_name" in large
            assert not [name for name in large if name.startswith("sqlite_autoindex")]
            columns = [str(c[1]) for c in connection.exec_driver_sql("PRAGMA table_info(item)")]
            copied = ", ".join("'x'" if c == "id" else c for c in columns)
            with pytest.raises(IntegrityError, match=r"UNIQUE constraint failed: item\.sku"):
                # unique SKUs are still enforced during the load
                connection.exec_driver_sql(
                    f"INSERT INTO item ({', '.join(columns)}) SELECT {copied} FROM item LIMIT 1"
                )
            names_inside = [row[0] for row in connection.exec_driver_sql("SELECT name FROM sqlite_master")]
            assert "ix_item_live_sku" not in names_inside
        names_after = [row[0] for row in connection.exec_driver_sql("SELECT name FROM sqlite_master")]
        assert "ix_item_live_sku" in names_after


def test_an_error_inside_a_rebuild_block_leaves_the_indexes_even_if_committed(desk) -> None:
    _prepare(desk)
    before = _indexes(desk)
    with desk.uow() as uow:
        connection = uow.session.connection()
        with pytest.raises(ValueError), bulk_indexes.rebuilt_after(connection, {"item": 5000}) as dropped:
            assert dropped
            raise ValueError("half-way")
        uow.session.commit()  # a careless caller: the schema must still be whole
    assert _indexes(desk) == before
