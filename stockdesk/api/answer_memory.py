"""Answers a worker gives again from memory while the database stands as it was (`moments`).

With 64 clients waiting, a p99 under 5 ms means more than 12,800 answers a second (Little's law). A
look-up that reads the database cost two cores 0.51 ms of worker and PostgreSQL CPU, the load
generator's besides: 3,600 a second. uvicorn answering constant bytes served 66,000 a second on the
same machine, so only an answer that does not read the database can meet it (docs/api.md).

Each worker remembers the answers (a look-up, a page of the items list, an item by id) whose every
read followed a statement that read the database's moment: the token's session check, first in the
round trip of the request's own reads (`api_auth.session_at_moment`). It remembers too the tokens
whose session that check found good. The same request asked again (the same URL: a page's links are
made from it) is answered with the same bytes when the database's moment still stands, read once for
all the requests that arrived meanwhile (`_ask`) and *after* each of them arrived. So an answer is
never older than its request: a client that posted a sale and then looks the item up sees the sale,
on either worker; a session revoked, a password or role changed before the request refuses the token
as before (its session is read afresh). A transaction that writes anything, anywhere on the database
server, ends the moment, and the memory is forgotten whole. The token's expiry is compared with the
clock every time.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from typing import NamedTuple

from stockdesk.services.moments import Moment

Answer = tuple[int, Sequence[tuple[bytes, bytes]], bytes]
# A worker's memory: answers (a look-up about 1 KB, a page of 50 items about 30 KB), their bytes and
# tokens; past any of these, the oldest is forgotten.
MOST_ANSWERS = 10_000
MOST_BYTES = 32 * 1024 * 1024
MOST_TOKENS = 1_000


class Stamp(NamedTuple):
    """What an answer was read at: the database's moment, and its token's expiry (seconds since 1970)."""

    moment: Moment
    expires: int


class AnswerMemory:
    """One worker's remembered answers, by the request's key; used on its event loop only."""

    def __init__(self, read_moment: Callable[[], Moment | None]) -> None:
        """`read_moment`: the database's moment now, read on the loop (None: it cannot be read now)."""
        self._read_moment = read_moment
        self._moment: Moment | None = None  # the moment every remembered answer and token was read at
        self._answers: dict[str, Answer] = {}
        self._bytes = 0  # of the answers' bodies
        self._tokens: dict[str, int] = {}  # access token -> its expiry (seconds since the epoch)
        self._asking: list[asyncio.Future[Moment | None]] = []
        self.given = 0  # answers given from memory

    @property
    def remembered(self) -> int:
        """How many answers are held now."""
        return len(self._answers)

    def remember(self, key: str, token: str, stamp: Stamp, answer: Answer) -> None:
        """Keep an answer made of rows read after `stamp.moment` was (the token's session too): while
        it stands, they are what a read would find now (`moments`)."""
        if stamp.moment != self._moment:
            self._forget(stamp.moment)
        self._drop(key)
        size = len(answer[2])
        while self._answers and (len(self._answers) >= MOST_ANSWERS or self._bytes + size > MOST_BYTES):
            self._drop(next(iter(self._answers)))
        if token not in self._tokens and len(self._tokens) >= MOST_TOKENS:
            del self._tokens[next(iter(self._tokens))]
        status, headers, body = answer
        # All tuples of bytes: the collector stops tracking them, so a full collection does not walk
        # the memory's thousands of answers (a list of headers would stay tracked).
        self._answers[key] = (status, tuple(headers), body)
        self._bytes += size
        self._tokens[token] = stamp.expires

    async def answer(self, token: str, key: str) -> Answer | None:
        """The remembered answer, if the database has not changed since; else None (read it afresh)."""
        if key not in self._answers or not self._good(token):
            return None  # nothing to give: no need to ask for the moment
        moment = await self._now()
        if moment is None:
            return None
        if moment != self._moment:
            self._forget(moment)
            return None
        # Read again after the wait: the memory may have been forgotten and filled anew meanwhile.
        answer = self._answers.get(key)
        if answer is None or not self._good(token):
            return None
        self.given += 1
        return answer

    def _good(self, token: str) -> bool:
        expires = self._tokens.get(token)
        return expires is not None and expires > time.time()  # expired at the `exp` second, as PyJWT

    def _drop(self, key: str) -> None:
        dropped = self._answers.pop(key, None)
        if dropped is not None:
            self._bytes -= len(dropped[2])

    def _forget(self, moment: Moment) -> None:
        self._answers.clear()
        self._bytes = 0
        self._tokens.clear()
        self._moment = moment

    async def _now(self) -> Moment | None:
        """The moment, read after this call began, in one read for every caller waiting at the time."""
        loop = asyncio.get_running_loop()
        asked: asyncio.Future[Moment | None] = loop.create_future()
        self._asking.append(asked)
        if len(self._asking) == 1:
            # After the requests already waiting to run on the loop have asked too: one read for all.
            loop.call_soon(self._ask)
        return await asked

    def _ask(self) -> None:
        asking, self._asking = self._asking, []
        try:
            moment = self._read_moment()
        except Exception:  # the database is away, say: each request reads it, and says so
            moment = None
        for asked in asking:
            if not asked.done():  # else its request was cancelled
                asked.set_result(moment)
