"""The desks a server knows, for an admin to see and revoke: read from the server's own database (a
window opened on it) or asked of its HTTP API (a registered desk's window, after an admin signs in).

Both give the same `DeskEntry` rows and the same refusals, so the window's Desks dialog has one shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from stockdesk.domain.permissions import Actor
from stockdesk.services.database import Database
from stockdesk.sync.server import desks


@dataclass(frozen=True)
class DeskEntry:
    desk_id: str
    name: str
    last_sync_at: datetime | None
    revoked: bool


class DeskDirectory(Protocol):
    def list(self) -> list[DeskEntry]: ...

    def revoke(self, desk_id: str) -> DeskEntry: ...


class ServerDatabaseDesks:
    """The desks in the server database the window itself is open on."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor

    def list(self) -> list[DeskEntry]:
        return [_entry(view) for view in desks.list_desks(self.db.uow(), self.actor)]

    def revoke(self, desk_id: str) -> DeskEntry:
        return _entry(desks.revoke(self.db.uow(), self.actor, desk_id))


class ServerApiDesks:
    """The desks of the server at `server_url`, as an admin signed in there (`sign_in`) sees them."""

    def __init__(self, server_url: str, access_token: str) -> None:
        self.server_url, self.access_token = server_url, access_token

    @classmethod
    def sign_in(cls, server_url: str, email: str, password: str) -> ServerApiDesks:
        from stockdesk.sync import http_transfer  # httpx loads only when a desk talks to its server

        return cls(server_url, http_transfer.sign_in(server_url, email, password))

    def list(self) -> list[DeskEntry]:
        from stockdesk.sync import http_transfer

        return [_parsed(row) for row in http_transfer.list_desks(self.server_url, self.access_token)]

    def revoke(self, desk_id: str) -> DeskEntry:
        from stockdesk.sync import http_transfer

        return _parsed(http_transfer.revoke_desk(self.server_url, self.access_token, desk_id))


def _entry(view: desks.DeskView) -> DeskEntry:
    return DeskEntry(view.desk_id, view.name, view.last_sync_at, view.revoked)


def _parsed(row: dict[str, Any]) -> DeskEntry:
    last = row.get("last_sync_at")
    when = datetime.fromisoformat(last) if last else None
    return DeskEntry(str(row["desk_id"]), str(row["name"]), when, bool(row["revoked"]))
