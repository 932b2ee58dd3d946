"""Reading the items table at a million rows: filtered and sorted in SQL, on indexes only.

The window never holds all items. It reads the first page (`item_page`, a LIMIT on an index walk),
then, off the GUI thread, the whole ordered list of row keys (`sorted_keys`: 8 bytes a row on SQLite)
which gives the exact count and lets any scroll position be read with `rows_by_keys` — no OFFSET,
which on SQLite walks and throws away every row before it (OFFSET 500,000 costs ~0.5 s).

A row key is `item.rowid` on SQLite (it ends every index, so it is also the tie-breaker of every
sort and costs no lookup) and `item.id` on PostgreSQL. Text search uses the FTS5 trigram index on
SQLite and pg_trgm GIN indexes on PostgreSQL (migration 0002_search). Total on-hand and the first
barcode come from `item_summary`, kept by triggers, so those columns sort through an index too.
"""

from __future__ import annotations

import enum
import uuid
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Select,
    Uuid,
    and_,
    any_,
    bindparam,
    exists,
    func,
    literal_column,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.dialects import postgresql

from stockdesk.db.fast_read import FastRead
from stockdesk.db.models import Category, Item, ItemBarcode, StockLevel
from stockdesk.db.search_models import ItemSummary, item_low
from stockdesk.db.store_points_models import StoreReorderPoint
from stockdesk.domain.ids import CategoryId, ItemId, StoreId, SupplierId
from stockdesk.services.planning import store_points
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.views import ItemRow

FTS_MIN_LENGTH = 3  # the trigram index cannot answer shorter strings: those fall back to LIKE


class ItemSort(enum.StrEnum):
    SKU = "sku"
    NAME = "name"
    BARCODE = "barcode"
    UNIT = "unit"
    SELL_PRICE = "sell_price"
    COST_PRICE = "cost_price"
    REORDER_POINT = "reorder_point"
    ON_HAND = "on_hand"


@dataclass(frozen=True)
class ItemFilter:
    """Every condition is optional; they combine with AND. Prices are the sell price, inclusive.

    `store_id` lists only items stocked in that store and makes on-hand (column, sort, low stock)
    that store's figure; without it on-hand is the total and low stock means low in any store.
    """

    text: str = ""
    include_archived: bool = False
    archived_only: bool = False
    category_id: CategoryId | None = None  # with all its sub-categories
    supplier_id: SupplierId | None = None
    store_id: StoreId | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    low_stock: bool = False
    updated_since: datetime | None = None  # changed at or after this moment (incremental pulls)
    template_id: ItemId | None = None  # the variants of one template (docs/variants.md)

    @property
    def lists_every_item(self) -> bool:
        """No condition at all: the listed items (active, not deleted), as the list first opens."""
        return self == _NO_CONDITIONS


_NO_CONDITIONS = ItemFilter()
Keys = Sequence[Any]  # array('q') of rowids on SQLite, list of UUIDs on PostgreSQL


def _is_sqlite(uow: UnitOfWork) -> bool:
    return uow.dialect == "sqlite"


def key_column(uow: UnitOfWork) -> ColumnElement[Any]:
    return literal_column("item.rowid") if _is_sqlite(uow) else Item.id  # type: ignore[return-value]


def _on_hand(item_filter: ItemFilter) -> ColumnElement[Decimal]:
    return StockLevel.on_hand if item_filter.store_id else ItemSummary.on_hand  # type: ignore[return-value]


def _default_status(item_filter: ItemFilter) -> bool:
    return not (item_filter.include_archived or item_filter.archived_only)


def _value(bound: bool, name: str, value: Any) -> Any:
    """`value`, or a parameter `name` to be given it at each run of a statement built once per shape of
    filter (`filter_params` gives every such parameter its value)."""
    return bindparam(name) if bound else value


def filter_params(item_filter: ItemFilter, categories: list[uuid.UUID] | None) -> dict[str, Any]:
    """The values of `filtered(..., bound=True)`'s parameters for `item_filter` (not its text);
    `categories` is the named category's sub-tree."""
    named = {
        "store_id": item_filter.store_id,
        "supplier_id": item_filter.supplier_id,
        "min_price": item_filter.min_price,
        "max_price": item_filter.max_price,
        "updated_since": item_filter.updated_since,
        "template_id": item_filter.template_id,
        "categories": categories,
    }
    return {name: value for name, value in named.items() if value is not None}


def _joined(
    query: Select[Any], item_filter: ItemFilter, *, summary: bool = True, bound: bool = False
) -> Select[Any]:
    query = query.select_from(Item)
    if summary:
        query = query.join(ItemSummary, ItemSummary.item_id == Item.id)
    if item_filter.store_id:
        store_id = _value(bound, "store_id", item_filter.store_id)
        on = and_(StockLevel.item_id == Item.id, StockLevel.store_id == store_id)
        query = query.join(StockLevel, on)
    return query


def _fts_phrase(raw: str) -> str:
    return '"' + raw.replace('"', '""') + '"'  # one quoted phrase: a substring, never FTS syntax


def _uses_fts(uow: UnitOfWork, raw: str) -> bool:
    return _is_sqlite(uow) and len(raw) >= FTS_MIN_LENGTH


def _text_condition(uow: UnitOfWork, raw: str, *, walk: bool = False) -> ColumnElement[bool]:
    if _uses_fts(uow, raw):
        matches = text("SELECT rowid FROM item_fts WHERE item_fts MATCH :phrase")
        matches = matches.bindparams(phrase=_fts_phrase(raw))
        # Walking the sort index, the matches are a list each row is checked against (`+` hides
        # the rowid from the planner, which would otherwise fetch and sort every match).
        return literal_column("+item.rowid" if walk else "item.rowid").in_(matches)
    pattern = like_pattern(raw)
    name, sku, code = text_branches(pattern)
    if not _is_sqlite(uow):
        # A union of three trigram-index look-ups: with an OR of them PostgreSQL guesses that half the
        # table matches and walks the sort index filtering every row (2 s at a million items, not 0.1 s).
        found = union_all(select(Item.id).where(name), select(Item.id).where(sku), _codes(pattern))
        return Item.id.in_(found)
    return or_(name, sku, code)


Pattern = str | BindParameter[str]  # a `like_pattern`, or a parameter that will hold one


def like_pattern(raw: str) -> str:
    """`raw` anywhere in the text: LIKE's own wildcards in it are taken literally (escaped with \\)."""
    return "%" + raw.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _codes(pattern: Pattern) -> Select[Any]:
    return select(ItemBarcode.item_id).where(
        ItemBarcode.code.ilike(pattern, escape="\\"), ItemBarcode.deleted.is_(False)
    )


def text_branches(pattern: Pattern) -> tuple[ColumnElement[bool], ...]:
    """The text search as its three alternatives, each on its own index: the name, the SKU or a
    live barcode matches `pattern` (case-insensitive). An item matches when any one does."""
    name, sku = Item.name.ilike(pattern, escape="\\"), Item.sku.ilike(pattern, escape="\\")
    return name, sku, Item.id.in_(_codes(pattern))


def _low_stock(item_filter: ItemFilter, *, sqlite: bool) -> ColumnElement[bool]:
    """A store at or below the reorder point that applies there: the store's own (`StoreReorderPoint`),
    else the item's; 0 means "not watched" in that store. Alerts and reorder suggestions judge so too."""
    if item_filter.store_id:
        point = func.coalesce(
            store_points.override_columns(StockLevel.item_id, StockLevel.store_id)[0], Item.reorder_point
        )
        return and_(point > 0, StockLevel.on_hand <= point)
    if not sqlite and _default_status(item_filter):
        # The marks exist for listed items only (an archived item's low stock is read from its
        # levels), and count by the point that applies in each store (migrations 0037, 0039).
        return exists(_listed_low_items().where(item_low.c.item_id == Item.id).correlate(Item))
    if not sqlite:
        # One EXISTS, no OR beside it: PostgreSQL can then join it as a semi-join (with an OR it was
        # probed row by row: an archived list's first page went from 240 to 871 ms at a million).
        return _low_level_by_own_point()
    overridden = Item.id.in_(_overridden_items())
    level = select(1).where(StockLevel.item_id == Item.id, StockLevel.on_hand <= Item.reorder_point)
    # SQLite took `reorder_point > 0` to its index and fetched each watched item's row from there: at a
    # million items, most of them watched, 5.7 s against 2.0 s for one pass over the table (which is
    # also the most the pass can cost when few are watched).
    by_item_point = and_(~overridden, _unindexed(Item.reorder_point) > 0, exists(level.correlate(Item)))
    return or_(by_item_point, and_(overridden, _low_level_by_own_point()))


_own = StoreReorderPoint.__table__


def _overridden_items() -> Select[tuple[uuid.UUID]]:
    """The items with a store of their own reorder point: few (a manager sets each), so every low-stock
    read can afford to judge them from their levels and leave the common path as it was."""
    return select(_own.c.item_id).where(_own.c.deleted.is_(False))


def _low_level_by_own_point() -> ColumnElement[bool]:
    """The item (of the enclosing query) has a level at or below the point that applies in its store."""
    joined = StockLevel.__table__.outerjoin(
        _own, store_points.live_point_of(StockLevel.item_id, StockLevel.store_id)
    )
    point = func.coalesce(StoreReorderPoint.reorder_point, Item.reorder_point)
    level = (
        select(1)
        .select_from(joined)
        .where(StockLevel.item_id == Item.id, point > 0, StockLevel.on_hand <= point)
    )
    return exists(level.correlate(Item))


def category_ids(uow: UnitOfWork, root: uuid.UUID) -> list[uuid.UUID]:
    """`root` and every category below it (the tree is small: read it whole)."""
    with uow:
        return _category_ids(uow, root)


def _category_ids(uow: UnitOfWork, root: uuid.UUID) -> list[uuid.UUID]:
    # A page and its count both filter by the same sub-tree: read it once per transaction.
    known: dict[uuid.UUID, list[uuid.UUID]] = uow.session.info.setdefault("category_subtrees", {})
    if root not in known:
        known[root] = read_category_ids(uow, root)
    return known[root]


# The whole (small) tree in one precompiled statement on its own pooled connection: an API list
# filtered by category runs this on every request, where an ORM query cost more than the page did
# (a category's page in price order works the sub-tree out in its own statement: category_pages).
_CATEGORY_TREE = FastRead(select(Category.id, Category.parent_id).where(Category.deleted.is_(False)))


def read_category_ids(uow: UnitOfWork, root: uuid.UUID) -> list[uuid.UUID]:
    """`root` and every category below it, read on a pooled connection of the unit of work's engine
    (the unit of work itself is not entered: a precompiled page reads it before its own statement)."""
    rows = _CATEGORY_TREE.rows(uow.engine, {})
    children: dict[uuid.UUID | None, list[uuid.UUID]] = {}
    for category_id, parent_id in rows:
        children.setdefault(parent_id, []).append(category_id)
    found, todo = [root], [root]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.append(child)
                todo.append(child)
    return found


def _unindexed(column: Any) -> ColumnElement[Any]:
    return literal_column(f"+item.{column.key}", type_=column.type)


def filtered(
    uow: UnitOfWork,
    query: Select[Any],
    item_filter: ItemFilter,
    *,
    summary: bool = True,
    walk: bool = False,
    text_branch: ColumnElement[bool] | None = None,
    bound: bool = False,
) -> Select[Any]:
    """Called inside `with uow:` (a category filter reads the category tree). `text_branch`, one of
    `text_branches`, stands for the whole text condition (a union of the branches is the search).

    `bound` (PostgreSQL, no text) builds the statement for every filter of this one's shape: each value
    is a parameter (`_value`) and the category's sub-tree one array parameter, `categories`."""
    query = _joined(query, item_filter, summary=summary, bound=bound).where(Item.deleted.is_(False))
    if item_filter.archived_only:
        query = query.where(Item.active.is_(False))
    elif not item_filter.include_archived:
        query = query.where(Item.active.is_(True))
    raw = item_filter.text.strip()
    if text_branch is not None:
        query = query.where(text_branch)
    elif raw:
        query = query.where(_text_condition(uow, raw, walk=walk))
    if item_filter.category_id and bound:
        query = query.where(Item.category_id == any_(bindparam("categories", type_=postgresql.ARRAY(Uuid))))
    elif item_filter.category_id:
        query = query.where(Item.category_id.in_(_category_ids(uow, item_filter.category_id)))
    # `+column` (SQLite's no-op unary plus) hides the column's index from the planner: see walks_sort_index.
    supplier = _unindexed(Item.supplier_id) if walk else Item.supplier_id
    price = _unindexed(Item.sell_price) if walk else Item.sell_price
    if item_filter.supplier_id:
        query = query.where(supplier == _value(bound, "supplier_id", item_filter.supplier_id))
    if item_filter.min_price is not None:
        query = query.where(price >= _value(bound, "min_price", item_filter.min_price))
    if item_filter.max_price is not None:
        query = query.where(price <= _value(bound, "max_price", item_filter.max_price))
    if item_filter.low_stock:
        query = query.where(_low_stock(item_filter, sqlite=_is_sqlite(uow)))
    if item_filter.updated_since is not None:
        query = query.where(Item.updated_at >= _value(bound, "updated_since", item_filter.updated_since))
    if item_filter.template_id is not None:
        template_id = _value(bound, "template_id", item_filter.template_id)
        query = query.where(Item.template_id == template_id)  # ix_item_template_id
    return query


def _order(uow: UnitOfWork, item_filter: ItemFilter, sort: ItemSort, descending: bool) -> list[Any]:
    """The sort key and a tie-breaker that the key's index already ends with."""
    if sort is ItemSort.ON_HAND:
        pair = [_on_hand(item_filter), StockLevel.item_id if item_filter.store_id else ItemSummary.item_id]
    elif sort is ItemSort.BARCODE:
        pair = [ItemSummary.barcode, ItemSummary.item_id]
    else:
        pair = [getattr(Item, sort.value), key_column(uow)]
    return [column.desc() if descending else column.asc() for column in pair]


def row_columns(item_filter: ItemFilter) -> list[Any]:
    own = (
        [store_points.override_columns(StockLevel.item_id, StockLevel.store_id)[0].label("store_point")]
        if item_filter.store_id
        else []
    )
    return [
        Item.id,
        Item.sku,
        Item.name,
        Item.unit,
        Item.sell_price,
        Item.cost_price,
        Item.reorder_point,
        _on_hand(item_filter).label("on_hand"),
        Item.active,
        ItemSummary.barcode,
        *own,
    ]


def to_row(r: Any) -> ItemRow:
    return ItemRow(
        r.id,
        r.sku,
        r.name,
        r.unit,
        r.sell_price,
        r.cost_price,
        r.reorder_point,
        r.on_hand,
        r.active,
        r.barcode,
        getattr(r, "store_point", None),  # one store's list only
    )


_ITEM_ROW_FIELDS = tuple(f.name for f in fields(ItemRow))


@lru_cache(maxsize=64)
def _taker(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """What picks an ItemRow's values, in its fields' order, out of a row with these column names
    (`store_point` is there in one store's list only)."""
    wanted = [f for f in _ITEM_ROW_FIELDS if f in names]
    pick = itemgetter(*(names.index(f) for f in wanted))
    if len(wanted) == len(_ITEM_ROW_FIELDS):
        return pick
    missing = (None,) * (len(_ITEM_ROW_FIELDS) - len(wanted))  # only store_point may be left out
    return lambda row: pick(row) + missing


def to_rows(found: Sequence[Any]) -> list[ItemRow]:
    """`to_row` of each of a page's rows (named rows, all of one statement), at half the cost: an
    ItemRow's frozen __init__ sets its eleven fields one `object.__setattr__` at a time, a fifth of
    the CPU an API page of 50 cost besides its database round trip. Its fields are filled in at once
    instead; the row is the same, frozen as ever."""
    if not found:
        return []
    take = _taker(tuple(found[0]._fields))
    made = []
    for r in found:
        row = object.__new__(ItemRow)
        row.__dict__.update(zip(_ITEM_ROW_FIELDS, take(r), strict=True))
        made.append(row)
    return made


# Walking costs about page / selectivity row reads, collecting costs about `matches`: they break
# even near sqrt(page x items), ~10,000 matches for a page of 100 in a million.
WALK_THRESHOLD = 10_000


def walks_sort_index(uow: UnitOfWork, item_filter: ItemFilter, sort: ItemSort) -> bool:
    """Should a first page walk the sort's index (stopping after a page) rather than the filter's?

    SQLite picks the supplier or price index, collects every match and sorts them: 0.2-0.5 s for
    20,000 matches. When a filter keeps thousands of rows, walking the (live) sort index finds a page
    of matches in a few ms. When it keeps few, that walk would cross most of the index, so the
    planner's choice stands. The match count is probed, capped at WALK_THRESHOLD, with the probed
    filters together. A text search counts as broad when the FTS index alone holds WALK_THRESHOLD
    matches (a short word such as "saw": 50,000 matches at a million items, 0.25 s collected and
    sorted, ~12 ms walked); fewer matches, or a text too short for the index, are left to the planner.
    """
    raw = item_filter.text.strip()
    if not _is_sqlite(uow) or not _default_status(item_filter) or (raw and not _uses_fts(uow, raw)):
        return False
    if sort in (ItemSort.ON_HAND, ItemSort.BARCODE):
        return False
    if raw:
        capped = (
            text("SELECT 1 FROM item_fts WHERE item_fts MATCH :phrase LIMIT :cap")
            .bindparams(phrase=_fts_phrase(raw), cap=WALK_THRESHOLD)
            .columns()
            .subquery()
        )
        if (uow.session.scalar(select(func.count()).select_from(capped)) or 0) < WALK_THRESHOLD:
            return False
    probes = []
    if item_filter.supplier_id:
        probes.append(Item.supplier_id == item_filter.supplier_id)
    if item_filter.min_price is not None or item_filter.max_price is not None:
        low = item_filter.min_price if item_filter.min_price is not None else Decimal(0)
        high = item_filter.max_price if item_filter.max_price is not None else Decimal("1e10")
        probes.append(Item.sell_price.between(low, high))
    if not probes:
        return bool(raw)
    capped = select(1).select_from(Item).where(*probes).limit(WALK_THRESHOLD).subquery()
    return (uow.session.scalar(select(func.count()).select_from(capped)) or 0) >= WALK_THRESHOLD


def _listed_low_items() -> Select[tuple[uuid.UUID]]:
    """The listed items with a store at or below their reorder point, as PostgreSQL's triggers keep
    them (migration 0037): `low_levels` is above 0 for such items only, and its partial index holds them."""
    # The 0 is written into the statement: PostgreSQL can prove `low_levels > $1` implies the partial
    # index's `low_levels > 0` for no value of $1, so a prepared statement's generic plan lost the index.
    return select(item_low.c.item_id).where(item_low.c.low_levels > literal_column("0"))


def matches_statement(uow: UnitOfWork, item_filter: ItemFilter, *, bound: bool = False) -> Select[Any]:
    """The ids of the items `item_filter` lists, in no order (run inside `with uow:`: a category filter
    reads the category tree). The low-stock list alone is read from its partial index on PostgreSQL:
    joined back to the items, counting its first 10,001 ids walked ~94,000 items (stop 40)."""
    if low_stock_alone(uow, item_filter):
        return _listed_low_items()
    return filtered(uow, select(Item.id), item_filter, summary=False, bound=bound)


def low_stock_alone(uow: UnitOfWork, item_filter: ItemFilter) -> bool:
    """Whether `item_filter` is the low-stock list and nothing else, on PostgreSQL: its matches are
    the items whose marks say low (`item_summary.low_levels > 0`), which a tally counts (0043)."""
    return not _is_sqlite(uow) and item_filter == ItemFilter(low_stock=True)


def count_statement(uow: UnitOfWork, item_filter: ItemFilter) -> Select[tuple[int]]:
    """The number of items `item_filter` lists, as a statement (run inside `with uow:`: a category
    filter reads the category tree)."""
    return select(func.count()).select_from(matches_statement(uow, item_filter).subquery())


def count_items(uow: UnitOfWork, item_filter: ItemFilter) -> int:
    with uow:
        return int(uow.session.scalar(count_statement(uow, item_filter)) or 0)


def total_items(uow: UnitOfWork) -> int:
    """Every item that is not deleted, active or archived: the "of N items" of the count."""
    with uow:
        return int(uow.session.scalar(select(func.count()).where(Item.deleted.is_(False))) or 0)


def item_page(
    uow: UnitOfWork,
    item_filter: ItemFilter,
    *,
    sort: ItemSort = ItemSort.SKU,
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> list[ItemRow]:
    """Rows `offset`..`offset+limit` of the filtered, sorted list. Meant for the first pages only:
    deep offsets are slow; use `sorted_keys` + `rows_by_keys` there."""
    with uow:
        walk = walks_sort_index(uow, item_filter, sort)
        # The page's keys first, then its rows: when the matches are collected and sorted (a broad text
        # search with other filters), only the key and sort column of each match are carried and the
        # display columns (item_summary's barcode among them) are read for the page alone.
        summary = sort in (ItemSort.ON_HAND, ItemSort.BARCODE)
        query = filtered(uow, select(key_column(uow)), item_filter, summary=summary, walk=walk)
        query = query.order_by(*_order(uow, item_filter, sort, descending)).offset(offset).limit(limit)
        keys = list(uow.session.scalars(query))
    return rows_by_keys(uow, item_filter, keys)


def sorted_keys(
    uow: UnitOfWork, item_filter: ItemFilter, *, sort: ItemSort = ItemSort.SKU, descending: bool = False
) -> Keys:
    """The key of every matching row in display order; its length is the filtered count."""
    with uow:
        summary = sort in (ItemSort.ON_HAND, ItemSort.BARCODE)
        query = filtered(uow, select(key_column(uow)), item_filter, summary=summary)
        query = query.order_by(*_order(uow, item_filter, sort, descending))
        result = uow.session.connection().execute(query)
        if _is_sqlite(uow):
            # Straight from the DB-API cursor: SQLAlchemy's per-row work would triple the time for a
            # million ints (binds were still processed by SQLAlchemy above).
            keys = array("q")
            while chunk := result.cursor.fetchmany(50_000):
                keys.extend(key for (key,) in chunk)
            result.close()
            # The scan filled this pooled connection's page cache (up to 16 MB, see db.engine) with index
            # pages no page read needs again: hand that memory back rather than keep it per connection.
            uow.session.connection().exec_driver_sql("PRAGMA shrink_memory")
            return keys
        return list(result.scalars())


def rows_by_keys(uow: UnitOfWork, item_filter: ItemFilter, keys: Keys) -> list[ItemRow]:
    """The rows of `keys`, in that order (a key whose item has gone is skipped)."""
    if not len(keys):
        return []
    key = key_column(uow)
    wanted = list(keys)
    query = _joined(select(key.label("k"), *row_columns(item_filter)), item_filter).where(key.in_(wanted))
    with uow:
        found = {r.k: r for r in uow.session.execute(query)}
    return [to_row(found[k]) for k in wanted if k in found]


def iter_rows(
    uow_factory: Any,
    item_filter: ItemFilter,
    *,
    sort: ItemSort = ItemSort.SKU,
    descending: bool = False,
    batch: int = 2_000,
) -> Iterator[ItemRow]:
    """Every matching row in display order, `batch` rows in memory at a time (for exports).

    `uow_factory` is `db.uow`: each batch is its own short read, so a long export holds no lock.
    """
    keys = sorted_keys(uow_factory(), item_filter, sort=sort, descending=descending)
    for start in range(0, len(keys), batch):
        yield from rows_by_keys(uow_factory(), item_filter, keys[start : start + batch])
