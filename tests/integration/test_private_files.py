"""Every file StockDesk writes that holds personal data is readable by its user only (0600).

Run under the common umask 022, which would leave files 0644 (readable by every account on the PC) if
the code relied on it. Each command that writes a file runs as a person would run it, then its files'
modes are checked: the database and its -wal/-shm, backups and safety copies, exports, reports,
labels, import rejects and the log.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from stockdesk.cli import main
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.database import open_database
from stockdesk.services.inventory import stock
from stockdesk.services.maintenance.logging_setup import configure_logging
from stockdesk.ui.export import write_items_csv

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes; Windows uses the profile ACL")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture
def desk(tmp_path):
    path = tmp_path / "desk.sqlite"
    assert main(["--db", str(path), "init-db"]) == 0
    db = open_database(str(path))
    admin = users.create_first_admin(db.uow(), email="admin@example.com", password="admin-pass-1")
    store = organisation.create_store(db.uow(), admin, code="MAIN", name="Main")
    item = catalog.create_item(db.uow(), admin, sku="HAM", name="Hammer", reorder_point="5",
                               barcodes=["4006381333931"])
    stock.receive(db.uow(), admin, item_id=item.id, store_id=store.id, quantity="3")
    yield db, path
    db.close()


def test_the_database_and_its_wal_and_shm_files_are_private(desk):
    _db, path = desk
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    assert all(file.exists() for file in files)
    assert {file.name: mode(file) for file in files} == {file.name: 0o600 for file in files}


def test_a_database_file_of_an_older_version_is_made_private_when_opened(tmp_path):
    path = tmp_path / "old.sqlite"
    open_database(str(path)).close()
    os.chmod(path, 0o644)
    open_database(str(path)).close()
    assert mode(path) == 0o600


def test_backup_and_restore_write_private_copies(desk, tmp_path):
    _db, path = desk
    out = tmp_path / "copy.sqlite"
    assert main(["--db", str(path), "backup", "--out", str(out)]) == 0
    assert main(["--db", str(path), "backup"]) == 0
    made = list((path.parent / "backups").glob("*.sqlite"))
    assert mode(out) == 0o600 and made and all(mode(file) == 0o600 for file in made)
    assert main(["--db", str(path), "restore", str(out), "--yes"]) == 0
    safety = list(tmp_path.glob("desk.pre-restore-*.bak"))
    assert safety and mode(safety[0]) == 0o600 and mode(path) == 0o600


def test_reports_labels_and_reorder_files_are_private(desk, tmp_path):
    _db, path = desk
    outputs = {
        "valuation.csv": ["report", "valuation"],
        "valuation.pdf": ["report", "valuation"],
        "labels.pdf": ["labels", "--sku", "HAM"],
        "reorder.csv": ["reorder", "--all"],
    }
    for name, command in outputs.items():
        assert main(["--db", str(path), *command, "--out", str(tmp_path / name)]) == 0, name
    assert {name: mode(tmp_path / name) for name in outputs} == {name: 0o600 for name in outputs}


def test_import_rejects_and_the_items_export_are_private(desk, tmp_path):
    db, path = desk
    source = tmp_path / "items.csv"
    source.write_text("sku,name,price\nOK-1,Fine,1.00\nBAD,,not a price\n", encoding="utf-8")
    main(["--db", str(path), "import", str(source), "--valid-only"])
    rejects = tmp_path / "items-rejects.csv"
    assert rejects.exists() and mode(rejects) == 0o600
    export = tmp_path / "export.csv"
    write_items_csv(db, ItemFilter(), export)
    assert mode(export) == 0o600


def test_the_log_and_its_rolled_over_files_are_private(tmp_path):
    folder = tmp_path / "logs"
    log_file = configure_logging(folder=folder)
    logger = logging.getLogger("stockdesk")
    handler = next(h for h in logger.handlers if getattr(h, "baseFilename", "") == str(log_file.resolve()))
    try:
        logger.info("a line")
        handler.doRollover()
        logger.info("after the rollover")
        assert sorted(p.name for p in folder.iterdir()) == ["stockdesk.log", "stockdesk.log.1"]
        assert {mode(p) for p in folder.iterdir()} == {0o600}
        assert mode(folder) == 0o700
    finally:
        logger.removeHandler(handler)
        handler.close()
