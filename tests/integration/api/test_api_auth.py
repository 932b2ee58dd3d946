"""Log-in, tokens and keys as a client sees them over HTTP, against a real uvicorn process."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from stockdesk.services.accounts import api_auth, users
from tests.integration.api.conftest import new_email, problem_of


def _make_clerk(shop, email: str, password: str = "clerk-pass-9") -> None:
    users.create_user(
        shop.db.uow(), shop.admin, email=email, password=password, role="clerk", store_ids=[shop.main.id]
    )


def test_a_person_logs_in_and_the_token_says_who_they_are(shop):
    token = shop.token("clerk@example.com")
    with shop.client(token) as client:
        me = client.get("/users/me")
    assert me.status_code == 200
    assert me.json()["email"] == "clerk@example.com"
    assert me.json()["role"] == "clerk"


def test_a_wrong_password_is_401_problem_without_saying_which_part_was_wrong(shop):
    with shop.client() as client:
        answer = client.post("/auth/token", json={"email": "clerk@example.com", "password": "nope-nope"})
    assert answer.status_code == 401
    assert problem_of(answer)["detail"] == "wrong e-mail or password"
    assert answer.headers["www-authenticate"].startswith("Bearer")


def test_five_failed_log_ins_lock_the_account_with_429_and_retry_after(shop):
    email = new_email()
    _make_clerk(shop, email)
    with shop.client() as client:
        answers = [
            client.post("/auth/token", json={"email": email, "password": "wrong-pass"}) for _ in range(5)
        ]
        locked = client.post("/auth/token", json={"email": email, "password": "clerk-pass-9"})
    assert [a.status_code for a in answers] == [401, 401, 401, 401, 429]
    assert locked.status_code == 429
    assert int(locked.headers["retry-after"]) > 0
    assert problem_of(locked)["type"].endswith("too-many-attempts")


def test_a_refresh_token_works_once_and_a_replayed_one_ends_the_session(shop):
    with shop.client() as client:
        first = client.post(
            "/auth/token", json={"email": "manager@example.com", "password": "manager-pass-1"}
        )
        tokens = first.json()
        second = client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
        assert second.status_code == 200
        assert second.json()["refresh_token"] != tokens["refresh_token"]
        replay = client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
        assert replay.status_code == 401
        # The theft alarm ended the session: the newest refresh token is dead too.
        newest = client.post("/auth/refresh", json={"refresh_token": second.json()["refresh_token"]})
        assert newest.status_code == 401


def test_log_out_revokes_the_access_token_at_once(shop):
    token = shop.token("manager@example.com")
    with shop.client(token) as client:
        assert client.post("/auth/logout").status_code == 204
        answer = client.get("/users/me")
    assert answer.status_code == 401
    assert "revoked" in problem_of(answer)["detail"]


def test_changing_password_role_or_active_flag_revokes_every_token_of_that_user(shop):
    emails = [new_email() for _ in range(3)]
    for email in emails:
        _make_clerk(shop, email)
    tokens = [shop.token(email, "clerk-pass-9") for email in emails]
    scan = {"code": "4006381333931"}  # a look-up is answered before routing: it must notice too
    for token in tokens:
        with shop.client(token) as client:
            assert client.get("/lookup", params=scan).status_code == 200
    ids = {u.email: u.id for u in users.list_users(shop.db.uow(), shop.admin)}
    users.reset_password(shop.db.uow(), shop.admin, ids[emails[0]], new_password="brand-new-pass")
    users.update_user(shop.db.uow(), shop.admin, ids[emails[1]], role="manager")
    users.update_user(shop.db.uow(), shop.admin, ids[emails[2]], active=False)
    for token in tokens:
        with shop.client(token) as client:
            answers = [client.get("/users/me"), client.get("/lookup", params=scan)]
        assert [a.status_code for a in answers] == [401, 401]
        assert all("revoked" in problem_of(a)["detail"] for a in answers)


def test_an_expired_access_token_is_refused_with_a_reason(shop):
    token = shop.token("clerk@example.com")
    claims = _claims(token)
    secret = api_auth.server_secret(shop.db.uow())
    stale = api_auth.access_token(
        secret, claims["sub"], claims["sid"], claims["stp"], now=datetime.now(UTC) - timedelta(hours=2)
    )
    with shop.client(stale) as client:
        answer = client.get("/users/me")
    assert answer.status_code == 401
    assert "expired" in problem_of(answer)["detail"]


def _claims(token: str) -> dict:
    import uuid

    import jwt

    raw = jwt.decode(token, options={"verify_signature": False})
    return {"sub": uuid.UUID(hex=raw["sub"]), "sid": uuid.UUID(hex=raw["sid"]), "stp": raw["stp"]}


def test_a_token_signed_with_another_secret_is_refused(shop):
    token = shop.token("clerk@example.com")
    claims = _claims(token)
    forged = api_auth.access_token(
        "another-secret-" * 4, claims["sub"], claims["sid"], claims["stp"], now=datetime.now(UTC)
    )
    with shop.client(forged) as client:
        assert client.get("/users/me").status_code == 401


def test_api_keys_authenticate_and_a_read_key_may_not_write(shop):
    with shop.client(shop.read_key) as client:
        assert client.get("/items").status_code == 200
        answer = client.post("/stores", json={"code": "NEW", "name": "New"})
    assert answer.status_code == 403
    assert "may only read" in problem_of(answer)["detail"]


def test_every_request_by_api_key_is_audited_with_the_key_name(shop):
    with shop.client(shop.read_key) as client:
        client.get("/stores")
    token = shop.token("admin@example.com")
    with shop.client(token) as client:
        events = client.get("/audit", params={"action": "api_key.request", "limit": 50}).json()["results"]
    assert any('"key": "reader"' in e["details"] and '"/api/v1/stores"' in e["details"] for e in events)


def test_a_revoked_api_key_stops_working(shop):
    from stockdesk.services.accounts import api_keys

    made = api_keys.create_key(shop.db.uow(), shop.admin, name=f"tmp-{new_email()}", scope="read")
    with shop.client(made.secret) as client:
        assert client.get("/stores").status_code == 200
        api_keys.revoke_key(shop.db.uow(), shop.admin, made.view.name)
        answer = client.get("/stores")
    assert answer.status_code == 401


def test_no_token_is_401_problem(shop):
    with shop.client() as client:
        answer = client.get("/items")
    assert answer.status_code == 401
    assert problem_of(answer)["title"] == "Not authenticated"
