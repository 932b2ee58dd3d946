"""`stockdesk check` names a movement whose item, store or reversed movement does not exist: on
PostgreSQL the ledger has no foreign keys (migration 0034), so this check is their proof."""

from __future__ import annotations

import uuid

from sqlalchemy import Uuid, bindparam, text

from stockdesk.cli.main import main
from stockdesk.services.catalogue import catalog
from stockdesk.services.inventory import stock

_COPY = text(
    "INSERT INTO stock_movement (id, item_id, store_id, kind, quantity, reference, reverses_id, user_id, at,"
    " created_at, updated_at, updated_by, origin_desk, hlc, deleted) SELECT :id, :item, store_id, kind,"
    " 0, 'hand edit', :gone, user_id, at, created_at, updated_at, updated_by, origin_desk, '', deleted"
    " FROM stock_movement WHERE id = :of"
).bindparams(*(bindparam(name, type_=Uuid()) for name in ("id", "item", "gone", "of")))


def test_check_fails_naming_a_movement_whose_item_and_reversed_movement_do_not_exist(
    db, admin, main_store, capsys
):
    tea = catalog.create_item(db.uow(), admin, sku="TEA", name="Tea")
    kept = stock.receive(db.uow(), admin, item_id=tea.id, store_id=main_store.id, quantity="3")
    orphan, item, gone = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    with db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":  # a hand edit with the file's foreign keys off
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        with connection.begin():
            connection.execute(_COPY, {"id": orphan, "item": item, "gone": gone, "of": kept.id})
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
    capsys.readouterr()
    assert main(["--db", db.engine.url.render_as_string(hide_password=False), "check"]) == 1
    out = capsys.readouterr().out
    assert f"movement {orphan}: its item_id {item} does not exist" in out
    assert f"movement {orphan}: its reverses_id {gone} does not exist" in out
    assert str(kept.id) not in out
