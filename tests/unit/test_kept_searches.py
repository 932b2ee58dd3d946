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
