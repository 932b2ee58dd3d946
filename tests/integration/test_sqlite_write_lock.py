"""On SQLite a writing unit of work holds the writer's lock from its first write, so it is never refused
half-way: a big count writes temporary rows first, reads the shop, then writes it, and another writer
(or the checkpoint thread's RESTART) coming in between used to make it fail with "database is locked"."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing

import pytest
from sqlalchemy import event, text

from stockdesk.db.capture import BULK_FROM
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import bulk, organisation
from stockdesk.services.database import Database
from stockdesk.services.inventory import stocktake
from tests.support.sqlite_template import new_sqlite_database

ITEMS = BULK_FROM + 10


@pytest.fixture
def shop(tmp_path) -> Iterator[Database]:
    db = new_sqlite_database(tmp_path / "shop.sqlite")
    yield db
    db.close()


def _other_writer(db: Database) -> sqlite3.Connection:
    """Another process's connection to the same file, which never waits for a lock."""
    return sqlite3.connect(str(db.engine.url.database), timeout=0, isolation_level=None)


def test_a_first_write_to_a_temporary_table_takes_the_writers_lock(shop):
    with shop.engine.connect() as connection, closing(_other_writer(shop)) as other:
        connection.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS scratch (n INTEGER)")
        connection.exec_driver_sql("INSERT INTO temp.scratch VALUES (1)")
        with pytest.raises(sqlite3.OperationalError, match="database is locked"):
            other.execute("BEGIN IMMEDIATE")
        connection.execute(text("SELECT count(*) FROM item")).scalar_one()
        connection.exec_driver_sql("INSERT INTO local_setting (key, value) VALUES ('probe', 'x')")
        connection.commit()
        other.execute("BEGIN IMMEDIATE")  # free again after the commit
        other.execute("ROLLBACK")


def test_a_big_count_is_not_refused_when_another_writer_comes_between_its_read_and_its_write(shop):
    admin = users.create_first_admin(shop.uow(), email="admin@example.com", password="admin-pass-1")
    store = organisation.create_store(shop.uow(), admin, code="MAIN", name="Main")
    rows: list[bulk.NewItem] = [{"sku": f"C-{n:04d}", "name": f"Counted {n}"} for n in range(ITEMS)]
    bulk.create_items(shop.uow(), admin, rows)
    take = stocktake.start(shop.uow(), admin, store_id=store.id)
    counts = [(f"C-{n:04d}", "3") for n in range(ITEMS)]

    attempts: list[str] = []
    with closing(_other_writer(shop)) as other:

        def another_writer_arrives(_conn, _cursor, statement: str, *_args: object) -> None:
            # The count's capture reads the outbox's last row, then writes: the moment that used to fail.
            if "max(seq)" in statement and not attempts:
                try:
                    other.execute("BEGIN IMMEDIATE")
                    attempts.append("the other writer took the lock")
                except sqlite3.OperationalError as refused:
                    attempts.append(str(refused))

        event.listen(shop.engine, "before_cursor_execute", another_writer_arrives)
        try:
            assert stocktake.add_counts(shop.uow(), admin, take.id, counts) == ITEMS
        finally:
            event.remove(shop.engine, "before_cursor_execute", another_writer_arrives)
            if other.in_transaction:
                other.execute("ROLLBACK")
    assert attempts == ["database is locked"]  # the other writer waits its turn (here: gives up at once)
    counted = stocktake.variance(shop.uow(), take.id).lines
    assert len(counted) == ITEMS and all(line.counted == 3 for line in counted)
