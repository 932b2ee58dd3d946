"""Daily demand forecasts: SES for regular demand, SBA (Croston, bias-corrected) for intermittent demand.

Input is one number per day, oldest first, zero days included.

Choices, and why:

- **Method.** The average demand interval ADI = days / days-with-demand separates regular from
  intermittent demand (Syntetos, Boylan & Croston 2005). ADI <= 1.32 -> simple exponential smoothing.
  ADI > 1.32 -> SBA: Croston's method smooths demand sizes and intervals separately, and SBA multiplies
  its rate by (1 - alpha / 2), which removes Croston's known upward bias. In that classification Croston
  beats SBA only for non-intermittent demand, where we use SES, so the automatic choice never picks plain
  Croston; `forecast(..., method=Method.CROSTON)` still offers it.
- **Smoothing constant.** One alpha from ALPHAS (0.05..0.50), the one with the smallest mean absolute
  one-step error on the training days (all days before the hold-out window). Croston/SBA use the same
  alpha for sizes and intervals, which keeps the search one-dimensional and the batch path cheap.
- **Initial state.** SES starts from the mean of the first INIT_DAYS days, so one odd first day does not
  steer the alpha choice. Croston/SBA start from the first demand (size = that demand, interval = its
  day number) and forecast 0 until that demand has been seen.
- **Error (MASE).** The last HOLDOUT_DAYS days (at most half the history) are the hold-out window. On it
  the fitted model (alpha fixed by the training days) makes rolling one-step forecasts, and so does the
  naive forecast "tomorrow = today". MASE = MAE(method) / MAE(naive) over the same hold-out days: it is
  scaled by the naive forecast's out-of-sample error, so naive scores exactly 1.0 and below 1.0 means
  the method beat it. MASE is None when it cannot be scaled (naive error 0, e.g. a hold-out window with
  no sales) or when the history is too short to hold days out.
- **Spread.** `daily_sigma` is the root mean square of the one-step errors over the whole history (the
  error the safety stock must cover), or the demand's standard deviation for the short-history fallback.

`forecast` is a readable per-day loop; `forecast_many` computes the same numbers for a matrix of items,
vectorised across items and alphas (looping only over days). Tests hold the two to each other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import ArrayLike

from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message

ALPHAS: tuple[float, ...] = tuple(round(0.05 * k, 2) for k in range(1, 11))
ADI_CUTOFF = 1.32
MIN_DAYS = 14  # below this, smoothing and hold-out are noise: fall back to the mean
HOLDOUT_DAYS = 28
INIT_DAYS = 7


class Method(StrEnum):
    SES = "ses"
    CROSTON = "croston"
    SBA = "sba"
    MEAN = "mean"  # history shorter than MIN_DAYS
    ZERO = "zero"  # no demand at all in the history


@dataclass(frozen=True, eq=False)
class Forecast:
    """One item's forecast; `fitted[t]` is the forecast for day t made at the end of day t - 1."""

    method: Method
    alpha: float | None
    daily_rate: float
    daily_sigma: float
    mase: float | None
    fitted: np.ndarray
    zero_share: float
    n_days: int


def holdout_days(n_days: int) -> int:
    """Length of the hold-out window: HOLDOUT_DAYS, but never more than half the history."""
    return min(HOLDOUT_DAYS, n_days // 2)


def ses(demand: np.ndarray, alpha: float) -> np.ndarray:
    """One-step SES forecasts; element t is the forecast for day t, the last one is for tomorrow."""
    y = np.asarray(demand, dtype=np.float64)
    out = np.empty(len(y) + 1)
    level = _initial_level(y)
    for t, value in enumerate(y):
        out[t] = level
        level = level + alpha * (value - level)
    out[len(y)] = level
    return out


def croston(demand: np.ndarray, alpha: float, *, sba: bool = False) -> np.ndarray:
    """One-step Croston forecasts (SBA when `sba`); same layout as `ses`."""
    y = np.asarray(demand, dtype=np.float64)
    out = np.zeros(len(y) + 1)
    days_with_demand = np.flatnonzero(y > 0)
    if days_with_demand.size == 0:
        return out
    first = int(days_with_demand[0])
    size, interval, since_last, rate = y[first], float(first + 1), 1.0, 0.0
    factor = 1.0 - alpha / 2.0 if sba else 1.0
    for t, value in enumerate(y):
        out[t] = factor * rate
        if value > 0:
            size = size + alpha * (value - size)
            interval = interval + alpha * (since_last - interval)
            rate = size / interval
            since_last = 1.0
        else:
            since_last += 1.0
    out[len(y)] = factor * rate
    return out


def forecast(demand: np.ndarray, *, method: Method | None = None) -> Forecast:
    """Forecast tomorrow's demand from a daily history; `method` overrides the automatic choice."""
    y = _validated(demand, ndim=1)
    n = len(y)
    demand_days = int(np.count_nonzero(y))
    zero_share = (n - demand_days) / n if n else 1.0
    if demand_days == 0:
        return Forecast(Method.ZERO, None, 0.0, 0.0, None, np.zeros(n), zero_share, n)
    if n < MIN_DAYS:
        mean = float(y.mean())
        return Forecast(Method.MEAN, None, mean, float(y.std()), None, np.full(n, mean), zero_share, n)
    chosen = method or (Method.SBA if n / demand_days > ADI_CUTOFF else Method.SES)
    train = n - holdout_days(n)
    maes = [_abs_error_sum(y, _one_step(y, alpha, chosen), 0, train) / train for alpha in ALPHAS]
    alpha = ALPHAS[_first_minimum(maes)]
    fitted = _one_step(y, alpha, chosen)
    naive = _naive_error_sum(y, train)
    mase = _abs_error_sum(y, fitted, train, n) / naive if naive > 0 else None
    sq = 0.0
    for t in range(n):
        sq += (y[t] - fitted[t]) ** 2
    return Forecast(chosen, alpha, float(fitted[n]), math.sqrt(sq / n), mase, fitted[:n], zero_share, n)


def _one_step(y: np.ndarray, alpha: float, method: Method) -> np.ndarray:
    if method is Method.SES:
        return ses(y, alpha)
    if method in (Method.CROSTON, Method.SBA):
        return croston(y, alpha, sba=method is Method.SBA)
    raise ValidationError("method", str(method), "is not a smoothing method")


def _initial_level(y: np.ndarray) -> float:
    k = min(INIT_DAYS, len(y))
    total = 0.0
    for t in range(k):  # summed day by day, exactly as the batch path does
        total += y[t]
    return total / k if k else 0.0


def _abs_error_sum(y: np.ndarray, fitted: np.ndarray, start: int, stop: int) -> float:
    total = 0.0
    for t in range(start, stop):
        total += abs(y[t] - fitted[t])
    return float(total)


def _naive_error_sum(y: np.ndarray, start: int) -> float:
    total = 0.0
    for t in range(max(start, 1), len(y)):
        total += abs(y[t] - y[t - 1])
    return float(total)


def _first_minimum(values: list[float]) -> int:
    best = 0
    for i, value in enumerate(values):
        if value < values[best]:
            best = i
    return best


def _validated(demand: ArrayLike, *, ndim: int) -> np.ndarray:
    try:
        y = np.asarray(demand, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValidationError("demand", demand, "is not a series of numbers") from None
    if y.ndim != ndim:
        raise ValidationError("demand", f"shape {y.shape}", f"must have {ndim} dimension(s)")
    if not np.isfinite(y).all():
        raise ValidationError("demand", "NaN/inf", "must contain only finite numbers")
    if (y < 0).any():
        raise ValidationError("demand", float(y.min()), Message("not_negative"))
    return y


@dataclass(frozen=True, eq=False)
class ForecastBatch:
    """`forecast` for many items at once; row i of each array belongs to item i of the input matrix.

    Arrays use NaN for "not applicable" where the single-item `Forecast` uses None: `alphas` for the
    MEAN and ZERO methods, `mase` where it cannot be scaled. `rates` and `sigmas` are never NaN.
    """

    methods: np.ndarray  # Method values as strings
    alphas: np.ndarray
    rates: np.ndarray
    sigmas: np.ndarray
    mase: np.ndarray
    zero_shares: np.ndarray
    n_days: int

    def __len__(self) -> int:
        return len(self.rates)


def forecast_many(matrix: np.ndarray, *, chunk_items: int = 8192) -> ForecastBatch:
    """Forecast every row (item) of an items x days matrix; same numbers as `forecast` row by row."""
    y = _validated(matrix, ndim=2)
    m, n = y.shape
    demand_days = np.count_nonzero(y, axis=1)
    has_demand = demand_days > 0
    batch = ForecastBatch(
        methods=np.full(m, Method.ZERO.value, dtype="<U7"),
        alphas=np.full(m, np.nan),
        rates=np.zeros(m),
        sigmas=np.zeros(m),
        mase=np.full(m, np.nan),
        zero_shares=(n - demand_days) / n if n else np.ones(m),
        n_days=n,
    )
    if n < MIN_DAYS:
        batch.methods[has_demand] = Method.MEAN.value
        batch.rates[has_demand] = y[has_demand].mean(axis=1)
        batch.sigmas[has_demand] = y[has_demand].std(axis=1)
        return batch
    intermittent = has_demand & (n / np.maximum(demand_days, 1) > ADI_CUTOFF)
    for method, rows in ((Method.SES, has_demand & ~intermittent), (Method.SBA, intermittent)):
        items = np.flatnonzero(rows)
        batch.methods[items] = method.value
        for start in range(0, items.size, chunk_items):
            part = items[start : start + chunk_items]
            # days x items, so that one day of all items is contiguous for the day loop
            _fit_chunk(np.ascontiguousarray(y[part].T), method, batch, part)
    return batch


def _fit_chunk(days: np.ndarray, method: Method, batch: ForecastBatch, part: np.ndarray) -> None:
    n, m = days.shape
    train = n - holdout_days(n)
    alphas = np.array(ALPHAS)[:, None]
    step = _SesState(days, alphas) if method is Method.SES else _SbaState(days, alphas)
    train_abs, hold_abs, squares = (np.zeros((len(ALPHAS), m)) for _ in range(3))
    err, scratch = np.empty((len(ALPHAS), m)), np.empty((len(ALPHAS), m))
    for t in range(n):
        np.subtract(days[t], step.forecast(), out=err)
        np.abs(err, out=scratch)
        totals = train_abs if t < train else hold_abs
        totals += scratch
        np.multiply(err, err, out=scratch)
        squares += scratch
        step.update(days[t])
    best = np.argmin(train_abs / train, axis=0)
    cols = np.arange(m)
    naive = np.zeros(m)
    for t in range(max(train, 1), n):
        naive += np.abs(days[t] - days[t - 1])
    mase = np.full(m, np.nan)
    np.divide(hold_abs[best, cols], naive, out=mase, where=naive > 0)
    batch.alphas[part] = alphas[best, 0]
    batch.rates[part] = step.forecast()[best, cols]
    batch.sigmas[part] = np.sqrt(squares[best, cols] / n)
    batch.mase[part] = mase


class _SesState:
    """SES levels for every (alpha, item); mirrors `ses` operation for operation."""

    def __init__(self, days: np.ndarray, alphas: np.ndarray) -> None:
        k = min(INIT_DAYS, len(days))
        total = np.zeros(days.shape[1])
        for t in range(k):
            total += days[t]
        self.level = np.repeat((total / k)[None, :], len(alphas), axis=0)
        self.alphas = alphas
        self.delta = np.empty_like(self.level)

    def forecast(self) -> np.ndarray:
        return self.level

    def update(self, today: np.ndarray) -> None:
        np.subtract(today, self.level, out=self.delta)
        self.delta *= self.alphas
        self.level += self.delta


class _SbaState:
    """SBA sizes, intervals and rates for every (alpha, item); mirrors `croston(sba=True)`."""

    def __init__(self, days: np.ndarray, alphas: np.ndarray) -> None:
        first = np.argmax(days > 0, axis=0)
        shape = (len(alphas), days.shape[1])
        self.size = np.repeat(days[first, np.arange(days.shape[1])][None, :], len(alphas), axis=0)
        self.interval = np.repeat((first + 1.0)[None, :], len(alphas), axis=0)
        self.since_last = np.ones(days.shape[1])
        self.rate = np.zeros(shape)
        self.alphas = alphas
        self.factor = 1.0 - alphas / 2.0
        self.out, self.delta = np.empty(shape), np.empty(shape)

    def forecast(self) -> np.ndarray:
        return np.multiply(self.factor, self.rate, out=self.out)

    def update(self, today: np.ndarray) -> None:
        demand = today > 0
        weight = demand.astype(np.float64)  # 1 on demand days, 0 otherwise: no update
        np.subtract(today, self.size, out=self.delta)
        self.delta *= self.alphas
        self.delta *= weight
        self.size += self.delta
        np.subtract(self.since_last, self.interval, out=self.delta)
        self.delta *= self.alphas
        self.delta *= weight
        self.interval += self.delta
        np.divide(self.size, self.interval, out=self.delta)
        np.copyto(self.rate, self.delta, where=demand)
        self.since_last = np.where(demand, 1.0, self.since_last + 1.0)
