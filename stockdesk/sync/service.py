"""SyncService: one Qt-free object the window runs in a worker, on a timer and on demand.

`sync_once()` pushes, then pulls (a snapshot on a desk's first sync), and returns a SyncReport; it
never raises for a server that is away: the report says offline and the outbox keeps everything.
`status()` is cheap (local reads only) for the status bar; `next_delay()` backs off while the
server stays away.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError, OperationalError

from stockdesk.db.base import utcnow
from stockdesk.db.capture import queued_changes
from stockdesk.services.database import Database
from stockdesk.sync import transfer
from stockdesk.sync.credentials import CredentialStore
from stockdesk.sync.errors import NotRegistered, ServerUnreachable, SyncError
from stockdesk.sync.server.setup import default_store, is_http, save_desk_names, saved_server

OLD_REGISTRATION = (
    "this desk was registered with a database login, which the server no longer accepts: move it with "
    "the upgrade code the server's admin got from `stockdesk server init` (or `stockdesk desk "
    "upgrade-codes`): `stockdesk sync --upgrade-file FILE`, or in the window Settings > Database and "
    "sync > Register this desk... (its queued changes are kept and sent under its own desk id)"
)
if TYPE_CHECKING:
    import httpx

BASE_DELAY_S = 30.0
MAX_DELAY_S = 600.0


@dataclass(frozen=True)
class SyncReport:
    ok: bool
    pushed: int = 0
    pulled: int = 0
    snapshot_rows: int = 0
    conflicts: int = 0
    error: str = ""
    seconds: float = 0.0


@dataclass(frozen=True)
class SyncStatus:
    online: bool
    last_sync: datetime | None
    queued: int
    last_error: str


class SyncService:
    def __init__(
        self, db: Database, *, store: CredentialStore | None = None, hook: transfer.Hook | None = None
    ) -> None:
        self.db = db
        self._store = store
        self._hook = hook
        self._lock = threading.Lock()  # one sync at a time, whatever the timer and the button do
        self._online = False
        self._last_sync: datetime | None = None
        self._last_error = ""
        self.failures = 0
        self.refused = 0  # changes the server refused in this session (kept in sync_refused)
        self._http: httpx.Client | None = None
        self._http_for = ("", "")  # the (address, token) the client was made for

    def sync_once(self) -> SyncReport:
        started = time.perf_counter()
        with self._lock:
            try:
                report = self._run()
            except (SyncError, OperationalError, DBAPIError) as error:
                reason = error if isinstance(error, SyncError) else ServerUnreachable(_first_line(error))
                self._online = isinstance(error, SyncError) and not isinstance(error, ServerUnreachable)
                self._last_error = str(reason)
                self.failures += 1
                return SyncReport(False, error=str(reason), seconds=time.perf_counter() - started)
        self._online, self._last_error, self.failures = True, "", 0
        self._last_sync = utcnow()
        return SyncReport(True, report[0], report[1], report[2], report[3], "", time.perf_counter() - started)

    def _run(self) -> tuple[int, int, int, int]:
        url = saved_server(self.db)
        if not url:
            raise NotRegistered()
        if not is_http(url):
            # Registered the old way, with a database role the server no longer lets log in: the
            # outbox stays until the desk is registered again over HTTPS.
            raise SyncError(OLD_REGISTRATION)
        return self._run_http(url)

    def _run_http(self, url: str) -> tuple[int, int, int, int]:
        from stockdesk.sync import http_transfer  # httpx loads with the first sync, not with the window

        token = (self._store or default_store(self.db)).load(self.db.desk_id)
        if not token:
            raise NotRegistered()
        desk = self.db.desk_id
        http = self._client(url, token)
        # No version request of its own: a push carries the desk's schema (the server refuses a
        # mismatch before applying anything) and a pull answer carries the server's.
        totals = http_transfer.push(self.db.engine, http, desk, hook=self._hook)
        copied = 0
        with self.db.engine.connect() as connection:
            first = transfer.read_cursor(connection) == 0
        if first:
            http_transfer.check_versions(http)  # before a snapshot of rows this desk may not know
            copied = http_transfer.snapshot(self.db.engine, http, desk)
        pulled = http_transfer.pull(
            self.db.engine,
            http,
            desk,
            hook=self._hook,
            on_names=lambda names: save_desk_names(self.db, names),
        )
        self.refused += totals.refused
        return totals.pushed, pulled, copied, totals.conflicts

    def _client(self, url: str, token: str) -> httpx.Client:
        """One HTTP client for every sync to the same server with the same token. Its connection
        stays open between syncs (http_transfer.KEEP_ALIVE_S), so a poll costs neither side a new
        connection (nor, over HTTPS, a TLS handshake); building a client reads the certificate
        authorities, which was most of a no-op sync's time."""
        from stockdesk.sync import http_transfer

        if self._http is None or self._http_for != (url, token):
            self.close()
            self._http, self._http_for = http_transfer.client(url, token), (url, token)
        return self._http

    def status(self) -> SyncStatus:
        with self.db.engine.connect() as connection:
            queued = queued_changes(connection)
        return SyncStatus(self._online, self._last_sync, queued, self._last_error)

    def next_delay(self) -> float:
        """Seconds until the next timed sync: doubling while the server stays away, capped."""
        return (
            min(MAX_DELAY_S, BASE_DELAY_S * (2 ** min(self.failures, 10))) if self.failures else BASE_DELAY_S
        )

    def close(self) -> None:
        """Close the connection to the server (the next sync opens a new one)."""
        client, self._http = self._http, None
        if client is not None:
            client.close()


def _first_line(error: Exception) -> str:
    return (
        str(getattr(error, "orig", error) or error).strip().splitlines()[0]
        if str(error)
        else type(error).__name__
    )
