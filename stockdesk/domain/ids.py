"""Typed ids and the time-ordered UUIDs (version 7) every desk generates for its own rows."""

from __future__ import annotations

import os
import time
import uuid
from typing import NewType

ItemId = NewType("ItemId", uuid.UUID)
StoreId = NewType("StoreId", uuid.UUID)
UserId = NewType("UserId", uuid.UUID)
CategoryId = NewType("CategoryId", uuid.UUID)
SupplierId = NewType("SupplierId", uuid.UUID)
MovementId = NewType("MovementId", uuid.UUID)
BarcodeId = NewType("BarcodeId", uuid.UUID)


def new_id() -> uuid.UUID:
    """A UUIDv7: 48 bits of Unix milliseconds then randomness, so ids sort by creation time.

    Time order keeps B-tree inserts at the right edge of the index (fast bulk inserts) and lets
    desks create ids offline without ever colliding.
    """
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (millis & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version
    value |= ((rand >> 68) & 0xFFF) << 64  # rand_a, 12 bits
    value |= 0b10 << 62  # RFC 4122 variant
    value |= rand & ((1 << 62) - 1)  # rand_b
    return uuid.UUID(int=value)
