"""Preparing the server database, and registering a desk with the server's HTTP API.

`init_server` runs the same Alembic history as every desk (on PostgreSQL the 0004 revision adds
the change log) and installs the server's capture triggers. Desks reach the server only through its
API with a token (`register_desk_over_http`); none holds a database login. Desks registered the old
way had a PostgreSQL role each: `init_server` takes every such role's login and privileges away, so
nothing an old desk holds opens the database any more (issue 15).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, select, text

from stockdesk.db import migrate
from stockdesk.db.engine import make_engine
from stockdesk.db.models import LocalSetting
from stockdesk.db.sync_models import sync_server
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Actor
from stockdesk.services.database import Database
from stockdesk.sync import upgrade_slip
from stockdesk.sync.credentials import CredentialStore
from stockdesk.sync.errors import SyncError
from stockdesk.sync.server import capture as server_capture
from stockdesk.sync.server import desks

SERVER_URL_KEY = "sync_server_url"
PUBLIC_URL_KEY = "public_url"  # in the server's sync_server table: the address desks reach it at
DESK_NAME_KEY = "sync_desk_name"
DESK_NAMES_KEY = "sync_desk_names"


def init_server(url: str) -> str:
    """Create or upgrade the server schema; returns its description."""
    engine = make_engine(url)
    try:
        if engine.dialect.name != "postgresql":
            raise SyncError("the sync server must be a PostgreSQL database (postgresql://...)")
        migrate.upgrade(engine)
        with engine.begin() as connection:
            server_capture.install(connection)  # after every upgrade: tables added later are covered
            closed = _shut_out_desk_roles(connection)
        note = f"; {closed} old desk login(s) disabled" if closed else ""
        return f"server ready: {engine.url.render_as_string(hide_password=True)}{note}"
    finally:
        engine.dispose()


def _shut_out_desk_roles(connection: Connection) -> int:
    """Desks of the database-login era: no login, no privilege left (their rows in sync_desk stay as
    history). Returns how many roles were still able to log in or still held privileges."""
    closed = 0
    database = connection.scalar(text("SELECT current_database()"))
    roles = connection.execute(
        text("SELECT d.role_name FROM sync_desk d JOIN pg_roles r ON r.rolname = d.role_name")
    ).scalars()
    for role in roles:
        connection.execute(text(f'ALTER ROLE "{role}" NOLOGIN'))
        connection.execute(text(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{role}"'))
        connection.execute(text(f'REVOKE ALL ON SCHEMA public FROM "{role}"'))
        connection.execute(text(f'REVOKE ALL ON DATABASE "{database}" FROM "{role}"'))
        connection.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :r"), {"r": role}
        )
        closed += 1
    return closed


def server_address(db: Database, given: str = "") -> str:
    """The server's HTTPS address as desks reach it: `given` is remembered for the next time (a later
    `stockdesk desk upgrade-codes` need not be told again); "" while nobody has said it, and on a
    database that is no server (a SQLite file has no `sync_server` table: its desks are refused later)."""
    if db.engine.dialect.name != "postgresql":
        return ""
    with db.engine.begin() as connection:
        if given:
            connection.execute(sync_server.delete().where(sync_server.c.key == PUBLIC_URL_KEY))
            connection.execute(sync_server.insert().values(key=PUBLIC_URL_KEY, value=given.rstrip("/")))
            return given.rstrip("/")
        saved = connection.scalar(select(sync_server.c.value).where(sync_server.c.key == PUBLIC_URL_KEY))
    return str(saved or "")


def hand_out_upgrade_codes(
    db: Database,
    actor: Actor | None,
    *,
    server_url: str,
    folder: Path | None,
    only: Sequence[str] = (),
    renew: bool = False,
) -> list[tuple[upgrade_slip.Slip, datetime, Path | None]]:
    """An upgrade code per desk of the database-login era that has no token (nor, unless `renew`, a
    live code), each with the server's address as a slip, written into `folder` when one is given."""
    made = []
    for code in desks.upgrade_codes(db.uow(), actor, only=only, renew=renew):
        slip = upgrade_slip.Slip(code.code, server_url, code.desk_id)
        path = None
        if folder is not None:
            try:
                path = upgrade_slip.write(folder, slip, code.expires_at)
            except OSError:
                path = None  # a folder it may not write: the code is still printed, nothing lost
        made.append((slip, code.expires_at, path))
    return made


def new_upgrade_line(db: Database, actor: Actor | None, desk_id: str) -> str:
    """A new upgrade code for one desk not moved yet (its earlier unused codes stop working), as the
    slip's line with the server's remembered address: what the Desks dialog shows to carry."""
    [(slip, _expires, _path)] = hand_out_upgrade_codes(
        db, actor, server_url=server_address(db), folder=None, only=[desk_id], renew=True
    )
    return upgrade_slip.line(slip)


def is_old_registration(db: Database) -> bool:
    """A desk registered with a database login (before issue 15): it waits for its upgrade code."""
    saved = saved_server(db)
    return bool(saved) and not is_http(saved)


def upgrade_desk_over_http(
    db: Database,
    text: str,
    *,
    server_url: str = "",
    name: str,
    store: CredentialStore | None = None,
) -> str:
    """Move this desk to a token with an upgrade slip (its line, its file's text, or a bare code with
    `server_url`): the server registers the same desk id, so the outbox goes out as before. Returns
    the server's address."""
    slip = upgrade_slip.parse(text)
    if slip.desk_id and slip.desk_id != db.desk_id:
        raise ValidationError(
            "upgrade_code",
            slip.desk_id,
            Message("sync.upgrade_other_desk", desk=slip.desk_id, own=db.desk_id),
        )
    server = (server_url or slip.server).rstrip("/")
    if not is_http(server):
        raise ValidationError("server", server, Message("sync.upgrade_server"))
    register_desk_over_http(db, server, name=name, code=slip.code, store=store)
    return server


def register_desk_over_http(
    db: Database,
    server_url: str,
    *,
    name: str,
    email: str = "",
    password: str = "",
    code: str = "",
    store: CredentialStore | None = None,
) -> str:
    """Register this desk with the server's API (a manager's log-in or an enrolment code): the desk
    keeps the token in the keyring or a 0600 file and the server's address; no database role."""
    from stockdesk.sync import http_transfer  # httpx loads when a desk registers or syncs

    token = http_transfer.register(server_url, db.desk_id, name, email=email, password=password, code=code)
    where = (store or default_store(db)).save(db.desk_id, token)
    _save_setting(db, SERVER_URL_KEY, server_url.rstrip("/"))
    _save_setting(db, DESK_NAME_KEY, name)
    return where


def _save_setting(db: Database, key: str, value: str) -> None:
    with db.engine.begin() as connection:
        connection.execute(LocalSetting.__table__.delete().where(LocalSetting.key == key))
        connection.execute(LocalSetting.__table__.insert().values(key=key, value=value))


def save_desk_names(db: Database, names: dict[str, str]) -> None:
    """The names of every desk, as the server knows them (shown instead of desk ids)."""
    _save_setting(db, DESK_NAMES_KEY, json.dumps(names, sort_keys=True))


def saved_desk_names(db: Database) -> dict[str, str]:
    with db.engine.connect() as connection:
        saved = connection.scalar(select(LocalSetting.value).where(LocalSetting.key == DESK_NAMES_KEY))
    try:
        names = json.loads(saved) if saved else {}
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {}


def is_http(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def saved_server(db: Database) -> str:
    """The address this desk syncs with ("" when it is not registered)."""
    with db.engine.connect() as connection:
        saved = connection.scalar(select(LocalSetting.value).where(LocalSetting.key == SERVER_URL_KEY))
    return str(saved or "")


def default_store(db: Database) -> CredentialStore:
    database = db.engine.url.database
    folder = Path(database).parent if db.engine.dialect.name == "sqlite" and database else Path.home()
    return CredentialStore(folder)


def is_registered(db: Database) -> bool:
    """Whether this desk syncs: a local (SQLite) desk that has been registered on a server."""
    if db.engine.dialect.name != "sqlite":
        return False  # a desk running directly on the server has nothing to sync
    with db.engine.connect() as connection:
        saved = connection.scalar(select(LocalSetting.value).where(LocalSetting.key == SERVER_URL_KEY))
    return bool(saved)
