"""Sales per day from the ledger, per item and store, and their forecasts: what reordering is planned on.

Read in one grouped query per dialect (the day index and units computed in SQL), summed into a numpy
matrix in chunks so a million (item, store) pairs never become Python rows; `history` is one pair's
recent sales beside its forecast, for the reorder page's chart.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
from sqlalchemy import (
    ColumnElement,
    Float,
    Integer,
    String,
    Text,
    cast,
    func,
    literal,
    literal_column,
    select,
    type_coerce,
)
from sqlalchemy.orm import InstrumentedAttribute

from stockdesk.db.id_lists import id_in
from stockdesk.db.models import Item, StockMovement, Store
from stockdesk.domain import forecast as fc
from stockdesk.domain.ids import ItemId, StoreId
from stockdesk.services.gc_pause import collector_paused
from stockdesk.services.maintenance import settings
from stockdesk.services.planning.key_rows import KeyRows
from stockdesk.services.uow import UnitOfWork

Key = tuple[uuid.UUID, uuid.UUID]


@dataclass(frozen=True)
class DailySales:
    """Items x days of units sold; row i belongs to keys[i]; day 0 is `first_day`.

    `starts[i]` is the first day on which the item was stocked in the store (its first movement):
    days before it are not "sold nothing", they are "did not exist", and must not make a new item look
    intermittent.
    """

    keys: list[Key]
    matrix: np.ndarray
    first_day: datetime
    starts: np.ndarray


def _day_index(dialect: str, since: datetime) -> ColumnElement[int]:
    if dialect == "sqlite":
        naive = since.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
        return cast(func.julianday(StockMovement.at) - func.julianday(literal(naive)), Integer)
    seconds = func.extract("epoch", StockMovement.at - literal(since))
    return cast(func.floor(seconds / 86400), Integer)


def _units(dialect: str) -> ColumnElement[float | Decimal]:
    """Units moved as a float, without building a Decimal per row (SQLite stores thousandths).

    PostgreSQL sums per day (a hash aggregate, and fewer rows on the wire); SQLite hands back each
    movement and numpy sums them: its GROUP BY sorts every row of the window, which took longer
    than reading the rows twice over.
    """
    if dialect == "sqlite":
        return type_coerce(StockMovement.quantity, Float) / 1000.0
    return cast(func.sum(StockMovement.quantity), Float)


def _key_text(dialect: str) -> ColumnElement[str]:
    """(item, store) as one text value, so a result row maps to its matrix row with one dict lookup
    and no UUID is built per row (SQLite keeps Uuid columns as hex text already)."""
    if dialect == "sqlite":
        return type_coerce(StockMovement.item_id, String) + type_coerce(StockMovement.store_id, String)
    return cast(StockMovement.item_id, Text) + cast(StockMovement.store_id, Text)


def _key_of(dialect: str, key: Key) -> str:
    return key[0].hex + key[1].hex if dialect == "sqlite" else f"{key[0]}{key[1]}"


# Result rows turned into numpy arrays at a time. Each chunk is a few calls that hold the interpreter
# (the driver's rows split into columns, then freed): 200,000 rows a chunk held it 25-50 ms.
CHUNK_ROWS = 50_000
FILL_SLICE = 100_000  # array elements filled or summed up at a time (a few ms each)


def read_daily_sales(
    uow: UnitOfWork, keys: list[Key], *, days: int, until: datetime, store_id: uuid.UUID | None = None
) -> DailySales:
    """Daily units sold for `keys` over the `days` days before `until` (one query), as one matrix."""
    return read_sale_cells(uow, keys, days=days, until=until, store_id=store_id).dense()


@dataclass(frozen=True)
class SaleCells:
    """Units sold per (key, day) that had a sale, as sorted flat cell numbers (row x days + day).

    A million keys x a year is a 5.5 GB matrix, most of it zeros; the cells are a few million numbers.
    `dense(start, stop)` gives the matrix of a slice of the keys, so a whole catalogue is forecast a
    slice at a time.
    """

    keys: list[Key]
    days: int
    first_day: datetime
    starts: np.ndarray
    cells: np.ndarray
    units: np.ndarray

    def dense(self, start: int = 0, stop: int | None = None) -> DailySales:
        stop = len(self.keys) if stop is None else stop
        low, high = np.searchsorted(self.cells, [start * self.days, stop * self.days])
        matrix = np.zeros((stop - start, self.days))
        matrix.reshape(-1)[self.cells[low:high] - start * self.days] = self.units[low:high]
        np.maximum(matrix, 0, out=matrix)  # a day of net returns is not negative demand
        return DailySales(self.keys[start:stop], matrix, self.first_day, self.starts[start:stop])

    def last_days(self, rows: np.ndarray, length: int) -> np.ndarray:
        """The matrix of `rows` (ascending key rows) over the last `length` days, as `dense` has it."""
        first = self.days - length
        low = np.searchsorted(self.cells, rows * self.days + first)
        counts = np.searchsorted(self.cells, (rows + 1) * self.days) - low
        # The positions of each row's cells in the window, all rows' ranges laid end to end.
        ends = np.cumsum(counts)
        taken = np.arange(ends[-1] if counts.size else 0) + np.repeat(low - (ends - counts), counts)
        owner = np.repeat(np.arange(rows.size), counts)
        matrix = np.zeros((rows.size, length))
        columns = self.cells[taken] - np.repeat(rows * self.days + first, counts)
        matrix.reshape(-1)[owner * length + columns] = self.units[taken]
        np.maximum(matrix, 0, out=matrix)  # a day of net returns is not negative demand
        return matrix


def read_sale_cells(
    uow: UnitOfWork,
    keys: list[Key],
    *,
    days: int,
    until: datetime,
    store_id: uuid.UUID | None = None,
    items: list[uuid.UUID] | None = None,
) -> SaleCells:
    """The sales of `keys` over the `days` days before `until` (one query), summed per key and day.

    Rows are read in chunks of plain values (text key, day number, units as a float) and summed with
    numpy, never as one Python object per sale. `items`: only these items' movements are read (an
    incremental run's few changed items, found by the ledger's item index instead of a scan).
    """
    first_day = (until - timedelta(days=days)).replace(hour=0, minute=0, second=0, microsecond=0)
    end = first_day + timedelta(days=days)
    # Rows found by the key's text, never by a (UUID, UUID) tuple: a UUID's hash is a Python call, and
    # a million keys' dict cost seconds of hashing to build and to look up.
    by_text = KeyRows(_key_of(uow.dialect, key) for key in keys)
    day = _day_index(uow.dialect, first_day).label("day")
    at: ColumnElement[datetime] | InstrumentedAttribute[datetime] = StockMovement.at
    store: ColumnElement[uuid.UUID] | InstrumentedAttribute[uuid.UUID] = StockMovement.store_id
    if uow.dialect == "sqlite":
        # Nearly every row of the window is read: one table scan beats one index lookup per row, but
        # SQLite picks the `at` (or store, kind, at) index unless the terms hide it ("+column" is
        # SQLite's no-op for that).
        at = type_coerce(literal_column("+stock_movement.at"), StockMovement.at.type)
        store = type_coerce(literal_column("+stock_movement.store_id"), StockMovement.store_id.type)
    query = select(_key_text(uow.dialect), day, _units(uow.dialect)).where(
        StockMovement.kind == "sale", at >= first_day, at < end
    )
    if uow.dialect != "sqlite":
        query = query.group_by(StockMovement.item_id, StockMovement.store_id, day)
    if store_id is not None:
        query = query.where(store == store_id)
    if items is not None:
        query = query.where(id_in(uow.dialect, StockMovement.item_id, items))
    result = uow.session.connection().execute(query)
    # The DBAPI cursor of the result: plain tuples, since a Row per sale cost as much as the scan.
    with collector_paused():
        cells, units = _summed_cells(result.cursor, by_text, days)
    result.close()
    starts = _starts(uow, by_text, len(keys), first_day, days, store_id, items)
    by_text.release()
    return SaleCells(keys, days, first_day, starts, cells, units)


def _summed_cells(cursor: Any, by_text: KeyRows, days: int) -> tuple[np.ndarray, np.ndarray]:
    parts: list[tuple[np.ndarray, np.ndarray]] = []
    while chunk := cursor.fetchmany(CHUNK_ROWS):
        texts, indexes, units = zip(*chunk, strict=True)
        rows = by_text.rows(texts)
        cols = np.array(indexes, dtype=np.int64)
        wanted = (rows >= 0) & (cols >= 0) & (cols < days)
        # Sales are negative movements; several sales of one key on one day add up.
        sold = -np.array(units, dtype=np.float64)[wanted]
        parts.append(_sum_by_cell(rows[wanted] * days + cols[wanted], sold))
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return _sum_by_cell(np.concatenate([c for c, _ in parts]), np.concatenate([u for _, u in parts]))


def _sum_by_cell(cells: np.ndarray, units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique cells and the sum of each one's units (np.add.at did it ten times slower).

    What `np.unique(cells, return_inverse=True)` gives, made of steps that let go of the interpreter
    (argsort, take, put): np.unique's scatter of the inverse held it 60-110 ms for two million cells,
    and a window waiting to run Python froze as long. The sums are bincount's, in the cells' order."""
    order = np.argsort(cells)
    ordered = np.take(cells, order)
    first = np.ones(len(ordered), dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    unique = np.take(ordered, np.flatnonzero(first))
    inverse = np.empty(len(cells), dtype=np.intp)
    np.put(inverse, order, _running_count(first) - 1)
    return unique, np.bincount(inverse, weights=units, minlength=len(unique))


def _running_count(flags: np.ndarray) -> np.ndarray:
    """`np.cumsum(flags)` a slice at a time: a cumsum holds the interpreter, 30 ms for 2 million."""
    out = np.empty(len(flags), dtype=np.intp)
    carried = 0
    for start in range(0, len(flags), FILL_SLICE):
        part = out[start : start + FILL_SLICE]
        np.cumsum(flags[start : start + FILL_SLICE], out=part)
        part += carried
        carried = int(part[-1])
    return out


def _starts(
    uow: UnitOfWork,
    by_text: KeyRows,
    count: int,
    first_day: datetime,
    days: int,
    store_id: uuid.UUID | None,
    items: list[uuid.UUID] | None,
) -> np.ndarray:
    """Day index of each key's first movement (0 when it predates the window).

    Read as (key text, first moment) from the driver's cursor, the moment converted by the column's
    own result processor: half of a million keys started within the year, and ORM rows of two UUIDs
    and a datetime each cost as much as the year's sales."""
    starts = np.zeros(count, dtype=np.int64)
    first = func.min(StockMovement.at)
    query = select(_key_text(uow.dialect), first).group_by(StockMovement.item_id, StockMovement.store_id)
    if store_id is not None:
        query = query.where(StockMovement.store_id == store_id)
    if items is not None:
        query = query.where(id_in(uow.dialect, StockMovement.item_id, items))
    query = query.having(first >= first_day)
    dialect = uow.session.get_bind().dialect
    moment = StockMovement.at.type.dialect_impl(dialect).result_processor(dialect, None)
    result = uow.session.connection().execute(query)
    try:
        while chunk := result.cursor.fetchmany(CHUNK_ROWS):
            for key, at in chunk:
                row = by_text.get(key)
                if row is not None:
                    starts[row] = min(days, ((moment(at) if moment else at) - first_day).days)
    finally:
        result.close()
    return starts


FORECAST_SLICE = 100_000  # keys forecast at a time: a 290 MB matrix for a year, not 5.5 GB
_PER_ROW = ("methods", "alphas", "rates", "sigmas", "mase", "zero_shares")  # ForecastBatch's arrays


def forecast_cells(sales: SaleCells, *, bucket_days: int = 7) -> fc.ForecastBatch:
    """`forecast_sales` of the whole catalogue, the same numbers, without its matrix.

    Only keys that sold are fitted, grouped by history length over the whole catalogue (at most
    FORECAST_SLICE keys at a time), each group's matrix made from the cells alone. Slicing the
    catalogue first made a thousand small groups at a million items, and the day loop of
    `forecast_many` costs per group; a row's forecast depends on its own days only, so the grouping
    does not change a number (a test compares them).
    """
    m, n = len(sales.keys), sales.days
    out = _no_sales(m, n)
    owners = sales.cells[sales.units > 0] // n if n else np.zeros(0, dtype=np.int64)
    # The cells are sorted, so each row's come together: the first of each run, not np.unique (a
    # hash of two million numbers, a third of a second that holds the interpreter and the window).
    sold = owners[np.diff(owners, prepend=-1) != 0]
    lengths = _bucketed(n - sales.starts[sold], bucket_days)
    for length in np.unique(lengths[lengths > 0]):  # no history yet: ZERO, rate 0
        rows = sold[lengths == length]
        for start in range(0, rows.size, FORECAST_SLICE):
            part = rows[start : start + FORECAST_SLICE]
            fitted = fc.forecast_many(sales.last_days(part, int(length)))
            for name in _PER_ROW:
                getattr(out, name)[part] = getattr(fitted, name)
    return out


def _no_sales(m: int, n: int) -> fc.ForecastBatch:
    """What `forecast_many` says of m rows without a sale: ZERO, rate and spread 0."""
    return fc.ForecastBatch(
        methods=_filled(m, fc.Method.ZERO.value, "<U7"),
        alphas=_filled(m, np.nan),
        rates=_filled(m, 0.0),
        sigmas=_filled(m, 0.0),
        mase=_filled(m, np.nan),
        zero_shares=_filled(m, 1.0),
        n_days=n,
    )


def _filled(m: int, value: object, dtype: str = "float64") -> np.ndarray:
    """`np.full(m, value)` a slice at a time: a fill holds the interpreter, and 1.9 million rows of the
    method texts and the NaNs at once held it 60 ms each, and the window's thread with it."""
    out = np.empty(m, dtype=dtype)
    for start in range(0, m, FILL_SLICE):
        out[start : start + FILL_SLICE] = value
    return out


def _bucketed(lengths: np.ndarray, bucket_days: int) -> np.ndarray:
    """History lengths rounded down to whole buckets, so rows of many start days share a few batches."""
    return np.where(lengths >= bucket_days, lengths - lengths % bucket_days, lengths)


def forecast_sales(sales: DailySales, *, bucket_days: int = 7) -> fc.ForecastBatch:
    """`forecast_many` over each row's own history (from its first stocked day), batched by length.

    Rows are grouped by history length rounded down to whole weeks, so a catalogue of items that
    started on many different days still runs as a few dozen vectorised batches.
    """
    m, n = sales.matrix.shape
    lengths = _bucketed(n - sales.starts, bucket_days)
    out = _no_sales(m, n)
    # A row without a single sale is ZERO, rate and spread 0, exactly what forecast_many says of it: most
    # of a big catalogue in any one year, so they skip the fitting (a test compares both).
    sold = sales.matrix.any(axis=1)
    for length in np.unique(lengths[(lengths > 0) & sold]):  # no history yet: ZERO, rate 0
        rows = np.flatnonzero((lengths == length) & sold)
        part = fc.forecast_many(sales.matrix[rows, n - int(length) :])
        for name in _PER_ROW:
            getattr(out, name)[rows] = getattr(part, name)
    return out


@dataclass(frozen=True)
class SalesHistory:
    """What the small chart shows: recent daily sales and the one-step forecast for each day."""

    days: tuple[datetime, ...]
    sales: tuple[float, ...]
    forecast: tuple[float, ...]
    method: str
    daily_rate: float


def history(
    uow: UnitOfWork, item_id: ItemId, store_id: StoreId, *, show_days: int = 56, as_of: datetime | None = None
) -> SalesHistory:
    """Recent sales against the forecast for one item in one store (for the suggestion's chart)."""
    with uow:
        item = uow.get(Item, item_id, "item")
        store = uow.get(Store, store_id, "store")
        plan = settings.read(uow)
        sales = read_daily_sales(
            uow,
            [(item.id, store.id)],
            days=plan.history_days,
            until=as_of or datetime.now(UTC),
            store_id=store.id,
        )
    result = fc.forecast(sales.matrix[0, int(sales.starts[0]) :])
    fitted = np.concatenate([np.zeros(int(sales.starts[0])), result.fitted])
    start = max(0, sales.matrix.shape[1] - show_days)
    days = tuple(sales.first_day + timedelta(days=d) for d in range(start, sales.matrix.shape[1]))
    return SalesHistory(
        days,
        tuple(sales.matrix[0, start:].tolist()),
        tuple(fitted[start:].tolist()),
        result.method.value,
        result.daily_rate,
    )
