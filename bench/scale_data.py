"""A large catalogue for the scale benchmarks: 1,000,000 items, 3 stores, 5,000,000 movements.

The services would take hours to post five million movements one by one, so this writes the same rows
they would (item, item_barcode, stock_movement, stock_level with stock_level equal to the ledger sum)
with plain executemany in big transactions. Change capture is muted while loading (as when a desk
applies a pull), so no sync_outbox rows are made; alerts are not opened. The search triggers of
0002_search do run, so item_fts and item_summary are built exactly as in use. The file is cached
(under the temp directory) and reused while DATA_VERSION is unchanged.
"""

from __future__ import annotations

import ast
import importlib.util
import random
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from stockdesk.domain.gtin import make_instore_ean13
from stockdesk.domain.ids import new_id
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import open_database

DATA_VERSION = 2
ADJECTIVES = ("Claw", "Steel", "Brass", "Heavy", "Mini", "Pro", "Cordless", "Oak", "Zinc", "Red", "Blue",
              "Long", "Short", "Round", "Square", "Galvanised", "Nylon", "Copper", "Rubber", "Fine")
NOUNS = ("hammer", "saw", "nail", "screw", "bolt", "washer", "drill", "chisel", "plier", "wrench", "tape",
         "glue", "hinge", "bracket", "anchor", "file", "clamp", "brush", "roller", "ladder")


def cached_path(items: int) -> Path:
    return Path(tempfile.gettempdir()) / f"stockdesk_scale_{items}_v{DATA_VERSION}.sqlite"


def build(items: int = 1_000_000, movements: int = 5_000_000, *, path: Path | None = None) -> Path:
    """The cached database file, built first if it is missing."""
    path = path or cached_path(items)
    if path.exists():
        _ensure_live_indexes(path)
        return path
    partial = path.with_suffix(".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    db = open_database(str(partial))
    admin = users.create_first_admin(db.uow(), email="admin@example.com", password="admin-pass-1",
                                     name="Ada Admin")
    stores = [organisation.create_store(db.uow(), admin, code=c, name=n).id.hex
              for c, n in (("MAIN", "Main store"), ("NORTH", "North branch"), ("SOUTH", "South branch"))]
    categories = _categories(db, admin)
    suppliers = [organisation.create_supplier(db.uow(), admin, name=f"Supplier {n:02d}").id.hex
                 for n in range(40)]
    db.close()
    connection = sqlite3.connect(partial, isolation_level=None)
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute("PRAGMA cache_size = -1000000")  # 1 GB: a small cache re-spills pages to the WAL
    connection.execute("INSERT INTO sync_mute (id) VALUES (1)")
    rng = random.Random(7)
    saved = _drop_for_load(connection)
    item_ids = _insert_items(connection, rng, items, categories, suppliers, admin.id.hex)
    _insert_movements(connection, rng, item_ids, stores, movements, admin.id.hex)
    _rebuild_search(connection)
    for (sql,) in saved:
        connection.execute(sql)
    connection.execute("DELETE FROM sync_mute")
    connection.execute("ANALYZE")
    connection.close()
    partial.rename(path)
    print(f"built {path.name} in {time.perf_counter() - started:.0f} s")
    return path


def _ensure_live_indexes(path: Path) -> None:
    """Add the partial indexes 0002_search gained after a cached file was built (idempotent).

    The migration module (which imports Alembic, ~11 MB the window itself no longer loads) is only
    loaded when an index is missing: items_scale measures the resident memory of this process.
    """
    source = Path(__file__).resolve().parent.parent / "stockdesk/db/migrations/versions/0002_search.py"
    if _live_index_names(source) <= _index_names(path):
        return
    spec = importlib.util.spec_from_file_location("search_migration", source)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    connection = sqlite3.connect(path)
    for statement in module.SQLITE_LIVE_INDEXES.values():
        connection.execute(statement)
    connection.execute("ANALYZE")
    connection.close()


def _live_index_names(source: Path) -> set[str]:
    """The names 0002_search gives its partial indexes: ix_item_live_<column> for SORT_COLUMNS and id."""
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "SORT_COLUMNS":
            return {f"ix_item_live_{column}" for column in (*ast.literal_eval(node.value), "id")}
    raise RuntimeError(f"no SORT_COLUMNS in {source}")


def _index_names(path: Path) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        return {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    finally:
        connection.close()


def _categories(db: object, admin: object) -> list[str]:
    leaves: list[str] = []
    tops = ("Hand tools", "Power tools", "Fixings", "Garden", "Paint", "Plumbing", "Electrical", "Safety")
    for top in tops:
        parent = organisation.create_category(db.uow(), admin, name=top)  # type: ignore[attr-defined]
        leaves.append(parent.id.hex)
        for n in range(5):
            child = organisation.create_category(db.uow(), admin, name=f"{top} {n + 1}",  # type: ignore[attr-defined]
                                                 parent_id=parent.id)
            leaves.append(child.id.hex)
    return leaves


def _drop_for_load(connection: sqlite3.Connection) -> list[tuple[str]]:
    """Drop the search triggers and movement indexes; their SQL is re-run after the load.

    Building an index once over sorted data is far faster than millions of random inserts, and
    `_rebuild_search` fills item_fts / item_summary with what the triggers would have written.
    """
    saved = connection.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND ((type = 'trigger' AND name LIKE 'search%') "
        "OR (type = 'index' AND tbl_name = 'stock_movement'))"
    ).fetchall()
    for (sql,) in saved:
        kind, name = sql.split()[1], sql.split()[2]
        connection.execute(f"DROP {kind} {name}")
    return saved


def _rebuild_search(connection: sqlite3.Connection) -> None:
    connection.execute("BEGIN")
    connection.execute(
        "INSERT INTO item_fts (rowid, name, sku, codes) SELECT i.rowid, i.name, i.sku, coalesce("
        "(SELECT group_concat(code, ' ') FROM item_barcode b WHERE b.item_id = i.id AND b.deleted = 0), '') "
        "FROM item i"
    )
    connection.execute(
        "INSERT INTO item_summary (item_id, on_hand, barcode) SELECT i.id, "
        "coalesce((SELECT sum(l.on_hand) FROM stock_level l WHERE l.item_id = i.id), 0), "
        "coalesce((SELECT min(b.code) FROM item_barcode b WHERE b.item_id = i.id AND b.deleted = 0), '') "
        "FROM item i"
    )
    connection.execute("COMMIT")


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _insert_items(connection: sqlite3.Connection, rng: random.Random, count: int, categories: list[str],
                  suppliers: list[str], admin: str) -> list[str]:
    now = _stamp(datetime.now(UTC))
    ids: list[str] = []
    item_sql = (
        "INSERT INTO item (sku, name, description, category_id, supplier_id, unit, cost_price, sell_price, "
        "reorder_point, reorder_qty, owner_id, active, id, created_at, updated_at, updated_by, origin_desk, "
        "hlc, deleted) VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', '', 0)"
    )
    code_sql = (
        "INSERT INTO item_barcode (item_id, code, symbology, id, created_at, updated_at, updated_by, "
        "origin_desk, hlc, deleted) VALUES (?, ?, 'EAN13', ?, ?, ?, ?, 'bench', '', 0)"
    )
    for start in range(0, count, 50_000):
        rows, codes = [], []
        for number in range(start, min(start + 50_000, count)):
            item_id = new_id().hex
            ids.append(item_id)
            cost = rng.randrange(100, 5_000_000)  # 0.01 .. 500.00, scaled by 10**4
            name = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {rng.randrange(1, 500)} mm"
            rows.append((f"SKU-{number:07d}", name, rng.choice(categories), rng.choice(suppliers),
                         rng.choice(("pcs", "pcs", "box", "m", "kg")), cost, cost * 14 // 10,
                         rng.randrange(0, 40) * 1000, rng.randrange(10, 100) * 1000, admin,
                         int(rng.random() > 0.05), item_id, now, now, admin))
            codes.append((item_id, make_instore_ean13(20, number), new_id().hex, now, now, admin))
        connection.execute("BEGIN")
        connection.executemany(item_sql, rows)
        connection.executemany(code_sql, codes)
        connection.execute("COMMIT")
    return ids


def _insert_movements(connection: sqlite3.Connection, rng: random.Random, item_ids: list[str],
                      stores: list[str], total: int, admin: str) -> None:
    """Per item: receipts into one to three stores, then sales never below zero, over two years."""
    sql = (
        "INSERT INTO stock_movement (item_id, store_id, kind, quantity, unit_cost, reference, user_id, at, "
        "id, created_at, updated_at, updated_by, origin_desk, hlc, deleted) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', '', 0)"
    )
    per_item = total / len(item_ids)
    end = datetime.now(UTC)
    levels: list[tuple[str, str, int]] = []
    batch: list[tuple[object, ...]] = []
    connection.execute("BEGIN")
    for item_id in item_ids:
        n = max(1, round(rng.gauss(per_item, 1.5)))
        chosen = rng.sample(stores, rng.randint(1, 3))
        balance = dict.fromkeys(chosen, 0)
        # Gaps first, then a start that fits them all before now: spread evenly over two years, never
        # piled up on today (clamping to `now` made a false spike on the dashboard's last day).
        gaps = [timedelta(hours=rng.uniform(1, 24 * 30)) for _ in range(n)]
        span = sum(gaps, timedelta())
        moment = end - span - timedelta(days=rng.uniform(0, max(0.0, 730 - span.days)))
        for k in range(n):
            store = chosen[k % len(chosen)] if k < len(chosen) else rng.choice(chosen)
            if k < len(chosen) or balance[store] == 0 or rng.random() < 0.25:
                kind, quantity, cost, ref = "receive", rng.randrange(5, 120) * 1000, 10_000, "PO"
            else:
                sold = rng.randrange(1, balance[store] // 1000 + 1) * 1000
                kind, quantity, cost, ref = "sale", -sold, None, ""
            balance[store] += quantity
            moment += gaps[k]
            stamp = _stamp(moment)
            batch.append((item_id, store, kind, quantity, cost, ref, admin, stamp, new_id().hex,
                          stamp, stamp, admin))
        levels.extend((item_id, store, quantity) for store, quantity in balance.items())
        if len(batch) >= 100_000:
            connection.executemany(sql, batch)
            batch.clear()
    connection.executemany(sql, batch)
    connection.executemany("INSERT INTO stock_level (item_id, store_id, on_hand) VALUES (?, ?, ?)", levels)
    connection.execute("COMMIT")


if __name__ == "__main__":
    build()
