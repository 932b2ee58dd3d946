"""A desk killed (SIGKILL) at random points of push and pull, 50 times: nothing lost, nothing doubled."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import random
import signal
import time
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from stockdesk.cli import main as cli_main
from stockdesk.db.models import StockMovement
from stockdesk.domain.movements import MovementKind
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.database import open_database
from stockdesk.services.inventory import stock
from stockdesk.sync.credentials import CredentialStore
from stockdesk.sync.service import SyncService
from tests.integration.test_sync_support import (
    make_desk,
    server_engine_of,
    service,
    sync_all,
    sync_api,
    sync_server,
)

__all__ = ["make_desk", "sync_api", "sync_server"]
pytestmark = pytest.mark.pg
RUNS = 50
POINTS = ("push-sending", "pushed", "pull-fetched", "pulled")


def _child(path: str, folder: str, item: str, store: str, count: int, point: str, ready) -> None:
    """Runs in a forked copy of this process (already imported: 50 runs stay fast)."""
    gc.freeze()  # what it inherited stays out of the collector's reach (test_sync_server_crash._serve)
    db = open_database(path)
    actor = users.system_actor(db.uow())
    requests = [stock.MovementRequest(MovementKind.RECEIVE, item, store, Decimal(1)) for _ in range(count)]
    stock.post_movements(db.uow(), actor, requests)
    ready.set()

    def hook(name: str) -> None:
        if name == point:
            os.kill(os.getpid(), signal.SIGKILL)

    SyncService(db, store=CredentialStore(Path(folder)), hook=hook).sync_once()


def _run_child(rng: random.Random, db_path: Path, folder: Path, item: str, store: str) -> tuple[int, bool]:
    """Post receipts and sync, dying at a hook point or a random moment: (receipts posted, killed)."""
    count = rng.randint(1, 40)
    point = rng.choice((*POINTS, "timer"))
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    process = context.Process(
        target=_child, args=(str(db_path), str(folder), item, store, count, point, ready)
    )
    process.start()
    assert ready.wait(timeout=300), "the desk process did not post its receipts"  # hang guard
    if point == "timer":
        time.sleep(rng.uniform(0, 0.05))
        if process.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGKILL)
    process.join(timeout=300)  # a hang guard: a desk still alive here is a hang, not a slow machine
    assert not process.is_alive(), "the desk process hangs"
    return count, process.exitcode == -signal.SIGKILL


def test_killed_desks_lose_and_double_nothing(make_desk, tmp_path, sync_server):
    a_db, b_db = make_desk("a"), make_desk("b")
    admin = users.create_first_admin(a_db.uow(), email="boss@example.com", password="boss-pass-1")
    store = organisation.create_store(a_db.uow(), admin, code="MAIN", name="Main")
    item = catalog.create_item(a_db.uow(), admin, sku="NAIL", name="Nail")
    a, b = service(a_db, tmp_path), service(b_db, tmp_path)
    sync_all([a, b])
    a.close(), b.close()
    rng = random.Random(2024)
    posted = killed = 0
    for run in range(RUNS):
        db = (a_db, b_db)[run % 2]
        count, was_killed = _run_child(
            rng, Path(db.engine.url.database), tmp_path, str(item.id), str(store.id)
        )
        posted, killed = posted + count, killed + was_killed
    assert killed >= RUNS * 2 // 3, f"only {killed} of {RUNS} desk processes were killed mid-sync"

    a, b = service(a_db, tmp_path), service(b_db, tmp_path)
    sync_all([a, b])
    for db in (a_db, b_db):
        with db.uow() as uow:
            total = uow.session.scalar(select(func.sum(StockMovement.quantity)))
            assert total == Decimal(posted)
        assert stock.on_hand_of(db.uow(), item.id, store.id) == Decimal(posted)
        assert cli_main(["--db", str(db.engine.url.database), "check"]) == 0
    with server_engine_of(sync_server).connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM stock_movement")) == posted
        assert connection.scalar(text("SELECT on_hand FROM stock_level")) == Decimal(posted)
    a.close(), b.close()
