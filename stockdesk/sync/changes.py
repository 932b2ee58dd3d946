"""A change as it travels: from the outbox to the server, and from the change log to a desk."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any


@dataclass
class Change:
    change_id: str
    hlc: str  # the stamp last-writer-wins compares (equals change_id for a desk's own change)
    tbl: str
    row_id: str  # 32 hex digits, as stored
    op: str  # I insert, U update, X recorded but not applied (a dropped duplicate)
    fields: tuple[str, ...]
    parsed: dict[str, Any] | None  # the row's values; None until `raw` is first read from `data`
    origin: str = ""
    base_cursor: int = 0
    seq: int = 0  # server sequence (0 until logged)
    local_seq: int = 0  # outbox position on the desk that made it
    data: str = field(default="", repr=False)  # the JSON text of raw, when it came as text

    @property
    def raw(self) -> dict[str, Any]:
        """The row's values, parsed on first use: a pushed plain insert travels as text end to end
        (the server parses it), so most changes of a big push are never parsed in Python."""
        if self.parsed is None:
            self.parsed = json.loads(self.data)
        return self.parsed

    @classmethod
    def from_outbox(cls, row: Sequence[Any], desk_id: str) -> Change:
        local_seq, hlc, tbl, row_id, op, fields, data, base_cursor = row
        return cls(
            hlc,
            hlc,
            tbl,
            row_id,
            op,
            _split(fields),
            None,
            desk_id,
            base_cursor,
            0,
            local_seq,
            data,
        )

    @classmethod
    def from_log(cls, row: Sequence[Any]) -> Change:
        seq, change_id, hlc, tbl, row_id, op, fields, data, origin = row
        return cls(change_id, hlc, tbl, row_id, op, _split(fields), None, origin, 0, seq, 0, data)


def _split(fields: str) -> tuple[str, ...]:
    return tuple(f for f in fields.split(",") if f) if fields else ()


def runs(changes: Sequence[Change]) -> Iterator[list[Change]]:
    """Consecutive changes of one table and one operation: applied together, in the original order."""
    for _key, group in groupby(changes, key=lambda c: (c.tbl, c.op)):
        yield list(group)
