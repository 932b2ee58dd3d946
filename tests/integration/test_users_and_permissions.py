"""Accounts and the rules on who may do what, called on the services directly (no UI in the way)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from stockdesk.domain.errors import AccountLocked, AuthenticationFailed, DuplicateValue, PermissionDenied
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.inventory import stock


def test_first_admin_only_once(db):
    users.create_first_admin(db.uow(), email="a@example.com", password="long-enough")
    with pytest.raises(PermissionDenied):
        users.create_first_admin(db.uow(), email="b@example.com", password="long-enough")


def test_email_is_unique_ignoring_case_and_login_ignores_case(db, admin):
    with pytest.raises(DuplicateValue) as duplicate:
        users.create_user(db.uow(), admin, email="ADMIN@Example.com", password="whatever-1", role="clerk")
    assert duplicate.value.field == "email"
    assert users.authenticate(db.uow(), email="Admin@EXAMPLE.com", password="admin-pass-1").id == admin.id


def test_the_application_hashes_passwords_at_argon2s_recommended_cost(production_password_hasher):
    from argon2 import PasswordHasher, Type

    recommended = PasswordHasher()
    hasher = production_password_hasher
    assert hasher.type is Type.ID
    assert (hasher.time_cost, hasher.memory_cost, hasher.parallelism) == (
        recommended.time_cost, recommended.memory_cost, recommended.parallelism)


def test_passwords_are_stored_as_argon2id(db, admin):
    from sqlalchemy import select

    from stockdesk.db.models import User

    with db.uow() as uow:
        stored = uow.session.scalar(select(User.password_hash).where(User.id == admin.id))
    assert stored.startswith("$argon2id$") and "admin-pass-1" not in stored


def test_wrong_password_then_lockout_after_five_failures(db, admin):
    now = datetime.now(UTC)
    for _ in range(4):
        with pytest.raises(AuthenticationFailed) as failed:
            users.authenticate(db.uow(), email="admin@example.com", password="wrong", now=now)
        assert not isinstance(failed.value, AccountLocked)
    with pytest.raises(AccountLocked):
        users.authenticate(db.uow(), email="admin@example.com", password="wrong", now=now)
    with pytest.raises(AccountLocked):  # even the right password waits out the lock
        users.authenticate(db.uow(), email="admin@example.com", password="admin-pass-1", now=now)
    later = now + timedelta(seconds=61)
    assert (
        users.authenticate(db.uow(), email="admin@example.com", password="admin-pass-1", now=later).id
        == admin.id
    )


def test_change_password_needs_the_old_one(db, clerk):
    with pytest.raises(Exception, match="old_password"):
        users.change_password(db.uow(), clerk, old_password="nope", new_password="new-pass-12")
    users.change_password(db.uow(), clerk, old_password="clerk-pass-1", new_password="new-pass-12")
    assert users.authenticate(db.uow(), email="clerk@example.com", password="new-pass-12").id == clerk.id


def test_short_passwords_are_refused(db, admin):
    with pytest.raises(Exception, match="password"):
        users.create_user(db.uow(), admin, email="x@example.com", password="short", role="clerk")


def test_clerk_edits_only_own_items(db, admin, clerk):
    theirs = catalog.create_item(db.uow(), admin, sku="ADM", name="Admin's item")
    mine = catalog.create_item(db.uow(), clerk, sku="CLK", name="Clerk's item")
    catalog.update_item(db.uow(), clerk, mine.id, name="Renamed by clerk")
    with pytest.raises(PermissionDenied, match="created themselves"):
        catalog.update_item(db.uow(), clerk, theirs.id, name="Hijacked")
    with pytest.raises(PermissionDenied):
        catalog.archive_item(db.uow(), clerk, theirs.id)
    with pytest.raises(PermissionDenied):
        catalog.add_barcode(db.uow(), clerk, theirs.id, "4006381333931")
    assert catalog.get_item(db.uow(), theirs.id).name == "Admin's item"


def test_clerk_moves_stock_only_in_assigned_stores(db, admin, clerk, main_store, branch_store):
    item = catalog.create_item(db.uow(), clerk, sku="CLK", name="Clerk's item")
    stock.receive(db.uow(), clerk, item_id=item.id, store_id=main_store.id, quantity="3")
    with pytest.raises(PermissionDenied):
        stock.transfer(
            db.uow(),
            clerk,
            item_id=item.id,
            from_store_id=main_store.id,
            to_store_id=branch_store.id,
            quantity="1",
        )
    with pytest.raises(PermissionDenied):
        stock.sell(
            db.uow(), clerk, item_id=item.id, store_id=main_store.id, quantity="5", allow_negative=True
        )


def test_clerk_cannot_manage_stores_users_or_catalogue(db, clerk):
    with pytest.raises(PermissionDenied):
        organisation.create_store(db.uow(), clerk, code="X", name="X")
    with pytest.raises(PermissionDenied):
        organisation.create_category(db.uow(), clerk, name="X")
    with pytest.raises(PermissionDenied):
        users.create_user(db.uow(), clerk, email="y@example.com", password="long-enough", role="admin")
    with pytest.raises(PermissionDenied):
        users.list_users(db.uow(), clerk)


def test_manager_runs_the_catalogue_but_not_users(db, manager, admin):
    other = catalog.create_item(db.uow(), admin, sku="ADM", name="Admin's item")
    catalog.update_item(db.uow(), manager, other.id, name="Edited by manager")
    organisation.create_store(db.uow(), manager, code="NEW", name="New store")
    with pytest.raises(PermissionDenied):
        users.create_user(db.uow(), manager, email="z@example.com", password="long-enough", role="clerk")


def test_deactivated_user_cannot_log_in(db, admin, clerk):
    users.update_user(db.uow(), admin, clerk.id, active=False)
    with pytest.raises(AuthenticationFailed):
        users.authenticate(db.uow(), email="clerk@example.com", password="clerk-pass-1")


def test_admin_cannot_lock_themselves_out(db, admin):
    with pytest.raises(Exception, match="lock you out"):
        users.update_user(db.uow(), admin, admin.id, role="clerk")
