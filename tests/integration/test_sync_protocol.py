"""Sync between desks through the real PostgreSQL server: merges, conflicts, reviews, identity, versions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from stockdesk.db import migrate
from stockdesk.db.models import Item, ItemBarcode, StockMovement
from stockdesk.db.sync_models import SyncReview
from stockdesk.domain.movements import MovementKind
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog
from stockdesk.services.inventory import stock
from stockdesk.services.places.placing import PlaceChoice
from stockdesk.sync import conflicts, http_transfer
from stockdesk.sync.changes import Change
from stockdesk.sync.hlc import Stamp, now_ms
from stockdesk.sync.server.setup import saved_server
from tests.integration.test_sync_support import (
    make_desk,
    server_engine_of,
    sync_all,
    sync_api,
    sync_server,
    two_desks_with_stock,
)

__all__ = ["make_desk", "sync_api", "sync_server"]  # fixtures
pytestmark = pytest.mark.pg


@pytest.fixture
def two_desks(make_desk, tmp_path):
    yield from two_desks_with_stock(
        make_desk, tmp_path, sku="TEA", name="Green tea", sell_price="2.50", quantity=Decimal(5)
    )


def _rows(db, query):
    with db.uow() as uow:
        return list(uow.session.execute(query).all())


def test_a_second_desk_sees_the_first_desks_catalogue_users_and_stock(two_desks):
    a, b, _admin, admin_b, store, item = two_desks
    assert admin_b.email == "boss@example.com"
    assert catalog.get_item(b.db.uow(), item.id).name == "Green tea"
    assert stock.on_hand_of(b.db.uow(), item.id, store.id) == Decimal(5)
    assert a.status().queued == 0 and b.status().online


def test_a_clerk_created_on_one_desk_logs_in_on_another(two_desks):
    a, b, admin, _admin_b, store, _item = two_desks
    users.create_user(
        a.db.uow(),
        admin,
        email="carl@example.com",
        password="carl-pass-1",
        role="clerk",
        store_ids=[store.id],
    )
    sync_all([a, b])
    clerk = users.authenticate(b.db.uow(), email="carl@example.com", password="carl-pass-1")
    assert clerk.store_ids == frozenset({store.id})


def test_same_field_edited_on_two_desks_keeps_the_later_edit_and_records_one_conflict(two_desks):
    a, b, admin, admin_b, _store, item = two_desks
    catalog.update_item(a.db.uow(), admin, item.id, name="Tea (A)")
    catalog.update_item(b.db.uow(), admin_b, item.id, name="Tea (B)")  # later stamp: wins
    sync_all([a, b])
    for svc in (a, b):
        assert catalog.get_item(svc.db.uow(), item.id).name == "Tea (B)"
        found = conflicts.open_conflicts(svc.db.uow())
        assert [(c.field, c.kept_value, c.lost_value) for c in found] == [("name", "Tea (B)", "Tea (A)")]


def test_different_fields_edited_on_two_desks_are_both_kept_without_conflict(two_desks):
    a, b, admin, admin_b, _store, item = two_desks
    catalog.update_item(a.db.uow(), admin, item.id, name="Sencha")
    catalog.update_item(b.db.uow(), admin_b, item.id, sell_price="3.10")
    sync_all([a, b])
    for svc in (a, b):
        view = catalog.get_item(svc.db.uow(), item.id)
        assert (view.name, view.sell_price) == ("Sencha", Decimal("3.10"))
        assert conflicts.open_conflicts(svc.db.uow()) == []


def test_an_edit_made_after_seeing_another_is_not_a_conflict(two_desks):
    a, b, admin, admin_b, _store, item = two_desks
    catalog.update_item(a.db.uow(), admin, item.id, name="First")
    sync_all([a, b])
    catalog.update_item(b.db.uow(), admin_b, item.id, name="Second")
    sync_all([a, b])
    assert catalog.get_item(a.db.uow(), item.id).name == "Second"
    assert conflicts.open_conflicts(a.db.uow()) == []


def test_reversing_a_conflict_restores_the_losing_value_everywhere(two_desks):
    a, b, admin, admin_b, _store, item = two_desks
    catalog.update_item(a.db.uow(), admin, item.id, name="Tea (A)")
    catalog.update_item(b.db.uow(), admin_b, item.id, name="Tea (B)")
    sync_all([a, b])
    [conflict] = conflicts.open_conflicts(a.db.uow())
    conflicts.resolve(a.db.uow(), admin, conflict.id, keep=False)
    sync_all([a, b])
    for svc in (a, b):
        assert catalog.get_item(svc.db.uow(), item.id).name == "Tea (A)"
        assert conflicts.open_conflicts(svc.db.uow()) == []


def test_oversell_on_two_offline_desks_opens_one_review_entry_and_a_serial_one_naming_it(two_desks):
    a, b, admin, admin_b, store, item = two_desks
    phone = catalog.create_item(a.db.uow(), admin, sku="PHONE", name="Phone", tracking="serial")
    numbers = PlaceChoice(serials=("SN-1", "SN-2"))
    stock.receive(a.db.uow(), admin, item_id=phone.id, store_id=store.id, quantity="2", place=numbers)
    sync_all([a, b])
    stock.sell(a.db.uow(), admin, item_id=item.id, store_id=store.id, quantity=Decimal(4))
    stock.sell(b.db.uow(), admin_b, item_id=item.id, store_id=store.id, quantity=Decimal(3))
    one = {"item_id": phone.id, "store_id": store.id, "quantity": "1"}
    for svc, actor in ((a, admin), (b, admin_b)):  # both offline: each still has SN-1, neither has SN-9
        stock.sell(svc.db.uow(), actor, **one, place=PlaceChoice(lot="SN-1"))
        stock.receive(svc.db.uow(), actor, **one, place=PlaceChoice(lot="SN-9"))
    sync_all([a, b])
    merged = "offline desks' movements were merged"
    for svc in (a, b):
        assert stock.on_hand_of(svc.db.uow(), item.id, store.id) == Decimal(-2)
        reviews = _rows(svc.db, select(SyncReview.item_id, SyncReview.on_hand, SyncReview.status))
        assert [r for r in reviews if r[0] == item.id] == [(item.id, Decimal(-2), "open")]
        # The phone's level looks fine (2 on hand); its serials do not, and the reviews say which.
        assert stock.on_hand_of(svc.db.uow(), phone.id, store.id) == Decimal(2)
        serials = [(r.note, r.on_hand, r.store_id) for r in conflicts.open_reviews(svc.db.uow())]
        assert sorted(r for r in serials if "PHONE" in r[0]) == [
            (f"serial number SN-1 of PHONE went out twice: {merged}", -1, store.id),
            (f"serial number SN-9 of PHONE is in stock more than once: {merged}", 2, store.id),
        ]
    [sold_twice] = [r for r in conflicts.open_reviews(b.db.uow()) if "SN-1" in r.note]
    conflicts.close_review(b.db.uow(), admin_b, sold_twice.id, note="refunded the second buyer")
    sync_all([a, b])
    assert not any("SN-1" in r.note for r in conflicts.open_reviews(a.db.uow()))


def test_the_same_sku_and_barcode_created_on_two_desks_keeps_both_items_and_records_conflicts(two_desks):
    a, b, admin, admin_b, _store, _item = two_desks
    first = catalog.create_item(a.db.uow(), admin, sku="MUG", name="Mug A", barcodes=["4006381333931"])
    second = catalog.create_item(b.db.uow(), admin_b, sku="MUG", name="Mug B", barcodes=["4006381333931"])
    sync_all([a, b])
    for svc in (a, b):
        skus = dict(_rows(svc.db, select(Item.id, Item.sku).where(Item.name.like("Mug%"))))
        assert skus[first.id] == "MUG"
        assert skus[second.id].startswith("MUG~")
        live = _rows(
            svc.db,
            select(ItemBarcode.item_id).where(
                ItemBarcode.deleted.is_(False), ItemBarcode.code == "4006381333931"
            ),
        )
        assert live == [(first.id,)]
        kinds = sorted(c.field for c in conflicts.open_conflicts(svc.db.uow()))
        assert kinds == ["code", "sku"]
    assert catalog.find_item(b.db.uow(), "4006381333931").id == first.id


def _outbox_wire(db) -> list[dict]:
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT seq, hlc, tbl, row_id, op, fields, data, base_cursor FROM sync_outbox ORDER BY seq"
        ).all()
    return [http_transfer._wire(Change.from_outbox(r, db.desk_id)) for r in rows]


def _push_as(svc, changes: list[dict]) -> dict:
    """POST the changes with `svc`'s desk token, as a tampered or replaying desk would."""
    token = svc._store.load(svc.db.desk_id)
    with http_transfer.client(saved_server(svc.db), token) as http:
        answer = http.post("/sync/push", json={"heads": sorted(migrate.head_revisions()), "changes": changes})
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_replayed_batch_changes_nothing(two_desks, sync_server):
    a, _b, admin, _admin_b, store, item = two_desks
    stock.receive(a.db.uow(), admin, item_id=item.id, store_id=store.id, quantity=Decimal(7))
    changes = _outbox_wire(a.db)
    first, again = _push_as(a, changes), _push_as(a, changes)
    assert (first["applied"], again["applied"], again["duplicates"]) == (len(changes), 0, len(changes))
    with server_engine_of(sync_server).connect() as connection:
        count = connection.scalar(
            select(StockMovement.id).where(StockMovement.quantity == 7).with_only_columns(text("count(*)"))
        )
    assert count == 1
    assert a.sync_once().ok  # the desk's own push of the same outbox is a no-op too


def test_a_desk_cannot_push_changes_signed_as_another_desk(two_desks, sync_server):
    a, b, admin, _admin_b, store, item = two_desks
    stock.receive(a.db.uow(), admin, item_id=item.id, store_id=store.id, quantity=Decimal(1))
    forged = _outbox_wire(a.db)  # A's changes, sent with B's token
    answer = _push_as(b, forged)
    assert answer["applied"] == 0 and len(answer["refused"]) == len(forged)
    assert all("not stamped by this desk" in r["reason"] for r in answer["refused"])
    with server_engine_of(sync_server).connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM stock_movement WHERE quantity = 1")) == 0
    assert a.sync_once().ok
    with server_engine_of(sync_server).connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM stock_movement WHERE quantity = 1")) == 1


def test_a_stamp_far_in_the_future_is_refused_and_stays_queued(two_desks):
    a, _b, admin, _admin_b, store, item = two_desks
    ahead = str(Stamp(now_ms() + 3_600_000, 0, a.db.desk_id))
    with a.db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE sync_clock SET wall = ?, counter = 0", (int(ahead[:13]),))
    stock.receive(a.db.uow(), admin, item_id=item.id, store_id=store.id, quantity=Decimal(1))
    report = a.sync_once()
    assert not report.ok and "future" in report.error
    assert a.status().queued >= 1


def test_an_older_desk_is_told_to_update_and_writes_nothing(two_desks, sync_server):
    a, _b, admin, _admin_b, store, item = two_desks
    stock.receive(a.db.uow(), admin, item_id=item.id, store_id=store.id, quantity=Decimal(1))
    with server_engine_of(sync_server).connect() as connection:
        connection.execute(text("INSERT INTO alembic_version (version_num) VALUES ('9999_future')"))
    report = a.sync_once()
    assert not report.ok and "update StockDesk" in report.error
    assert a.status().queued >= 1
    with server_engine_of(sync_server).connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM stock_movement WHERE quantity = 1")) == 0


def test_the_outbox_captures_core_bulk_writes_of_the_ledger(two_desks):
    a, _b, admin, _admin_b, store, item = two_desks
    requests = [stock.MovementRequest(MovementKind.RECEIVE, item.id, store.id, Decimal(1)) for _ in range(3)]
    stock.post_movements(a.db.uow(), admin, requests)
    with a.db.engine.connect() as connection:
        tables = connection.exec_driver_sql("SELECT tbl FROM sync_outbox").scalars().all()
    assert tables.count("stock_movement") == 3


def test_the_desk_token_file_is_readable_only_by_its_owner_and_no_database_login_is_kept(two_desks, tmp_path):
    a = two_desks[0]
    [secret] = tmp_path.glob(f".stockdesk-sync-{a.db.desk_id}.secret")
    assert secret.stat().st_mode & 0o777 == 0o600
    assert secret.read_text().startswith("sdd_")
    saved = saved_server(a.db)
    assert saved.startswith("http://127.0.0.1:") and secret.read_text() not in saved
    assert make_url(saved.replace("http://", "postgresql://")).password is None


def test_a_pushed_movement_naming_an_unknown_item_store_or_reversed_movement_is_refused(
    two_desks, sync_server
):
    """The server's ledger has no foreign keys (migration 0034): the push's own check refuses these."""
    import json
    import uuid

    a, _b, admin, _admin_b, store, item = two_desks
    for quantity in (1, 2, 3, 4):
        stock.receive(a.db.uow(), admin, item_id=item.id, store_id=store.id, quantity=Decimal(quantity))
    changes = _outbox_wire(a.db)
    moves = [c for c in changes if c["tbl"] == "stock_movement"]
    unknown = {"item_id": uuid.uuid4().hex, "store_id": uuid.uuid4().hex, "reverses_id": uuid.uuid4().hex}
    for change, (column, value) in zip(moves, unknown.items(), strict=False):
        change["data"] = json.dumps({**json.loads(change["data"]), column: value})
    answer = _push_as(a, changes)
    expected = [
        f"item {uuid.UUID(unknown['item_id'])} is not known to the server",
        f"store {uuid.UUID(unknown['store_id'])} is not known to the server",
        f"the reversed movement {uuid.UUID(unknown['reverses_id'])} is not known to the server",
    ]
    reasons = [r["reason"] for r in answer["refused"]]
    assert len(reasons) == 3 and all(any(r.endswith(e) for r in reasons) for e in expected), reasons
    with server_engine_of(sync_server).connect() as connection:  # the fourth, untouched, applied
        assert connection.scalar(text("SELECT sum(quantity) FROM stock_movement WHERE quantity > 0")) == 9
