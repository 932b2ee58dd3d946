"""Preparing the server database and registering desks, each with its own PostgreSQL role.

`init_server` runs the same Alembic history as every desk (on PostgreSQL the 0004 revision adds
the change log) and re-grants the registered desk roles on tables added since. `register_desk`
creates the desk's role with a random password (kept by credentials.py, never in the desk's
database), records desk id <-> role in `sync_desk`, and saves the server URL without password.
The change_log trigger maps the connection's role back to the desk id: a desk cannot log a
change as another desk.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, select, text
from sqlalchemy.engine import URL, make_url

from stockdesk.db import migrate
from stockdesk.db.engine import make_engine, normalise_url
from stockdesk.db.models import LocalSetting
from stockdesk.services.database import Database
from stockdesk.sync.credentials import CredentialStore
from stockdesk.sync.errors import DeskTooOld, NotRegistered, ServerTooOld, SyncError
from stockdesk.sync.server import capture as server_capture

SERVER_URL_KEY = "sync_server_url"
DESK_NAME_KEY = "sync_desk_name"
NO_WRITE_TABLES = ("sync_desk", "sync_server", "alembic_version")


def init_server(url: str) -> str:
    """Create or upgrade the server schema; returns its description."""
    engine = make_engine(url)
    try:
        if engine.dialect.name != "postgresql":
            raise SyncError("the sync server must be a PostgreSQL database (postgresql://...)")
        migrate.upgrade(engine)
        with engine.begin() as connection:
            server_capture.install(connection)  # after every upgrade: tables added later are covered
            for (role,) in connection.execute(text("SELECT role_name FROM sync_desk")):
                _grant(connection, role)
        return f"server ready: {engine.url.render_as_string(hide_password=True)}"
    finally:
        engine.dispose()


def role_name(desk_id: str) -> str:
    return "sd_" + re.sub(r"[^a-z0-9_]", "_", desk_id.lower())


def _grant(connection: Connection, role: str) -> None:
    database = connection.scalar(text("SELECT current_database()"))
    connection.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO "{role}"'))
    connection.execute(text(f'GRANT USAGE ON SCHEMA public TO "{role}"'))
    connection.execute(text(f'GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO "{role}"'))
    connection.execute(text(f'REVOKE INSERT, UPDATE ON {", ".join(NO_WRITE_TABLES)} FROM "{role}"'))
    connection.execute(text(f'GRANT UPDATE (last_seen_at) ON sync_desk TO "{role}"'))


def register_desk(db: Database, admin_url: str, store: CredentialStore | None = None) -> URL:
    """Give this desk its own role on the server (admin_url needs CREATEROLE); returns the desk's URL."""
    admin = make_url(normalise_url(admin_url))
    role = role_name(db.desk_id)
    password = secrets.token_urlsafe(24)  # letters, digits, - and _: safe inside a quoted literal
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            exists = connection.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
            verb = "ALTER" if exists else "CREATE"
            connection.execute(text(f"{verb} ROLE \"{role}\" LOGIN PASSWORD '{password}'"))
            _grant(connection, role)
            connection.execute(
                text(
                    "INSERT INTO sync_desk (desk_id, role_name) VALUES (:d, :r) "
                    "ON CONFLICT (desk_id) DO NOTHING"
                ),
                {"d": db.desk_id, "r": role},
            )
    finally:
        engine.dispose()
    desk_url = admin.set(username=role, password=None)
    (store or default_store(db)).save(db.desk_id, password)
    with db.engine.begin() as connection:
        connection.execute(LocalSetting.__table__.delete().where(LocalSetting.key == SERVER_URL_KEY))
        connection.execute(
            LocalSetting.__table__.insert().values(
                key=SERVER_URL_KEY, value=desk_url.render_as_string(hide_password=False)
            )
        )
    return desk_url


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


def desk_server_url(db: Database, store: CredentialStore | None = None) -> URL:
    with db.engine.connect() as connection:
        saved = connection.scalar(select(LocalSetting.value).where(LocalSetting.key == SERVER_URL_KEY))
    if not saved:
        raise NotRegistered()
    url = make_url(saved)
    password = (store or default_store(db)).load(db.desk_id)
    return url.set(password=password) if password else url


def is_registered(db: Database) -> bool:
    """Whether this desk syncs: a local (SQLite) desk that has been registered on a server."""
    if db.engine.dialect.name != "sqlite":
        return False  # a desk running directly on the server has nothing to sync
    with db.engine.connect() as connection:
        saved = connection.scalar(select(LocalSetting.value).where(LocalSetting.key == SERVER_URL_KEY))
    return bool(saved)


def server_engine(url: URL) -> Engine:
    # A short connect timeout: an absent server must make the desk go offline quickly, not hang.
    return create_engine(
        url, pool_pre_ping=True, pool_size=1, max_overflow=1, connect_args={"connect_timeout": 5}
    )


def check_versions(server: Connection) -> None:
    """An older desk is never allowed to write rows it does not understand."""
    ours = migrate.head_revisions()
    theirs = frozenset(server.scalars(text("SELECT version_num FROM alembic_version")))
    if theirs - ours:
        raise DeskTooOld(theirs - ours)
    if ours - theirs:
        raise ServerTooOld(ours - theirs)
