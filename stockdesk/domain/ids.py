"""Typed ids and the time-ordered UUIDs (version 7) every desk generates for its own rows.

A typed id is a plain `uuid.UUID` at run time (NewType costs one C call, nothing is wrapped);
the type checker keeps an item's id from being passed where a store's is expected.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from typing import NewType, TypeVar

from stockdesk.domain.errors import NotFound

ItemId = NewType("ItemId", uuid.UUID)
StoreId = NewType("StoreId", uuid.UUID)
UserId = NewType("UserId", uuid.UUID)
CategoryId = NewType("CategoryId", uuid.UUID)
SupplierId = NewType("SupplierId", uuid.UUID)
MovementId = NewType("MovementId", uuid.UUID)
BarcodeId = NewType("BarcodeId", uuid.UUID)
AlertId = NewType("AlertId", uuid.UUID)
RecipientId = NewType("RecipientId", uuid.UUID)
PurchaseOrderId = NewType("PurchaseOrderId", uuid.UUID)
OrderLineId = NewType("OrderLineId", uuid.UUID)
StocktakeId = NewType("StocktakeId", uuid.UUID)
TransferId = NewType("TransferId", uuid.UUID)
AuditEventId = NewType("AuditEventId", uuid.UUID)
PackId = NewType("PackId", uuid.UUID)
LocationId = NewType("LocationId", uuid.UUID)
LotId = NewType("LotId", uuid.UUID)
PictureId = NewType("PictureId", uuid.UUID)

T = TypeVar("T", bound=uuid.UUID)


def parse_id(kind: Callable[[uuid.UUID], T], entity: str, text: str) -> T:
    """A typed id from text a person gave (a command-line argument); NotFound naming the entity if
    the text is no UUID, the same answer as for a well-formed id that names nothing."""
    try:
        return kind(uuid.UUID(text.strip()))
    except ValueError:
        raise NotFound(entity, text) from None


def new_id() -> uuid.UUID:
    """A UUIDv7: 48 bits of Unix milliseconds then randomness, so ids sort by creation time.

    Time order keeps B-tree inserts at the right edge of the index (fast bulk inserts) and lets
    desks create ids offline without ever colliding.
    """
    return _v7(_v7_head(time.time_ns() // 1_000_000), int.from_bytes(os.urandom(10), "big"))


def _v7_head(millis: int) -> int:
    """The bits every id of this millisecond shares: the time, the version (7), the RFC 4122 variant."""
    return ((millis & ((1 << 48) - 1)) << 80) | (0x7 << 76) | (0b10 << 62)


def _v7(head: int, rand: int) -> uuid.UUID:
    """`head` with 74 of the 80 random bits of `rand`: 12 as rand_a, 62 as rand_b."""
    return uuid.UUID(int=head | (((rand >> 68) & 0xFFF) << 64) | (rand & ((1 << 62) - 1)))


def new_id_hexes(count: int) -> list[str]:
    """`count` new ids as the 32 hex digits SQLite stores, made at once for a set-based insert.

    The same layout as `new_id` (one moment, fresh randomness each), without a UUID object per id:
    50,000 ids in 0.04 s against 0.11 s one by one (measured when this was written).
    """
    stamp = f"{(time.time_ns() // 1_000_000) & ((1 << 48) - 1):012x}7"
    noise = os.urandom(10 * count)
    hexes = []
    for start in range(0, 10 * count, 10):
        rand = int.from_bytes(noise[start : start + 10], "big")
        tail = (0b10 << 62) | (rand & ((1 << 62) - 1))  # RFC 4122 variant, then rand_b
        hexes.append(f"{stamp}{(rand >> 68) & 0xFFF:03x}{tail:016x}")
    return hexes


def new_ids(count: int) -> list[uuid.UUID]:
    """`count` new ids as `new_id` makes them (one moment, fresh randomness each), for a set-based insert.

    One urandom call for all and no text in between: 100,000 ids in 0.12 s against 0.19 s one by one
    (and 0.25 s through `new_id_hexes`), measured when this was written."""
    head = _v7_head(time.time_ns() // 1_000_000)
    noise = os.urandom(10 * count)
    return [_v7(head, int.from_bytes(noise[start : start + 10], "big")) for start in range(0, 10 * count, 10)]
