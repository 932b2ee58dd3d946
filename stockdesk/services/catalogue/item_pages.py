"""Pages of the items list for the API: keyset cursors, so page 5,000 costs what page 1 does.

A cursor is an opaque token holding the sort column's value and the row key of the page's edge row
(the rowid on SQLite, the id on PostgreSQL: the tie-breaker every sort index ends with, see
item_query). The next page asks for rows after it with `col >= v AND (col > v OR key > k)`, which a
single index range scan answers; OFFSET would walk and drop every row before the page.

`count` is exact up to COUNT_LIMIT matches and None past that, and is given on the first page only:
counting a million matching rows costs ~0.5 s, far more than the page it would decorate. The whole
list's count on PostgreSQL is read from a tally that triggers keep (migration 0036), and capped alike.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections import namedtuple
from collections.abc import Hashable
from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Label,
    Select,
    String,
    and_,
    bindparam,
    func,
    literal_column,
    or_,
    select,
    union,
)

from stockdesk.db.fast_read import FastRead, Plan
from stockdesk.db.models import Item, StockLevel
from stockdesk.db.search_models import (
    ItemSummary,
    catalogue_version_now,
    tallied_listed_items,
    tallied_low_items,
)
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message
from stockdesk.services.catalogue.category_pages import ROOT, category_page, reads_by_category
from stockdesk.services.catalogue.item_query import (
    ItemFilter,
    ItemSort,
    Pattern,
    filter_params,
    filtered,
    key_column,
    like_pattern,
    low_stock_alone,
    matches_statement,
    read_category_ids,
    row_columns,
    text_branches,
    to_rows,
    walks_sort_index,
)
from stockdesk.services.catalogue.kept_searches import FOLLOW_TIMEOUT_S, KeptRead, KeptSearches, kept_searches
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.views import ItemRow

MAX_LIMIT = 500
COUNT_LIMIT = 10_000
# Columns of the item row itself: each has an index ending with the row key on both databases.
SORTS = (
    ItemSort.SKU,
    ItemSort.NAME,
    ItemSort.UNIT,
    ItemSort.SELL_PRICE,
    ItemSort.COST_PRICE,
    ItemSort.REORDER_POINT,
)
_DECIMAL_SORTS = (ItemSort.SELL_PRICE, ItemSort.COST_PRICE, ItemSort.REORDER_POINT)


@dataclass(frozen=True)
class ItemPage:
    rows: list[ItemRow]
    count: int | None
    next_cursor: str | None
    previous_cursor: str | None


@dataclass(frozen=True)
class _Edge:
    value: Any
    key: Any
    backwards: bool


def _encode(sort: ItemSort, descending: bool, value: Any, key: Any, backwards: bool) -> str:
    payload = {
        "s": sort.value,
        "d": descending,
        "v": str(value),
        "k": key if isinstance(key, int) else key.hex,
        "b": backwards,
    }
    return base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode(dialect: str, cursor: str, sort: ItemSort, descending: bool) -> _Edge:
    refused = ValidationError("cursor", cursor, Message("api.bad_cursor"))
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if payload["s"] != sort.value or payload["d"] != descending:
            raise refused
        value: Any = Decimal(payload["v"]) if sort in _DECIMAL_SORTS else str(payload["v"])
        key: Any = int(payload["k"]) if dialect == "sqlite" else uuid.UUID(hex=payload["k"])
        return _Edge(value, key, bool(payload["b"]))
    except (ValueError, KeyError, TypeError, InvalidOperation, binascii.Error):
        raise refused from None


def _after(column: Any, key: Any, edge: _Edge, ascending: bool) -> ColumnElement[bool]:
    """Rows beyond `edge` in the direction of travel: one index range plus a filter on the ties."""
    if ascending:
        return and_(column >= edge.value, or_(column > edge.value, key > edge.key))
    return and_(column <= edge.value, or_(column < edge.value, key < edge.key))


def _capped(found: int) -> int | None:
    return found if found <= COUNT_LIMIT else None


def _counted(matches: Select[Any]) -> Label[int]:
    """The number of `matches`, counted up to COUNT_LIMIT + 1 only, as a column named `matches`."""
    capped = matches.limit(literal_column(str(COUNT_LIMIT + 1))).subquery()  # no parameter: see _PAGE_READS
    return select(func.count()).select_from(capped).scalar_subquery().label("matches")


def _tallied(uow: UnitOfWork, item_filter: ItemFilter) -> bool:
    """Whether the matches are the listed items, whose number PostgreSQL keeps (migration 0036)."""
    return uow.dialect == "postgresql" and item_filter.lists_every_item


def _tally() -> Label[int]:
    """The number of listed items, as a column named `matches`."""
    return select(tallied_listed_items()).scalar_subquery().label("matches")


def _collects_matches(uow: UnitOfWork, item_filter: ItemFilter) -> bool:
    """A text search on PostgreSQL gathers every match from the trigram indexes (and rechecks each
    candidate row) before it can sort: the first page and its count then share one such set."""
    return uow.dialect == "postgresql" and bool(item_filter.text.strip())


def _first_page_of_matches(
    uow: UnitOfWork, item_filter: ItemFilter, sort: ItemSort, ascending: bool, limit: int, pattern: Pattern
) -> Select[Any]:
    """`limit + 1` rows of the matches in order, each carrying the capped count of all of them
    (`matches`): one statement over one materialised set of the matches (with the item columns the
    index recheck read anyway), so the trigram search runs once, not for the page and again for the
    count, and item_summary is read for the page's rows only, not for every match."""
    on_hand = [StockLevel.on_hand.label("on_hand")] if item_filter.store_id else []
    columns = [Item.id, Item.sku, Item.name, Item.unit, Item.sell_price, Item.cost_price, Item.reorder_point]
    wanted = select(*columns, Item.active, *on_hand)
    # Each alternative of the search (name, SKU, barcode) reads its rows from its own index with every
    # column and filter at once, and UNION merges an item found twice (its rows are equal). A union of
    # ids instead had every match read again by primary key: 5 of 13 ms of a 1,000-match search.
    branches = [
        filtered(uow, wanted, item_filter, summary=False, text_branch=branch)
        for branch in text_branches(pattern)
    ]
    matches = union(*branches).cte("matches").prefix_with("MATERIALIZED")
    column, key = matches.c[sort.value], matches.c.id
    order = [column.asc(), key.asc()] if ascending else [column.desc(), key.desc()]
    page = select(matches).order_by(*order).limit(limit + 1).subquery("page")
    held = page.c.on_hand if item_filter.store_id else ItemSummary.on_hand.label("on_hand")
    rows = select(
        page.c.id.label("k"), *(page.c[c.key] for c in [*columns, Item.active]), held, ItemSummary.barcode
    )
    ordered = [page.c[sort.value], page.c.id]
    return (
        rows.add_columns(_counted(select(matches.c.id)), catalogue_version_now().label("catalogue"))
        .join_from(page, ItemSummary, ItemSummary.item_id == page.c.id)
        .order_by(*(c.asc() if ascending else c.desc() for c in ordered))
    )


def _compiled(statement: Select[Any], *, plan: Plan | None = None) -> tuple[FastRead, type[tuple[Any, ...]]]:
    """The statement as a FastRead, and a row type naming its columns as the ORM's rows do."""
    row = namedtuple("PageRow", [str(c.key) for c in statement.selected_columns])  # type: ignore[misc]
    return FastRead(statement, plan=plan), row


# The first page of a search, built and compiled once per shape of filter with the text as a parameter
# and run as one plain driver call in autocommit: building the union, its cache key, SQLAlchemy's
# execution and the BEGIN and ROLLBACK round trips cost ~2 ms of a worker's CPU, more than half of what
# the request cost besides PostgreSQL's own work. A category's sub-tree is read per request (it can
# change), so a filter with one takes the ordinary path. A page asked for again, the catalogue unchanged,
# is served from memory with its stock read afresh (kept_searches).
_FIRST_PAGES: dict[tuple[Any, ...], tuple[FastRead, type[tuple[Any, ...]]]] = {}
_MAX_SHAPES = 256  # page sizes and filters would otherwise grow it without end


def _first_page_of_matches_fast(
    uow: UnitOfWork, item_filter: ItemFilter, sort: ItemSort, ascending: bool, limit: int
) -> list[Any]:
    text = item_filter.text.strip()
    kept, key = kept_searches(uow.engine), _kept_key(replace(item_filter, text=text), sort, ascending, limit)
    if key is None:
        return _searched(uow, item_filter, sort, ascending, limit)
    if (again := kept.again(uow.engine, key)) is not None:
        return again
    under_way = kept.lead(key)
    if under_way is not None:  # another request is searching for this very page: its page will do
        under_way.wait(FOLLOW_TIMEOUT_S)
        again = kept.again(uow.engine, key)
        return again if again is not None else _searched(uow, item_filter, sort, ascending, limit)
    try:
        found = _searched(uow, item_filter, sort, ascending, limit)
        if found:
            kept.keep(key, found[0].catalogue, found)
        return found
    finally:
        kept.done(key)


def _searched(
    uow: UnitOfWork, item_filter: ItemFilter, sort: ItemSort, ascending: bool, limit: int
) -> list[Any]:
    """The first page of the search, by the statement of its shape of filter (built the first time)."""
    shape = (replace(item_filter, text=""), sort, ascending, limit)
    known = _FIRST_PAGES.get(shape)
    if known is None:
        pattern = bindparam("pattern", type_=String)
        statement = _first_page_of_matches(uow, item_filter, sort, ascending, limit, pattern)
        known = _compiled(statement)
        if len(_FIRST_PAGES) >= _MAX_SHAPES:
            _FIRST_PAGES.clear()
        _FIRST_PAGES[shape] = known
    read, match_row = known
    return [match_row(*r) for r in read.rows(uow.engine, {"pattern": like_pattern(item_filter.text.strip())})]


def _kept_key(item_filter: ItemFilter, sort: ItemSort, ascending: bool, limit: int) -> Hashable | None:
    """What a first page is kept under (kept_searches), or None for a page never kept: one filtered by
    store or by low stock changes with the stock, not only with the catalogue. (A category's sub-tree
    is part of the catalogue: migration 0042.)"""
    if item_filter.store_id is not None or item_filter.low_stock:
        return None
    return (item_filter, sort, ascending, limit)


def _kept_by_category(uow: UnitOfWork, item_filter: ItemFilter, sort: ItemSort) -> bool:
    """Whether a first page of this filter is kept as a search's is: a category's page in price order
    on PostgreSQL (a web shop's department page). Which items it lists, in which order, changes only
    with the catalogue, the category tree included (migration 0042); its statement costs PostgreSQL
    three times a page of the whole list (the sub-tree, a page from each sub-category, the count of
    every match), a kept page's read by primary key about what that page costs."""
    return uow.dialect == "postgresql" and reads_by_category(item_filter, sort)


def _search_first_page(
    uow: UnitOfWork, item_filter: ItemFilter, sort: ItemSort, ascending: bool, limit: int
) -> list[Any]:
    """A search's first page with its count: the statement built once per shape of filter, unless the
    filter names a category (its sub-tree is read per request, it can change)."""
    if item_filter.category_id is None:
        return _first_page_of_matches_fast(uow, item_filter, sort, ascending, limit)
    pattern = like_pattern(item_filter.text.strip())
    query = _first_page_of_matches(uow, item_filter, sort, ascending, limit, pattern)
    return list(uow.session.execute(query))


def _checked(sort: ItemSort, limit: int) -> None:
    if sort not in SORTS:
        raise ValidationError(
            "ordering", sort.value, Message("api.ordering", choices=", ".join(s.value for s in SORTS))
        )
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationError("limit", limit, Message("api.limit", maximum=MAX_LIMIT))


@dataclass(frozen=True)
class _Walk:
    """Where a page starts and which way it goes."""

    sort: ItemSort
    descending: bool
    edge: _Edge | None
    limit: int

    @property
    def backwards(self) -> bool:
        return self.edge is not None and self.edge.backwards

    @property
    def ascending(self) -> bool:
        return self.descending == self.backwards  # walking back through a descending list is ascending


def _walk(dialect: str, sort: ItemSort, descending: bool, cursor: str | None, limit: int) -> _Walk:
    _checked(sort, limit)
    return _Walk(sort, descending, _decode(dialect, cursor, sort, descending) if cursor else None, limit)


def _page_of(found: list[Any], walk: _Walk) -> ItemPage:
    """The page from its statement's `limit + 1` rows (each with its key as `k`; a first page's with
    the capped count as `matches`)."""
    edge = walk.edge
    # No row on a first page means nothing matched; past the first page no count is given.
    count = (_capped(found[0].matches) if found else 0) if edge is None else None
    more = len(found) > walk.limit
    found = found[: walk.limit]
    if walk.backwards:
        found.reverse()
    rows = to_rows(found)

    def at(r: Any, back: bool) -> str:
        return _encode(walk.sort, walk.descending, getattr(r, walk.sort.value), r.k, back)

    has_next = more if not walk.backwards else True
    has_previous = (edge is not None) if not walk.backwards else more
    return ItemPage(
        rows,
        count,
        at(found[-1], False) if found and has_next else None,
        at(found[0], True) if found and has_previous else None,
    )


def _page_statement(
    uow: UnitOfWork,
    item_filter: ItemFilter,
    sort: ItemSort,
    ascending: bool,
    edge: Any,
    limit: Any,
    *,
    bound: bool = False,
) -> Select[Any]:
    """`limit + 1` rows after `edge` (a first page when None, with the capped count as `matches`);
    `bound`: the filter's values as parameters (item_query.filtered)."""
    column, key = getattr(Item, sort.value), key_column(uow)
    order = [column.asc(), key.asc()] if ascending else [column.desc(), key.desc()]
    if bound and reads_by_category(item_filter, sort):
        beyond = None if edge is None else (lambda col, k: _after(col, k, edge, ascending))
        query, matches = category_page(uow, item_filter, ascending, beyond, limit)
        if edge is None:
            query = query.add_columns(_counted(matches))
            if _kept_by_category(uow, item_filter, sort):  # read with the page: what it is kept under
                query = query.add_columns(catalogue_version_now().label("catalogue"))
        return query.order_by(*order).limit(limit)
    walk = walks_sort_index(uow, item_filter, sort)
    columns = select(key.label("k"), *row_columns(item_filter))
    query = filtered(uow, columns, item_filter, walk=walk, bound=bound)
    if edge is None and _tallied(uow, item_filter):
        query = query.add_columns(_tally())
    elif edge is None and low_stock_alone(uow, item_filter):  # every low item: tallied (0043)
        query = query.add_columns(select(tallied_low_items()).scalar_subquery().label("matches"))
    elif edge is None:  # the first page carries the count: one statement, one round trip
        query = query.add_columns(_counted(matches_statement(uow, item_filter, bound=bound)))
    else:
        query = query.where(_after(column, key, edge, ascending))
    return query.order_by(*order).limit(limit)


# Pages built and compiled once per shape: the database, the ordering, the direction, first page or
# later, the page size and which conditions the filter sets. The filter's values and the edge are
# parameters, and a page is one plain driver call in autocommit (FastRead): no statement built, cached
# and executed through the ORM, no BEGIN and ROLLBACK. With the API's fast path (api/fast_paths.py) a
# page of the whole list went from 2.7 to 0.9 ms of a worker's CPU (`bench api`, docs/api.md).
# The size is written into the statement, not given as a parameter: psycopg prepares a statement run
# often, and with an unknown LIMIT PostgreSQL's generic plan expects a tenth of the table, so it kept
# planning every run afresh (the first page's statement: 15 runs, 15 custom plans).
# A filter with values takes this way on PostgreSQL only: SQLite's first pages choose their index by
# probing the values (item_query.walks_sort_index). A text search has its own (`_search_first_page`).
_PAGE_READS: dict[tuple[Any, ...], tuple[FastRead, type[tuple[Any, ...]]]] = {}
_EDGE = _Edge(bindparam("edge_value"), bindparam("edge_key"), False)


def _shape(item_filter: ItemFilter) -> tuple[bool, ...]:
    """Which conditions `item_filter` sets: one statement serves every filter of the same shape."""
    values = (getattr(item_filter, f.name) for f in fields(item_filter) if f.name != "text")
    return tuple(v if isinstance(v, bool) else v is not None for v in values)


def has_page_read(uow: UnitOfWork, item_filter: ItemFilter) -> bool:
    """Whether `page_read` has a precompiled read for this filter's pages (on this database)."""
    return not item_filter.text.strip() and (uow.dialect == "postgresql" or item_filter.lists_every_item)


def bounded_by_the_page(item_filter: ItemFilter, sort: ItemSort) -> bool:
    """Whether a page's read does work in proportion to the page whatever the data: the whole list
    walks its sort index from its edge, and a category's page in price order reads at most a page per
    sub-category (category_pages). Any other filter may walk far for its matches (few low items, a rare
    supplier within a price range). The API answers only the bounded ones on its event loop: at 64
    clients a low-stock page there (5 ms) had a p99 of 1.6 s, 342 ms on a thread (stop 44). A bounded
    page has no text, so it always has a precompiled read on PostgreSQL (`has_page_read`)."""
    return item_filter.lists_every_item or reads_by_category(item_filter, sort)


def _plan(item_filter: ItemFilter, sort: ItemSort, edge: _Edge | None) -> Plan | None:
    """How PostgreSQL plans a page's statement (FastRead): a filter's best plan depends on its values
    (a category of 100 items or of 100,000), so each page gets its own; a later page of the whole
    list walks the sort index from its edge, whatever the edge: one plan for all. The whole list's
    first page has no parameter, and a category's page read sub-category by sub-category has one plan
    that suits every category (category_pages): PostgreSQL keeps their one plan by itself. A filter
    of switches alone (low stock, archived) has no value to plan for: it is planned as the whole list
    (the low-stock first page was planned afresh on every run: 1.6 of its 6.3 ms in PostgreSQL)."""
    if reads_by_category(item_filter, sort):
        return None
    if item_filter.category_id is not None or filter_params(item_filter, None):
        return "custom"
    return None if edge is None else "generic"


@dataclass(frozen=True)
class PageRead:
    """A page as one read that a caller may run together with its own reads (the API's token check:
    one round trip for both), and what makes the page of its rows."""

    read: FastRead
    params: dict[str, Any]
    walk: _Walk
    _row: type[tuple[Any, ...]]
    # Where the page's rows are kept once read (a category's first page: `_kept_by_category`).
    kept_in: KeptSearches | None = None
    kept_as: Hashable | None = None

    def page(self, rows: list[tuple[Any, ...]]) -> ItemPage:
        found: list[Any] = [self._row(*r) for r in rows]
        if self.kept_in is not None and found:
            self.kept_in.keep(self.kept_as, found[0].catalogue, found)
        return _page_of(found, self.walk)


def page_read(
    uow: UnitOfWork,
    item_filter: ItemFilter,
    *,
    sort: ItemSort = ItemSort.NAME,
    descending: bool = False,
    cursor: str | None = None,
    limit: int = 50,
) -> PageRead | None:
    """The precompiled read of the page `keyset_page` gives, or None for a filter without one (a text
    search; a filter with values on SQLite). The unit of work is not entered: a category's sub-tree is
    read on a pooled connection of its own."""
    if not has_page_read(uow, item_filter):
        return None
    walk = _walk(uow.dialect, sort, descending, cursor, limit)
    shape = (uow.dialect, sort, walk.ascending, walk.edge is None, limit, _shape(item_filter))
    known = _PAGE_READS.get(shape)
    if known is None:
        edge = None if walk.edge is None else _EDGE
        size: ColumnElement[int] = literal_column(str(limit + 1))  # no parameter (see above)
        statement = _page_statement(uow, item_filter, sort, walk.ascending, edge, size, bound=True)
        if len(_PAGE_READS) >= _MAX_SHAPES:
            _PAGE_READS.clear()
        known = _PAGE_READS[shape] = _compiled(statement, plan=_plan(item_filter, sort, edge))
    read, row = known
    root = item_filter.category_id
    if reads_by_category(item_filter, sort):
        params = filter_params(item_filter, None) | {ROOT: root}  # the statement works out the sub-tree
    else:
        params = filter_params(item_filter, None if root is None else read_category_ids(uow, root))
    if walk.edge is not None:
        params |= {"edge_value": walk.edge.value, "edge_key": walk.edge.key}
    if walk.edge is None and _kept_by_category(uow, item_filter, sort):
        kept_as = _kept_key(item_filter, sort, walk.ascending, limit)
        return PageRead(read, params, walk, row, kept_searches(uow.engine), kept_as)
    return PageRead(read, params, walk, row)


@dataclass(frozen=True)
class KeptPageRead:
    """A search's first page kept in memory (kept_searches), as one read a caller may run together with
    its own reads (the API's token check), and what makes the page of its rows."""

    kept: KeptRead
    walk: _Walk

    @property
    def read(self) -> FastRead:
        return self.kept.read

    @property
    def params(self) -> dict[str, Any]:
        return self.kept.params

    def page(self, rows: list[tuple[Any, ...]]) -> ItemPage | None:
        """The page, or None when the catalogue has changed since it was kept: search afresh."""
        return self.kept.served(rows, lambda found: _page_of(found, self.walk))


def kept_page_read(
    uow: UnitOfWork,
    item_filter: ItemFilter,
    *,
    sort: ItemSort = ItemSort.NAME,
    descending: bool = False,
    cursor: str | None = None,
    limit: int = 50,
) -> KeptPageRead | None:
    """The read that serves a search's (or a category's) first page from memory, or None when none is
    kept for it (the page `keyset_page` would give, as long as the catalogue has not changed). A read
    by primary key: its work is bounded by the page, whatever the search."""
    if cursor is not None:
        return None
    if not (_collects_matches(uow, item_filter) or _kept_by_category(uow, item_filter, sort)):
        return None
    walk = _walk(uow.dialect, sort, descending, None, limit)
    key = _kept_key(replace(item_filter, text=item_filter.text.strip()), sort, walk.ascending, limit)
    known = None if key is None else kept_searches(uow.engine).read(key)
    return None if known is None else KeptPageRead(known, walk)


def keyset_page(
    uow: UnitOfWork,
    item_filter: ItemFilter,
    *,
    sort: ItemSort = ItemSort.NAME,
    descending: bool = False,
    cursor: str | None = None,
    limit: int = 50,
) -> ItemPage:
    if cursor is None and _kept_by_category(uow, item_filter, sort):
        kept = kept_page_read(uow, item_filter, sort=sort, descending=descending, limit=limit)
        served = None if kept is None else kept.page(kept.read.rows(uow.engine, kept.params))
        if served is not None:
            return served
    known = page_read(uow, item_filter, sort=sort, descending=descending, cursor=cursor, limit=limit)
    if known is not None:
        return known.page(known.read.rows(uow.engine, known.params))
    walk = _walk(uow.dialect, sort, descending, cursor, limit)
    with uow:
        if walk.edge is None and _collects_matches(uow, item_filter):
            found = _search_first_page(uow, item_filter, sort, walk.ascending, limit)
        else:
            query = _page_statement(uow, item_filter, sort, walk.ascending, walk.edge, limit + 1)
            found = list(uow.session.execute(query))
    return _page_of(found, walk)
