"""Stocktakes by location (issue 20): zones, several counters adding up, expected vs counted per place,
a post that puts stock at the places counted, and the variance report per location."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from stockdesk.db.planning_models import StocktakeCount
from stockdesk.reports.registry import run_report
from stockdesk.reports.spec import ReportOptions
from stockdesk.services.catalogue import catalog
from stockdesk.services.catalogue.bulk import BulkRejected
from stockdesk.services.inventory import check, stock, stocktake
from stockdesk.services.inventory.stocktake import CountLine
from stockdesk.services.places import locations
from stockdesk.services.places.place_levels import item_places
from stockdesk.services.places.placing import PlaceChoice
from tests.integration.report_helpers import all_lines


def _places(db, item_id):
    return [(p.location_code, p.lot_code, p.on_hand) for p in item_places(db.uow(), item_id)]


def test_a_zone_is_counted_by_two_people_place_by_place_and_posted_where_they_counted(
    db, admin, clerk, main_store, tmp_path
):
    def location(code, parent=None, kind="bin"):
        return locations.create_location(
            db.uow(), admin, store_id=main_store.id, code=code, kind=kind, parent_id=parent
        )

    zone_a = location("A", kind="zone")
    a1, a2 = location("A-01", zone_a.id), location("A-02", zone_a.id)
    b1 = location("B-01", location("B", kind="zone").id)
    bolt = catalog.create_item(db.uow(), admin, sku="BOLT", name="Bolt", cost_price="0.50")
    nut = catalog.create_item(db.uow(), admin, sku="NUT", name="Nut", cost_price="0.20")
    milk = catalog.create_item(db.uow(), admin, sku="MILK", name="Milk", cost_price="1.00", tracking="lot")

    def receive(item, quantity, where=None, lot=""):
        place = PlaceChoice(location_id=where.id if where else None, lot=lot)
        stock.receive(
            db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity=quantity, place=place
        )

    receive(bolt, "3")  # unplaced: outside every zone
    receive(bolt, "10", a1)
    receive(bolt, "5", b1)
    receive(nut, "4", a2)
    receive(milk, "6", a1, "L1")

    take = stocktake.start(db.uow(), clerk, store_id=main_store.id, location_ids=[zone_a.id])
    assert take.by_place and take.title == "Main store \u00b7 A"
    # Every problem of a scanner file at once: a shelf of the other zone, a line without its shelf,
    # a code that is no location, a lot for an item without lots.
    with pytest.raises(BulkRejected) as refused:
        stocktake.add_counts(
            db.uow(),
            clerk,
            take.id,
            [
                CountLine("BOLT", "1", "A-01"),
                CountLine("BOLT", "1", "B-01"),
                CountLine("NUT", "1"),
                CountLine("NUT", "1", "Z-9"),
                CountLine("NUT", "1", "A-02", lot="L1"),
            ],
        )
    assert [(p.row, p.field, str(p.reason)) for p in refused.value.problems] == [
        (2, "location", "is outside the zones of this stocktake (A)"),
        (3, "location", "is needed: this stocktake counts zones, so every count names its location"),
        (4, "location", "is not a location of MAIN"),
        (5, "lot", "is not needed: NUT is not tracked by lot or serial number"),
    ]

    # Two people at once: their counts of the same place add up; one finds a bolt on A-02.
    stocktake.add_counts(
        db.uow(),
        clerk,
        take.id,
        [CountLine("BOLT", "1", "a-01")] * 7
        + [CountLine("MILK", "4", "A-01", "L1"), CountLine("MILK", "1", "A-01", "L2")],  # a lot new to us
    )
    stocktake.add_counts(
        db.uow(), admin, take.id, [CountLine("BOLT", "2", "A-01"), CountLine("BOLT", "1", "A-02")]
    )
    shelf = {(line.sku, line.lot): line for line in stocktake.at_location(db.uow(), take.id, a1.id)}
    assert {k: (v.expected, v.counted) for k, v in shelf.items()} == {
        ("BOLT", ""): (Decimal(10), Decimal(9)),
        ("MILK", "L1"): (Decimal(6), Decimal(4)),
        ("MILK", "L2"): (Decimal(0), Decimal(1)),
    }
    with db.uow() as uow:
        counters = set(uow.session.scalars(select(StocktakeCount.counted_by).distinct()))
    assert counters == {clerk.id, admin.id}
    # A bolt sold from A-01 during the count is not found again by the post (expected is frozen).
    stock.sell(
        db.uow(), clerk, item_id=bolt.id, store_id=main_store.id, quantity="1", place=PlaceChoice(a1.id)
    )

    report = stocktake.variance(db.uow(), take.id)
    assert [(v.location, v.sku, v.lot, v.expected, v.counted, v.difference) for v in report.lines] == [
        ("A-01", "BOLT", "", 10, 9, -1),
        ("A-01", "MILK", "L1", 6, 4, -2),
        ("A-01", "MILK", "L2", 0, 1, 1),
        ("A-02", "BOLT", "", 0, 1, 1),
        ("A-02", "NUT", "", 4, 0, -4),  # the shelf was counted and no nut was found there
    ]
    assert report.value_difference == Decimal("-1.80")

    pdf = run_report(
        db, admin, "stocktake-variance", ReportOptions(stocktake=str(take.id)), tmp_path / "v.pdf"
    )
    lines = all_lines(pdf.path)
    assert "A-01 (3 places)" in lines and "A-02 (2 places)" in lines
    assert pdf.totals["value_difference"] == Decimal("-1.80")

    result = stocktake.post(db.uow(), admin, take.id)
    assert (result.movements, result.value_difference) == (5, Decimal("-1.80"))
    assert _places(db, bolt.id) == [("", "", 3), ("A-01", "", 8), ("A-02", "", 1), ("B-01", "", 5)]
    assert _places(db, nut.id) == [] and _places(db, milk.id) == [("A-01", "L1", 4), ("A-01", "L2", 1)]
    assert stock.on_hand_of(db.uow(), bolt.id, main_store.id) == Decimal(17)
    assert check.find_differences(db.uow()) == []
