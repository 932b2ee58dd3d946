"""Keyed posts that wait for a worker's lane go together in one round: one transaction for the new
receipts, sales and adjustments of each caller, each post audited and answered as if alone
(`api/fast_paths.py`, `_in_a_round`). PostgreSQL only: on SQLite posts go to the route.

The app behind the fast path answers 599, which shows which posts the path left to the route.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import text

from stockdesk.api.fast_paths import MOVEMENTS_PATH, FastPaths
from stockdesk.services.accounts import api_auth
from stockdesk.services.catalogue import catalog
from stockdesk.services.inventory import check, stock
from tests.integration.api.test_fast_paths import BEHIND, Answered, _answer, _behind

pytestmark = pytest.mark.parametrize("db", [pytest.param("postgresql", marks=pytest.mark.pg)], indirect=True)

HANG_GUARD_S = 120.0  # only a guard against a hang, never a measure of speed


def _token(db: Any, email: str, password: str, secret: str) -> str:
    return api_auth.log_in(db.uow(), email=email, password=password, secret=secret).access_token


def _post(kind: str, item: Any, store: Any, quantity: str, reference: str) -> bytes:
    return json.dumps({"kind": kind, "item_id": str(item.id), "store_id": str(store.id),
                       "quantity": quantity, "reference": reference}).encode()


class _Rounds:
    """Counts the transactions `stock.post_each` ran, and how many posts each carried."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.sizes: list[int] = []
        real = stock.post_each

        def counted(uow: Any, actor: Any, posts: Sequence[Any]) -> Any:
            self.sizes.append(len(posts))
            return real(uow, actor, posts)

        monkeypatch.setattr(stock, "post_each", counted)


def _shop(db: Any, admin: Any, store: Any, monkeypatch: pytest.MonkeyPatch, on_hand: str,
          *skus: str) -> tuple[list[Any], FastPaths, str, str, _Rounds]:
    """Items with `on_hand` each in `store`; the fast path, its secret, the admin's token, the rounds."""
    items = [catalog.create_item(db.uow(), admin, sku=sku, name=f"Item {sku}") for sku in skus]
    for item in items:
        stock.receive(db.uow(), admin, item_id=item.id, store_id=store.id, quantity=on_hand)
    secret = api_auth.server_secret(db.uow())
    boss = _token(db, "admin@example.com", "admin-pass-1", secret)
    return items, FastPaths(_behind, database=db, secret=secret), secret, boss, _Rounds(monkeypatch)


def _in_the_database(db: Any) -> int:
    """Backends waiting on a row lock of `stock_level` (a post's UPDATE or SELECT ... FOR UPDATE)."""
    with db.engine.connect() as watcher:
        return int(watcher.exec_driver_sql(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND query ILIKE '%%stock_level%%'"
        ).scalar_one())


async def _until(condition: Any) -> None:
    deadline = time.monotonic() + HANG_GUARD_S  # a guard against a hang, not a measure of speed
    while not condition():
        assert time.monotonic() < deadline, "the posts never got where the test waits for them"
        await asyncio.sleep(0.01)


def _round_behind_a_held_lock(db: Any, fast: FastPaths, first: tuple[str, bytes],
                              then: list[tuple[str, bytes]], held_item: Any, store: Any) -> list[Answered]:
    """Post `first` while another transaction holds `held_item`'s level: it waits in PostgreSQL,
    holding the worker's one lane. Post `then` meanwhile: they wait on the loop. Release the lock."""
    holder = db.engine.connect()
    held = holder.begin()
    holder.exec_driver_sql(
        "SELECT 1 FROM stock_level WHERE item_id = %(item)s AND store_id = %(store)s FOR UPDATE",
        {"item": held_item.id, "store": store.id},
    )

    def send(token: str, body: bytes, key: str) -> asyncio.Task[Answered]:
        return asyncio.create_task(_answer(fast, "POST", MOVEMENTS_PATH, token=token,
                                           headers={"idempotency-key": key}, body=body))

    async def posts() -> list[Answered]:
        try:
            head = send(*first, "round-0")
            await _until(lambda: _in_the_database(db) == 1)
            rest = [send(token, body, f"round-{n}") for n, (token, body) in enumerate(then, start=1)]
            await _until(lambda: len(fast._waiting) == len(then))
        finally:
            held.rollback()
            holder.close()
        return list(await asyncio.gather(head, *rest))

    return asyncio.run(posts())


def test_posts_that_wait_for_the_lane_are_posted_in_one_transaction_each_with_its_own_answer(
    db, admin, manager, main_store, monkeypatch
):
    (hammer, nails), fast, secret, boss, rounds = _shop(db, admin, main_store, monkeypatch, "10", "H", "N")
    other = _token(db, "manager@example.com", "manager-pass-1", secret)
    then = [
        (boss, _post("sale", hammer, main_store, "2", "till 1")),
        (boss, _post("sale", nails, main_store, "3", "till 2")),
        (other, _post("receive", nails, main_store, "5", "delivery")),
        (boss, _post("adjust", hammer, main_store, "-1", "broken")),
    ]
    answers = _round_behind_a_held_lock(db, fast, (boss, _post("sale", hammer, main_store, "1", "first")),
                                        then, hammer, main_store)

    assert [status for status, _h, _b in answers] == [201] * 5
    assert all(headers["idempotent-replayed"] == "false" for _s, headers, _b in answers)
    # The three new posts of the admin went in one transaction; the manager's one, alone, posted as ever.
    assert rounds.sizes == [3]
    posted = [json.loads(body)["movements"] for _s, _h, body in answers]
    assert [[(m["reference"], m["quantity"]) for m in p] for p in posted] == [
        [("first", "-1")], [("till 1", "-2")], [("till 2", "-3")], [("delivery", "5")], [("broken", "-1")]
    ]
    assert Decimal(posted[4][0]["on_hand_after"]) == 6  # 10, then 1 + 2 + 1 taken in the order they came
    assert posted[3][0]["user_id"] != posted[1][0]["user_id"]
    assert stock.on_hand_of(db.uow(), hammer.id, main_store.id) == 6
    assert stock.on_hand_of(db.uow(), nails.id, main_store.id) == 12
    with db.engine.connect() as connection:
        audited = connection.execute(text(
            "SELECT user_id, entity_id, details FROM audit_event WHERE action = 'stock.post'"
        )).all()
    posted_ids = {p[0]["id"] for p in posted}
    assert sorted((str(u), str(e), d) for u, e, d in audited if str(e) in posted_ids) == sorted(
        (p[0]["user_id"], p[0]["id"], '{"lines": 1}') for p in posted
    )  # one audit event per post, by its own caller
    # Each key now answers with its own first answer and posts nothing more.
    keys = ["round-0"] + [f"round-{n}" for n in range(1, 5)]
    tokens = [boss] + [token for token, _body in then]
    bodies = [_post("sale", hammer, main_store, "1", "first")] + [body for _token, body in then]
    for key, token, body, (_s, _h, first_body) in zip(keys, tokens, bodies, answers, strict=True):
        status, headers, again = asyncio.run(_answer(fast, "POST", MOVEMENTS_PATH, token=token,
                                                     headers={"idempotency-key": key}, body=body))
        assert (status, headers["idempotent-replayed"], again) == (201, "true", first_body)
    assert stock.on_hand_of(db.uow(), hammer.id, main_store.id) == 6
    assert check.find_differences(db.uow()) == [] and check.tally_difference(db.uow()) is None


def test_a_refused_post_in_a_round_is_answered_by_the_route_and_the_others_are_posted(
    db, admin, main_store, monkeypatch
):
    (hammer,), fast, _secret, boss, rounds = _shop(db, admin, main_store, monkeypatch, "5", "H-1")
    then = [
        (boss, _post("sale", hammer, main_store, "1", "a")),
        (boss, _post("sale", hammer, main_store, "100", "more than there is")),
        (boss, _post("sale", hammer, main_store, "2", "b")),
    ]
    answers = _round_behind_a_held_lock(db, fast, (boss, _post("sale", hammer, main_store, "1", "first")),
                                        then, hammer, main_store)

    assert rounds.sizes == [3]  # tried together, refused together, then each alone
    assert [status for status, _h, _b in answers] == [201, 201, BEHIND, 201]
    assert stock.on_hand_of(db.uow(), hammer.id, main_store.id) == 1  # 5 - 1 - 1 - 2; the 100 never
    with db.engine.connect() as connection:
        references = connection.execute(text(
            "SELECT reference FROM stock_movement WHERE kind = 'sale' ORDER BY reference"
        )).scalars().all()
        keys = connection.execute(text("SELECT key FROM api_idempotent_request ORDER BY key")).scalars().all()
    assert references == ["a", "b", "first"]
    assert keys == ["round-0", "round-1", "round-3"]  # the refused post's key stays free for a retry
    assert check.find_differences(db.uow()) == [] and check.tally_difference(db.uow()) is None


def test_in_a_round_a_logged_out_token_goes_to_the_route_and_the_other_callers_posts_are_posted(
    db, admin, manager, main_store, monkeypatch
):
    (hammer,), fast, secret, boss, rounds = _shop(db, admin, main_store, monkeypatch, "9", "H")
    gone = _token(db, "manager@example.com", "manager-pass-1", secret)
    api_auth.log_out(db.uow(), api_auth.session_of(db.uow(), gone, secret=secret).session_id)
    then = [
        (boss, _post("sale", hammer, main_store, "1", "a")),
        (gone, _post("sale", hammer, main_store, "1", "not theirs to post")),
        ("not a token", _post("sale", hammer, main_store, "1", "nobody's")),
        (boss, _post("sale", hammer, main_store, "2", "b")),
    ]
    answers = _round_behind_a_held_lock(db, fast, (boss, _post("sale", hammer, main_store, "1", "first")),
                                        then, hammer, main_store)

    # The tokens were checked together, each on its own: the refused ones are the route's to answer (401).
    assert [status for status, _h, _b in answers] == [201, 201, BEHIND, BEHIND, 201]
    assert rounds.sizes == [2]
    assert stock.on_hand_of(db.uow(), hammer.id, main_store.id) == 5  # 9 - 1 - 1 - 2
