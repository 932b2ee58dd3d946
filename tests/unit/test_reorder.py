"""Reorder rules: safety stock, reorder point, order suggestions, and the errors a manager sees."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stockdesk.domain.errors import ValidationError
from stockdesk.domain.reorder import reorder_point, safety_stock, service_level_z, suggest


def _suggest(**overrides):
    args = {
        "item_id": "item-1",
        "store_id": "main",
        "daily_rate": 3.2,
        "daily_sigma": 0.0,
        "lead_time_days": 7,
        "on_hand": 10,
        "on_order": 5,
        "order_multiple": 10,
    }
    return suggest(**(args | overrides))


def test_z_of_a_95_percent_service_level_is_the_normal_quantile():
    assert service_level_z(Decimal("0.95")) == pytest.approx(1.6449, abs=1e-4)
    assert service_level_z("0.5") == 0.0


def test_safety_stock_grows_with_the_square_root_of_the_lead_time():
    # 1.6449 x 2 units/day x sqrt(4 days) = 6.5794
    assert safety_stock(2, 4, Decimal("0.95")) == Decimal("6.58")
    assert safety_stock(2, 16, Decimal("0.95")) == Decimal("13.16")
    assert safety_stock(2, 0, Decimal("0.95")) == 0


def test_reorder_point_is_lead_time_demand_plus_safety_stock():
    assert reorder_point(3.2, 7, Decimal("6")) == Decimal("28.4")
    assert reorder_point(Decimal("0.5"), Decimal("2.5"), 0) == Decimal("1.25")


def test_suggestion_explains_itself_and_rounds_up_to_the_order_multiple():
    s = _suggest(daily_sigma=1.5)
    # safety 1.6449 x 1.5 x sqrt(7) = 6.53; point 22.4 + 6.53 = 28.93; 28.93 - 15 = 13.93 -> 20
    assert (s.safety_stock, s.reorder_point, s.target_level) == (
        Decimal("6.53"),
        Decimal("28.93"),
        Decimal("28.93"),
    )
    assert s.suggested_qty == 20
    assert (
        s.reason
        == "3.2/day × 7 d lead + 6.53 safety = 28.93; on hand 10 + on order 5 → order 20 (multiple of 10)"
    )
    assert (s.item_id, s.store_id, s.on_hand, s.on_order) == ("item-1", "main", 10, 5)


@pytest.mark.parametrize(
    ("multiple", "expected"),
    [
        (10, Decimal(10)),
        (3, Decimal(9)),
        (1, Decimal(8)),
        (Decimal("0.5"), Decimal("7.5")),
        (Decimal("7.4"), Decimal("7.4")),
    ],
)
def test_order_quantity_is_the_shortfall_rounded_up_to_the_multiple(multiple, expected):
    # point 22.4 (no safety stock), position 15 -> shortfall 7.4
    assert _suggest(order_multiple=multiple).suggested_qty == expected


def test_no_multiple_is_mentioned_when_ordering_single_units():
    assert _suggest(order_multiple=1).reason.endswith("→ order 8")


def test_stock_above_the_reorder_point_orders_nothing():
    s = _suggest(on_hand=30)
    assert s.suggested_qty == 0
    assert s.reason.endswith("on hand 30 + on order 5 is above the reorder point → no order")


def test_stock_exactly_at_the_reorder_point_orders_up_to_the_target():
    at_point = _suggest(on_hand="17.4", review_period_days=7)  # 17.4 + 5 = 22.4 = point; target 44.8
    assert at_point.suggested_qty == 30
    assert _suggest(on_hand="17.41", review_period_days=7).suggested_qty == 0


def test_review_period_demand_is_added_to_the_target():
    s = _suggest(review_period_days=7)
    assert s.target_level == Decimal("44.8")
    assert s.suggested_qty == 30  # 44.8 - 15 = 29.8 -> 30
    assert "target 22.4 + 3.2/day × 7 d review = 44.8" in s.reason


def test_a_reorder_point_set_by_the_manager_wins_over_the_forecast():
    s = _suggest(manager_reorder_point="40")
    assert s.reorder_point == 40 and s.reorder_point_set_by_manager
    assert s.suggested_qty == 30  # 40 - 15 = 25 -> 30
    assert s.reason.startswith("reorder point 40 (set by manager)")


def test_negative_on_hand_is_ordered_back_up():
    assert _suggest(on_hand=-5, on_order=0).suggested_qty == 30  # 22.4 + 5 = 27.4 -> 30


def test_no_demand_and_no_stock_orders_nothing():
    s = _suggest(daily_rate=0.0, on_hand=0, on_order=0)
    assert s.suggested_qty == 0
    assert s.reason.endswith("→ order 0 (multiple of 10)")


@given(
    rate=st.decimals(min_value=0, max_value=1000, places=2),
    sigma=st.decimals(min_value=0, max_value=100, places=2),
    lead=st.integers(min_value=0, max_value=120),
    review=st.integers(min_value=0, max_value=30),
    on_hand=st.decimals(min_value=-100, max_value=100_000, places=3),
    on_order=st.decimals(min_value=0, max_value=100_000, places=3),
    multiple=st.sampled_from([Decimal(1), Decimal(6), Decimal(12), Decimal("0.25"), Decimal(100)]),
)
def test_suggested_quantity_is_never_negative_and_always_a_whole_multiple(
    rate, sigma, lead, review, on_hand, on_order, multiple
):
    s = _suggest(
        daily_rate=rate,
        daily_sigma=sigma,
        lead_time_days=lead,
        review_period_days=review,
        on_hand=on_hand,
        on_order=on_order,
        order_multiple=multiple,
    )
    assert s.suggested_qty >= 0
    assert s.suggested_qty % multiple == 0
    if s.suggested_qty:
        assert on_hand + on_order + s.suggested_qty >= s.target_level
        assert on_hand + on_order + s.suggested_qty - multiple < s.target_level


@pytest.mark.parametrize(
    ("field", "kwargs", "value"),
    [
        ("lead_time_days", {"lead_time_days": -1}, -1),
        ("lead_time_days", {"lead_time_days": "a week"}, "a week"),
        ("order_multiple", {"order_multiple": -10}, -10),
        ("order_multiple", {"order_multiple": 0}, 0),
        ("order_multiple", {"order_multiple": "ten"}, "ten"),
        ("reorder_point", {"manager_reorder_point": "-3"}, "-3"),
        ("reorder_point", {"manager_reorder_point": "lots"}, "lots"),
        ("service_level", {"service_level": 0.4}, 0.4),
        ("service_level", {"service_level": 1}, 1),
        ("service_level", {"service_level": "high"}, "high"),
        ("on_order", {"on_order": -1}, -1),
        ("daily_rate", {"daily_rate": float("nan")}, None),
        ("daily_sigma", {"daily_sigma": None}, None),
    ],
)
def test_invalid_inputs_are_refused_naming_the_field_and_value(field, kwargs, value):
    with pytest.raises(ValidationError) as caught:
        _suggest(**kwargs)
    assert caught.value.field == field
    if value is not None:
        assert caught.value.value == value
        assert repr(value) in str(caught.value)


exact_stock = st.decimals(min_value=-50, max_value=500, places=3, allow_nan=False, allow_infinity=False)


@given(
    on_hand=exact_stock,
    on_order=st.decimals(min_value=0, max_value=500, places=3, allow_nan=False, allow_infinity=False),
    multiple=st.sampled_from([Decimal(1), Decimal(6), Decimal("12"), Decimal("0.5"), Decimal(480)]),
    lead=st.integers(0, 60),
    review=st.integers(0, 30),
    manager=st.none() | st.decimals(min_value="0.001", max_value=900, places=3, allow_nan=False),
)
def test_the_shortcut_for_items_that_sold_nothing_gives_what_the_full_rule_gives(
    on_hand, on_order, multiple, lead, review, manager
):
    from uuid import uuid4

    from stockdesk.domain.ids import ItemId, StoreId
    from stockdesk.domain.reorder import suggest_without_demand

    item, store = ItemId(uuid4()), StoreId(uuid4())
    full = suggest(item_id=item, store_id=store, daily_rate=0.0, daily_sigma=0.0, lead_time_days=lead,
                   on_hand=on_hand, on_order=on_order, order_multiple=multiple, review_period_days=review,
                   manager_reorder_point=manager)
    short = suggest_without_demand(
        item_id=item, store_id=store, lead_time_days=Decimal(lead), on_hand=on_hand, on_order=on_order,
        order_multiple=multiple, review_period_days=Decimal(review), manager_reorder_point=manager,
    )
    # repr, not ==: 0.00 and 0 are equal but print differently in the CSV and on the page
    assert repr(short) == repr(full)
    assert short.reason == full.reason


@given(
    rate=st.floats(min_value=0, max_value=500, allow_nan=False),
    sigma=st.floats(min_value=0, max_value=50, allow_nan=False),
    lead=st.integers(min_value=0, max_value=120),
    review=st.integers(min_value=0, max_value=30),
    on_hand=st.decimals(min_value=-100, max_value=10_000, places=3),
    on_order=st.decimals(min_value=0, max_value=10_000, places=3),
    multiple=st.sampled_from([Decimal(1), Decimal(6), Decimal("0.25")]),
    manager=st.one_of(st.none(), st.decimals(min_value=1, max_value=500, places=3)),
    level=st.sampled_from([Decimal("0.5"), Decimal("0.95"), Decimal("0.999")]),
)
def test_the_reorder_run_s_checked_path_gives_what_the_rules_give_step_by_step(
    rate, sigma, lead, review, on_hand, on_order, multiple, manager, level
):
    from uuid import uuid4

    from stockdesk.domain.ids import ItemId, StoreId
    from stockdesk.domain.reorder import computed_point, quantity, suggest_checked

    item, store = ItemId(uuid4()), StoreId(uuid4())
    full = suggest(item_id=item, store_id=store, daily_rate=rate, daily_sigma=sigma, lead_time_days=lead,
                   on_hand=on_hand, on_order=on_order, service_level=level, order_multiple=multiple,
                   review_period_days=review, manager_reorder_point=manager)
    batch = suggest_checked(item, store, quantity(rate), sigma, Decimal(lead), Decimal(review), multiple,
                            on_hand, on_order, service_level_z(level), manager)
    assert repr(batch) == repr(full)  # repr: 0.00 and 0 are equal but print differently
    safety = safety_stock(sigma, lead, level)
    assert repr(full.safety_stock) == repr(safety)
    point = reorder_point(rate, lead, safety)
    assert repr(computed_point(batch)) == repr(point)  # what the line shows as the computed point
    if manager is None:
        assert repr(full.reorder_point) == repr(point)
