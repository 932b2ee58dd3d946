"""New ids: UUIDv7, in creation order across milliseconds, never repeated; the batch maker agrees."""

from __future__ import annotations

import time
import uuid

from stockdesk.domain.ids import new_id, new_id_hexes, new_ids


def _millis(value: uuid.UUID) -> int:
    return value.int >> 80


def test_ids_made_in_a_batch_are_version_7_unique_and_stamped_with_the_moment() -> None:
    before = time.time_ns() // 1_000_000
    batch = [uuid.UUID(hex=h) for h in new_id_hexes(5_000)]
    after = time.time_ns() // 1_000_000
    assert len(set(batch)) == 5_000
    assert {i.version for i in batch} == {7}
    assert {i.variant for i in batch} == {uuid.RFC_4122}
    assert all(before <= _millis(i) <= after for i in batch)
    assert all(len(h) == 32 and h == h.lower() for h in new_id_hexes(10))
    made = new_ids(5_000)
    assert len(set(made)) == 5_000 and {i.version for i in made} == {7}
    assert {i.variant for i in made} == {uuid.RFC_4122}
    assert all(uuid.UUID(str(i)) == i for i in made[:10])


def test_a_batch_sorts_between_single_ids_made_before_and_after_it() -> None:
    first = new_id()
    while _millis(new_id()) == _millis(first):  # the next millisecond, whatever the machine's speed
        pass
    batch = new_ids(100)
    while _millis(new_id()) == _millis(batch[0]):
        pass
    last = new_id()
    assert all(first < i < last for i in batch)
    assert _millis(first) < _millis(batch[0]) < _millis(last)
