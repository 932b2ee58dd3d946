"""Forecast and reorder suggestions for 100,000 items x 365 days of synthetic demand.

Run: python -m bench.forecast [--items N] [--days D] [--seed S]

Demand is seeded and seasonal-free: regular items draw Poisson sales around a slowly wandering level,
intermittent items sell on a few random days in random sizes. The table shows the time of
`forecast_many` and of one `suggest` per item, the share of items forecast as intermittent (SBA), and
the median hold-out MASE of the chosen method (naive "tomorrow = today" scores 1.0 by definition).
"""

from __future__ import annotations

import argparse
import time
from decimal import Decimal

import numpy as np

from stockdesk.domain.forecast import Method, forecast_many
from stockdesk.domain.reorder import suggest

INTERMITTENT_SHARE = 0.4


def synthetic_demand(items: int, days: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    intermittent = rng.random(items) < INTERMITTENT_SHARE
    level = rng.lognormal(mean=1.5, sigma=0.8, size=(items, 1))
    wander = np.exp(np.cumsum(rng.normal(0, 0.02, (items, days)), axis=1))  # slow drift, no season
    regular = rng.poisson(level * wander).astype(np.float64)
    chance = rng.uniform(0.03, 0.4, (items, 1))
    sizes = 1 + rng.poisson(rng.uniform(1, 8, (items, 1)), (items, days))
    sparse = np.where(rng.random((items, days)) < chance, sizes, 0).astype(np.float64)
    return np.where(intermittent[:, None], sparse, regular)


def suggestions(rates: np.ndarray, sigmas: np.ndarray, seed: int) -> int:
    rng = np.random.default_rng(seed)
    lead = rng.integers(1, 15, len(rates))
    on_hand = rng.integers(0, 200, len(rates))
    multiples = rng.choice([1, 6, 12], len(rates))
    ordering = 0
    for i in range(len(rates)):
        s = suggest(
            item_id=i,
            store_id="main",
            daily_rate=float(rates[i]),
            daily_sigma=float(sigmas[i]),
            lead_time_days=int(lead[i]),
            on_hand=int(on_hand[i]),
            service_level=Decimal("0.95"),
            order_multiple=int(multiples[i]),
        )
        ordering += s.suggested_qty > 0
    return ordering


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--seed", type=int, default=20240501)
    args = parser.parse_args()

    demand = synthetic_demand(args.items, args.days, args.seed)
    started = time.perf_counter()
    batch = forecast_many(demand)
    forecast_s = time.perf_counter() - started
    started = time.perf_counter()
    ordering = suggestions(batch.rates, batch.sigmas, args.seed)
    suggest_s = time.perf_counter() - started

    sba = batch.methods == Method.SBA.value
    scored = ~np.isnan(batch.mase)
    rows = [
        ("items", f"{args.items:,}"),
        ("days", f"{args.days}"),
        ("forecast_many seconds", f"{forecast_s:.2f}"),
        ("suggest seconds", f"{suggest_s:.2f}"),
        ("total seconds", f"{forecast_s + suggest_s:.2f}"),
        ("share intermittent (SBA)", f"{sba.mean():.3f}"),
        ("items with MASE defined", f"{scored.sum():,}"),
        ("median MASE, chosen method", f"{np.median(batch.mase[scored]):.3f}"),
        ("median MASE, SES items", _median(batch.mase[scored & ~sba])),
        ("median MASE, SBA items", _median(batch.mase[scored & sba])),
        ("median MASE, naive", "1.000 (by definition)"),
        ("items with an order suggested", f"{ordering:,}"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


def _median(values: np.ndarray) -> str:
    return f"{np.median(values):.3f}" if values.size else "-"


if __name__ == "__main__":
    main()
