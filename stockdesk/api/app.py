"""The application factory: one Database per app, the routers, the error handler, the docs page."""

from __future__ import annotations

import gc
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import Depends, FastAPI

from stockdesk import __version__
from stockdesk.api import docs, problems
from stockdesk.api.deps import writes_in_turn
from stockdesk.api.fast_paths import FastPaths
from stockdesk.api.idle_polls import IdlePolls
from stockdesk.api.limits import BodyLimit
from stockdesk.api.routers import ROUTERS
from stockdesk.api.routers.sync import MAX_CHANGES
from stockdesk.api.settings import API_PREFIX, ApiSettings
from stockdesk.services.accounts import api_auth
from stockdesk.services.database import Database, open_database

DESCRIPTION = """The inventory of a StockDesk shop over HTTP: items, stock, movements, look-ups.

Log in with `POST /api/v1/auth/token` and send `Authorization: Bearer <access_token>`, or send an API
key made with `stockdesk api-key create`. Errors are `application/problem+json` (RFC 9457). Lists are
keyset-paginated: follow `next` / `previous`.
"""


# Requests run on at most this many threads per process: no more than the connection pool holds
# (SQLAlchemy's default 5 + 10 overflow), so a burst queues for a thread instead of timing out
# waiting for a connection inside a request.
REQUEST_THREADS = 15


@asynccontextmanager
async def _threads_within_the_pool(_app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = REQUEST_THREADS
    yield


def create_app(settings: ApiSettings | None = None, *, database: Database | None = None) -> FastAPI:
    """An app over `database` (opened from the settings when not given; migrated to the newest schema)."""
    settings = settings or ApiSettings.from_environment()
    db = database or open_database(settings.database_url, connections=REQUEST_THREADS)
    app = FastAPI(
        title="StockDesk API",
        version=__version__,
        description=DESCRIPTION,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(writes_in_turn)],
        lifespan=_threads_within_the_pool,
        # StockDesk configures no OpenTelemetry: off, FastAPI stops asking its providers on every request.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.database = db
    app.state.secret = api_auth.server_secret(db.uow())
    app.state.write_lock = threading.Lock() if db.engine.dialect.name == "sqlite" else None
    app.state.owns_database = database is None
    for router in ROUTERS:
        app.include_router(router, prefix=API_PREFIX, responses=problems.RESPONSES)
    problems.install(app)
    docs.install(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(IdlePolls, database=db, max_limit=MAX_CHANGES)  # before routing
    # Outermost: the hottest requests are answered before anything else runs.
    app.add_middleware(
        FastPaths,
        database=db,
        secret=app.state.secret,
        max_body=settings.max_body_bytes,
        # Posts take their threads beside the routes' REQUEST_THREADS: no more of them than the pool
        # holds past those (its overflow), so no thread ever waits inside a request for a connection.
        post_lanes=REQUEST_THREADS // 2,
    )
    return app


def app_from_environment() -> FastAPI:
    """The factory uvicorn's worker processes call (`stockdesk serve` sets the environment).

    What the worker made to start (modules, the app, the models: ~150,000 objects) lives as long as
    it does, so it leaves the garbage collector's generations (`gc.freeze`): a push allocates
    enough objects to run full collections, each of which walked all of them (a profiled push of
    100,000 changes spent 0.6 of its 3.3 s of worker CPU so; same sitting, freeze on vs off).
    """
    app = create_app(ApiSettings.from_environment())
    gc.collect()
    gc.freeze()
    return app
