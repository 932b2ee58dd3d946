"""Reorder suggestions read daily sales from the ledger and explain every number they suggest."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from stockdesk.domain.errors import InvalidQuantity, PermissionDenied, ValidationError
from stockdesk.domain.movements import MovementKind
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.inventory import stock
from stockdesk.services.inventory.stock import MovementRequest
from stockdesk.services.maintenance import settings
from stockdesk.services.planning import reorder, store_points
from stockdesk.services.planning import sales as sales_data

NOW = datetime(2026, 6, 30, 18, 0, tzinfo=UTC)


@pytest.fixture
def supplier(db, admin):
    return organisation.create_supplier(
        db.uow(), admin, name="Acme", lead_time_days=5, email="o@acme.example"
    )


@pytest.fixture
def nails(db, admin, main_store, supplier):
    """Sells 4 a day on each of the last 60 days before NOW's day; 30 left on hand."""
    item = catalog.create_item(
        db.uow(),
        admin,
        sku="NAIL",
        name="Nails",
        supplier_id=supplier.id,
        reorder_qty="12",
        cost_price="0.10",
    )
    start = NOW - timedelta(days=60)
    lines = [MovementRequest(MovementKind.RECEIVE, item.id, main_store.id, "270", at=start)]
    lines += [
        MovementRequest(MovementKind.SALE, item.id, main_store.id, "4", at=start + timedelta(days=d, hours=2))
        for d in range(60)
    ]
    stock.post_movements(db.uow(), admin, lines)
    return item


def test_daily_sales_come_from_the_ledger_one_number_per_day(db, nails, main_store):
    with db.uow() as uow:
        sales = sales_data.read_daily_sales(uow, [(nails.id, main_store.id)], days=90, until=NOW)
    row = sales.matrix[0]
    assert row.sum() == 240 and set(row[row > 0]) == {4.0} and (row > 0).sum() == 60
    assert sales.first_day.date() == (NOW - timedelta(days=90)).date()


def test_steady_sales_give_a_rate_a_reorder_point_and_an_order_in_pack_multiples(db, nails, main_store):
    [row] = reorder.suggestions(db.uow(), as_of=NOW)
    assert row.method.startswith("ses") and row.daily_rate == Decimal("4.00")
    assert row.lead_time_days == 5 and row.on_hand == 30 and row.on_order == 0
    assert row.reorder_point == row.computed_reorder_point == Decimal("20.00") + row.safety_stock
    # on hand 30 is above 20 + safety? only if safety < 10; steady demand has ~no error
    assert row.safety_stock < 1 and row.suggested_qty == 0 and "no order" in row.reason


def test_low_stock_suggests_target_minus_stock_rounded_up_to_the_multiple(db, admin, nails, main_store):
    stock.sell(db.uow(), admin, item_id=nails.id, store_id=main_store.id, quantity="25")  # 5 left
    [row] = reorder.suggestions(db.uow(), as_of=NOW, only_orders=True)
    shortfall = row.reorder_point - 5
    assert row.suggested_qty % 12 == 0 and shortfall <= row.suggested_qty < shortfall + 12
    assert "4/day × 5 d lead" in row.reason and f"order {row.suggested_qty.normalize():f}" in row.reason


def test_a_manager_reorder_point_wins_and_computed_points_can_be_applied(
    db, admin, manager, nails, main_store
):
    catalog.update_item(db.uow(), admin, nails.id, reorder_point="100")
    [row] = reorder.suggestions(db.uow(), as_of=NOW)
    assert row.reorder_point == 100 and "set by manager" in row.reason and row.suggested_qty == 72
    reorder.apply_reorder_points(db.uow(), manager, {nails.id: row.computed_reorder_point})
    assert catalog.get_item(db.uow(), nails.id).reorder_point == row.computed_reorder_point


@pytest.mark.parametrize("bad", ["-1", "lots", ""])
def test_a_bad_reorder_point_is_refused_and_nothing_changes(db, admin, nails, bad):
    with pytest.raises(InvalidQuantity):
        reorder.apply_reorder_points(db.uow(), admin, {nails.id: bad})
    assert catalog.get_item(db.uow(), nails.id).reorder_point == 0


def test_clerks_may_not_apply_reorder_points(db, clerk, nails):
    with pytest.raises(PermissionDenied):
        reorder.apply_reorder_points(db.uow(), clerk, {nails.id: "5"})


def test_service_level_changes_safety_stock_and_bad_levels_are_refused(db, admin, main_store, supplier):
    item = catalog.create_item(db.uow(), admin, sku="LUMPY", name="Lumpy", supplier_id=supplier.id)
    start = NOW - timedelta(days=60)
    lines = [MovementRequest(MovementKind.RECEIVE, item.id, main_store.id, "1000", at=start)]
    lines += [
        MovementRequest(
            MovementKind.SALE,
            item.id,
            main_store.id,
            str(1 + (d % 3) * 4),
            at=start + timedelta(days=d, hours=1),
        )
        for d in range(60)
    ]
    stock.post_movements(db.uow(), admin, lines)
    low = reorder.suggestions(db.uow(), as_of=NOW)[0].safety_stock
    settings.save(db.uow(), admin, service_level="0.99")
    high = reorder.suggestions(db.uow(), as_of=NOW)[0].safety_stock
    assert high > low > 0
    with pytest.raises(ValidationError, match="service_level"):
        settings.save(db.uow(), admin, service_level="1.5")
    assert settings.load(db.uow()).service_level == Decimal("0.99")


def test_the_chart_history_pairs_each_day_with_its_forecast(db, nails, main_store):
    chart = sales_data.history(db.uow(), nails.id, main_store.id, show_days=14, as_of=NOW)
    assert len(chart.days) == len(chart.sales) == len(chart.forecast) == 14
    assert chart.sales[-1] == 4.0 and abs(chart.forecast[-1] - 4.0) < 0.01


def test_csv_rows_carry_the_reason(db, nails, tmp_path):
    path = tmp_path / "s.csv"
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows(reorder.csv_rows(reorder.suggestions(db.uow(), as_of=NOW)))
    rows = list(csv.DictReader(path.open()))
    assert rows[0]["sku"] == "NAIL" and "lead" in rows[0]["reason"]


def test_a_stores_own_reorder_point_and_pack_size_win_over_the_items(db, admin, nails, main_store):
    store_points.set_overrides(db.uow(), admin, nails.id, {main_store.id: ("100", "25")})
    [row] = reorder.suggestions(db.uow(), as_of=NOW)
    assert row.reorder_point == 100 and "set by manager" in row.reason
    assert row.order_multiple == 25 and row.suggested_qty % 25 == 0 and row.suggested_qty > 0


class RecordingWatch:
    """Records the stages it is told of; asks to stop once `stop_at` is reached."""

    def __init__(self, stop_at: str | None = None) -> None:
        self.stop_at = stop_at
        self.seen: list[tuple[str, int, int]] = []

    def stage(self, name: str, done: int, total: int) -> None:
        self.seen.append((name, done, total))

    def cancelled(self) -> bool:
        return bool(self.seen) and self.seen[-1][0] == self.stop_at


def test_a_watched_calculation_reports_its_stages_in_order_and_stops_when_asked(
    db, admin, nails, main_store, monkeypatch
):
    for sku in ("SCREW", "BOLT"):
        other = catalog.create_item(db.uow(), admin, sku=sku, name=sku.title())
        stock.receive(db.uow(), admin, item_id=other.id, store_id=main_store.id, quantity="5")
    monkeypatch.setattr(reorder, "CHECK_EVERY", 1)  # a check between every line of this small shop
    watch = RecordingWatch()
    lines = reorder.suggestions(db.uow(), store_id=main_store.id, watch=watch)
    stages = [name for name, _done, _total in watch.seen]
    assert len(lines) == 3
    assert stages == ["reading stock", "reading sales", "forecasting", *["suggesting"] * len(lines)]
    assert watch.seen[-1] == ("suggesting", len(lines) - 1, len(lines))
    stopping = RecordingWatch(stop_at="forecasting")
    with pytest.raises(reorder.CalculationCancelled, match="stopped"):
        reorder.suggestions(db.uow(), store_id=main_store.id, watch=stopping)
    assert [name for name, *_ in stopping.seen] == ["reading stock", "reading sales", "forecasting"]
