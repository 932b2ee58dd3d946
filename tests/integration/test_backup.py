"""Backups of the local file: taken while another thread writes, daily rotation, restore, CLI."""

from __future__ import annotations

import io
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from stockdesk import cli
from stockdesk.domain.movements import MovementKind
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.database import Database, open_database
from stockdesk.services.inventory import check, stock
from stockdesk.services.inventory.stock import MovementRequest
from stockdesk.services.maintenance import backup
from stockdesk.services.maintenance.backup import BackupError


@pytest.fixture
def shop(sqlite_db: Database):
    admin = users.create_first_admin(sqlite_db.uow(), email="b@example.com", password="backup-pass-1")
    store = organisation.create_store(sqlite_db.uow(), admin, code="MAIN", name="Main")
    item = catalog.create_item(sqlite_db.uow(), admin, sku="B-1", name="Bolt")
    return sqlite_db, admin, store, item


def _file(db: Database) -> Path:
    return Path(db.engine.url.database or "")


def test_a_backup_taken_while_another_thread_posts_movements_is_consistent(shop, tmp_path):
    db, admin, store, item = shop
    stop = threading.Event()
    posted: list[int] = []

    def writer() -> None:
        while not stop.is_set():
            lines = [MovementRequest(MovementKind.RECEIVE, item.id, store.id, "1") for _ in range(50)]
            stock.post_movements(db.uow(), admin, lines)
            posted.append(len(lines))

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(posted) < 3:  # the writer is really running
            threading.Event().wait(0.01)
        copies = [backup.backup_to(_file(db), tmp_path / f"copy{n}.sqlite") for n in range(5)]
    finally:
        stop.set()
        thread.join()
    for copy in copies:
        assert backup.integrity_problem(copy) is None
        restored = open_database(str(copy))
        try:
            assert check.find_differences(restored.uow()) == []
            on_hand = stock.levels(restored.uow(), item.id)[0].on_hand
            assert on_hand % 50 == 0 and on_hand <= sum(posted)  # whole batches only
        finally:
            restored.close()
    assert not list(tmp_path.glob("*.partial"))


def test_daily_backup_is_made_once_a_day_and_only_the_newest_are_kept(shop, tmp_path):
    db = shop[0]
    start = datetime(2024, 3, 1, 9, tzinfo=UTC)
    made = [
        backup.daily_backup(_file(db), folder=tmp_path, keep=3, now=start + timedelta(days=d))
        for d in range(5)
    ]
    again = backup.daily_backup(_file(db), folder=tmp_path, keep=3, now=start + timedelta(days=4, hours=5))
    assert all(made) and again is None
    names = sorted(p.name for p in tmp_path.glob("daily-*.sqlite"))
    assert names == [f"daily-2024030{d}-090000.sqlite" for d in (3, 4, 5)]


def test_restore_brings_back_the_old_data_and_keeps_a_safety_copy(shop, tmp_path):
    db, admin, *_ = shop
    saved = backup.backup_now(_file(db), folder=tmp_path)
    catalog.create_item(db.uow(), admin, sku="LATER", name="Added after the backup")
    db.close()
    safety = backup.restore(saved, _file(db))
    assert safety is not None and safety.exists()
    reopened = open_database(str(_file(db)))
    try:
        with pytest.raises(Exception, match="not found"):
            catalog.find_item(reopened.uow(), "LATER")
        assert catalog.find_item(reopened.uow(), "B-1").name == "Bolt"
    finally:
        reopened.close()


def test_restore_refuses_a_damaged_or_foreign_file_and_changes_nothing(shop, tmp_path):
    db = shop[0]
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    foreign = tmp_path / "other.sqlite"
    import sqlite3

    connection = sqlite3.connect(foreign)
    connection.execute("create table notes (x)")
    connection.commit()
    connection.close()
    before = _file(db).stat().st_mtime_ns
    for bad, reason in ((damaged, "cannot be restored"), (foreign, "not a StockDesk database")):
        with pytest.raises(BackupError, match=reason):
            backup.restore(bad, _file(db))
    assert _file(db).stat().st_mtime_ns == before


def test_cli_backup_and_restore_asks_before_replacing(shop, tmp_path, monkeypatch, capsys):
    db, admin, *_ = shop
    url = str(_file(db))
    out = tmp_path / "manual.sqlite"
    assert cli.main(["--db", url, "backup", "--out", str(out)]) == 0
    assert out.exists()
    catalog.create_item(db.uow(), admin, sku="LATER", name="After")
    db.close()
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert cli.main(["--db", url, "restore", str(out)]) == 2
    assert "cancelled" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert cli.main(["--db", url, "restore", str(out)]) == 0
    reopened = open_database(url)
    try:
        with pytest.raises(Exception, match="not found"):
            catalog.find_item(reopened.uow(), "LATER")
    finally:
        reopened.close()


def test_backup_of_a_server_database_is_refused_with_a_hint():
    with pytest.raises(BackupError, match="pg_dump"):
        backup.database_file("postgresql://someone@host/db")
