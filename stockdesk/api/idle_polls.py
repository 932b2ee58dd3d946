"""A desk's idle poll answered before routing: `GET /api/v1/sync/pull` from a desk that is at the
log's end.

Fifty idle desks polling every 5 s are ten requests a second that fetch nothing. Through the app,
such a poll paid more for routing (the route is matched against every route before it), the
dependencies and their thread hops than for its database work. This pure ASGI middleware answers
it with one statement (`idle_poll.idle_answer`). Anything else — no or another kind of token, a
query the route would refuse, a revoked or unknown desk, a log with changes to send — goes on to
the route unchanged, which answers as it always did (problem+json errors, the documented schema).
"""

from __future__ import annotations

from urllib.parse import parse_qsl

import anyio.to_thread
from starlette.types import ASGIApp, Receive, Scope, Send

from stockdesk.api.bearer import bearer_token
from stockdesk.api.settings import API_PREFIX
from stockdesk.services.database import Database
from stockdesk.sync.server import desks, idle_poll

PULL_PATH = f"{API_PREFIX}/sync/pull"


class IdlePolls:
    def __init__(self, app: ASGIApp, *, database: Database, max_limit: int) -> None:
        self.app = app
        self.database = database
        self.max_limit = max_limit
        self.enabled = database.engine.dialect.name == "postgresql"  # the route refuses other servers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        asked = self._poll(scope) if self.enabled and scope["type"] == "http" else None
        if asked is not None:
            token, after = asked
            answer = await anyio.to_thread.run_sync(idle_poll.idle_answer, self.database.engine, token, after)
            if answer is not None:
                await _send(send, answer)
                return
        await self.app(scope, receive, send)

    def _poll(self, scope: Scope) -> tuple[str, int] | None:
        """(token, after) of a well-formed poll, else None: the route answers (and refuses) the rest."""
        if scope["path"] != PULL_PATH or scope["method"] != "GET":
            return None
        token = bearer_token(scope)
        query = dict(parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True))
        after = _whole(query.get("after", "0"))
        limit = _whole(query.get("limit", str(self.max_limit)))
        if not token.startswith(desks.TOKEN_PREFIX) or after is None or limit is None:
            return None
        if not 1 <= limit <= self.max_limit:
            return None
        return token, after


def _whole(text: str) -> int | None:
    """Plain digits (up to a bigint's), else None: whatever else the route takes or refuses, it decides."""
    return int(text) if 0 < len(text) <= 18 and text.isascii() and text.isdigit() else None


async def _send(send: Send, answer: idle_poll.IdleAnswer) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(answer.body)).encode())]
    if answer.gzipped:
        headers.append((b"content-encoding", b"gzip"))
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": answer.body})
