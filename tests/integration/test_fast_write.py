"""The fast executemany stores exactly what SQLAlchemy's own executemany stores; new level rows merge."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import bindparam, select, text, update

from stockdesk.db.fast_write import THROUGH_SCRATCH_FROM, executemany
from stockdesk.db.models import Item, StockLevel, Store
from stockdesk.domain.ids import new_id
from stockdesk.domain.movements import MovementKind
from stockdesk.services.catalogue import catalog
from stockdesk.services.database import Database, open_database
from stockdesk.services.inventory import check, ledger, stock


def _raw(db: Database, sql: str) -> list[tuple[object, ...]]:
    with db.uow() as uow:
        return [tuple(r) for r in uow.session.execute(text(sql))]


def _items(count: int) -> list[dict[str, object]]:
    return [
        {
            "sku": f"S-{n}",
            "name": f"Item {n}",
            "sell_price": Decimal(n) / 8,
            "reorder_point": Decimal("2.5"),
            "created_at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        }
        for n in range(count)
    ]


# A small batch runs the insert per row; a big one goes through a scratch table (scratch.insert_through).
@pytest.mark.parametrize("count", [50, THROUGH_SCRATCH_FROM + 20])
def test_inserts_and_updates_store_what_core_stores(tmp_path, count) -> None:
    stored = []
    rows = _items(count)
    ids = [new_id() for _ in rows]
    for row, ident in zip(rows, ids, strict=True):
        row["id"] = ident
    for fast in (False, True):
        db = open_database(str(tmp_path / f"{fast}.sqlite"))
        bump = (
            update(Item)
            .where(Item.id == bindparam("i"))
            .values(sell_price=Item.sell_price + bindparam("d", type_=Item.sell_price.type))
        )
        changes = [{"i": ident, "d": Decimal("1.005")} for ident in ids[::2]]
        with db.uow() as uow:
            connection = uow.session.connection()
            if fast:
                executemany(connection, Item.__table__.insert(), rows)
                executemany(connection, bump, changes)
            else:
                connection.execute(Item.__table__.insert(), rows)
                connection.execute(bump, changes)
            uow.session.commit()
        # Python-side defaults (active, unit, deleted...) are filled in; updated_at is "now" on both.
        stored.append(
            _raw(
                db,
                "SELECT id, sku, name, sell_price, reorder_point, created_at, active, deleted, "
                "unit, hlc, description, typeof(sell_price), typeof(created_at), rowid "
                "FROM item ORDER BY sku",
            )
        )
        with db.uow() as uow:
            bumped = uow.session.scalars(select(Item).where(Item.sku == "S-2")).one()
            assert bumped.sell_price == Decimal("1.255")  # 0.25 + 1.005, read back through the ORM
            assert bumped.updated_at.tzinfo is not None
        db.close()
    assert stored[0] == stored[1]
    assert len(stored[1]) == count


def test_values_given_in_the_statement_are_used_for_every_row(tmp_path) -> None:
    db = open_database(str(tmp_path / "x.sqlite"))
    rows = [{"id": new_id(), "sku": f"V-{n}", "name": "V"} for n in range(3)]
    with db.uow() as uow:
        statement = Item.__table__.insert().values(unit="box", reorder_point=Decimal("1.5"))
        executemany(uow.session.connection(), statement, rows)
        uow.session.commit()
    assert _raw(db, "SELECT unit, reorder_point FROM item") == [("box", 1500)] * 3
    db.close()


def test_a_level_row_created_meanwhile_is_added_to_not_overwritten(db, admin, main_store) -> None:
    item = catalog.create_item(db.uow(), admin, sku="NEW-1", name="New", sell_price="1")
    with db.uow() as uow:
        store = uow.session.get(Store, main_store.id)
        orm_item = uow.session.get(Item, item.id)
        posting = ledger.Posting(orm_item, store, MovementKind.RECEIVE, Decimal(5))
        # The batch has read the levels (none yet) when another writer creates the row. (A single
        # posting on PostgreSQL reads them by its update: `_added_first`.)
        originals = {name: getattr(ledger, name) for name in ("_read_levels", "_added_first")}

        def then_race(original):  # type: ignore[no-untyped-def]
            def read(uow_, *args):  # type: ignore[no-untyped-def]
                levels = original(uow_, *args)
                uow_.session.connection().execute(
                    StockLevel.__table__.insert(),
                    [{"item_id": item.id, "store_id": store.id, "on_hand": Decimal(3)}],
                )
                return levels

            return read

        for name, original in originals.items():
            setattr(ledger, name, then_race(original))
        try:
            ledger.post_many(uow, [posting], user_id=admin.id, allow_negative=False)
        finally:
            for name, original in originals.items():
                setattr(ledger, name, original)
        uow.session.commit()
    assert stock.on_hand_of(db.uow(), item.id, main_store.id) == Decimal(8)


def test_first_receipt_of_many_new_places_writes_each_level_once(db, admin, main_store, branch_store) -> None:
    items = [catalog.create_item(db.uow(), admin, sku=f"R-{n}", name="R", sell_price="1") for n in range(30)]
    requests = [
        stock.MovementRequest(MovementKind.RECEIVE, i.id, s.id, str(n + 1))
        for n, i in enumerate(items)
        for s in (main_store, branch_store)
    ]
    requests += [stock.MovementRequest(MovementKind.SALE, items[0].id, main_store.id, "1")]
    stock.post_movements(db.uow(), admin, requests)
    assert stock.on_hand_of(db.uow(), items[0].id, main_store.id) == Decimal(0)  # 1 received, 1 sold
    assert stock.on_hand_of(db.uow(), items[29].id, branch_store.id) == Decimal(30)
    assert not check.find_differences(db.uow())


def test_a_statement_run_again_gets_fresh_ids_and_defaults_of_its_own_batch(tmp_path) -> None:
    """The compiled plan is kept per statement; what each batch is given must not be (a sale at the
    counter runs the same statement once per sale)."""
    import itertools

    from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine

    batches = itertools.count(1)
    table = Table(
        "t",
        MetaData(),
        Column("id", String(32), primary_key=True, default=lambda: new_id().hex),
        Column("name", String(10)),
        Column("batch", Integer, default=lambda: next(batches)),
    )
    engine = create_engine(f"sqlite:///{tmp_path / 'plan.sqlite'}")
    table.metadata.create_all(engine)
    statement = table.insert()
    with engine.begin() as connection:
        executemany(connection, statement, [{"name": "a"}, {"name": "b"}])
        executemany(connection, statement, [{"name": "c"}, {"name": "d"}])
        rows = connection.execute(select(table.c.id, table.c.name, table.c.batch)).all()
    engine.dispose()
    assert len({row.id for row in rows}) == 4  # a key of its own for every row, in every batch
    assert {row.name: row.batch for row in rows} == {"a": 1, "b": 1, "c": 2, "d": 2}
