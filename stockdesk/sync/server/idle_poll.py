"""The answer to a desk's pull when the log holds nothing after its cursor: most pulls are idle desks'
polls (50 desks every 5 s are 10 a second), so this is what an idle shop costs its server.

One statement checks the token (revoked or unknown: no answer here, the full route refuses it with
its problem) and whether any log entry follows the desk's cursor (the primary key answers that from
its index); nothing else is read. Everything else of the answer is the same for every idle desk —
no changes, the schema revisions, the desk names — so each server process keeps it ready as bytes.
Those bytes may be up to `DIRECTORY_SECONDS` old. That is harmless: an idle answer applies nothing
(a desk checks the revisions before it applies pulled rows, and any answer that carries rows is
read fresh by the full route); a push checks the revisions on every batch; a new desk's name
reaches the others within that time, or with the first row it pushes.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, text

from stockdesk.db.base import utcnow
from stockdesk.db.desk_models import DeskToken
from stockdesk.db.sync_models import change_log
from stockdesk.sync.server import desks
from stockdesk.sync.server.http_side import names_and_heads

DIRECTORY_SECONDS = 30.0
GZIP_ABOVE = 4096  # as the full route: a shop with hundreds of desks has a long list of names

_IDLE = text(
    f"SELECT desk_id, last_sync_at, revoked_at IS NOT NULL AS revoked, "
    f"EXISTS (SELECT 1 FROM {change_log.name} WHERE seq > :after) AS behind "
    f"FROM {DeskToken.__tablename__} WHERE token_hash = :digest"
)


@dataclass(frozen=True)
class IdleAnswer:
    body: bytes
    gzipped: bool


class _Directory:
    """This process's idle answer (the revisions and the names), read again when it is old."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._answer: IdleAnswer | None = None
        self._read_at = 0.0

    def answer(self, connection: Connection) -> IdleAnswer:
        with self._lock:
            if self._answer is None or time.monotonic() - self._read_at > DIRECTORY_SECONDS:
                self._answer = _idle_answer(connection)
                self._read_at = time.monotonic()
            return self._answer


_directory = _Directory()


def _idle_answer(connection: Connection) -> IdleAnswer:
    heads, names = names_and_heads(connection)
    body = json.dumps({"changes": [], "heads": heads, "desk_names": names}, separators=(",", ":")).encode()
    if len(body) > GZIP_ABOVE:
        return IdleAnswer(gzip.compress(body, 5), True)
    return IdleAnswer(body, False)


def idle_answer(engine: Engine, token: str, after: int) -> IdleAnswer | None:
    """The answer for a desk whose cursor is at the log's end; None when the full route must answer
    (the log has more, or the token is unknown or revoked: the route says why)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        row = connection.execute(_IDLE, {"after": after, "digest": desks.digest(token)}).first()
        if row is None or row.revoked or row.behind:
            return None
        if _stale(row.last_sync_at):
            desks.touch_on(connection, row.desk_id)
        return _directory.answer(connection)


def _stale(last_sync_at: datetime | None) -> bool:
    return last_sync_at is None or last_sync_at < utcnow() - desks.TOUCH_EVERY
