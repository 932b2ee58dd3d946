"""What can stop a sync, worded for the person at the desk."""

from __future__ import annotations

from stockdesk.domain.errors import StockDeskError


class SyncError(StockDeskError):
    """Sync could not run; the desk keeps working offline and keeps its queued changes."""


class NotRegistered(SyncError):
    def __init__(self) -> None:
        super().__init__("this desk is not connected to a server yet: run `stockdesk sync --server URL`")


class ServerUnreachable(SyncError):
    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"server not reachable, working offline: {reason}")


class DeskTooOld(SyncError):
    def __init__(self, missing: frozenset[str]) -> None:
        self.missing = missing
        super().__init__(
            "the server has a newer database schema than this desk "
            f"({', '.join(sorted(missing))}): update StockDesk on this desk before it can sync"
        )


class ServerTooOld(SyncError):
    def __init__(self, missing: frozenset[str]) -> None:
        self.missing = missing
        super().__init__(
            f"this desk is newer than the server ({', '.join(sorted(missing))}): "
            "upgrade the server with `stockdesk server init --db URL`"
        )
