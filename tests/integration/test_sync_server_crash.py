"""The server killed (SIGKILL) while desks push, 50 times: every change arrives exactly once (issue 15).

The server runs in a forked copy of this process on one listening socket the test holds, so each
restart is quick and the desks keep their address; a push in flight when the server dies fails as
"server not reachable", the desk keeps its outbox, and a later sync sends what the server had not
committed (changes are idempotent per id, so what it had committed is not doubled).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import random
import signal
import socket
import threading
import time
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select, text

from stockdesk.cli import main as cli_main
from stockdesk.db.models import StockMovement
from stockdesk.domain.movements import MovementKind
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.inventory import stock
from stockdesk.sync.service import SyncReport
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
HANG_GUARD_S = 300.0  # only a guard against a hang, never a measure of speed
PUSH = "/api/v1/sync/push"
# Where the server dies: as a push arrives (nothing applied), after it committed but before it answered
# (the desk does not know it arrived), or at a random moment of a run.
POINTS = ("push-arrived", "push-committed", "timer")


def _dying_at(point: str, app: Any) -> Any:
    """The app, wrapped so that the process kills itself at `point` of the first push."""

    async def wrapped(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") != "http" or scope.get("path") != PUSH or point == "timer":
            await app(scope, receive, send)
            return
        if point == "push-arrived":
            os.kill(os.getpid(), signal.SIGKILL)

        async def answer(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                os.kill(os.getpid(), signal.SIGKILL)  # the push's transaction has committed by now
            await send(message)

        await app(scope, receive, answer)

    return wrapped


def _serve(sock: socket.socket, app: Any, point: str) -> None:
    """The server process: the API on the inherited listening socket until it is killed."""
    import uvicorn

    # Everything this child inherited from the pytest worker leaves the garbage collector's reach: a
    # worker that ran Qt tests before holds wrappers of objects whose threads the fork did not copy, and
    # a collection that walked them crashed the child (a segmentation fault in CI, the server gone
    # mid-sync). The child's own objects are collected as usual.
    gc.freeze()
    # The app was built once in the test process; its pooled connections are the parent's, not ours.
    app.state.database.engine.dispose(close=False)
    served = _dying_at(point, app)
    uvicorn.Server(uvicorn.Config(served, log_level="critical", access_log=False)).run(sockets=[sock])


class ForkedServer:
    """Start, kill (SIGKILL) and restart the server on one socket; connections wait in its backlog."""

    def __init__(self, database_url: str) -> None:
        from stockdesk.api.app import create_app
        from stockdesk.api.settings import ApiSettings

        # Built once here and inherited by every forked server: a restart costs a fork, not an app.
        self.app = create_app(ApiSettings(database_url=database_url))
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(256)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.process: multiprocessing.process.BaseProcess | None = None

    def start(self, point: str = "timer") -> None:
        context = multiprocessing.get_context("fork")
        args = (self.sock, self.app, point)
        self.process = context.Process(target=_serve, args=args, daemon=True)
        self.process.start()

    def kill(self) -> None:
        assert self.process is not None and self.process.pid is not None
        if self.process.is_alive():
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.join(timeout=HANG_GUARD_S)

    def died(self) -> bool:
        """Whether the server killed itself (at its point), waiting for that as long as a push may take."""
        assert self.process is not None
        self.process.join(timeout=HANG_GUARD_S)
        return not self.process.is_alive()

    def close(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.kill()
        self.sock.close()
        self.app.state.database.close()


def _receive(db, actor, item, store, count: int) -> None:
    requests = [stock.MovementRequest(MovementKind.RECEIVE, item, store, Decimal(1)) for _ in range(count)]
    stock.post_movements(db.uow(), actor, requests)


def test_a_server_killed_mid_push_loses_and_doubles_nothing(make_desk, tmp_path, sync_server):
    server = ForkedServer(sync_server)
    server.start()
    try:
        a_db = make_desk("a", register_url=server.url)
        b_db = make_desk("b", register_url=server.url)
        admin = users.create_first_admin(a_db.uow(), email="boss@example.com", password="boss-pass-1")
        store = organisation.create_store(a_db.uow(), admin, code="MAIN", name="Main")
        item = catalog.create_item(a_db.uow(), admin, sku="NAIL", name="Nail")
        desks = [service(a_db, tmp_path), service(b_db, tmp_path)]
        sync_all(desks)
        actors = [admin, users.system_actor(b_db.uow())]
        rng = random.Random(1515)
        posted = interrupted = 0
        for run in range(RUNS):
            which, point = run % 2, rng.choice(POINTS)
            count = rng.randint(5, 40)
            _receive((a_db, b_db)[which], actors[which], item.id, store.id, count)
            posted += count
            if point != "timer":  # the running server is a plain one, which is all a timer run needs
                server.kill()
                server.start(point)
            reports: list[SyncReport] = []
            pushing = threading.Thread(target=lambda d=desks[which], r=reports: r.append(d.sync_once()))
            pushing.start()
            if point == "timer":
                time.sleep(rng.uniform(0, 0.05))  # picks a random moment to die at; waits for nothing
                server.kill()
            else:
                assert server.died(), f"the server did not die at {point}"
            server.start()  # a request still waiting in the socket's backlog is served by the new one
            pushing.join(timeout=HANG_GUARD_S)
            assert not pushing.is_alive(), "a desk's sync hangs after the server died"
            interrupted += not reports[0].ok
        assert interrupted >= RUNS // 2, f"only {interrupted} of {RUNS} pushes were cut by the kill"

        sync_all(desks, rounds=3)
        for db in (a_db, b_db):
            with db.uow() as uow:
                assert uow.session.scalar(select(func.sum(StockMovement.quantity))) == Decimal(posted)
            assert cli_main(["--db", str(db.engine.url.database), "check"]) == 0
        with server_engine_of(sync_server).connect() as connection:
            assert connection.scalar(text("SELECT count(*) FROM stock_movement")) == posted
            assert connection.scalar(text("SELECT on_hand FROM stock_level")) == Decimal(posted)
        assert cli_main(["--db", sync_server, "check"]) == 0
        for desk in desks:
            desk.close()
    finally:
        server.close()
