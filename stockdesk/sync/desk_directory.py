"""The desks a server knows, for an admin to see and revoke: read from the server's own database (a
window opened on it) or asked of its HTTP API (a registered desk's window, after an admin signs in).

Both give the same `DeskEntry` rows and the same refusals, so the window's Desks dialog has one shape.
Desks of the database-login era that have not moved to a token yet are listed too (`moved` False):
an admin makes (or renews) the one-time upgrade code such a desk needs, as `stockdesk desk
upgrade-codes DESK --renew` does, and gets the line to carry to it.
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
    moved: bool = True  # False: a desk of the database-login era still waiting for its upgrade code


class DeskDirectory(Protocol):
    def list(self) -> list[DeskEntry]: ...

    def revoke(self, desk_id: str) -> DeskEntry: ...

    def upgrade_code(self, desk_id: str) -> str:
        """A new one-time upgrade code for a desk not moved yet (earlier unused ones stop working), as
        the slip's line to carry to the desk: shown once."""
        ...


class ServerDatabaseDesks:
    """The desks in the server database the window itself is open on."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor

    def list(self) -> list[DeskEntry]:
        moved = [_entry(view) for view in desks.list_desks(self.db.uow(), self.actor)]
        return moved + [_waiting(desk_id) for desk_id in desks.old_desks(self.db.uow())]

    def revoke(self, desk_id: str) -> DeskEntry:
        return _entry(desks.revoke(self.db.uow(), self.actor, desk_id))

    def upgrade_code(self, desk_id: str) -> str:
        from stockdesk.sync.server.setup import new_upgrade_line

        return new_upgrade_line(self.db, self.actor, desk_id)


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

    def upgrade_code(self, desk_id: str) -> str:
        from stockdesk.sync import http_transfer

        return str(http_transfer.upgrade_code(self.server_url, self.access_token, desk_id)["line"])


def _entry(view: desks.DeskView) -> DeskEntry:
    return DeskEntry(view.desk_id, view.name, view.last_sync_at, view.revoked)


def _waiting(desk_id: str) -> DeskEntry:
    return DeskEntry(desk_id, "", None, False, moved=False)


def _parsed(row: dict[str, Any]) -> DeskEntry:
    last = row.get("last_sync_at")
    when = datetime.fromisoformat(last) if last else None
    moved = bool(row.get("moved", True))
    return DeskEntry(str(row["desk_id"]), str(row["name"]), when, bool(row["revoked"]), moved)
