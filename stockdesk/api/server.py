"""`stockdesk serve`: uvicorn over the app, in one process or several workers (PostgreSQL)."""

from __future__ import annotations

import os
import sys

import uvicorn

from stockdesk.api.connections import PromptStopProtocol
from stockdesk.api.settings import ApiSettings
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message
from stockdesk.services.database import open_database
from stockdesk.services.maintenance import upkeep

FACTORY = "stockdesk.api.app:app_from_environment"
# Desks keep their connection between syncs (sync.http_transfer.KEEP_ALIVE_S, a minute): a new
# connection cost a worker more CPU than an idle desk's poll itself, and over HTTPS a TLS handshake.
KEEP_ALIVE_S = 75
# A stop waits this long for requests still running, then cancels them: a connection closed after its
# last answer waits up to 30 s for the client's TLS goodbye (idle ones are dropped at once: connections).
GRACEFUL_STOP_S = 10


def serve(
    settings: ApiSettings,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    certfile: str | None = None,
    keyfile: str | None = None,
    log_level: str = "info",
) -> None:
    """Migrate the database once, then start uvicorn; each worker process builds its own app."""
    if (certfile is None) != (keyfile is None):
        raise ValidationError("--certfile", certfile or keyfile, Message("api.cert_and_key"))
    db = open_database(settings.database_url)  # upgrade the schema here, not in N workers at once
    sqlite = db.engine.dialect.name == "sqlite"
    warning = upkeep.autovacuum_warning(db)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    db.close()
    if sqlite and workers > 1:
        raise ValidationError("--workers", workers, Message("api.workers_sqlite"))
    os.environ.update(settings.to_environment())
    uvicorn.run(
        FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        ssl_certfile=certfile,
        ssl_keyfile=keyfile,
        log_level=log_level,
        # An access line is logged at info: below that level uvicorn still formatted each one's
        # client address and quoted path before the logger dropped it.
        access_log=log_level in ("info", "debug", "trace"),
        proxy_headers=True,
        server_header=False,
        timeout_keep_alive=KEEP_ALIVE_S,
        timeout_graceful_shutdown=GRACEFUL_STOP_S,
        http=PromptStopProtocol,
    )
