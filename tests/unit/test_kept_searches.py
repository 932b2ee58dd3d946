"""The search pages one engine keeps in memory are bounded (integration/test_kept_searches for the rest)."""

from __future__ import annotations

import uuid
from collections import namedtuple

from stockdesk.services.catalogue.kept_searches import MAX_KEPT, KeptSearches

Row = namedtuple("Row", "id on_hand")
ROWS = [Row(uuid.uuid4(), 1)]


def test_at_most_max_kept_pages_are_kept_and_the_least_recently_asked_goes_first():
    kept = KeptSearches()
    for n in range(MAX_KEPT):
        kept.keep(("search", n), 1, ROWS)
    kept.keep(("search", 0), 2, ROWS)  # asked again: the newest
    kept.keep(("search", "one more"), 1, ROWS)
    assert len(kept) == MAX_KEPT
    assert ("search", 1) not in kept and ("search", 0) in kept and ("search", "one more") in kept
    kept.keep(("search", "empty"), 1, [])
    kept.keep(("search", "no version"), None, ROWS)
    assert len(kept) == MAX_KEPT


def test_a_page_found_stale_is_forgotten_but_not_a_newer_one_kept_since():
    kept = KeptSearches()
    item_id = ROWS[0].id
    kept.keep("hinge 12", 1, ROWS)
    older = kept.read("hinge 12")
    assert older is not None and older.rows([(1, item_id, 7)]) == [Row(item_id, 7)]  # stock as now
    kept.keep("hinge 12", 2, ROWS)  # another request searched after the catalogue changed
    assert older.rows([(2, item_id, 7)]) is None and "hinge 12" in kept
    newer = kept.read("hinge 12")
    assert newer is not None and newer.rows([(3, item_id, 7)]) is None and "hinge 12" not in kept
