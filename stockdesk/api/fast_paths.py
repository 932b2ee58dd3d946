"""The hottest requests answered before routing: a code look-up, a page of the items list and a keyed
movement post.

A look-up (every scan of a web till or a handheld) does little work of its own: the token check and
two indexed statements, about 0.3 ms of a worker's CPU. Through FastAPI it cost 1.5 ms: the path
matched against every route before it, the dependencies solved, two thread hops (the token check,
then the endpoint), the response model validated again and encoded. A movement post paid the same
on top of its transaction. This pure ASGI middleware calls the same services with one thread hop
and answers with the same bytes.

It answers only what it is sure of, and hands everything else to the app unchanged (problem+json,
401, 404, 409, 422 as always):

- `GET /lookup` with `code` alone (1 to 200 characters) and an access token, when an item is found;
  the token's session, the code's barcode row and its levels in every store are read in one round
  trip;
- `GET /items` with an access token, each name given once and each value valid and spelt plainly
  (`routers.items.plain_filter`): the pages a web shop pulls one after the other. Without a text
  search (and on PostgreSQL) the token's session and the page (with its count on a first page) are
  read in one round trip, on the loop, after the category's sub-tree when the filter names one; a
  search runs the route's service call on a thread (figures in docs/api.md);
- `GET /items/{id}` with an access token, the id spelt as the API writes it and no query: a web
  shop's product page. Through the route it cost a worker 2.4 ms of CPU, five times a look-up; the
  token's session, the item and its barcodes are read in one round trip;
- `POST /movements` on PostgreSQL with an access token, an `Idempotency-Key`, a JSON body of a
  declared length within `MAX_BODY` and no query, when the post (or its replay) succeeds. A refused
  post wrote nothing (its transaction rolled back), so the route may run it again; and only keyed
  posts come here, so even a failure after the commit (a lost connection) cannot post twice: the
  route's run finds the key and answers with the stored answer.

A look-up, a page or an item this path answers is remembered by the worker (on the loop or a
thread), and the same request asked again is answered with the same bytes while the database stands
as it was then (`answer_memory`: one short read of the database's moment for all the requests
waiting).

API keys go to the routes (they audit every request). A request given up on is read again by the
route, which costs a refused request twice.

On PostgreSQL a look-up (a list page, an item by id) runs on the event loop itself, not on a worker
thread: one round trip of plain indexed reads, which wait for no lock, well under a millisecond.
Handing them to a thread and back cost more than the work (the hop, the GIL passing between threads,
more PostgreSQL backends busy at once): same sitting, 16 clients, with two round trips then, 1,376
-> 1,943 look-ups/s, worker CPU 0.87 -> 0.65 ms and PostgreSQL 0.28 -> 0.19 ms a look-up. The loop
serves nothing else meanwhile; for reads this short, that is cheaper than interleaving them. When
the pool has no idle connection, the look-up goes to a thread after all: waiting for one would stop
the whole worker. The reads on the loop run on two connections it keeps for them, outside the pool
(`Database.kept_reads`): one plain, one that plans generically. Posts (a transaction that may wait
on a row lock) keep their thread, but a worker runs at most POST_LANES rounds of them at once; the
posts that arrive meanwhile wait on the loop, and the next round takes them all (at most
MOST_IN_A_ROUND): the new receipts, sales and adjustments of one caller in one transaction, each
audited and its key's answer stored as if it had been posted alone, its token checked with the
others' in one round trip. Under load a post then shares its BEGIN, COMMIT, reads and writes with
the others; alone, it is a round of one, posted as before. If any post of a round is refused, that
transaction is rolled back and each is posted alone (the refused one gets its own answer, from the
route). No timer gathers a round: it is whatever waited while the last one ran (docs/api.md, "Rounds
of posts"). The price: a post that waits on a row lock (a big stocktake posting the same levels)
holds the lane while it waits.
"""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from functools import partial
from typing import Any
from urllib.parse import parse_qsl

import anyio.to_thread
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from stockdesk.api.answer_memory import Answer, AnswerMemory, Stamp
from stockdesk.api.bearer import bearer_token
from stockdesk.api.deps import user_principal
from stockdesk.api.routers import items, movements
from stockdesk.api.routers.item_models import ItemOut, LookupOut, etag_of
from stockdesk.api.routers.lookup import MAX_CODE
from stockdesk.api.settings import API_PREFIX
from stockdesk.domain.ids import ItemId
from stockdesk.domain.permissions import Actor
from stockdesk.services import idempotency, moments
from stockdesk.services.accounts import api_auth, api_keys
from stockdesk.services.catalogue import item_pages, item_read
from stockdesk.services.catalogue import lookup as lookup_service
from stockdesk.services.catalogue.item_query import ItemFilter, ItemSort
from stockdesk.services.database import Database

LOOKUP_PATH = f"{API_PREFIX}/lookup"
MOVEMENTS_PATH = f"{API_PREFIX}/movements"
ITEMS_PATH = f"{API_PREFIX}/items"
ITEM_PREFIX = f"{ITEMS_PATH}/"
ORDERINGS = frozenset(f"{sign}{s.value}" for s in item_pages.SORTS for sign in ("", "-"))
MAX_CURSOR = 500  # as the route's `cursor` query
_LIMIT = re.compile(r"[0-9]{1,3}")
MAX_BODY = 64 * 1024  # a movement is a few hundred bytes; a bigger body goes to the app and its limit
# Rounds of keyed posts of one worker in the database at once (the posts that arrive meanwhile wait on
# the loop and go together in the next round): one. A worker's Python runs one thread at a time
# anyway, and one lane makes the biggest rounds: same sitting, 16 clients, 660 posts/s against 408–473
# with two lanes (docs/benchmarks.md, stop 49).
POST_LANES = 1
JSON = b"application/json"
_Reply = tuple[Answer, Stamp | None]  # an answer, and what the memory needs to keep it
KeyedPost = tuple[str, str, bytes]  # a post's token, Idempotency-Key and body
# The most posts one round takes: a round is one transaction, and its posts wait for all of it.
MOST_IN_A_ROUND = 32


class FastPaths:
    def __init__(
        self,
        app: ASGIApp,
        *,
        database: Database,
        secret: str,
        max_body: int = MAX_BODY,
        post_lanes: int | None = None,
    ) -> None:
        """`post_lanes`: at most POST_LANES (the app passes fewer when its pool could not serve more)."""
        self.app = app
        self.database = database
        self.secret = secret
        # Never more than the app's own limit (`BodyLimit`): a bigger body goes on to be refused there.
        self.max_body = min(max_body, MAX_BODY)
        # On SQLite writers take turns in the app (`deps.writes_in_turn`): posts there go to the route.
        # Look-ups there keep to a thread too (the one place a read could wait: a writer's lock).
        self.posts = database.engine.dialect.name == "postgresql"
        self.post_lanes = min(POST_LANES, post_lanes or POST_LANES)
        self._lanes: anyio.CapacityLimiter | None = None
        # Keyed posts waiting for a lane, each with its answer to come (`_in_a_round`).
        self._waiting: list[tuple[KeyedPost, asyncio.Future[Answer | None]]] = []
        # The connections the reads made on the loop itself run on (PostgreSQL: kept_reads says why).
        self._kept = database.kept_reads() if self.posts else None
        # Answers given again while the database stands as it was (PostgreSQL: answer_memory).
        self.memory = AnswerMemory(self._moment_now) if self.posts else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            if scope["path"] == LOOKUP_PATH and scope["method"] == "GET":
                asked, key = _lookup_asked(scope), self._key(scope)
                if asked is not None and await self._remembered(send, asked[0], key):
                    return
                inline = self.posts and self._idle_connection()
                if asked is not None and await self._answer(
                    send, partial(self._look_up, *asked, remember=key is not None), inline, asked[0], key
                ):
                    return
            elif scope["path"] == ITEMS_PATH and scope["method"] == "GET":
                page, key = _page_asked(scope), self._key(scope)
                if page is not None and await self._remembered(send, page[0], key):
                    return
                kept = None if page is None else self._kept_search(*page[1:])
                # Only a read whose work the page bounds runs on the loop: a precompiled page or a kept
                # search's (by primary key). Any other (a text search, a filter whose matches may lie
                # far apart) keeps to a thread, as the route would: on the loop it kept every other
                # request of this worker waiting until it was done.
                inline = (
                    page is not None
                    and self.posts
                    and (kept is not None or item_pages.bounded_by_the_page(page[1], page[2]))
                    and self._idle_connection()
                )
                if page is not None:
                    work = partial(self._page, scope, *page, kept=kept, remember=key is not None)
                    if await self._answer(send, work, inline, page[0], key):
                        return
            elif scope["path"].startswith(ITEM_PREFIX) and scope["method"] == "GET":
                wanted, key = _item_asked(scope), self._key(scope)
                if wanted is not None and await self._remembered(send, wanted[0], key):
                    return
                inline = self.posts and self._idle_connection()
                if wanted is not None and await self._answer(
                    send, partial(self._item, *wanted, remember=key is not None), inline, wanted[0], key
                ):
                    return
            elif scope["path"] == MOVEMENTS_PATH and scope["method"] == "POST" and self.posts:
                await self._post(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _post_lanes(self) -> anyio.CapacityLimiter:
        """The limiter keyed posts take their thread through (made on the loop: anyio needs one)."""
        if self._lanes is None:
            self._lanes = anyio.CapacityLimiter(self.post_lanes)
        return self._lanes

    def _idle_connection(self) -> bool:
        """Whether the pool holds a connection now: on the loop, a look-up must never wait for one (the
        whole worker would wait with it, while the threads holding them may need the loop to finish)."""
        return self.database.engine.pool.checkedin() > 0  # type: ignore[attr-defined]

    async def _remembered(self, send: Send, token: str, key: str | None) -> bool:
        """Whether the request was answered from memory (the database unchanged since it was read)."""
        if self.memory is None or key is None:
            return False
        answer = await self.memory.answer(token, key)
        if answer is None:
            return False
        await _send(send, answer)
        return True

    def _key(self, scope: Scope) -> str | None:
        """The key to remember the request's answer under (None: nothing is remembered here)."""
        return _answer_key(scope) if self.memory is not None else None

    def _read_with_session(
        self, token: str, reads: Sequence[tuple[Any, Any]], remembering: bool
    ) -> tuple[list[Any], Stamp | None]:
        """The rows of `reads`, read with the token's session check in one round trip; `remembering`:
        with the database's moment and the token's expiry, to remember an answer made of them."""
        if not remembering:
            _session, rows = api_auth.session_and(
                self.database.uow(), token, secret=self.secret, also=lambda _user_id: reads
            )
            return rows, None
        uow = self.database.uow()
        read = api_auth.session_at_moment(uow, token, secret=self.secret, also=lambda _user_id: reads)
        return read.rows, Stamp(read.moment, read.expires)

    async def _answer(
        self, send: Send, work: Callable[[], _Reply | None], inline: bool, token: str, key: str | None
    ) -> bool:
        """Whether `work` (on the loop when `inline`, else on a thread) answered; its answer is
        remembered under `key` when it says at which moment it was read."""
        if not inline:
            reply = await anyio.to_thread.run_sync(work)
        else:
            with self._kept.in_use() if self._kept is not None else nullcontext():
                reply = work()
        if reply is None:
            return False
        answer, stamp = reply
        if key is not None and stamp is not None and self.memory is not None:
            # Here on the loop, whichever thread read it: the memory is the loop's alone.
            self.memory.remember(key, token, stamp, answer)
        await _send(send, answer)
        return True

    def _moment_now(self) -> moments.Moment | None:
        """The database's moment, read on the loop (None when its connection would have to wait)."""
        if self._kept is None or not self._idle_connection():  # a kept connection may be made from the pool
            return None
        with self._kept.in_use():
            return moments.moment_now(self.database)

    def _look_up(self, token: str, code: str, *, remember: bool = False) -> _Reply | None:
        """The route's answer for a found item, or None: the route then answers (or refuses) it.
        `remember`: with its moment when made of the round trip's rows alone (`lookup.look_up_read`)."""
        try:
            # The code's first statement is read with the token's session: one round trip for both.
            first = lookup_service.first_reads(code)
            known, stamp = self._read_with_session(token, first, remember and bool(first))
            card = lookup_service.look_up_read(code, known) if stamp is not None else None
            if card is None:  # it needs more than these rows (not remembered then)
                stamp = None
                card = lookup_service.look_up(self.database.uow(), code, known=known if first else None)
            body = LookupOut.of(card).model_dump_json().encode()
        except Exception:  # any refusal or failure is the route's to answer (and report)
            return None
        return _json_answer(body), stamp

    def _item(self, token: str, item_id: ItemId, *, remember: bool = False) -> _Reply | None:
        """The route's answer for an item that is there, or None: the route answers (or refuses).
        `remember`: with its moment."""
        try:
            # The item and its barcodes are read with the token's session: one round trip for all.
            reads = item_read.reads(item_id)
            (item_rows, barcode_rows), stamp = self._read_with_session(token, reads, remember)
            view = item_read.item_of(item_id, item_rows, barcode_rows)
            body = ItemOut.of(view).model_dump_json().encode()
        except Exception:  # any refusal or failure is the route's to answer (and report)
            return None
        length, etag = str(len(body)).encode(), etag_of(view).encode()
        return (200, [(b"content-length", length), (b"content-type", JSON), (b"etag", etag)], body), stamp

    def _kept_search(
        self,
        item_filter: ItemFilter,
        sort: ItemSort,
        descending: bool,
        cursor: str | None,
        limit: int,
    ) -> item_pages.KeptPageRead | None:
        try:
            return item_pages.kept_page_read(
                self.database.uow(), item_filter, sort=sort, descending=descending, cursor=cursor, limit=limit
            )
        except Exception:  # a bad ordering or limit: the route's to refuse
            return None

    def _page(
        self,
        scope: Scope,
        token: str,
        item_filter: ItemFilter,
        sort: ItemSort,
        descending: bool,
        cursor: str | None,
        limit: int,
        *,
        kept: item_pages.KeptPageRead | None = None,
        remember: bool = False,
    ) -> _Reply | None:
        """The route's answer for a page of the items list, or None: the route answers. `kept`: a
        search's first page kept in memory, served if the catalogue has not changed since (if it has,
        the route searches afresh, on a thread). `remember`: with its moment (every read of the page
        follows the session check that read it)."""
        try:
            known: item_pages.PageRead | item_pages.KeptPageRead | None = kept or item_pages.page_read(
                self.database.uow(), item_filter, sort=sort, descending=descending, cursor=cursor, limit=limit
            )
            if known is not None:
                (rows,), stamp = self._read_with_session(token, [(known.read, known.params)], remember)
                found = known.page(rows)
                if found is None:  # a kept search whose catalogue has changed: the route searches afresh
                    return None
                page = found
            else:
                _no_rows, stamp = self._read_with_session(token, [], remember)
                page = item_pages.keyset_page(
                    self.database.uow(),
                    item_filter,
                    sort=sort,
                    descending=descending,
                    cursor=cursor,
                    limit=limit,
                )
            body = items.page_json(Request(scope), page)
        except Exception:  # any refusal or failure is the route's to answer (and report)
            return None
        return _json_answer(body), stamp

    async def _post(self, scope: Scope, receive: Receive, send: Send) -> None:
        asked = _post_asked(scope, self.max_body)
        received: list[Message] = []
        if asked is not None:
            token, key, length = asked
            body = await _read(receive, received, length)
            if body is not None and (answer := await self._in_a_round((token, key, body))) is not None:
                await _send(send, answer)
                return
        await self.app(scope, _replay(received, receive), send)

    async def _in_a_round(self, post: KeyedPost) -> Answer | None:
        """A keyed post's answer (None: the route answers it). The posts that came while every lane
        was busy go together, in the round of the first of them to get a lane (`_posted_together`)."""
        answer: asyncio.Future[Answer | None] = asyncio.get_running_loop().create_future()
        self._waiting.append((post, answer))
        async with self._post_lanes():
            # Unless a round took it while it waited for its lane (that round answers it).
            while any(waiting is answer for _, waiting in self._waiting):
                taken, self._waiting = self._waiting[:MOST_IN_A_ROUND], self._waiting[MOST_IN_A_ROUND:]
                answers: list[Answer | None] = [None] * len(taken)
                try:
                    answers = await anyio.to_thread.run_sync(self._posted_together, [p for p, _ in taken])
                finally:  # even when cancelled: no post waits for an answer that never comes
                    for (_, waiting), given in zip(taken, answers, strict=True):
                        if not waiting.done():  # else its request was cancelled (server stopping)
                            waiting.set_result(given)
        return await answer

    def _posted_together(self, posts: list[KeyedPost]) -> list[Answer | None]:
        """The answers to a round of keyed posts, in their order (None: the route answers that one).

        The new receipts, sales and adjustments of one caller are posted in one transaction: one
        BEGIN and COMMIT, one read of the items and stores, one write of the levels and of the
        movements for all (`movements.post_keyed_together`). If any is refused, nothing of that
        transaction stays and each is posted alone, so the refused one gets its own answer."""
        answers: list[Answer | None] = [None] * len(posts)
        callers: dict[tuple[str, Actor], list[tuple[int, movements.MovementIn, str]]] = {}
        # Every post's token is checked and its key's stored answer read in one round trip.
        try:
            sessions = api_auth.sessions_and(
                self.database.uow(), [(t, partial(_key_read, k)) for t, k, _raw in posts], secret=self.secret
            )
        except Exception:  # the database is away, say: the route answers each, or says why not
            return answers
        for at, ((_token, key, raw), found) in enumerate(zip(posts, sessions, strict=True)):
            try:
                if isinstance(found, Exception):
                    raise found
                session, (known,) = found
                body = movements.MovementIn.model_validate(json.loads(raw))  # as FastAPI reads a JSON body
                principal = user_principal(session.actor.id)
                if not known and movements.combinable(body):
                    callers.setdefault((principal, session.actor), []).append((at, body, key))
                    continue
                answers[at] = self._posted(body, session.actor, principal, key, known)
            except Exception:  # a bad body or token, and nothing was posted: the route answers
                continue
        for (principal, actor), theirs in callers.items():
            if len(theirs) > 1:
                try:
                    stored = movements.post_keyed_together(
                        self.database.uow(), actor, principal, [(b, k) for _, b, k in theirs], MOVEMENTS_PATH
                    )
                except Exception:  # one was refused, or a key's twin came first: each goes alone
                    pass
                else:
                    for (at, _body, _key), one in zip(theirs, stored, strict=True):
                        answers[at] = _answer_of(one)
                    continue
            for at, body, key in theirs:
                answers[at] = self._posted(body, actor, principal, key, [])
        return answers

    def _posted(
        self, body: movements.MovementIn, who: Actor, principal: str, key: str, known: list[tuple[Any, ...]]
    ) -> Answer | None:
        """The answer to one keyed post (`known`: its key's stored answer, read), or None if refused."""
        try:
            uow = self.database.uow()
            stored = movements.post_keyed(uow, body, who, principal, key, MOVEMENTS_PATH, known)
        except Exception:  # nothing was posted (or it was, under this key): the route answers
            return None
        return _answer_of(stored)


def _answer_key(scope: Scope) -> str:
    """What a GET's answer depends on besides the database: its URL as Starlette rebuilds it (a page's
    links are made from it: scheme, host, root path, path and query)."""
    host = next((value.decode("latin-1") for name, value in scope["headers"] if name == b"host"), None)
    query = scope["query_string"].decode("latin-1")
    where = host if host is not None else repr(scope.get("server"))  # Starlette's choice, in that order
    return f"{scope.get('scheme', 'http')} {where} {scope.get('root_path', '')}{scope['path']}?{query}"


def _json_answer(body: bytes) -> Answer:
    return 200, [(b"content-type", JSON), (b"content-length", str(len(body)).encode())], body


async def _send(send: Send, answer: Answer) -> None:
    status, headers, body = answer
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _key_read(key: str, user_id: uuid.UUID) -> list[idempotency.KeyRead]:
    """The read of `key`'s stored answer, made with the token's session (`api_auth.session_and`)."""
    return [idempotency.answer_read(user_principal(user_id), key)]


def _answer_of(stored: idempotency.StoredAnswer) -> Answer:
    content = stored.body.encode()
    replayed = b"true" if stored.replayed else b"false"
    headers = [
        (b"idempotent-replayed", replayed),
        (b"content-length", str(len(content)).encode()),
        (b"content-type", JSON),
    ]
    return stored.status, headers, content


def _access_token(scope: Scope) -> str | None:
    """The request's access token; None without one, or for an API key (the routes audit those)."""
    token = bearer_token(scope)
    return None if not token or api_keys.looks_like_key(token) else token


def _lookup_asked(scope: Scope) -> tuple[str, str] | None:
    """(token, code) of a look-up this path may answer, else None."""
    # Parsed as Starlette parses a query; a repeated or any other name is the route's to refuse.
    pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
    if len(pairs) != 1 or pairs[0][0] != "code" or not 1 <= len(pairs[0][1]) <= MAX_CODE:
        return None
    token = _access_token(scope)
    return None if token is None else (token, pairs[0][1])


def _item_asked(scope: Scope) -> tuple[str, ItemId] | None:
    """(token, item id) of an item this path may answer, else None."""
    spelt = scope["path"][len(ITEM_PREFIX) :]
    if scope["query_string"] or len(spelt) != 36:
        return None  # a query, a sub-resource (`/{id}/stock`) or another spelling: the route's
    try:
        item_id = uuid.UUID(spelt)
    except ValueError:
        return None
    token = _access_token(scope)
    return None if token is None or str(item_id) != spelt else (token, ItemId(item_id))


def _page_asked(scope: Scope) -> tuple[str, ItemFilter, ItemSort, bool, str | None, int] | None:
    """(token, filter, sort, descending, cursor, limit) of an items page this path may answer, else None."""
    pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
    asked = dict(pairs)
    if len(asked) != len(pairs):
        return None  # a name given twice: the route's to read (or refuse)
    ordering = asked.pop("ordering", "name")
    cursor = asked.pop("cursor", None)
    limit = asked.pop("limit", "50")
    if ordering not in ORDERINGS or not _LIMIT.fullmatch(limit):
        return None  # a value the route refuses
    if not 1 <= int(limit) <= item_pages.MAX_LIMIT or (
        cursor is not None and not 1 <= len(cursor) <= MAX_CURSOR
    ):
        return None
    item_filter = items.plain_filter(asked)
    token = _access_token(scope)
    if item_filter is None or token is None:
        return None
    return token, item_filter, ItemSort(ordering.lstrip("-")), ordering.startswith("-"), cursor, int(limit)


def _post_asked(scope: Scope, max_body: int) -> tuple[str, str, int] | None:
    """(token, key, body length) of a post this path may answer, else None."""
    if scope["query_string"]:
        return None
    headers: dict[bytes, bytes] = {}
    for name, value in scope["headers"]:
        headers.setdefault(name, value)  # the first of a repeated header, as Starlette reads it
    key = headers.get(b"idempotency-key", b"").decode("latin-1")
    media_type = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
    length = headers.get(b"content-length", b"")
    if not 1 <= len(key.strip()) <= idempotency.MAX_KEY_LENGTH or media_type != JSON:  # else: the route's 422
        return None
    if not (length.isdigit() and 0 < int(length) <= max_body):
        return None
    token = _access_token(scope)
    return None if token is None else (token, key, int(length))


async def _read(receive: Receive, received: list[Message], length: int) -> bytes | None:
    """The whole body as declared, or None (a disconnect, or more or less than declared)."""
    parts: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        received.append(message)
        if message["type"] != "http.request":
            return None
        parts.append(message.get("body", b""))
        size += len(parts[-1])
        if size > length:
            return None
        if not message.get("more_body", False):
            return b"".join(parts) if size == length else None


def _replay(received: list[Message], receive: Receive) -> Receive:
    """`receive` for the app: what this path read first, then the rest as it comes."""
    pending = list(received)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed
