"""What the desk's half of the protocol shares between its steps: batch sizes, the outbox columns, the
pull cursor and the clock rule (docs/sync-protocol.md). The steps themselves go over HTTP
(http_transfer.py)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection

PUSH_BATCH = 5000
PULL_BATCH = 5000
# A pushed batch's gzipped body stays under the server's request limit (1 MB by default): a picture
# is ~540 KB of base64 that gzip cannot shrink. Rows are first cut at PUSH_RAW_BYTES of uncompressed
# data, so a batch of pictures is not compressed whole only to be halved many times.
PUSH_BYTES = 900_000
PUSH_RAW_BYTES = 8_000_000
PULL_BYTES = 8_000_000
OUTBOX_COLUMNS = "seq, hlc, tbl, row_id, op, fields, data, base_cursor"
Hook = Callable[[str], None]  # test seam: called at named points ("pushed", "pulled") to crash there


def read_cursor(connection: Connection) -> int:
    return int(connection.exec_driver_sql("SELECT cursor FROM sync_state WHERE id = 1").scalar() or 0)


def _advance(connection: Connection, cursor: int, seen_wall: int) -> None:
    connection.exec_driver_sql("UPDATE sync_state SET cursor = ? WHERE id = 1", (cursor,))
    # HLC receive rule: our next stamp must be later than every stamp we have seen.
    connection.exec_driver_sql(
        "UPDATE sync_clock SET counter = CASE WHEN ? > wall THEN 0 ELSE counter END, "
        "wall = MAX(wall, ?) WHERE id = 1",
        (seen_wall + 1, seen_wall + 1),
    )


def within_bytes(datas: list[str], budget: int) -> int:
    """How many of the leading rows (their data texts) fit in `budget` bytes; always at least one."""
    total = 0
    for count, data in enumerate(datas):
        total += len(data)
        if total > budget and count:
            return count
    return len(datas)
