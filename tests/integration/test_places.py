"""Bin locations, lots with expiry and serial numbers in the ledger (issue 20), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from stockdesk.domain.errors import InsufficientStock, PermissionDenied, ValidationError
from stockdesk.services.catalogue import catalog
from stockdesk.services.inventory import check, stock
from stockdesk.services.places import locations
from stockdesk.services.places.place_levels import item_places
from stockdesk.services.places.placing import PlaceChoice


@pytest.fixture
def shelves(db, admin, main_store):
    """Store MAIN with zone A holding shelves A-01 and A-02."""
    zone = locations.create_location(db.uow(), admin, store_id=main_store.id, code="A", kind="zone")
    one = locations.create_location(db.uow(), admin, store_id=main_store.id, code="A-01", parent_id=zone.id)
    two = locations.create_location(db.uow(), admin, store_id=main_store.id, code="A-02", parent_id=zone.id)
    return one, two


def _places(db, item_id):
    return [(p.store_code, p.location_code, p.lot_code, p.on_hand) for p in item_places(db.uow(), item_id)]


def test_a_store_without_locations_works_as_before_and_a_receipt_is_put_away_where_the_item_is(
    db, admin, main_store, branch_store, shelves
):
    one, two = shelves
    assert one.path == "A › A-01"
    bolt = catalog.create_item(db.uow(), admin, sku="BOLT", name="Bolt")
    stock.receive(db.uow(), admin, item_id=bolt.id, store_id=branch_store.id, quantity="5")  # no locations
    assert _places(db, bolt.id) == []
    stock.receive(db.uow(), admin, item_id=bolt.id, store_id=main_store.id, quantity="3")  # nowhere yet
    stock.receive(
        db.uow(),
        admin,
        item_id=bolt.id,
        store_id=main_store.id,
        quantity="10",
        place=PlaceChoice(location_id=two.id),
    )
    stock.receive(db.uow(), admin, item_id=bolt.id, store_id=main_store.id, quantity="2")  # goes to A-02
    assert _places(db, bolt.id) == [("MAIN", "", "", Decimal(3)), ("MAIN", "A-02", "", Decimal(12))]
    # A sale takes the unplaced rest first, then the shelves.
    sale = stock.post_movements(
        db.uow(), admin, [stock.MovementRequest(stock.MovementKind.SALE, bolt.id, main_store.id, "5")]
    )
    assert [(m.location_id, m.quantity) for m in sale] == [(None, Decimal(-3)), (two.id, Decimal(-2))]
    moved = stock.move_within_store(
        db.uow(),
        admin,
        item_id=bolt.id,
        store_id=main_store.id,
        to_location_id=one.id,
        quantity="4",
        place=PlaceChoice(location_id=two.id),
    )
    assert [m.quantity for m in moved] == [Decimal(-4), Decimal(4)]
    assert _places(db, bolt.id) == [("MAIN", "A-01", "", Decimal(4)), ("MAIN", "A-02", "", Decimal(6))]
    assert stock.on_hand_of(db.uow(), bolt.id, main_store.id) == Decimal(10)
    with pytest.raises(InsufficientStock, match="MAIN A-01"):
        stock.sell(
            db.uow(),
            admin,
            item_id=bolt.id,
            store_id=main_store.id,
            quantity="5",
            place=PlaceChoice(location_id=one.id),
        )
    assert check.find_differences(db.uow()) == []


def test_lots_are_sold_first_expiry_first_out_and_an_expired_lot_only_by_a_manager(
    db, admin, clerk, main_store, shelves
):
    milk = catalog.create_item(db.uow(), admin, sku="MILK", name="Milk", tracking="expiry")
    receive = stock.receive
    with pytest.raises(ValidationError, match="lot"):
        receive(db.uow(), admin, item_id=milk.id, store_id=main_store.id, quantity="1")
    with pytest.raises(ValidationError, match="expires_on"):
        receive(
            db.uow(),
            admin,
            item_id=milk.id,
            store_id=main_store.id,
            quantity="1",
            place=PlaceChoice(lot="L1"),
        )
    for code, days, qty in (("LATE", 30, "5"), ("SOON", 3, "4"), ("GONE", -1, "2")):
        receive(
            db.uow(),
            admin,
            item_id=milk.id,
            store_id=main_store.id,
            quantity=qty,
            place=PlaceChoice(lot=code, expires_on=date.today() + timedelta(days=days)),
        )
    lots = {p.lot_id: p.lot_code for p in item_places(db.uow(), milk.id)}
    sold = stock.post_movements(
        db.uow(), clerk, [stock.MovementRequest(stock.MovementKind.SALE, milk.id, main_store.id, "6")]
    )
    assert [(lots[m.lot_id], m.quantity) for m in sold] == [("SOON", Decimal(-4)), ("LATE", Decimal(-2))]
    with pytest.raises(ValidationError, match="expired"):
        stock.sell(
            db.uow(),
            clerk,
            item_id=milk.id,
            store_id=main_store.id,
            quantity="1",
            place=PlaceChoice(lot="GONE"),
        )
    with pytest.raises(PermissionDenied):
        stock.sell(
            db.uow(),
            clerk,
            item_id=milk.id,
            store_id=main_store.id,
            quantity="1",
            place=PlaceChoice(lot="GONE", allow_expired=True),
        )
    with pytest.raises(ValidationError, match="expired lots"):  # 3 fresh left, 2 expired: 5 is refused
        stock.sell(db.uow(), clerk, item_id=milk.id, store_id=main_store.id, quantity="5")
    stock.sell(
        db.uow(),
        admin,
        item_id=milk.id,
        store_id=main_store.id,
        quantity="2",
        place=PlaceChoice(lot="GONE", allow_expired=True),
    )
    assert [(p.lot_code, p.on_hand) for p in item_places(db.uow(), milk.id)] == [("LATE", Decimal(3))]
    assert check.find_differences(db.uow()) == []


def test_a_serial_number_is_received_once_sold_once_and_a_transfer_carries_its_lot(
    db, admin, main_store, branch_store
):
    drill = catalog.create_item(db.uow(), admin, sku="DRILL", name="Drill", tracking="serial")
    with pytest.raises(ValidationError, match="serial number"):
        stock.receive(
            db.uow(),
            admin,
            item_id=drill.id,
            store_id=main_store.id,
            quantity="2",
            place=PlaceChoice(serials=("SN1",)),
        )
    stock.receive(
        db.uow(),
        admin,
        item_id=drill.id,
        store_id=main_store.id,
        quantity="2",
        place=PlaceChoice(serials=("SN1", "SN2")),
    )
    with pytest.raises(ValidationError, match="in stock already"):
        stock.receive(
            db.uow(),
            admin,
            item_id=drill.id,
            store_id=branch_store.id,
            quantity="1",
            place=PlaceChoice(serials=("SN1",)),
        )
    stock.transfer(
        db.uow(),
        admin,
        item_id=drill.id,
        from_store_id=main_store.id,
        to_store_id=branch_store.id,
        quantity="1",
        place=PlaceChoice(serials=("SN2",)),
    )
    assert _places(db, drill.id) == [("BR", "", "SN2", Decimal(1)), ("MAIN", "", "SN1", Decimal(1))]
    stock.sell(
        db.uow(),
        admin,
        item_id=drill.id,
        store_id=main_store.id,
        quantity="1",
        place=PlaceChoice(serials=("SN1",)),
    )
    with pytest.raises(ValidationError, match="not in stock"):  # not even with the override for below zero
        stock.sell(
            db.uow(),
            admin,
            item_id=drill.id,
            store_id=main_store.id,
            quantity="1",
            place=PlaceChoice(serials=("SN1",)),
            allow_negative=True,
        )
    assert check.find_differences(db.uow()) == []


def test_a_reversal_returns_to_the_very_lot_and_check_finds_a_tampered_place(db, admin, main_store, shelves):
    one, _two = shelves
    glue = catalog.create_item(db.uow(), admin, sku="GLUE", name="Glue", tracking="lot")
    stock.receive(
        db.uow(),
        admin,
        item_id=glue.id,
        store_id=main_store.id,
        quantity="3",
        place=PlaceChoice(lot="B7", location_id=one.id),
    )
    sale = stock.sell(db.uow(), admin, item_id=glue.id, store_id=main_store.id, quantity="2")
    stock.reverse(db.uow(), admin, sale.id, reason="returned")
    assert _places(db, glue.id) == [("MAIN", "A-01", "B7", Decimal(3))]
    counted = stock.count(
        db.uow(),
        admin,
        item_id=glue.id,
        store_id=main_store.id,
        counted="1",
        place=PlaceChoice(lot="B7", location_id=one.id),
    )
    assert counted.quantity == Decimal(-2)
    with db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE stock_place SET on_hand = on_hand + 5")
    [wrong] = check.find_differences(db.uow())
    assert (wrong.sku, wrong.place, wrong.ledger) == ("GLUE", "location A-01, lot B7", Decimal(1))
    check.rebuild_levels(db.uow())
    assert check.find_differences(db.uow()) == []


def test_location_codes_are_unique_barcodes_and_only_managers_make_locations(
    db, admin, clerk, main_store, shelves
):
    catalog.create_item(db.uow(), admin, sku="X", name="X", barcodes=["SHELF-9"])
    with pytest.raises(ValidationError, match="taken"):
        locations.create_location(db.uow(), admin, store_id=main_store.id, code="a-01")
    with pytest.raises(ValidationError, match="barcode of item X"):
        locations.create_location(db.uow(), admin, store_id=main_store.id, code="SHELF-9")
    with pytest.raises(PermissionDenied):
        locations.create_location(db.uow(), clerk, store_id=main_store.id, code="B")
    assert locations.location_by_code(db.uow(), " a-02 ").code == "A-02"
