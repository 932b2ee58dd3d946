"""Log-in reveals nothing and cannot be turned against the admin.

Timing is proved by counting argon2 verifications, never by a clock: every attempt that is not locked
performs exactly one, whether the e-mail has an account or not. `now` is passed explicitly, so the
back-off is tested without waiting.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher

from stockdesk.cli import main
from stockdesk.domain.errors import AccountLocked, AuthenticationFailed, PermissionDenied
from stockdesk.services.accounts import login_throttle, users
from stockdesk.services.accounts.passwords import Passwords, passwords
from tests.conftest import make_clerk

ADMIN = "admin@example.com"
ATTACKER = "203.0.113.66"
T0 = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


@pytest.fixture
def cheap_hashes(monkeypatch):
    """Hashes made from here on cost little (request it before `admin`), so many attempts stay fast."""
    cheap = Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    monkeypatch.setattr(users, "passwords", cheap)
    return cheap


def attempt(db, email, password="wrong-guess", *, source=ATTACKER, at=T0):
    return users.authenticate(db.uow(), email=email, password=password, source=source, now=at)


def refusal(db, email, password="wrong-guess", **kwargs) -> AuthenticationFailed:
    with pytest.raises(AuthenticationFailed) as refused:
        attempt(db, email, password, **kwargs)
    return refused.value


def verifications_of(call) -> int:
    before = passwords.verifications
    call()
    return passwords.verifications - before


@pytest.mark.parametrize("email", [ADMIN, "nobody@example.com", "", "clerk@example.com"])
def test_every_failed_log_in_costs_one_verification_and_says_the_same(db, admin, main_store, email):
    inactive = make_clerk(db, admin, main_store.id)
    users.update_user(db.uow(), admin, inactive.id, active=False)
    password = "clerk-pass-1" if email.startswith("clerk") else "wrong-guess"  # right password, inactive

    def fail() -> None:
        assert str(refusal(db, email, password)) == "wrong e-mail or password"

    assert verifications_of(fail) == 1


def test_a_successful_log_in_costs_one_verification_too(db, admin):
    assert verifications_of(lambda: attempt(db, ADMIN, "admin-pass-1")) == 1


def test_back_off_doubles_per_failure_up_to_the_cap(cheap_hashes, db, admin):
    at = T0
    for _ in range(login_throttle.FREE_TRIES - 1):
        assert not isinstance(refusal(db, ADMIN, at=at), AccountLocked)
    locks = []
    for _ in range(10):
        locked = refusal(db, ADMIN, at=at)
        assert isinstance(locked, AccountLocked)
        locks.append(locked.seconds_left)
        # while locked, even the right password waits, and no password is checked at all
        waiting = verifications_of(lambda at=at: refusal(db, ADMIN, "admin-pass-1", at=at))
        assert waiting == 0
        at += timedelta(seconds=locked.seconds_left)
    assert locks == [60, 120, 240, 480, 900, 900, 900, 900, 900, 900]
    assert attempt(db, ADMIN, "admin-pass-1", at=at).id == admin.id


def test_a_stranger_cannot_lock_the_admin_out_from_elsewhere(cheap_hashes, db, admin):
    for _ in range(30):
        refusal(db, ADMIN)
    assert isinstance(refusal(db, ADMIN, "admin-pass-1"), AccountLocked)  # from the attacker's address
    assert attempt(db, ADMIN, "admin-pass-1", source="desk").id == admin.id
    assert attempt(db, ADMIN, "admin-pass-1", source="198.51.100.7").id == admin.id


def test_the_admin_is_never_locked_out_for_longer_than_the_cap(cheap_hashes, db, admin):
    at = T0
    for _ in range(40):  # a determined attacker at the admin's own desk
        error = refusal(db, ADMIN, source="desk", at=at)
        at += timedelta(seconds=getattr(error, "seconds_left", 0))
    locked = refusal(db, ADMIN, "admin-pass-1", source="desk", at=at - timedelta(seconds=1))
    assert isinstance(locked, AccountLocked) and locked.seconds_left <= login_throttle.MAX_LOCK_SECONDS
    assert attempt(db, ADMIN, "admin-pass-1", source="desk", at=at).id == admin.id


def test_one_source_spraying_many_e_mails_is_held_back_and_the_table_stays_bounded(cheap_hashes, db, admin):
    refused = [refusal(db, f"user{n}@example.com") for n in range(500)]
    locked = [error for error in refused if isinstance(error, AccountLocked)]
    assert len(refused) - len(locked) == login_throttle.SOURCE_FREE_TRIES - 1  # the last free one locks
    # made-up e-mails added one row each until the source was held back, then nothing
    assert login_throttle.row_count(db.uow()) == login_throttle.SOURCE_FREE_TRIES + 1
    assert isinstance(refusal(db, ADMIN, "admin-pass-1"), AccountLocked)  # the source, for any e-mail
    assert attempt(db, ADMIN, "admin-pass-1", source="desk").id == admin.id  # not from elsewhere
    # a day later the old rows are forgotten at the next failure
    refusal(db, "late@example.com", at=T0 + login_throttle.FORGET_AFTER + timedelta(seconds=1))
    assert login_throttle.row_count(db.uow()) == 2


def test_occasional_typos_at_a_busy_desk_never_add_up_to_a_lock(cheap_hashes, db, admin):
    at = T0
    for n in range(3 * login_throttle.SOURCE_FREE_TRIES):  # three typos a day for weeks
        assert not isinstance(refusal(db, f"user{n % 7}@example.com", source="desk", at=at), AccountLocked)
        at += timedelta(hours=8)


def test_an_admin_unlocks_an_e_mail_at_once_and_a_clerk_may_not(cheap_hashes, db, admin, main_store):
    clerk = make_clerk(db, admin, main_store.id)
    for _ in range(login_throttle.FREE_TRIES):
        refusal(db, ADMIN)
    assert isinstance(refusal(db, ADMIN, "admin-pass-1"), AccountLocked)
    with pytest.raises(PermissionDenied):
        users.unlock(db.uow(), clerk, email=ADMIN)
    assert users.unlock(db.uow(), admin, email="ADMIN@example.com ") == 1
    assert attempt(db, ADMIN, "admin-pass-1").id == admin.id


def test_the_unlock_command_lifts_a_source_back_off(cheap_hashes, tmp_path, capsys):
    from stockdesk.services.database import open_database

    path = tmp_path / "desk.sqlite"
    db = open_database(str(path))
    admin = users.create_first_admin(db.uow(), email=ADMIN, password="admin-pass-1")
    for n in range(login_throttle.SOURCE_FREE_TRIES):
        refusal(db, f"user{n}@example.com", source="desk")
    assert isinstance(refusal(db, ADMIN, "admin-pass-1", source="desk"), AccountLocked)
    db.close()
    assert main(["--db", str(path), "user", "unlock", "--source", "desk"]) == 0
    assert "unlocked desk" in capsys.readouterr().out
    db = open_database(str(path))
    assert attempt(db, ADMIN, "admin-pass-1", source="desk").id == admin.id
    db.close()


def test_a_log_in_that_rehashes_the_password_stamps_the_change_as_the_persons_own(
    cheap_hashes, db, admin, monkeypatch
):
    """Sync carries a hash change only as a change a user made to their own account."""
    from sqlalchemy import select

    from stockdesk.db.models import User

    uow = db.uow()
    with uow:
        before = uow.session.scalar(select(User.password_hash).where(User.id == admin.id))
    monkeypatch.setattr(users, "passwords", passwords)  # today's parameters: the cheap hash is outdated
    assert attempt(db, ADMIN, "admin-pass-1", source="desk").id == admin.id
    uow = db.uow()
    with uow:
        row = uow.session.execute(
            select(User.password_hash, User.updated_by).where(User.id == admin.id)
        ).one()
    assert row.password_hash != before and passwords.verifies(row.password_hash, "admin-pass-1")
    assert row.updated_by == admin.id
