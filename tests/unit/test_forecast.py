"""Demand forecasts: hand-computed smoothing, method choice, MASE, edge cases, batch == single."""

from __future__ import annotations

import math
import uuid

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stockdesk.domain import forecast as fc
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.forecast import (
    ALPHAS,
    MIN_DAYS,
    Method,
    croston,
    forecast,
    forecast_many,
    holdout_days,
    ses,
)


def test_ses_matches_hand_computation():
    # initial level = mean of the (first up to 7) days = (3 + 6 + 0) / 3 = 3
    # then level += 0.5 * (demand - level): 3 -> 3 -> 4.5 -> 2.25
    assert ses(np.array([3.0, 6.0, 0.0]), 0.5).tolist() == [3.0, 3.0, 4.5, 2.25]


def test_croston_matches_hand_computation():
    # first demand 4 on day 3: size 4, interval 3 -> rate 4/3
    # next demand 2 after 2 days: size 4 + .5 * (2 - 4) = 3, interval 3 + .5 * (2 - 3) = 2.5 -> rate 1.2
    out = croston(np.array([0.0, 0.0, 4.0, 0.0, 2.0]), 0.5)
    np.testing.assert_allclose(out, [0, 0, 0, 4 / 3, 4 / 3, 1.2])


def test_sba_is_croston_scaled_by_one_minus_half_alpha():
    out = croston(np.array([0.0, 0.0, 4.0, 0.0, 2.0]), 0.5, sba=True)
    np.testing.assert_allclose(out, [0, 0, 0, 1.0, 1.0, 0.9])


def test_regular_demand_is_forecast_with_ses():
    y = np.random.default_rng(1).poisson(10, 120).astype(float)
    f = forecast(y)
    assert f.method is Method.SES
    assert f.alpha in ALPHAS
    assert f.daily_rate == pytest.approx(10, rel=0.2)


def test_intermittent_demand_is_forecast_with_sba():
    rng = np.random.default_rng(2)
    y = np.where(rng.random(200) < 0.2, rng.poisson(5, 200) + 1, 0).astype(float)
    f = forecast(y)
    assert f.method is Method.SBA
    assert f.zero_share > 0.7
    # about 0.2 days x 6 units = 1.2 a day
    assert 0.5 < f.daily_rate < 2.0


def test_croston_can_be_asked_for_and_gives_the_unscaled_rate():
    rng = np.random.default_rng(3)
    y = np.where(rng.random(100) < 0.3, 4.0, 0.0)
    f = forecast(y, method=Method.CROSTON)
    assert f.method is Method.CROSTON
    assert f.daily_rate == croston(y, f.alpha)[-1]


def test_alpha_is_small_for_steady_noise_and_large_for_a_drifting_level():
    rng = np.random.default_rng(4)
    steady = 50 + rng.normal(0, 5, 300)
    drifting = 200 + np.cumsum(rng.normal(0, 5, 300))
    assert forecast(steady).alpha == min(ALPHAS)
    assert forecast(drifting).alpha == max(ALPHAS)


def test_smoothing_beats_naive_on_a_noisy_level():
    y = np.clip(20 + np.random.default_rng(5).normal(0, 4, 365), 0, None)
    f = forecast(y)
    assert f.mase is not None
    assert f.mase < 1.0


def test_mase_is_hold_out_mae_scaled_by_naive_hold_out_mae():
    y = np.random.default_rng(6).poisson(7, 100).astype(float)
    f = forecast(y)
    start = len(y) - holdout_days(len(y))
    method_mae = np.mean(np.abs(y[start:] - f.fitted[start:]))
    naive_mae = np.mean(np.abs(y[start:] - y[start - 1 : -1]))
    assert f.mase == pytest.approx(method_mae / naive_mae)


def test_fitted_values_are_the_one_step_forecasts_for_each_day():
    y = np.random.default_rng(7).poisson(3, 60).astype(float)
    f = forecast(y)
    assert len(f.fitted) == f.n_days == 60
    np.testing.assert_array_equal(f.fitted, ses(y, f.alpha)[:-1])


def test_all_zero_history_forecasts_zero():
    f = forecast(np.zeros(90))
    assert (f.method, f.daily_rate, f.daily_sigma, f.mase, f.zero_share) == (Method.ZERO, 0.0, 0.0, None, 1.0)
    assert not f.fitted.any()


def test_empty_history_forecasts_zero():
    f = forecast(np.array([]))
    assert (f.method, f.daily_rate, f.n_days) == (Method.ZERO, 0.0, 0)


def test_short_history_falls_back_to_the_mean_without_mase():
    f = forecast(np.array([1.0, 2.0, 3.0, 0.0]))
    assert (f.method, f.alpha, f.daily_rate, f.mase) == (Method.MEAN, None, 1.5, None)
    assert MIN_DAYS > 4


def test_hold_out_without_change_has_no_mase():
    y = np.concatenate([np.random.default_rng(8).poisson(2, 40), np.zeros(30)]).astype(float)
    f = forecast(y)
    assert f.mase is None  # naive is perfect on an all-zero hold-out: nothing to scale by
    assert math.isfinite(f.daily_rate)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=1e6), max_size=60))
def test_no_nan_ever_comes_out(values):
    f = forecast(np.array(values))
    assert math.isfinite(f.daily_rate) and f.daily_rate >= 0
    assert math.isfinite(f.daily_sigma)
    assert f.mase is None or math.isfinite(f.mase)
    assert np.isfinite(f.fitted).all()


@pytest.mark.parametrize("bad", [[1.0, -2.0, 3.0], [1.0, float("nan")], [[1.0, 2.0]], ["a", "b"]])
def test_invalid_demand_is_refused_naming_the_field(bad):
    with pytest.raises(ValidationError) as caught:
        forecast(bad)
    assert caught.value.field == "demand"


def _random_matrix(items: int, days: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    share = rng.random((items, 1))  # each row its own chance of a demand day
    sizes = rng.poisson(4, (items, days)) + rng.random((items, days))
    y = np.where(rng.random((items, days)) < share, sizes, 0)
    y[:3] = 0  # never sold
    y[3] = 0
    y[3, -1] = 5.0  # first sale on the last day
    return y


def _none_as_nan(value):
    return np.nan if value is None else value


def _assert_row_matches(batch, i, single):
    assert batch.methods[i] == single.method
    np.testing.assert_equal(batch.alphas[i], _none_as_nan(single.alpha))
    np.testing.assert_allclose(batch.mase[i], _none_as_nan(single.mase), rtol=1e-12)
    assert batch.rates[i] == pytest.approx(single.daily_rate, rel=1e-12, abs=1e-300)
    assert batch.sigmas[i] == pytest.approx(single.daily_sigma, rel=1e-12, abs=1e-300)
    assert batch.zero_shares[i] == single.zero_share


@pytest.mark.parametrize(("days", "chunk"), [(120, 7), (365, 1000), (20, 3), (10, 5)])
def test_batch_gives_the_same_numbers_as_one_item_at_a_time(days, chunk):
    y = _random_matrix(60, days, seed=days)
    batch = forecast_many(y, chunk_items=chunk)
    assert len(batch) == 60 and batch.n_days == days
    for i in range(60):
        _assert_row_matches(batch, i, forecast(y[i]))
    expected = {Method.ZERO, Method.MEAN} if days < MIN_DAYS else {Method.ZERO, Method.SES, Method.SBA}
    assert {Method(m) for m in batch.methods} == expected


def test_batch_covers_both_methods_and_never_returns_nan_rates():
    batch = forecast_many(_random_matrix(200, 90, seed=9))
    assert {Method.SES, Method.SBA, Method.ZERO} <= {Method(m) for m in batch.methods}
    assert np.isfinite(batch.rates).all() and np.isfinite(batch.sigmas).all()


def test_batch_refuses_negative_demand():
    with pytest.raises(ValidationError) as caught:
        forecast_many(-np.ones((2, 30)))
    assert caught.value.field == "demand"


def test_rows_without_a_sale_skip_the_fitting_and_read_as_forecast_many_would_give_them():
    from datetime import UTC, datetime

    from stockdesk.services.planning.sales import DailySales, forecast_sales

    rng = np.random.default_rng(7)
    matrix = rng.poisson(0.6, size=(12, 70)).astype(float)
    matrix[[1, 4, 9]] = 0.0  # three items that sold nothing
    starts = np.array([0, 0, 5, 14, 0, 30, 0, 0, 63, 21, 0, 0])
    keys = [(uuid.uuid4(), uuid.uuid4()) for _ in range(12)]
    batch = forecast_sales(DailySales(keys, matrix, datetime(2026, 1, 1, tzinfo=UTC), starts))
    for row in range(12):
        length = 70 - starts[row] - (70 - starts[row]) % 7 if 70 - starts[row] >= 7 else 70 - starts[row]
        alone = fc.forecast_many(matrix[[row], 70 - length :])
        assert batch.methods[row] == alone.methods[0], row
        for name in ("alphas", "rates", "sigmas", "mase", "zero_shares"):
            together, apart = getattr(batch, name)[row], getattr(alone, name)[0]
            assert np.allclose(together, apart, equal_nan=True), (row, name)


def test_a_catalogue_forecast_a_slice_at_a_time_equals_one_forecast_of_the_whole_matrix(monkeypatch):
    from datetime import UTC, datetime

    from stockdesk.services.planning import sales

    rng = np.random.default_rng(11)
    matrix = rng.poisson(0.4, size=(10, 63)).astype(float)
    matrix[[2, 7]] = 0.0
    matrix[5, 10] = -1.0  # a day of net returns: no negative demand, whichever way it is read
    flat = np.flatnonzero(matrix)
    keys = [(uuid.uuid4(), uuid.uuid4()) for _ in range(10)]
    starts = np.array([0, 3, 0, 9, 0, 0, 20, 0, 0, 56])
    first_day = datetime(2026, 1, 1, tzinfo=UTC)
    cells = sales.SaleCells(keys, 63, first_day, starts, flat, matrix.reshape(-1)[flat])
    whole = sales.forecast_sales(sales.DailySales(keys, np.maximum(matrix, 0), cells.first_day, starts))
    assert np.array_equal(cells.dense().matrix, np.maximum(matrix, 0))
    assert np.array_equal(cells.dense(4, 7).matrix, np.maximum(matrix[4:7], 0))
    monkeypatch.setattr(sales, "FORECAST_SLICE", 3)  # four slices: 3, 3, 3 and 1 keys
    sliced = sales.forecast_cells(cells)
    assert list(sliced.methods) == list(whole.methods)
    for name in ("alphas", "rates", "sigmas", "mase", "zero_shares"):
        # Equal to the last bit: the rows are grouped otherwise, each row's arithmetic is the same.
        assert np.array_equal(getattr(sliced, name), getattr(whole, name), equal_nan=True), name


def test_sales_summed_per_cell_equal_numpy_s_unique_and_bincount_to_the_last_bit():
    from stockdesk.services.planning.sales import _sum_by_cell

    rng = np.random.default_rng(3)
    cells = rng.integers(0, 5_000, 20_000)  # many sales on the same (key, day)
    units = rng.random(20_000) * 7
    unique, inverse = np.unique(cells, return_inverse=True)
    sums = np.bincount(inverse, weights=units, minlength=len(unique))
    found, summed = _sum_by_cell(cells, units)
    assert np.array_equal(found, unique) and np.array_equal(summed, sums)
    empty, nothing = _sum_by_cell(np.zeros(0, dtype=np.int64), np.zeros(0))
    assert empty.size == 0 and nothing.size == 0


def test_filled_and_summed_a_slice_at_a_time_equal_the_whole_arrays(monkeypatch):
    from stockdesk.services.planning import sales

    monkeypatch.setattr(sales, "FILL_SLICE", 7)  # many slices, the last one short
    rng = np.random.default_rng(5)
    cells = rng.integers(0, 40, 101)
    units = rng.random(101) * 3
    unique, inverse = np.unique(cells, return_inverse=True)
    found, summed = sales._sum_by_cell(cells, units)
    assert np.array_equal(found, unique)
    assert np.array_equal(summed, np.bincount(inverse, weights=units, minlength=len(unique)))
    none = sales._no_sales(50, 30)
    assert none.methods.tolist() == [fc.Method.ZERO.value] * 50 and none.methods.dtype == np.dtype("<U7")
    assert np.isnan(none.alphas).all() and np.isnan(none.mase).all() and none.alphas.size == 50
    assert (none.rates == 0).all() and (none.sigmas == 0).all() and (none.zero_shares == 1).all()
