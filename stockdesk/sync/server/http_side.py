"""The server's half of sync over HTTP: a checked push, a page of the log, the first-sync snapshot.

These run in the server process on its own connection; a desk reaches them only through
`/api/v1/sync/...` with its token. The push is today's (`push.py`: one transaction, sequence order
equals commit order, idempotent per change id) with one step more: every fresh change is checked
(`checks.py`) before anything applies; a refused change is left out, recorded for a manager (a
`sync_conflict` of kind "refused" that every desk pulls, and an audit entry) and answered with its
reason, and the rest of the batch applies.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, func, select, text

from stockdesk.db.base import utcnow
from stockdesk.db.desk_models import DeskToken
from stockdesk.db.sync_models import change_log
from stockdesk.db.synced_tables import dependency_order, synced_tables
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message
from stockdesk.sync import codec
from stockdesk.sync.changes import Change, runs
from stockdesk.sync.hlc import wall_of
from stockdesk.sync.server import desks
from stockdesk.sync.server.batch import ServerBatch
from stockdesk.sync.server.checks import ChangeChecker
from stockdesk.sync.server.desks import DeskView
from stockdesk.sync.server.inserts import apply_inserts
from stockdesk.sync.server.push import settle_levels
from stockdesk.sync.server.updates import apply_updates
from stockdesk.sync.transfer import PULL_BYTES, within_bytes

SNAPSHOT_CHUNK = 5000
# Rows of up to ~546,000 characters (an item picture's base64): a few per chunk, not 5,000 (gigabytes
# in the server's memory and in one line the desk parses at once).
BULKY_TABLES = frozenset({"picture_blob"})
BULKY_CHUNK = 8
MAX_SKEW_MS = 300_000  # as the server's stamp trigger (migration 0004): five minutes
LOG_COLUMNS = (
    change_log.c.seq,
    change_log.c.change_id,
    change_log.c.hlc,
    change_log.c.tbl,
    change_log.c.row_id,
    change_log.c.op,
    change_log.c.fields,
    change_log.c.data,
    change_log.c.origin_desk,
)


@dataclass(frozen=True)
class Refusal:
    change_id: str
    reason: str


@dataclass(frozen=True)
class PushAnswer:
    applied: int
    duplicates: int
    conflicts: int
    reviews: int
    last_seq: int
    refused: tuple[Refusal, ...]


def heads(engine: Engine) -> list[str]:
    """The server database's schema revisions: a desk syncs only with the same set."""
    with engine.connect() as connection:
        return sorted(connection.scalars(text("SELECT version_num FROM alembic_version")))


def schema_problem(engine: Engine, desk_heads: Sequence[str]) -> str:
    """Empty when the desk's schema is the server database's, else what to do about it."""
    ours = frozenset(heads(engine))
    theirs = frozenset(desk_heads)
    if theirs - ours:
        return "this desk is newer than the server: upgrade the server first"
    if ours - theirs:
        return "the server has a newer database schema than this desk: update StockDesk on this desk"
    return ""


def push_checked(engine: Engine, desk_id: str, changes: Sequence[Change]) -> PushAnswer:
    """Apply the changes not seen before that pass the checks; the others are answered with reasons."""
    with engine.begin() as connection:
        batch = ServerBatch(connection, desk_id)
        batch.begin()
        fresh = batch.new_changes(changes)
        _refuse_clock_ahead(connection, fresh)
        checker = ChangeChecker(connection, desk_id, fresh)
        accepted: list[Change] = []
        refused: list[tuple[Change, str]] = []
        for change in fresh:
            reason = checker.check(change)
            if reason is None:
                accepted.append(change)
            else:
                refused.append((change, reason))
        for run in runs(accepted):
            if run[0].op == "I":
                apply_inserts(batch, run)
            else:
                apply_updates(batch, run)
        settle_levels(batch)
        for change, reason in refused:
            _record_refusal(batch, change, reason)
        batch.write_log()
    return PushAnswer(
        len(accepted),
        len(changes) - len(fresh),
        batch.conflicts,
        batch.reviews,
        batch.last_seq,
        tuple(Refusal(change.change_id, reason) for change, reason in refused),
    )


def _refuse_clock_ahead(connection: Connection, changes: Sequence[Change]) -> None:
    """A desk whose clock runs ahead would win every merge: its batch waits (kept in its outbox)
    until its clock is set right, instead of being refused change by change."""
    if not changes:
        return
    now_ms = int(connection.scalar(text("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint")))
    latest = max(changes, key=lambda change: wall_of(change.hlc))
    if wall_of(latest.hlc) > now_ms + MAX_SKEW_MS:
        raise ValidationError("hlc", latest.hlc, Message("sync.clock_ahead", minutes=MAX_SKEW_MS // 60_000))


def _record_refusal(batch: ServerBatch, change: Change, reason: str) -> None:
    """A manager sees it among the sync conflicts on every desk, and the audit log keeps it."""
    batch.insert_row(
        "sync_conflict",
        {
            "kind": "refused",
            "tbl": change.tbl[:64],
            "row_id": _row_uuid(change.row_id),
            "field": ",".join(change.fields)[:64],
            "kept_value": json.dumps(None),
            "lost_value": json.dumps(reason[:2000]),
            "kept_desk": "server",
            "lost_desk": batch.desk_id,
            "status": "open",
        },
    )
    batch.insert_row(
        "audit_event",
        {
            "at": utcnow(),
            "user_id": None,
            "action": "sync.refused",
            "entity": change.tbl[:32],
            "entity_id": _row_uuid(change.row_id),
            "details": json.dumps({"desk": batch.desk_id, "change": change.change_id, "reason": reason}),
        },
    )


def _row_uuid(row_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(row_id)
    except ValueError:
        return uuid.UUID(int=0)


def poll(engine: Engine, token: str, after: int, limit: int) -> tuple[DeskView, dict[str, Any]]:
    """The desk the token names, and what its pull answers: the log page, the schema revisions and
    every desk's name. Most pulls are idle desks' polls, whose cost is round trips, not rows: all of
    it is read on one connection, without a transaction (the reads need no common snapshot)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        desk = desks.desk_on(connection, token)
        changes = _page(connection, after, limit)
        heads, names = names_and_heads(connection)
    return desk, {"changes": changes, "heads": heads, "desk_names": names}


def names_and_heads(connection: Connection) -> tuple[list[str], dict[str, str]]:
    """The schema revisions and every desk's name, in one round trip (a revision is a row without a
    desk)."""
    named = connection.execute(_NAMES_AND_HEADS).tuples().all()
    heads = sorted(text for desk_id, text in named if desk_id is None)
    return heads, {desk_id: text for desk_id, text in named if desk_id is not None}


_NAMES_AND_HEADS = text(
    f"SELECT desk_id, name FROM {DeskToken.__tablename__} "
    "UNION ALL SELECT NULL, version_num FROM alembic_version"
)


def _page(connection: Connection, after: int, limit: int) -> list[dict[str, Any]]:
    """The log entries after `after`, in sequence order, as they travel (`data` stays JSON text)."""
    rows = connection.execute(
        select(*LOG_COLUMNS).where(change_log.c.seq > after).order_by(change_log.c.seq).limit(limit)
    ).all()
    rows = rows[: within_bytes([row.data or "" for row in rows], PULL_BYTES)]
    return [
        {
            "seq": row.seq,
            "change_id": row.change_id,
            "hlc": row.hlc,
            "tbl": row.tbl,
            "row_id": row.row_id,
            "op": row.op,
            "fields": row.fields,
            "data": row.data,
            "origin": row.origin_desk,
        }
        for row in rows
    ]


def snapshot_lines(engine: Engine) -> Iterator[bytes]:
    """Every shared row as of one consistent moment, as JSON lines: first {"top", "now_ms"}, then
    {"t": table, "rows": [...]} chunks in dependency order. The desk follows the log from `top`."""
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as source, source.begin():
        top = int(source.scalar(select(func.coalesce(func.max(change_log.c.seq), 0))) or 0)
        now_ms = int(source.scalar(text("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint")))
        yield (json.dumps({"top": top, "now_ms": now_ms}) + "\n").encode()
        if top == 0:
            return
        for name in dependency_order():
            spec = synced_tables()[name]
            chunk = BULKY_CHUNK if name in BULKY_TABLES else SNAPSHOT_CHUNK
            result = source.execution_options(yield_per=chunk).execute(
                select(spec.table).order_by(spec.table.c.id)
            )
            for partition in result.mappings().partitions():
                rows = [codec.to_raw(name, row) for row in partition]
                yield (codec.dumps({"t": name, "rows": rows}) + "\n").encode()
