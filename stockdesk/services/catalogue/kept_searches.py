"""First pages of a name search on PostgreSQL, kept in memory while the catalogue stays as it was.

A search's first page costs PostgreSQL ~7.5 ms at a million items ("hinge 12", docs/benchmarks.md):
the trigram indexes decode every posting list of the text, and every match is read to be counted and
sorted. Searches repeat (a shop's popular words, a page reloaded, a phone polling), and which items
match, in which order, with which names and prices, changes only when an item or a barcode does.
So each first page is kept with the catalogue's version it was read at (migration 0041: a counter that
every committed change of `item` or `item_barcode` moves, whoever writes it). Asked again, the page's
stock and the version are read by primary key in one statement; the page is served again only if the
version is the same, with the stock just read. A page is therefore never staler than a fresh search.

Pages are kept per engine (a server's worker, a test's database) and per filter, sort and page size;
a page filtered by store or by low stock depends on stock, not on the catalogue, and is never kept.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, Uuid, any_, bindparam, select
from sqlalchemy.dialects import postgresql

from stockdesk.db.fast_read import FastRead
from stockdesk.db.search_models import ItemSummary, catalogue_version_now

MAX_KEPT = 256  # pages per engine; the least recently asked goes first

# The version and the stock of the kept page's items, in one statement (one snapshot).
_STOCK_NOW = FastRead(
    select(catalogue_version_now().label("version"), ItemSummary.item_id, ItemSummary.on_hand).where(
        ItemSummary.item_id == any_(bindparam("ids", type_=postgresql.ARRAY(Uuid)))
    )
)


@dataclass(frozen=True)
class _Kept:
    version: int
    rows: tuple[Any, ...]  # named tuples with `id` and `on_hand`, as the search's statement gave them


class KeptSearches:
    """The kept pages of one engine. Safe to share between threads."""

    def __init__(self) -> None:
        self._pages: OrderedDict[Hashable, _Kept] = OrderedDict()
        self._lock = threading.Lock()

    def keep(self, key: Hashable, version: int | None, rows: Sequence[Any]) -> None:
        """Keep `rows` (a first page, as read at `version`); a page with no rows or read without a
        version (its row gone) is not kept."""
        if version is None or not rows:
            return
        with self._lock:
            self._pages[key] = _Kept(version, tuple(rows))
            self._pages.move_to_end(key)
            while len(self._pages) > MAX_KEPT:
                self._pages.popitem(last=False)

    def again(self, engine: Engine, key: Hashable) -> list[Any] | None:
        """The page kept under `key` with its stock as it is now, or None when none is kept or the
        catalogue has changed since (one statement either way)."""
        with self._lock:
            kept = self._pages.get(key)
            if kept is not None:
                self._pages.move_to_end(key)
        if kept is None:
            return None
        now = _STOCK_NOW.rows(engine, {"ids": [r.id for r in kept.rows]})
        on_hand: dict[uuid.UUID, Any] = {item_id: held for _, item_id, held in now}
        if not now or now[0][0] != kept.version or len(on_hand) != len(kept.rows):
            self.forget(key)
            return None
        return [r._replace(on_hand=on_hand[r.id]) for r in kept.rows]

    def forget(self, key: Hashable) -> None:
        with self._lock:
            self._pages.pop(key, None)

    def __len__(self) -> int:
        return len(self._pages)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._pages


_BY_ENGINE: WeakKeyDictionary[Engine, KeptSearches] = WeakKeyDictionary()
_BY_ENGINE_LOCK = threading.Lock()


def kept_searches(engine: Engine) -> KeptSearches:
    """The pages kept for `engine`'s database."""
    with _BY_ENGINE_LOCK:
        found = _BY_ENGINE.get(engine)
        if found is None:
            found = _BY_ENGINE[engine] = KeptSearches()
        return found
