"""Hybrid logical clock stamps: "<wall ms, 13 digits>-<counter, 6 digits>-<desk id>".

Fixed-width numbers make the string order equal the (wall, counter, desk) order, so stamps compare
as plain strings in Python, SQLite and PostgreSQL alike. The desk id at the end breaks ties, which
makes the order total. Desks advance their clock inside the capture triggers (see capture.py);
after a pull a desk moves its clock past every stamp it received, so an edit made after seeing a
change always wins over that change.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

SERVER = "server"


@dataclass(frozen=True, order=True)
class Stamp:
    wall: int
    counter: int
    desk: str

    def __str__(self) -> str:
        return f"{self.wall:013d}-{self.counter:06d}-{self.desk}"


def parse(text: str) -> Stamp:
    wall, counter, desk = text.split("-", 2)
    return Stamp(int(wall), int(counter), desk)


def wall_of(text: str) -> int:
    return int(text.split("-", 1)[0]) if text else 0


def now_ms() -> int:
    return time.time_ns() // 1_000_000


class ServerClock:
    """Stamps for changes the server makes itself (renames, conflict and review rows)."""

    def __init__(self, seen_wall: int = 0) -> None:
        self._wall = max(now_ms(), seen_wall)
        self._counter = 0

    def observe(self, stamp: str) -> None:
        wall = wall_of(stamp)
        if wall > self._wall:
            self._wall, self._counter = wall, 0

    def next(self) -> str:
        self._counter += 1
        return str(Stamp(self._wall, self._counter, SERVER))
