"""The SQLite log is copied into the database file by a background thread, not inside a writer's commit."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import uuid
from pathlib import Path

from sqlalchemy import Engine, text

from stockdesk.db import wal_checkpoints
from stockdesk.db.engine import make_engine
from stockdesk.domain.movements import MovementKind
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.database import Database
from stockdesk.services.inventory import stock
from stockdesk.services.inventory.stock import MovementRequest


def _rows_in_file_alone(path: Path, table: str, tmp_path: Path) -> int:
    """Rows of `table` in the database file without its log: what a checkpoint has copied in."""
    alone = tmp_path / f"alone-{uuid.uuid4().hex}.sqlite"
    shutil.copyfile(path, alone)  # the -wal file stays behind
    with sqlite3.connect(alone) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _engine(tmp_path: Path) -> tuple[Engine, Path]:
    path = tmp_path / "log.sqlite"
    engine = make_engine(str(path))
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE counted (n INTEGER)")
    wal_checkpoints.checkpoint(str(path))  # the table into the file, so a copy of the file alone has it
    return engine, path


def _insert(engine: Engine, rows: int) -> None:
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO counted (n) VALUES (:n)"), [{"n": n} for n in range(rows)])


def test_the_apps_connections_leave_checkpoints_to_the_background_thread(tmp_path):
    engine, _path = _engine(tmp_path)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one() == 0
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
    engine.dispose()


def test_a_few_changes_wait_in_the_log_until_enough_have_gathered(tmp_path):
    engine, path = _engine(tmp_path)
    _insert(engine, 10)
    assert wal_checkpoints.flush(timeout=60)
    assert _rows_in_file_alone(path, "counted", tmp_path) == 0  # still only in the log: no checkpoint yet
    _insert(engine, wal_checkpoints.EVERY_ROWS)
    assert wal_checkpoints.flush(timeout=60)
    assert _rows_in_file_alone(path, "counted", tmp_path) == 10 + wal_checkpoints.EVERY_ROWS
    engine.dispose()


def test_a_large_batch_of_movements_reaches_the_database_file(sqlite_db: Database, tmp_path):
    admin = users.create_first_admin(sqlite_db.uow(), email="w@example.com", password="wal-pass-1")
    store = organisation.create_store(sqlite_db.uow(), admin, code="MAIN", name="Main")
    items = [catalog.create_item(sqlite_db.uow(), admin, sku=f"W-{n}", name=f"Washer {n}") for n in range(3)]
    lines = [MovementRequest(MovementKind.RECEIVE, items[n % 3].id, store.id, "1") for n in range(1_200)]
    stock.post_movements(sqlite_db.uow(), admin, lines)
    assert wal_checkpoints.flush(timeout=60)
    assert _rows_in_file_alone(Path(sqlite_db.engine.url.database or ""), "stock_movement", tmp_path) == 1_200


def test_dispose_waits_for_a_running_checkpoint_then_the_file_is_whole(tmp_path, monkeypatch):
    engine, path = _engine(tmp_path)
    started, release = threading.Event(), threading.Event()
    real_checkpoint = wal_checkpoints.checkpoint

    def held_checkpoint(file: str) -> None:  # a checkpoint still running when the app disposes
        started.set()
        release.wait()
        real_checkpoint(file)

    monkeypatch.setattr(wal_checkpoints, "checkpoint", held_checkpoint)
    _insert(engine, wal_checkpoints.EVERY_ROWS + 5)
    assert started.wait(timeout=60)
    disposing = threading.Thread(target=engine.dispose)
    disposing.start()
    disposing.join(timeout=0.2)
    assert disposing.is_alive()  # dispose() returning now would leave the checkpoint holding the file
    release.set()
    disposing.join(timeout=60)
    assert not disposing.is_alive()
    assert not Path(f"{path}-wal").exists()
    assert _rows_in_file_alone(path, "counted", tmp_path) == wal_checkpoints.EVERY_ROWS + 5


def test_a_checkpoint_of_a_file_that_is_gone_creates_nothing(tmp_path):
    missing = tmp_path / "gone.sqlite"
    wal_checkpoints.checkpoint(str(missing))
    assert not missing.exists()
