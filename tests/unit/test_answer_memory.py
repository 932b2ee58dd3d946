"""A worker's remembered answers are given only while the database's moment stands (`api.answer_memory`)."""

from __future__ import annotations

import asyncio
import time

from stockdesk.api import answer_memory
from stockdesk.api.answer_memory import Answer, AnswerMemory, Stamp
from stockdesk.services.moments import Moment


def _fresh(moment: str) -> Stamp:
    """Read at `moment`, its token expiring a quarter of an hour from now (the clock taken when used)."""
    return Stamp(Moment(moment), int(time.time()) + 900)


def _answer(text: str) -> Answer:
    body = text.encode()
    return 200, ((b"content-length", str(len(body)).encode()),), body


class _Database:
    """The database's moment as a test sets it, and how often it was read."""

    def __init__(self) -> None:
        self.moment: Moment | None = Moment("10:12:")
        self.reads = 0
        self.fails = False

    def read(self) -> Moment | None:
        self.reads += 1
        if self.fails:
            raise ConnectionError("server closed the connection unexpectedly")
        return self.moment


def test_an_answer_is_given_again_while_the_moment_stands_and_forgotten_when_it_moves():
    database = _Database()
    memory = AnswerMemory(database.read)
    memory.remember("4006381333931", "token-a", _fresh("10:12:"), _answer("hammer, 5 in MAIN"))
    assert asyncio.run(memory.answer("token-a", "4006381333931")) == _answer("hammer, 5 in MAIN")
    assert asyncio.run(memory.answer("token-b", "4006381333931")) is None  # a token it never checked
    assert asyncio.run(memory.answer("token-a", "0000000000000")) is None  # a code it never read
    database.moment = Moment("10:13:")  # a sale committed
    assert asyncio.run(memory.answer("token-a", "4006381333931")) is None
    assert memory.remembered == 0  # forgotten whole, not just this code
    assert memory.given == 1


def test_an_answer_read_at_another_moment_forgets_what_was_read_before():
    memory = AnswerMemory(_Database().read)
    memory.remember("1", "token-a", _fresh("10:12:"), _answer("one"))
    memory.remember("2", "token-a", _fresh("10:14:"), _answer("two"))
    assert memory.remembered == 1


def test_an_expired_token_is_not_answered_from_memory():
    database = _Database()
    memory = AnswerMemory(database.read)
    expired = Stamp(Moment("10:12:"), int(time.time()) - 1)
    memory.remember("4006381333931", "token-a", expired, _answer("hammer"))
    assert asyncio.run(memory.answer("token-a", "4006381333931")) is None
    assert database.reads == 0  # nothing to give, so the moment is not even asked


def test_look_ups_waiting_together_share_one_read_of_the_moment_made_after_all_of_them_asked():
    database = _Database()
    memory = AnswerMemory(database.read)
    memory.remember("4006381333931", "token-a", _fresh("10:12:"), _answer("hammer"))

    async def ten_at_once() -> list[Answer | None]:
        return await asyncio.gather(*(memory.answer("token-a", "4006381333931") for _ in range(10)))

    assert asyncio.run(ten_at_once()) == [_answer("hammer")] * 10
    assert database.reads == 1

    async def one_then_another() -> list[Answer | None]:
        first = await memory.answer("token-a", "4006381333931")
        database.moment = Moment("10:15:")  # committed after the first answer: the second must see it
        return [first, await memory.answer("token-a", "4006381333931")]

    assert asyncio.run(one_then_another()) == [_answer("hammer"), None]
    assert database.reads == 3


def test_a_moment_that_cannot_be_read_gives_nothing_from_memory():
    database = _Database()
    memory = AnswerMemory(database.read)
    memory.remember("4006381333931", "token-a", _fresh("10:12:"), _answer("hammer"))
    database.fails = True
    assert asyncio.run(memory.answer("token-a", "4006381333931")) is None
    database.fails, database.moment = False, None  # the loop could not read it without waiting
    assert asyncio.run(memory.answer("token-a", "4006381333931")) is None
    database.moment = Moment("10:12:")
    assert asyncio.run(memory.answer("token-a", "4006381333931")) == _answer("hammer")


def test_the_memory_holds_at_most_its_bound_forgetting_the_oldest(monkeypatch):
    monkeypatch.setattr(answer_memory, "MOST_ANSWERS", 3)
    memory = AnswerMemory(_Database().read)
    for code in "12345":
        memory.remember(code, "token-a", _fresh("10:12:"), _answer(code))
    assert memory.remembered == 3
    given = [asyncio.run(memory.answer("token-a", code)) for code in "12345"]
    assert given == [None, None, _answer("3"), _answer("4"), _answer("5")]


def test_the_memory_holds_at_most_its_bytes_and_an_answer_given_again_replaces_its_own(monkeypatch):
    monkeypatch.setattr(answer_memory, "MOST_BYTES", 10)
    memory = AnswerMemory(_Database().read)
    memory.remember("page 1", "token-a", _fresh("10:12:"), _answer("aaaa"))
    memory.remember("page 2", "token-a", _fresh("10:12:"), _answer("bbbb"))
    memory.remember("page 2", "token-a", _fresh("10:12:"), _answer("cccc"))  # its own place
    assert memory.remembered == 2
    memory.remember("page 3", "token-a", _fresh("10:12:"), _answer("dddd"))  # 12 bytes: page 1 goes
    given = [asyncio.run(memory.answer("token-a", f"page {n}")) for n in (1, 2, 3)]
    assert given == [None, _answer("cccc"), _answer("dddd")]
