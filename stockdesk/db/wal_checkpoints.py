"""SQLite's write-ahead log copied into the database file on a thread of its own, so no writer waits.

By default SQLite checkpoints inside the commit that takes the log past 1,000 pages: the clerk whose
stocktake, import or batch crosses that line waits while the log is copied into the file and synced,
about 0.25 s of each step of a 50,000-line stocktake (start, add counts, post; `bench stocktake`).
PostgreSQL leaves that copy to a background checkpointer; this does the same for the desk's file.

The app's connections never checkpoint (`wal_autocheckpoint=0`). When the rows changed through an
engine's connections since its last checkpoint reach `EVERY_ROWS` (about as often as SQLite's own
1,000 pages: a counter sale changes 9 rows and writes about 5 pages), one process-wide daemon thread
checkpoints on a connection of its own: PASSIVE first, which waits for no reader and no writer, then
RESTART for what came meanwhile, which waits `RESTART_WAIT` at most. What is left when a process's
last connection to the file closes, SQLite checkpoints then, as always. Backups use the online backup
API, which reads through the log, so they never depended on when it is copied.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, event

EVERY_ROWS = 2_000
RESTART_WAIT = 0.05  # seconds RESTART waits for a writer or a reader of the log before giving up
_SEEN = "wal_rows_seen"  # connection record info: the connection's total_changes at its last check-in
_log = logging.getLogger(__name__)


class _Checkpointer:
    """The process's one checkpoint thread and the files waiting for it."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._rows: dict[str, int] = {}  # rows changed since the file's last checkpoint was asked for
        self._due: list[str] = []
        self._busy = False
        self._thread: threading.Thread | None = None

    def changed(self, path: str, rows: int) -> None:
        with self._lock:
            total = self._rows.get(path, 0) + rows
            if total < EVERY_ROWS:
                self._rows[path] = total
                return
            self._rows[path] = 0
            if path not in self._due:
                self._due.append(path)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="wal-checkpoints", daemon=True)
                self._thread.start()
            self._lock.notify_all()

    def flush(self, timeout: float) -> bool:
        """Wait until every checkpoint asked for is done; False if `timeout` seconds passed first."""
        with self._lock:
            return self._lock.wait_for(lambda: not self._due and not self._busy, timeout)

    def _run(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: bool(self._due))
                path = self._due.pop(0)
                self._busy = True
            try:
                checkpoint(path)
            except Exception:  # the thread must outlive any one file's failure, or no file is copied again
                _log.exception("checkpoint of %s failed", path)
            finally:
                with self._lock:
                    self._busy = False
                    self._lock.notify_all()


_checkpointer = _Checkpointer()


def checkpoint(path: str) -> None:
    """Checkpoint the file at `path`, PASSIVE then RESTART, if it exists (mode=rw never creates one)."""
    uri = f"file:{quote(str(Path(path).resolve()))}?mode=rw"
    try:
        with closing(sqlite3.connect(uri, uri=True, timeout=RESTART_WAIT)) as connection:
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            # PASSIVE alone never lets the log start over while writes keep coming (there is always a
            # frame it did not copy), so the log grew and every write slowed. RESTART copies what came
            # meanwhile and makes the next writer start the log afresh; it holds new writers back
            # while it waits, so it gives up after a moment and the next checkpoint tries again.
            connection.execute("PRAGMA wal_checkpoint(RESTART)").fetchall()
    except sqlite3.Error as error:  # gone (a test's folder), or not a database: nothing to copy
        _log.debug("checkpoint of %s skipped: %s", path, error)


def flush(timeout: float = 60.0) -> bool:
    """Wait for the checkpoints asked for so far (tests, and a clean shutdown)."""
    return _checkpointer.flush(timeout)


def _connected(dbapi_connection: Any, record: Any) -> None:
    dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")
    record.info[_SEEN] = dbapi_connection.total_changes


def install(engine: Engine, file: Path) -> None:
    """Checkpoint the SQLite `file` of `engine` in the background instead of in its writers' commits."""
    resolved = str(file)

    def checked_in(dbapi_connection: Any, record: Any) -> None:
        if dbapi_connection is None:  # invalidated: closed, nothing to count
            return
        total = dbapi_connection.total_changes
        rows = total - record.info.get(_SEEN, total)
        record.info[_SEEN] = total
        if rows:
            _checkpointer.changed(resolved, rows)

    event.listen(engine, "connect", _connected)
    event.listen(engine, "checkin", checked_in)
    # A checkpoint still running holds the file open: a caller that renames or copies the file after
    # dispose() must find it closed, the log copied in and removed by SQLite's last close.
    event.listen(engine, "engine_disposed", lambda _engine: flush())
