"""`python -m bench lookup`: code look-up at 1,000,000 items against the plain join, on SQLite and PostgreSQL.

The service (`catalog.find_item`, and `scanning.resolve_scan` as the counter calls it) and the raw
engine (the sqlite3 / psycopg module running the join that returns the same item and its barcodes)
are timed in the same run, in alternating rounds, on the same 2,000 random barcodes of the catalogue
of bench/scale_data.py. Wall time per call (median, p99) and CPU time per call; the ratio is
service / anchor. SKU look-ups (any case) and unknown codes are timed too (no anchor).

PostgreSQL: the items, barcodes and what they refer to are copied from the SQLite file into the
database `stockdesk_bench_lookup_<items>` on $STOCKDESK_TEST_PG's server (kept for later runs); the
PostgreSQL part is skipped when no server answers, or with BENCH_PG=0 (BENCH_SQLITE=0 skips the
SQLite part). BENCH_ITEMS=20000 for a quick try; BENCH_OTHERS: SKUs and unknown codes timed (500).
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from bench.derived import derive
from bench.scale_data import build
from bench.table import print_table
from stockdesk.db.models import Category, Item, ItemBarcode, Supplier, User
from stockdesk.domain.errors import NotFound
from stockdesk.domain.gtin import make_instore_ean13
from stockdesk.services.catalogue import catalog, scanning
from stockdesk.services.database import Database, open_database

CODES = 2_000
OTHERS = int(os.environ.get("BENCH_OTHERS", "500"))  # SKUs and unknown codes (full scans before 0010)
ROUNDS = 3
# The join a hand-written look-up would run: the item of the code, with every live barcode of it.
ANCHOR = ("SELECT i.*, c.id, c.code, c.symbology FROM item_barcode h JOIN item i ON i.id = h.item_id "
          "LEFT JOIN item_barcode c ON c.item_id = i.id AND c.deleted = {false} "
          "WHERE h.code = {param} AND h.deleted = {false} AND i.deleted = {false}")
COPIED = (User, Category, Supplier, Item, ItemBarcode)
Sample = tuple[list[str], list[str], list[str]]  # barcodes, SKUs (lower case), unknown codes


def _timed(call: Callable[[str], object], codes: list[str]) -> tuple[list[float], float]:
    """Wall seconds of each call, and CPU seconds per call."""
    times = []
    cpu = time.process_time()
    for code in codes:
        started = time.perf_counter()
        call(code)
        times.append(time.perf_counter() - started)
    return times, (time.process_time() - cpu) / len(codes)


def _p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98]


def _find_or_none(db: Database) -> Callable[[str], object]:
    def find(code: str) -> object:
        try:
            return catalog.find_item(db.uow(), code)
        except NotFound:
            return None
    return find


def _rows(name: str, db: Database, anchor: Callable[[str], object], rng: random.Random,
          sample: Sample) -> list[list[object]]:
    codes, skus, unknown = sample
    cases: dict[str, tuple[Callable[[str], object], list[str]]] = {
        "anchor: plain join (driver)": (anchor, codes),
        "catalog.find_item, barcode": (_find_or_none(db), codes),
        "scanning.resolve_scan, EAN-13": (lambda c: scanning.resolve_scan(db.uow(), c, "EAN13"), codes),
        "catalog.find_item, SKU any case": (_find_or_none(db), skus),
        "catalog.find_item, unknown code": (_find_or_none(db), unknown),
    }
    for call, sampled in cases.values():  # warm: statements compiled and prepared, pages cached
        for code in sampled[:200]:
            call(code)
    walls: dict[str, list[float]] = {label: [] for label in cases}
    cpus: dict[str, list[float]] = {label: [] for label in cases}
    for _ in range(ROUNDS):
        for label, (call, sampled) in cases.items():
            order = sampled[:]
            rng.shuffle(order)
            wall, cpu = _timed(call, order)
            walls[label] += wall
            cpus[label].append(cpu)
    anchor_wall = walls["anchor: plain join (driver)"]
    rows: list[list[object]] = []
    for label in cases:
        wall = walls[label]
        ratio = (f"{statistics.median(wall) / statistics.median(anchor_wall):.1f}x / "
                 f"{_p99(wall) / _p99(anchor_wall):.1f}x") if "barcode" in label or "EAN" in label else ""
        rows.append([f"{name}: {label}", len(wall), f"{statistics.median(wall) * 1000:.3f}",
                     f"{_p99(wall) * 1000:.3f}", f"{statistics.median(cpus[label]) * 1000:.3f}", ratio])
    return rows


def _sample(path: str, rng: random.Random) -> Sample:
    """Random barcodes and SKUs of the catalogue (PostgreSQL holds a copy of it), and unknown codes."""
    raw = sqlite3.connect(path)
    last = raw.execute("SELECT max(rowid) FROM item_barcode").fetchone()[0]
    picked = ",".join(map(str, rng.sample(range(1, last + 1), CODES + OTHERS)))
    rows = raw.execute("SELECT b.code, i.sku FROM item_barcode b JOIN item i ON i.id = b.item_id "
                       f"WHERE b.rowid IN ({picked})").fetchall()
    raw.close()
    rng.shuffle(rows)
    codes = [code for code, _sku in rows[:CODES]]
    skus = [sku.lower() for _code, sku in rows[CODES:]]
    unknown = [make_instore_ean13(29, rng.randrange(10**9)) for _ in range(OTHERS)]
    return codes, skus, unknown


def _sqlite(items: int, rng: random.Random, sample: Sample) -> list[list[object]]:
    path = build(items, items * 5)
    db = open_database(str(path))
    raw = sqlite3.connect(path)
    sql = ANCHOR.format(false="0", param="?")
    rows = _rows("SQLite", db, lambda code: raw.execute(sql, (code,)).fetchall(), rng, sample)
    raw.close()
    db.close()
    return rows


def _pg_url(items: int) -> str | None:
    server = os.environ.get("STOCKDESK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
    admin_url = "postgresql+psycopg://" + server.split("://", 1)[1]
    name = f"stockdesk_bench_lookup_{items}"
    try:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
        with admin.connect() as connection:
            exists = connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    except Exception as error:  # no server: the SQLite half still runs
        print(f"PostgreSQL skipped: {error}")
        return None
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def _copy_catalogue(source: Database, target: Database) -> None:
    """Items and barcodes (and the users, categories, suppliers they name) from SQLite into PostgreSQL."""
    started = time.perf_counter()
    raw: Any = target.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("SET session_replication_role = replica")  # no triggers: a copy, not new writes
        for model in COPIED:
            table = model.__table__
            names = [column.name for column in table.columns]
            with source.engine.connect() as reading, \
                    cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
                for row in reading.execution_options(yield_per=20_000).execute(select(*table.columns)):
                    copy.write_row(tuple(row))
        cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
    print(f"copied the catalogue to PostgreSQL in {time.perf_counter() - started:.0f} s")


def _postgresql(items: int, rng: random.Random, sample: Sample) -> list[list[object]]:
    url = _pg_url(items)
    if url is None:
        return []
    import psycopg  # only when a server answers: the SQLite half needs no driver

    db = open_database(url)
    with db.uow() as uow:
        if not uow.session.scalar(select(text("count(*)")).select_from(Item)):
            source = open_database(str(build(items, items * 5)))
            _copy_catalogue(source, db)
            source.close()
            derive(url)
    plain = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)
    sql = ANCHOR.format(false="false", param="%s")
    rows = _rows("PostgreSQL", db, lambda code: plain.execute(sql, (code,)).fetchall(), rng, sample)
    plain.close()
    db.close()
    return rows


def main() -> None:
    items = int(os.environ.get("BENCH_ITEMS", "1000000"))
    rng = random.Random(18)
    sample = _sample(str(build(items, items * 5)), rng)
    rows = _sqlite(items, rng, sample) if os.environ.get("BENCH_SQLITE", "1") != "0" else []
    if os.environ.get("BENCH_PG", "1") != "0":
        rows += _postgresql(items, rng, sample)
    print_table(f"Code look-up at {items:,} items ({os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; "
                f"{ROUNDS} rounds)",
                ["look-up", "calls", "median ms", "p99 ms", "CPU ms/call", "vs anchor (median / p99)"], rows)


if __name__ == "__main__":
    main()
