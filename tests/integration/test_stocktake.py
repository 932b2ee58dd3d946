"""Stocktakes: expected frozen at start, counts from several people add up, one transaction, posted once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from stockdesk.domain.errors import ValidationError
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.catalogue.bulk import BulkRejected
from stockdesk.services.inventory import check, stock, stocktake


@pytest.fixture
def shelf(db, admin, main_store):
    """Three items with 10, 5 and 0 on hand in MAIN; the second in category Paint."""
    paint = organisation.create_category(db.uow(), admin, name="Paint")
    a = catalog.create_item(
        db.uow(), admin, sku="A", name="Alpha", cost_price="2.50", barcodes=["4006381333931"]
    )
    b = catalog.create_item(db.uow(), admin, sku="B", name="Beta", cost_price="1.00", category_id=paint.id)
    c = catalog.create_item(db.uow(), admin, sku="C", name="Gamma", cost_price="4.00")
    stock.receive(db.uow(), admin, item_id=a.id, store_id=main_store.id, quantity="10")
    stock.receive(db.uow(), admin, item_id=b.id, store_id=main_store.id, quantity="5")
    return a, b, c, paint


def on_hand(db, item, store):
    return stock.on_hand_of(db.uow(), item.id, store.id)


def test_counts_add_up_and_post_as_count_movements_against_frozen_expectations(
    db, admin, clerk, main_store, shelf
):
    a, b, c, _ = shelf
    take = stocktake.start(db.uow(), clerk, store_id=main_store.id)
    assert take.lines == 3
    stocktake.add_counts(db.uow(), clerk, take.id, [("A", "4"), ("B", "5")])
    stocktake.add_counts(db.uow(), admin, take.id, [("4006381333931", "5")])  # a second person, other shelf
    stock.sell(db.uow(), clerk, item_id=a.id, store_id=main_store.id, quantity="2")  # sold during the count
    report = stocktake.variance(db.uow(), take.id)
    lines = {line.sku: line for line in report.lines}
    assert (lines["A"].expected, lines["A"].counted, lines["A"].difference) == (10, 9, -1)
    assert lines["A"].value_difference == Decimal("-2.50") and lines["B"].difference == 0
    assert lines["C"].counted is None and report.uncounted_lines == 1
    result = stocktake.post(db.uow(), clerk, take.id)
    assert result.movements == 2 and result.value_difference == Decimal("-2.50")
    assert on_hand(db, a, main_store) == 7  # counted 9, minus the 2 sold after the count started
    assert on_hand(db, b, main_store) == 5 and on_hand(db, c, main_store) == 0
    assert check.find_differences(db.uow()) == []


def test_posting_twice_is_refused_and_changes_nothing(db, admin, main_store, shelf):
    a, *_ = shelf
    take = stocktake.start(db.uow(), admin, store_id=main_store.id)
    stocktake.add_counts(db.uow(), admin, take.id, [("A", "8")])
    stocktake.post(db.uow(), admin, take.id)
    with pytest.raises(ValidationError, match="already posted"):
        stocktake.post(db.uow(), admin, take.id)
    with pytest.raises(ValidationError, match="already posted"):
        stocktake.add_counts(db.uow(), admin, take.id, [("A", "1")])
    assert on_hand(db, a, main_store) == 8


def test_every_bad_count_line_is_reported_at_once_and_nothing_is_written(db, admin, main_store, shelf):
    take = stocktake.start(db.uow(), admin, store_id=main_store.id)
    with pytest.raises(BulkRejected) as refused:
        stocktake.add_counts(
            db.uow(), admin, take.id, [("A", "1"), ("NOPE", "2"), ("B", "two"), ("C", "1.2345")]
        )
    assert [(p.row, p.field) for p in refused.value.problems] == [
        (2, "code"),
        (3, "quantity"),
        (4, "quantity"),
    ]
    assert stocktake.variance(db.uow(), take.id).counted_lines == 0


def test_a_category_stocktake_covers_only_that_category_and_refuses_other_items(db, admin, main_store, shelf):
    *_, paint = shelf
    take = stocktake.start(db.uow(), admin, store_id=main_store.id, category_ids=[paint.id])
    assert take.lines == 1
    with pytest.raises(BulkRejected, match="not part of this stocktake"):
        stocktake.add_counts(db.uow(), admin, take.id, [("A", "1")])


def test_uncounted_items_are_zeroed_only_when_asked(db, admin, main_store, shelf):
    a, b, *_ = shelf
    take = stocktake.start(db.uow(), admin, store_id=main_store.id)
    stocktake.add_counts(db.uow(), admin, take.id, [("A", "10")])
    stocktake.post(db.uow(), admin, take.id, uncounted_as_zero=True)
    assert on_hand(db, a, main_store) == 10 and on_hand(db, b, main_store) == 0


def test_one_open_stocktake_per_store_and_clerks_only_in_their_stores(
    db, admin, clerk, main_store, branch_store
):
    stocktake.start(db.uow(), admin, store_id=main_store.id)
    with pytest.raises(ValidationError, match="already has an open stocktake"):
        stocktake.start(db.uow(), admin, store_id=main_store.id)
    from stockdesk.domain.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        stocktake.start(db.uow(), clerk, store_id=branch_store.id)


def test_a_count_that_empties_a_shelf_opens_a_low_stock_alert(db, admin, main_store, shelf):
    from stockdesk.services.planning import alerts

    a, *_ = shelf
    catalog.update_item(db.uow(), admin, a.id, reorder_point="3")
    take = stocktake.start(db.uow(), admin, store_id=main_store.id)
    stocktake.add_counts(db.uow(), admin, take.id, [("A", "2")])
    stocktake.post(db.uow(), admin, take.id)
    assert [x.sku for x in alerts.open_alerts(db.uow())] == ["A"]


def _cents(amount: Decimal) -> Decimal:
    from decimal import ROUND_HALF_UP

    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_posting_matches_the_rules_line_by_line_for_a_random_count(db, admin, main_store, seed):
    """Random shelves (stock or none, reorder points, costs with odd cents), random counts from two
    people, uncounted lines zeroed or not: levels, movements, value difference and alerts after the post
    are exactly what the rules give line by line, for the set-based post on SQLite and PostgreSQL."""
    import random

    from sqlalchemy import select

    from stockdesk.db.models import StockMovement
    from stockdesk.services.planning import alerts

    rng = random.Random(seed)
    items = []
    for n in range(40):
        item = catalog.create_item(
            db.uow(),
            admin,
            sku=f"R{n:02d}",
            name=f"Random {n}",
            unit="kg",  # counted by weight: quarters and halves are real counts
            cost_price=f"{rng.randint(0, 900)}.{rng.randint(0, 9999):04d}",
            reorder_point=str(rng.choice([0, 0, 2, 5, 7.5])),
        )
        if rng.random() < 0.7:
            stock.receive(
                db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity=str(rng.randint(1, 12))
            )
        items.append(item)
    catalog.archive_item(db.uow(), admin, items[-1].id)  # archived items are not part of a stocktake
    before = {i.id: on_hand(db, i, main_store) for i in items}
    open_before = {a.item_id for a in alerts.open_alerts(db.uow(), limit=1000)}
    take = stocktake.start(db.uow(), admin, store_id=main_store.id)
    report = stocktake.variance(db.uow(), take.id)
    expected = {line.item_id: (line.expected, line.unit_cost) for line in report.lines}
    counted: dict[object, Decimal] = {}
    for item in items[:-1]:
        for _person in range(rng.choice([0, 1, 1, 2])):
            quantity = Decimal(rng.randint(0, 15)) / rng.choice([1, 2, 4])
            stocktake.add_counts(db.uow(), admin, take.id, [(item.sku, str(quantity))])
            counted[item.id] = counted.get(item.id, Decimal(0)) + quantity
    zero = rng.random() < 0.5
    posted = {i: counted.get(i, Decimal(0)) for i in expected if i in counted or zero}
    result = stocktake.post(db.uow(), admin, take.id, uncounted_as_zero=zero)

    assert result.movements == len(posted)
    value = sum((_cents((c - expected[i][0]) * expected[i][1]) for i, c in posted.items()), Decimal(0))
    assert result.value_difference == value
    for item in items:
        want = before[item.id] + (posted[item.id] - expected[item.id][0] if item.id in posted else 0)
        assert on_hand(db, item, main_store) == want, item.sku
    with db.uow() as uow:
        moves = uow.session.execute(
            select(
                StockMovement.item_id,
                StockMovement.quantity,
                StockMovement.counted_quantity,
                StockMovement.kind,
            ).where(StockMovement.reference == take.name)
        ).all()
    assert {m.item_id: (m.quantity, m.counted_quantity) for m in moves} == {
        i: (c - expected[i][0], c) for i, c in posted.items()
    }
    assert {m.kind for m in moves} <= {"count"}
    points = {i.id: Decimal(str(catalog.get_item(db.uow(), i.id).reorder_point)) for i in items}
    should_be_open = set(open_before)
    for item_id, count in posted.items():
        point, old, new = points[item_id], before[item_id], before[item_id] + count - expected[item_id][0]
        if point > 0 and old > point >= new:
            should_be_open.add(item_id)
        if point > 0 and old <= point < new:
            should_be_open.discard(item_id)
    assert {a.item_id for a in alerts.open_alerts(db.uow(), limit=1000)} == should_be_open
    assert check.find_differences(db.uow()) == []


def test_a_negative_total_count_refuses_the_post_naming_every_line(db, admin, main_store, shelf):
    a, b, *_ = shelf
    take = stocktake.start(db.uow(), admin, store_id=main_store.id)
    stocktake.add_counts(db.uow(), admin, take.id, [("A", "2"), ("B", "1"), ("C", "1")])
    stocktake.add_counts(db.uow(), admin, take.id, [("A", "-3"), ("C", "-2")])  # corrections gone too far
    with pytest.raises(BulkRejected) as refused:
        stocktake.post(db.uow(), admin, take.id)
    assert [(p.row, p.field, p.reason) for p in refused.value.problems] == [
        (1, "counted", "for A would be negative"),
        (3, "counted", "for C would be negative"),
    ]
    assert on_hand(db, a, main_store) == 10 and on_hand(db, b, main_store) == 5
    assert stocktake.list_open(db.uow(), main_store.id)[0].id == take.id  # still open, nothing posted


def test_stocktakes_are_numbered_and_their_movements_say_which_one_by_name(db, admin, main_store, shelf):
    _a, beta, _c, paint = shelf
    first = stocktake.start(db.uow(), admin, store_id=main_store.id, category_ids=[paint.id])
    assert (first.number, first.name) == (1, "Stocktake 1 \u2014 Paint")
    stocktake.add_counts(db.uow(), admin, first.id, [("B", "4")])
    stocktake.post(db.uow(), admin, first.id)
    second = stocktake.start(db.uow(), admin, store_id=main_store.id)
    assert second.name == f"Stocktake 2 \u2014 {main_store.name}"  # a whole-store count: the store's name
    assert [t.name for t in stocktake.list_open(db.uow())] == [second.name]
    references = {m.reference for m in stock.movements_of(db.uow(), beta.id)}
    assert "Stocktake 1 \u2014 Paint" in references and not any("stocktake 0" in r for r in references)


def test_a_fraction_of_a_piece_is_refused_and_a_length_is_counted_to_the_millimetre(
    db, admin, main_store, shelf
):
    rope = catalog.create_item(db.uow(), admin, sku="ROPE", name="Rope", unit="m")
    stock.receive(db.uow(), admin, item_id=rope.id, store_id=main_store.id, quantity="20")
    take = stocktake.start(db.uow(), admin, store_id=main_store.id)
    with pytest.raises(BulkRejected) as refused:
        stocktake.add_counts(db.uow(), admin, take.id, [("A", "2.5"), ("ROPE", "12.375")])
    assert [(p.row, p.field) for p in refused.value.problems] == [(1, "quantity")]
    assert "whole number of pcs" in str(refused.value)
    assert stocktake.add_counts(db.uow(), admin, take.id, [("A", "2"), ("ROPE", "12.375")]) == 2


def test_a_count_below_the_stores_own_reorder_point_opens_an_alert_there(db, admin, main_store, shelf):
    """The item's own point is 0 (not watched); this store watches it at 5: a count of 3 is low here."""
    from stockdesk.services.planning import alerts, store_points

    _a, _b, gamma, _paint = shelf
    stock.receive(db.uow(), admin, item_id=gamma.id, store_id=main_store.id, quantity="10")
    store_points.set_overrides(db.uow(), admin, gamma.id, {main_store.id: ("5", "20")})
    take = stocktake.start(db.uow(), admin, store_id=main_store.id)
    stocktake.add_counts(db.uow(), admin, take.id, [("C", "3")])
    stocktake.post(db.uow(), admin, take.id)
    opened = [(a.item_id, a.store_id) for a in alerts.open_alerts(db.uow(), limit=10)]
    assert opened == [(gamma.id, main_store.id)]
