"""A desk syncs with `stockdesk serve --certfile/--keyfile` over HTTPS, trusting the shop's own certificate
authority through STOCKDESK_SYNC_CAFILE; without it the desk refuses the server's certificate and
says so, and stays offline with its changes queued (docs/sync-protocol.md, "Identity, versions, secrets")."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from stockdesk.domain.errors import NotFound
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog
from stockdesk.services.database import open_database
from stockdesk.sync import http_transfer
from stockdesk.sync.credentials import CredentialStore
from stockdesk.sync.errors import ServerUnreachable
from stockdesk.sync.server import desks
from stockdesk.sync.server.setup import register_desk_over_http
from tests.conftest import login
from tests.integration.test_sync_support import service, sync_server
from tests.support.serve_process import Served, free_port, serving
from tests.support.sqlite_template import new_sqlite_database

__all__ = ["sync_server"]  # a fixture
pytestmark = pytest.mark.pg
ROOT = Path(__file__).resolve().parents[2]
ADMIN = ("admin@example.com", "admin-pass-1")
OPENSSL_SELF_SIGNED = (
    "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=127.0.0.1"
    " -addext subjectAltName=IP:127.0.0.1 -days 2"
)


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, standing in for the shop's certificate authority."""
    cert, key = folder / "server.pem", folder / "server.key"
    subprocess.run(
        [*OPENSSL_SELF_SIGNED.split(), "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def https_server(sync_server: str, tmp_path: Path) -> Iterator[tuple[str, Path, Served]]:
    """(URL, CA file, process) of `stockdesk serve` over HTTPS on the server database."""
    cert, key = _certificate(tmp_path)
    port = free_port()
    command = [sys.executable, "-m", "stockdesk", "--db", sync_server, "serve", "--port", str(port)]
    command += ["--certfile", str(cert), "--keyfile", str(key)]
    with serving(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}) as served:
        assert "https://" in served.listening
        yield f"https://127.0.0.1:{port}", cert, served


def test_a_desk_trusting_the_shops_certificate_registers_and_syncs_over_https(
    https_server: tuple[str, Path, Served],
    sync_server: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
):
    url, ca_file, served = https_server
    server_db = open_database(sync_server)
    desk = new_sqlite_database(tmp_path / "desk.sqlite")
    store = CredentialStore(tmp_path)
    desk_sync = service(desk, tmp_path)
    try:
        users.create_first_admin(server_db.uow(), email=ADMIN[0], password=ADMIN[1], name="Ada Admin")
        code = desks.enrolment_code(server_db.uow(), None)

        monkeypatch.delenv("STOCKDESK_SYNC_CAFILE", raising=False)
        with pytest.raises(ServerUnreachable, match="CERTIFICATE_VERIFY_FAILED"):
            register_desk_over_http(desk, url, name="counter", code=code, store=store)

        monkeypatch.setenv("STOCKDESK_SYNC_CAFILE", str(ca_file))
        register_desk_over_http(desk, url, name="counter", code=code, store=store)
        first = desk_sync.sync_once()  # the snapshot brings the accounts
        assert first.ok, first.error
        catalog.create_item(desk.uow(), login(desk, *ADMIN), sku="TLS-1", name="Sent over TLS")
        sent = desk_sync.sync_once()
        assert sent.ok, sent.error
        assert catalog.find_item(server_db.uow(), "TLS-1").name == "Sent over TLS"

        monkeypatch.delenv("STOCKDESK_SYNC_CAFILE")  # the desk restarted without it
        untrusting = service(desk, tmp_path)
        catalog.create_item(desk.uow(), login(desk, *ADMIN), sku="TLS-2", name="Waits for trust")
        refused = untrusting.sync_once()
        untrusting.close()
        assert not refused.ok and "CERTIFICATE_VERIFY_FAILED" in refused.error
        with pytest.raises(NotFound):
            catalog.find_item(server_db.uow(), "TLS-2")

        # The trusting desk still holds its connection, idle between syncs. A stop drops it at once:
        # closed politely, the TLS goodbye waited 30 s for a desk that reads nothing until its next
        # sync (cut short since by the graceful stop's bound, which then reports cancelling).
        said = served.stop()
        assert "Finished server process" in said, said
        # uvicorn says it waits when a connection is still open after its stop asked each to close
        assert "Waiting for connections to close" not in said and "Cancel" not in said, said
    finally:
        desk_sync.close()
        desk.close()
        server_db.close()


def test_the_shops_certificate_file_is_read_once_and_given_to_httpx_as_it_asks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("STOCKDESK_SYNC_CAFILE", str(_certificate(tmp_path)[0]))
    http_transfer._tls_context.cache_clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # httpx deprecates a file name for `verify`: it will stop taking one
        with http_transfer.client("https://127.0.0.1:1"), http_transfer.client("https://127.0.0.1:1"):
            pass
    # Every sync builds a client; reading the certificates for each cost 46 ms of CPU, 0.23 ms shared.
    read = http_transfer._tls_context.cache_info()
    assert (read.misses, read.hits) == (1, 1)
