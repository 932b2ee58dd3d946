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
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, Uuid, any_, bindparam, select
from sqlalchemy.dialects import postgresql

from stockdesk.db.fast_read import FastRead
from stockdesk.db.search_models import ItemSummary, catalogue_version_now

Served = TypeVar("Served")

MAX_KEPT = 256  # pages per engine; the least recently asked goes first
# How long a request waits for another one's search of the same page before it searches itself: a
# guard against a search that never ends, far beyond what any search takes.
FOLLOW_TIMEOUT_S = 60.0

# The version and the stock of the kept page's items, in one statement (one snapshot).
_STOCK_NOW = FastRead(
    select(catalogue_version_now().label("version"), ItemSummary.item_id, ItemSummary.on_hand).where(
        ItemSummary.item_id == any_(bindparam("ids", type_=postgresql.ARRAY(Uuid)))
    )
)


@dataclass
class _Kept:
    version: int
    rows: tuple[Any, ...]  # named tuples with `id` and `on_hand`, as the search's statement gave them
    ids: list[uuid.UUID]
    # What `KeptRead.served` last made of the rows, with the stock it made it with: most requests find
    # the same stock and take it as it is (a page of 50 rows is ~0.1 ms of a worker's CPU to make).
    served: tuple[dict[uuid.UUID, Any], Any] | None = None


@dataclass(frozen=True)
class KeptRead:
    """A kept page's one read (the catalogue's version and the page's stock), to run alone or in one
    round trip with a caller's own reads (the API's token check), and what makes the page of it."""

    owner: KeptSearches
    key: Hashable
    kept: _Kept
    params: dict[str, Any]
    read: FastRead = _STOCK_NOW

    def rows(self, now: Sequence[tuple[Any, ...]]) -> list[Any] | None:
        """The kept rows with the stock in `now`, or None (and the page forgotten) when the catalogue
        has changed since it was kept."""
        on_hand = self._stock(now)
        return None if on_hand is None else self._with(on_hand)

    def served(self, now: Sequence[tuple[Any, ...]], make: Callable[[list[Any]], Served]) -> Served | None:
        """What `make` makes of the kept rows with the stock in `now` (made again only when the stock
        differs from the last time), or None as `rows` gives it."""
        on_hand = self._stock(now)
        if on_hand is None:
            return None
        last = self.kept.served
        if last is None or last[0] != on_hand:
            last = self.kept.served = (on_hand, make(self._with(on_hand)))
        return cast(Served, last[1])

    def _stock(self, now: Sequence[tuple[Any, ...]]) -> dict[uuid.UUID, Any] | None:
        on_hand: dict[uuid.UUID, Any] = {item_id: held for _, item_id, held in now}
        if not now or now[0][0] != self.kept.version or len(on_hand) != len(self.kept.rows):
            self.owner.forget(self.key, self.kept)
            return None
        return on_hand

    def _with(self, on_hand: dict[uuid.UUID, Any]) -> list[Any]:
        return [
            r if r.on_hand == on_hand[r.id] else r._replace(on_hand=on_hand[r.id]) for r in self.kept.rows
        ]


class KeptSearches:
    """The kept pages of one engine. Safe to share between threads."""

    def __init__(self) -> None:
        self._pages: OrderedDict[Hashable, _Kept] = OrderedDict()
        self._searching: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()

    def lead(self, key: Hashable) -> threading.Event | None:
        """None when the caller is to search for `key` (and must call `done(key)` after, whatever
        happens); else the event the search under way sets when it is done. After a catalogue change,
        the requests for a popular search would otherwise all search at once, each as slowly as the
        others made it: one searches, the others wait for its page."""
        with self._lock:
            under_way = self._searching.get(key)
            if under_way is None:
                self._searching[key] = threading.Event()
            return under_way

    def done(self, key: Hashable) -> None:
        with self._lock:
            under_way = self._searching.pop(key, None)
        if under_way is not None:
            under_way.set()

    def keep(self, key: Hashable, version: int | None, rows: Sequence[Any]) -> None:
        """Keep `rows` (a first page, as read at `version`); a page with no rows or read without a
        version (its row gone) is not kept."""
        if version is None or not rows:
            return
        with self._lock:
            self._pages[key] = _Kept(version, tuple(rows), [r.id for r in rows])
            self._pages.move_to_end(key)
            while len(self._pages) > MAX_KEPT:
                self._pages.popitem(last=False)

    def read(self, key: Hashable) -> KeptRead | None:
        """The read that serves the page kept under `key` again, or None when none is kept."""
        with self._lock:
            kept = self._pages.get(key)
            if kept is None:
                return None
            self._pages.move_to_end(key)
        return KeptRead(self, key, kept, {"ids": kept.ids})

    def again(self, engine: Engine, key: Hashable) -> list[Any] | None:
        """The page kept under `key` with its stock as it is now, or None when none is kept or the
        catalogue has changed since (one statement either way)."""
        known = self.read(key)
        return None if known is None else known.rows(known.read.rows(engine, known.params))

    def forget(self, key: Hashable, kept: _Kept) -> None:
        """Forget `kept`, unless another request has kept a newer page under `key` since."""
        with self._lock:
            if self._pages.get(key) is kept:
                del self._pages[key]

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
