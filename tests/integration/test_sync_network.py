"""The server away: connection refused, or dropped in the middle of a batch (a TCP proxy the test cuts)."""

from __future__ import annotations

import contextlib
import socket
import threading
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from sqlalchemy import text

from stockdesk.domain.movements import MovementKind
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.inventory import stock
from tests.integration.test_sync_support import make_desk, server_engine_of, service, sync_api, sync_server

__all__ = ["make_desk", "sync_api", "sync_server"]
pytestmark = pytest.mark.pg


class Proxy:
    """Forwards 127.0.0.1:<port> to the StockDesk server; `cut()` drops every open connection, and
    while `dropping_answers` is set the server's answers are thrown away and the connection closed
    (the request arrived, the answer never does: a link that fails at the worst moment)."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.lock = threading.Lock()
        self.dropping_answers = False
        self.accepted = 0  # connections the desk opened
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.connections += [client, upstream]
                self.accepted += 1
            for source, sink, answers in ((client, upstream, False), (upstream, client, True)):
                threading.Thread(target=self._pump, args=(source, sink, answers), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, answers: bool) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                if answers and self.dropping_answers:
                    break
                sink.sendall(data)
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        with self.lock:
            for connection in self.connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
                connection.close()
            self.connections.clear()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept(): the port is closed
        self.listener.close()
        self.cut()


@pytest.fixture
def proxied_desk(make_desk, sync_api, tmp_path):
    served = urlsplit(sync_api.base_url)
    proxy = Proxy((served.hostname or "127.0.0.1", served.port or 80))
    db = make_desk("a", register_url=f"http://127.0.0.1:{proxy.port}")
    admin = users.create_first_admin(db.uow(), email="boss@example.com", password="boss-pass-1")
    store = organisation.create_store(db.uow(), admin, code="MAIN", name="Main")
    item = catalog.create_item(db.uow(), admin, sku="BOLT", name="Bolt")
    yield db, proxy, admin, store, item
    proxy.close()


def _server_count(url: str) -> int:
    with server_engine_of(url).connect() as connection:
        return int(connection.scalar(text("SELECT count(*) FROM stock_movement")))


def test_a_connection_dropped_mid_batch_keeps_the_outbox_and_the_next_sync_completes(
    proxied_desk, sync_server, tmp_path
):
    db, proxy, admin, store, item = proxied_desk
    requests = [
        stock.MovementRequest(MovementKind.RECEIVE, item.id, store.id, Decimal(1)) for _ in range(300)
    ]
    stock.post_movements(db.uow(), admin, requests)
    queued = service(db, tmp_path).status().queued

    def lose_the_answer(point: str) -> None:
        if point == "push-sending":  # the server will commit the batch; its answer never arrives
            proxy.dropping_answers = True

    cutting = service(db, tmp_path, hook=lose_the_answer)
    report = cutting.sync_once()
    assert not report.ok and "offline" in report.error
    assert cutting.status().queued == queued and not cutting.status().online  # nothing left the outbox
    assert _server_count(sync_server) == 300  # committed on the server, unanswered
    cutting.close()

    proxy.dropping_answers = False
    again = service(db, tmp_path)
    assert again.sync_once().ok  # the batch again: the server applies each change id once
    assert again.status().queued == 0
    assert _server_count(sync_server) == 300
    again.close()


def test_a_refused_connection_means_offline_with_back_off_and_nothing_lost(
    proxied_desk, sync_server, tmp_path
):
    db, proxy, admin, store, item = proxied_desk
    stock.receive(db.uow(), admin, item_id=item.id, store_id=store.id, quantity=Decimal(2))
    proxy.close()  # nothing listens on the port any more: connection refused
    svc = service(db, tmp_path)
    first, second = svc.sync_once(), svc.sync_once()
    assert not first.ok and not second.ok
    assert svc.next_delay() > service(db, tmp_path).next_delay()
    status = svc.status()
    assert not status.online and status.queued > 0 and status.last_sync is None
    assert stock.on_hand_of(db.uow(), item.id, store.id) == Decimal(2)  # the desk works on, offline
    svc.close()


def test_a_desk_keeps_its_connection_between_syncs_and_opens_a_new_one_after_a_cut(proxied_desk, tmp_path):
    """An idle desk polls every 30 s: a new connection each time cost the server more than the poll
    (and over HTTPS a TLS handshake), so one connection serves every sync while the link holds."""
    db, proxy, *_ = proxied_desk
    svc = service(db, tmp_path)
    before = proxy.accepted
    for _ in range(3):
        assert svc.sync_once().ok
    assert proxy.accepted == before + 1
    proxy.cut()  # the link drops between two syncs: the next one connects again, nothing is lost
    report = svc.sync_once()
    assert report.ok, report.error
    assert proxy.accepted == before + 2
    svc.close()
