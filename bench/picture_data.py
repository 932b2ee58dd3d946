"""Item pictures on a share of the scale catalogue (issue 21): `items_scale` with BENCH_PICTURES=10
opens the window on a copy of the cached file where every tenth item has a picture.

The copy gets 100 distinct pictures (a real shop reuses a photo for a family of items, and the content
address makes them one row each) linked to 10 % of the items through the services' own tables; the
thumbnails are left for the window to make, as on a desk that just pulled the pictures.
"""

from __future__ import annotations

import base64
import hashlib
import io
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from stockdesk.domain.ids import new_id
from stockdesk.domain.pictures import picture_id
from stockdesk.services.database import open_database

DISTINCT = 100


def _photo(number: int) -> bytes:
    image = Image.linear_gradient("L").resize((800, 600)).convert("RGB")
    image.paste((number * 37 % 256, number * 91 % 256, number * 53 % 256), (0, 0, 400, 300))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def with_pictures(source: Path, percent: int) -> Path:
    """A copy of `source` (built once, then reused) where `percent` % of the items have a picture."""
    path = source.with_name(f"{source.stem}_pictures{percent}.sqlite")
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    shutil.copyfile(source, partial)
    open_database(str(partial)).close()  # migrates the copy: the picture tables exist from here
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    connection = sqlite3.connect(partial, isolation_level=None)
    connection.execute("BEGIN")
    connection.execute("INSERT INTO sync_mute (id) VALUES (1)")  # a bench file: nothing to push
    blobs = []
    for number in range(DISTINCT):
        data = _photo(number)
        sha = hashlib.sha256(data).hexdigest()
        blobs.append(picture_id(sha).hex)
        connection.execute(
            "INSERT INTO picture_blob (sha256, mime, width, height, size, data, id, created_at, updated_at, "
            "origin_desk, hlc, deleted) VALUES (?, 'image/jpeg', 800, 600, ?, ?, ?, ?, ?, 'bench', '', 0)",
            (sha, len(data), base64.b64encode(data).decode(), blobs[-1], now, now),
        )
    every = max(1, round(100 / percent))
    items = connection.execute(f"SELECT id FROM item WHERE rowid % {every} = 0").fetchall()
    connection.executemany(
        "INSERT INTO item_picture (item_id, blob_id, position, id, created_at, updated_at, origin_desk, hlc, "
        "deleted) VALUES (?, ?, 0, ?, ?, ?, 'bench', '', 0)",
        [(item_id, blobs[n % DISTINCT], new_id().hex, now, now) for n, (item_id,) in enumerate(items)],
    )
    connection.execute("DELETE FROM sync_mute")
    connection.execute("COMMIT")
    connection.close()
    partial.rename(path)
    print(f"{len(items):,} of the items have one of {DISTINCT} pictures ({path.name})")
    return path
