"""The desk's half of sync over the server's HTTP API: register, push, pull, first-sync snapshot.

The guarantees are those of the direct protocol (docs/sync-protocol.md): outbox rows leave the desk
only after the server answered that it committed them (a batch lost on the way is sent again, and the
server applies a change id once); the pull cursor moves in the same local transaction as the pulled
rows; a new desk starts from one consistent snapshot, then follows the log from its sequence number.
What changes: the desk holds a token (keyring, else a 0600 file), never a database credential; the
server names the desk from the token and checks every change; a change the server refuses leaves the
outbox for `sync_refused` with the reason (shown on the sync page, never retried).
"""

from __future__ import annotations

import gzip
import json
import os
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any
from urllib.parse import quote

import httpx
from sqlalchemy import Engine, Row

from stockdesk.db import migrate
from stockdesk.db.base import utcnow
from stockdesk.db.synced_tables import synced_tables
from stockdesk.sync.changes import Change, _split
from stockdesk.sync.errors import DeskTooOld, ServerTooOld, ServerUnreachable, SyncError
from stockdesk.sync.hlc import wall_of
from stockdesk.sync.local_apply import LocalApply
from stockdesk.sync.transfer import (
    OUTBOX_COLUMNS,
    PULL_BATCH,
    PUSH_BATCH,
    PUSH_BYTES,
    PUSH_RAW_BYTES,
    Hook,
    _advance,
    read_cursor,
    within_bytes,
)

API = "/api/v1"
TIMEOUT = httpx.Timeout(60.0, connect=5.0)  # an absent server must make the desk go offline quickly
# A desk keeps its connection between syncs (every 30 s by default): shorter than the server's own
# keep-alive (api.server.KEEP_ALIVE_S), so the server never closes it just as the desk sends.
KEEP_ALIVE_S = 60.0
GZIP_JSON = {"Content-Encoding": "gzip", "Content-Type": "application/json"}


class DeskRefused(SyncError):
    """The server does not accept this desk's token (revoked, or unknown): the outbox stays."""


@dataclass(frozen=True)
class PushTotals:
    pushed: int
    conflicts: int
    refused: int


def _verify() -> ssl.SSLContext:
    # A shop server with its own certificate authority: point the desks at its certificate.
    return _tls_context(os.environ.get("STOCKDESK_SYNC_CAFILE") or None)


@lru_cache(maxsize=4)
def _tls_context(cafile: str | None) -> ssl.SSLContext:
    """The certificates a desk trusts, read once per process: httpx read the whole CA bundle again for
    every client (each sync, each sign-in), even for a plain http:// server: 46 ms of CPU a client,
    0.23 ms with the context shared. A context is safe to share between clients and threads."""
    return ssl.create_default_context(cafile=cafile) if cafile else httpx.create_ssl_context()


def client(server_url: str, token: str = "") -> httpx.Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.Client(
        base_url=server_url.rstrip("/") + API,
        headers=headers,
        timeout=TIMEOUT,
        verify=_verify(),
        limits=httpx.Limits(keepalive_expiry=KEEP_ALIVE_S),
    )


def _answer(response: httpx.Response) -> Any:
    """The JSON of a good answer; a refusal becomes a SyncError with the server's own sentence."""
    if response.status_code < 300:
        return response.json()
    try:
        detail = str(response.json().get("detail") or response.text)
    except ValueError:
        detail = response.text[:200]
    if response.status_code == 401:
        raise DeskRefused(detail)
    raise SyncError(f"the server refused the request ({response.status_code}): {detail}")


def _call(send: Callable[[], httpx.Response]) -> Any:
    try:
        return _answer(send())
    except httpx.TransportError as error:
        raise ServerUnreachable(str(error) or type(error).__name__) from error


# -- registering --------------------------------------------------------------------------------


def register(
    server_url: str, desk_id: str, name: str, *, email: str = "", password: str = "", code: str = ""
) -> str:
    """The desk's new token, given a manager's or admin's log-in or an enrolment code."""
    access_token = sign_in(server_url, email, password) if email else ""
    with client(server_url, access_token) as http:
        body = {"desk_id": desk_id, "name": name, "enrolment_code": code}
        made = _call(lambda: http.post("/sync/desks", json=body))
    return str(made["token"])


# -- the desk list, for an admin ----------------------------------------------------------------------


def sign_in(server_url: str, email: str, password: str) -> str:
    """A short-lived access token of a user of the server (the server says why it refuses)."""
    with client(server_url) as http:
        login = _call(lambda: http.post("/auth/token", json={"email": email, "password": password}))
    return str(login["access_token"])


def list_desks(server_url: str, access_token: str) -> list[dict[str, Any]]:
    with client(server_url, access_token) as http:
        return list(_call(lambda: http.get("/sync/desks")))


def revoke_desk(server_url: str, access_token: str, desk_id: str) -> dict[str, Any]:
    with client(server_url, access_token) as http:
        return dict(_call(lambda: http.delete(f"/sync/desks/{quote(desk_id, safe='')}")))


def upgrade_code(server_url: str, access_token: str, desk_id: str) -> dict[str, Any]:
    with client(server_url, access_token) as http:
        return dict(_call(lambda: http.post(f"/sync/desks/{quote(desk_id, safe='')}/upgrade-code")))


# -- one sync -----------------------------------------------------------------------------------


def check_versions(http: httpx.Client) -> None:
    _same_schema(_call(lambda: http.get("/sync/version"))["heads"])


def _same_schema(server_heads: list[str]) -> None:
    """An older desk never applies rows it does not understand; a newer one waits for the server."""
    theirs = frozenset(server_heads)
    ours = frozenset(migrate.head_revisions())
    if theirs - ours:
        raise DeskTooOld(theirs - ours)
    if ours - theirs:
        raise ServerTooOld(ours - theirs)


def _wire(change: Change) -> dict[str, Any]:
    return {
        "change_id": change.change_id,
        "hlc": change.hlc,
        "tbl": change.tbl,
        "row_id": change.row_id,
        "op": change.op,
        "fields": list(change.fields),
        "data": change.data or json.dumps(change.raw, separators=(",", ":"), default=str),
        "base_cursor": change.base_cursor,
        "local_seq": change.local_seq,
    }


def _batch(rows: Sequence[Row[Any]], desk_id: str, heads: list[str]) -> tuple[list[Change], bytes]:
    """The leading rows whose gzipped batch fits the server's request limit, and that body.

    Rows of records compress about tenfold, so a full batch of 5,000 fits; pictures (JPEG as base64)
    barely compress, so a batch holding some is halved until it fits (always at least one change).
    Counting the rows' uncompressed bytes instead would cut every batch of plain rows to a quarter.
    """
    rows = rows[: within_bytes([row.data or "" for row in rows], PUSH_RAW_BYTES)]
    while True:
        changes = [Change.from_outbox(row, desk_id) for row in rows]
        body = gzip.compress(json.dumps({"heads": heads, "changes": [_wire(c) for c in changes]}).encode(), 5)
        if len(body) <= PUSH_BYTES or len(rows) == 1:
            return changes, body
        rows = rows[: len(rows) // 2]


def push(local: Engine, http: httpx.Client, desk_id: str, *, hook: Hook | None = None) -> PushTotals:
    """Send the outbox in batches; a batch leaves the outbox only after the server committed it."""
    pushed = conflicts = refused = 0
    heads = sorted(migrate.head_revisions())
    while True:
        with local.connect() as connection:
            rows = connection.exec_driver_sql(
                f"SELECT {OUTBOX_COLUMNS} FROM sync_outbox ORDER BY seq LIMIT {PUSH_BATCH}"
            ).all()
        if not rows:
            return PushTotals(pushed, conflicts, refused)
        changes, body = _batch(rows, desk_id, heads)
        if hook:
            hook("push-sending")  # a crash here: the server never saw the batch
        answer = _call(partial(http.post, "/sync/push", content=body, headers=GZIP_JSON))
        if hook:
            hook("pushed")  # a crash here leaves the batch in the outbox: the replay is a no-op
        by_id = {c.change_id: c for c in changes}
        with local.begin() as connection:
            for refusal in answer["refused"]:
                change = by_id.get(refusal["change_id"])
                if change is not None:
                    connection.exec_driver_sql(
                        "INSERT OR REPLACE INTO sync_refused (change_id, tbl, row_id, reason, at) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (
                            change.change_id,
                            change.tbl,
                            change.row_id,
                            refusal["reason"],
                            utcnow().isoformat(" "),
                        ),
                    )
            connection.exec_driver_sql("DELETE FROM sync_outbox WHERE seq <= ?", (changes[-1].local_seq,))
        pushed += len(changes) - len(answer["refused"])
        conflicts += int(answer["conflicts"])
        refused += len(answer["refused"])


def pull(
    local: Engine,
    http: httpx.Client,
    desk_id: str,
    *,
    hook: Hook | None = None,
    on_names: Callable[[dict[str, str]], None] | None = None,
) -> int:
    """Fetch the log after the cursor and apply it; the cursor moves in the same local transaction."""
    pulled = 0
    while True:
        with local.connect() as connection:
            cursor = read_cursor(connection)
        page = _call(partial(http.get, "/sync/pull", params={"after": cursor, "limit": PULL_BATCH}))
        _same_schema(page["heads"])
        if on_names is not None:
            on_names({str(k): str(v) for k, v in page["desk_names"].items()})
            on_names = None
        rows = page["changes"]
        if not rows:
            return pulled
        changes = [
            Change(
                r["change_id"],
                r["hlc"],
                r["tbl"],
                r["row_id"],
                r["op"],
                _split(r["fields"]),
                None,
                r["origin"],
                0,
                r["seq"],
                0,
                r["data"],
            )
            for r in rows
        ]
        if hook:
            hook("pull-fetched")
        with local.begin() as connection:
            with LocalApply(connection, desk_id) as applier:
                applier.apply(changes)
                applier.recompute_levels()
            _advance(connection, changes[-1].seq, max(wall_of(c.hlc) for c in changes))
            if hook:
                hook("pulled")  # a crash here rolls the whole batch back, cursor included
        pulled += len(changes)


def snapshot(local: Engine, http: httpx.Client, desk_id: str) -> int:
    """First sync: every shared row as of one moment on the server, then the log from there."""
    copied = 0
    try:
        with http.stream("GET", "/sync/snapshot") as response:
            if response.status_code >= 300:
                response.read()
                _answer(response)
            lines = response.iter_lines()
            header = json.loads(next(lines))
            if int(header["top"]) == 0:
                return 0
            with local.begin() as connection:
                with LocalApply(connection, desk_id) as applier:
                    for line in lines:
                        if not line:
                            continue
                        chunk = json.loads(line)
                        applier.insert_rows(synced_tables()[chunk["t"]], chunk["rows"], upsert=True)
                        copied += len(chunk["rows"])
                    applier.rebuild_all_levels()
                _advance(connection, int(header["top"]), int(header["now_ms"]))
    except httpx.TransportError as error:
        raise ServerUnreachable(str(error) or type(error).__name__) from error
    return copied
