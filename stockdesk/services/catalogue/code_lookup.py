"""The item a scanned or typed code names: by barcode (any of its printed forms), else by SKU.

Every scan at the counter comes here, so each path is one indexed join and nothing more: the
barcode's unique index, the item by primary key, its live barcodes by `item_id`; or the
`upper(sku)` expression index (migration 0010). On a server, a code that may be either asks both
in one statement (UNION ALL: one round trip). Rows come back unordered and the few of them are put in
order here, so no plan needs a sort (tests/integration/test_code_lookup.py checks the plans on
SQLite and PostgreSQL). Statements run through `db.fast_read` (~0.1 ms a scan at a
million items; `python -m bench lookup`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, Engine, Select, and_, bindparam, func, literal_column, select, union_all

from stockdesk.db.fast_read import FastRead
from stockdesk.db.models import Item, ItemBarcode
from stockdesk.domain.variants import load_values
from stockdesk.services.views import BarcodeView, ItemView

_ITEM = Item.__table__
_CODES = ItemBarcode.__table__.alias("code")  # every live barcode of the item found
_ITEM_NAMES = [name for name in ItemView.__dataclass_fields__ if name != "barcodes"]
_ITEM_COLUMNS = [_ITEM.c[name] for name in _ITEM_NAMES]
_WIDTH = len(_ITEM_COLUMNS)
_WITH_CODES = _ITEM.outerjoin(_CODES, and_(_CODES.c.item_id == _ITEM.c.id, _CODES.c.deleted.is_(False)))
_CODE_COLUMNS = [_CODES.c.id, _CODES.c.code, _CODES.c.symbology, _CODES.c.created_at]
Row = tuple[Any, ...]  # (what matched, item columns..., barcode columns..., _BARCODE or _SKU)
Rows = list[Row]


_BARCODE, _SKU = 0, 1  # what a row matched, in its last column


def _barcode_rows(forms: int) -> Select[Any]:
    hit = ItemBarcode.__table__.alias("hit")
    wanted: list[BindParameter[str]] = [bindparam(f"form_{n}") for n in range(forms)]
    return (
        select(hit.c.code, *_ITEM_COLUMNS, *_CODE_COLUMNS, literal_column(str(_BARCODE)))
        .select_from(hit.join(_WITH_CODES, _ITEM.c.id == hit.c.item_id))
        .where(hit.c.code.in_(wanted), hit.c.deleted.is_(False), _ITEM.c.deleted.is_(False))
    )


_SKU_ROWS = (
    select(_ITEM.c.sku, *_ITEM_COLUMNS, *_CODE_COLUMNS, literal_column(str(_SKU)))
    .select_from(_WITH_CODES)
    .where(func.upper(_ITEM.c.sku) == bindparam("upper"), _ITEM.c.deleted.is_(False))
)


@cache
def _by_barcode(forms: int) -> FastRead:
    """Items holding any of `forms` codes (one statement per count: a scan has 1 to 6 forms)."""
    return FastRead(_barcode_rows(forms))


_BY_SKU = FastRead(_SKU_ROWS)


@cache
def _by_code(forms: int) -> FastRead:
    """Both at once, one round trip: the items holding any of `forms`, and the item with the SKU."""
    return FastRead(union_all(_barcode_rows(forms), _SKU_ROWS))


BarcodeRead = tuple[FastRead, dict[str, str]]


def barcode_read(forms: Sequence[str]) -> BarcodeRead | None:
    """The statement `item_by_barcode` runs (None: no forms, nothing to read)."""
    if not forms:
        return None
    return _by_barcode(len(forms)), {f"form_{n}": form for n, form in enumerate(forms)}


def item_by_barcode(engine: Engine, forms: Sequence[str]) -> ItemView | None:
    """The live item holding one of `forms` (the scanned form first: it wins over another form)."""
    read = barcode_read(forms)
    return None if read is None else item_of_barcode_rows(forms, read[0].rows(engine, read[1]))


def item_of_barcode_rows(forms: Sequence[str], rows: Rows) -> ItemView | None:
    """`item_by_barcode`'s answer from the rows of `barcode_read(forms)`, read by the caller."""
    rank = _rank(forms)
    return _item(rows, lambda row: rank[row[0]])


def _rank(forms: Sequence[str]) -> dict[str, int]:
    """Each form's place in `forms` (its first, if listed twice): the scanned form wins."""
    return {form: n for n, form in reversed(list(enumerate(forms)))}


def item_by_sku(engine: Engine, sku: str) -> ItemView | None:
    """The live item with this SKU, in any case (an exact match wins over another case)."""
    rows = _BY_SKU.rows(engine, {"upper": sku.upper()})
    return _item(rows, lambda row: int(row[0] != sku))


def item_by_code(engine: Engine, forms: Sequence[str], sku: str) -> ItemView | None:
    """By barcode first, then by SKU: the order a scanned code is understood in."""
    read = barcode_read(forms)
    if read is None or engine.dialect.name == "sqlite":
        # In-process SQLite has no round trip to save, and the SKU's probe would slow every barcode hit.
        return item_by_barcode(engine, forms) or item_by_sku(engine, sku)
    rows = _by_code(len(forms)).rows(engine, {**read[1], "upper": sku.upper()})
    rank = _rank(forms)
    after_barcodes = len(forms)
    return _item(rows, lambda row: rank[row[0]] if row[-1] == _BARCODE else after_barcodes + (row[0] != sku))


def _item(rows: list[Row], preference: Callable[[Row], int]) -> ItemView | None:
    """The preferred item among `rows` (then the oldest id, as before) with its barcodes, oldest first.

    There is one row per barcode of each item found (one row with empty barcode columns if it has none).
    """
    if not rows:
        return None
    best = min(rows, key=lambda row: (preference(row), row[1]))
    item_id = best[1]
    codes = {row[_WIDTH + 1]: row for row in rows if row[1] == item_id and row[_WIDTH + 1] is not None}
    ordered = sorted(codes.values(), key=lambda row: (row[_WIDTH + 4], row[_WIDTH + 1]))
    barcodes = tuple(BarcodeView(row[_WIDTH + 1], row[_WIDTH + 2], row[_WIDTH + 3]) for row in ordered)
    fields: dict[str, Any] = dict(zip(_ITEM_NAMES, best[1 : _WIDTH + 1], strict=True))
    # Stored as JSON text, shown as (attribute, value) pairs: as ItemView.of reads it.
    fields["variant_values"] = tuple(load_values(fields["variant_values"]).items())
    return ItemView(**fields, barcodes=barcodes)
