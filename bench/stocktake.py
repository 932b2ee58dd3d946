"""Issue 18 figure: a 50,000-line stocktake (start, add counts, post), on SQLite and PostgreSQL.

`python -m bench stocktake [--lines N] [--rounds R]`: each round is a fresh database of N items with
10 on hand in one store; a whole-store count is started, every line counted by SKU in one scanner
file, and posted. PostgreSQL is the server in STOCKDESK_TEST_PG (a database of its own, dropped after).
Target: each step < 2 s at 50,000 lines. Wall and CPU seconds; the best of the rounds is shown too.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.planning import _items
from bench.table import print_table
from stockdesk.domain.movements import MovementKind
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database, open_database
from stockdesk.services.inventory import check, stock, stocktake
from stockdesk.services.inventory.stock import MovementRequest

STEPS = ("start: freeze expected", "add counts by SKU, one call", "post: variance + count movements")


def _timed(run: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def one_round(db: Database, lines: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of start, add counts and post for a count of `lines` items."""
    admin = users.create_first_admin(db.uow(), email="bench@example.com", password="bench-pass")
    store = organisation.create_store(db.uow(), admin, code="MAIN", name="Main")
    ids = _items(db, lines)  # SKUs B0000000, B0000001, ...
    receipts = [MovementRequest(MovementKind.RECEIVE, i, store.id, "10") for i in ids]
    stock.post_movements(db.uow(), admin, receipts)
    takes: list[stocktake.StocktakeView] = []
    counts = [(f"B{n:07d}", str(9 + n % 3)) for n in range(lines)]
    laps = [
        _timed(lambda: takes.append(stocktake.start(db.uow(), admin, store_id=store.id))),
        _timed(lambda: stocktake.add_counts(db.uow(), admin, takes[0].id, counts)),
        _timed(lambda: stocktake.post(db.uow(), admin, takes[0].id)),
    ]
    assert takes[0].lines == lines
    assert stock.on_hand_of(db.uow(), ids[1], store.id) == Decimal(10)  # counted 9 + 1
    assert not check.find_differences(db.uow())
    return laps


@contextmanager
def postgres_database() -> Iterator[str | None]:
    """A fresh database on the test server, dropped afterwards; None when no server answers."""
    server = os.environ.get("STOCKDESK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
    admin_url = "postgresql+psycopg://" + server.split("://", 1)[1]
    name = f"stockdesk_bench_stocktake_{uuid.uuid4().hex[:8]}"
    try:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # no server: the SQLite half still runs
        print(f"PostgreSQL skipped: {error}")
        yield None
        return
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def rows_for(label: str, rounds: list[list[tuple[float, float]]]) -> list[list[str]]:
    rows = []
    for step, name in enumerate(STEPS):
        laps = [r[step] for r in rounds]
        every = ", ".join(f"{wall:.2f}" for wall, _cpu in laps)
        best = min(laps)
        rows.append([label, name, every, f"{best[0]:.2f} / {best[1]:.2f}", "< 2 s"])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3)
    # `python -m bench stocktake` leaves its own argv; options, when given, are handed over as sys.argv.
    args = parser.parse_args(sys.argv[1:] if sys.argv[0].startswith("bench ") else [])
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory() as folder:
        sqlite_rounds = []
        for n in range(args.rounds):
            db = open_database(str(Path(folder) / f"round{n}.sqlite"))
            sqlite_rounds.append(one_round(db, args.lines))
            db.close()
        rows += rows_for("SQLite", sqlite_rounds)
    pg_rounds = []
    for _n in range(args.rounds):
        with postgres_database() as url:
            if url is None:
                break
            db = open_database(url)
            pg_rounds.append(one_round(db, args.lines))
            db.close()
    if pg_rounds:
        rows += rows_for("PostgreSQL", pg_rounds)
    print_table(
        f"Stocktake of {args.lines:,} lines (wall seconds of each round; best wall / CPU)",
        ["database", "step", "each round, wall s", "best wall / CPU s", "target"],
        rows,
    )


if __name__ == "__main__":
    main()
