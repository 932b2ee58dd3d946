"""An idle desk's poll is answered before routing (api/idle_polls.py): it answers what the route
would, and everything else still reaches the route — a revoked desk is refused on its very next
poll, and a malformed poll gets the route's problem."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import text

from stockdesk.db import migrate
from stockdesk.sync.server import desks
from tests.integration.test_sync_http import Shop, _server_value, shop, synced

pytestmark = pytest.mark.pg

__all__ = ["shop"]


def _poll(shop: Shop, token: str, **params: object) -> httpx.Response:
    with httpx.Client(base_url=shop.base + "/api/v1", timeout=30) as client:
        return client.get("/sync/pull", params=params, headers={"Authorization": f"Bearer {token}"})


def _forget_last_sync(shop: Shop) -> None:
    engine = shop.db.engine
    with engine.begin() as connection:
        connection.execute(text("UPDATE desk_token SET last_sync_at = NULL"))


def test_an_idle_poll_answers_nothing_new_the_schema_and_every_desks_name_and_marks_the_sync(shop):
    db, service = shop.desk("counter-1")
    other, _ = shop.desk("counter-2")
    synced(service)
    _forget_last_sync(shop)
    top = int(_server_value(shop, "SELECT max(seq) FROM change_log"))

    answer = _poll(shop, shop.token_of(db, "counter-1"), after=top)

    assert answer.status_code == 200
    assert answer.json() == {
        "changes": [],
        "heads": sorted(migrate.head_revisions()),
        "desk_names": {db.desk_id: "counter-1", other.desk_id: "counter-2"},
    }
    listed = {d.name: d.last_sync_at for d in desks.list_desks(shop.db.uow(), shop.boss)}
    assert listed["counter-1"] is not None and listed["counter-2"] is None  # "last synced" in the list
    behind = _poll(shop, shop.token_of(db, "counter-1"), after=top - 1).json()["changes"]
    assert [change["seq"] for change in behind] == [top]


def test_a_revoked_desks_next_poll_is_refused_and_a_malformed_poll_gets_the_routes_problem(shop):
    db, service = shop.desk("counter-1")
    synced(service)
    token = shop.token_of(db, "counter-1")
    top = int(_server_value(shop, "SELECT max(seq) FROM change_log"))
    assert _poll(shop, token, after=top).status_code == 200

    desks.revoke(shop.db.uow(), shop.boss, "counter-1")
    refused = _poll(shop, token, after=top)
    unknown = _poll(shop, desks.TOKEN_PREFIX + "not-a-token", after=top)
    no_limit = _poll(shop, token, after=top, limit=0)
    negative = _poll(shop, token, after=-1)

    assert refused.status_code == 401 and "revoked" in refused.json()["detail"]
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert unknown.status_code == 401
    for answer, field in ((no_limit, "limit"), (negative, "after")):
        assert answer.status_code == 422 and answer.json()["field"] == field, answer.text
    report = service.sync_once()
    assert not report.ok and "revoked" in report.error
