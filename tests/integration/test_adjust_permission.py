"""Adjustments (write-offs) are their own permission: managers by default, a clerk by an admin's grant."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from stockdesk.cli import main
from stockdesk.db.models import StockMovement
from stockdesk.domain.errors import PermissionDenied
from stockdesk.domain.movements import MovementKind
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.database import open_database
from stockdesk.services.inventory import stock
from stockdesk.services.inventory.stock import MovementRequest
from tests.conftest import login, make_clerk


@pytest.fixture
def nails(db, admin, main_store):
    item = catalog.create_item(db.uow(), admin, sku="NAIL", name="Nails")
    stock.receive(db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity="10")
    return item


def movements(db) -> int:
    with db.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(StockMovement)) or 0)


def test_a_clerk_may_not_adjust_by_default_and_nothing_is_written(db, clerk, main_store, nails):
    before = movements(db)
    with pytest.raises(PermissionDenied, match=r"adjustments .* need a manager"):
        stock.adjust(db.uow(), clerk, item_id=nails.id, store_id=main_store.id, quantity="-2")
    batch = [MovementRequest(MovementKind.SALE, nails.id, main_store.id, "1"),
             MovementRequest(MovementKind.ADJUST, nails.id, main_store.id, "-1")]
    with pytest.raises(PermissionDenied):
        stock.post_movements(db.uow(), clerk, batch)
    assert movements(db) == before
    stock.sell(db.uow(), clerk, item_id=nails.id, store_id=main_store.id, quantity="1")  # selling still works


def test_a_manager_adjusts_by_default(db, manager, main_store, nails):
    view = stock.adjust(db.uow(), manager, item_id=nails.id, store_id=main_store.id, quantity="-2")
    assert view.quantity == Decimal("-2")


def test_an_admin_grants_a_clerk_adjustments_in_their_stores_and_may_take_it_back(
    db, admin, main_store, branch_store, nails
):
    make_clerk(db, admin, main_store.id)
    view = users.set_may_adjust(db.uow(), admin, email="CLERK@example.com", allowed=True)
    assert view.may_adjust
    clerk = login(db, "clerk@example.com", "clerk-pass-1")
    stock.adjust(db.uow(), clerk, item_id=nails.id, store_id=main_store.id, quantity="-3", reference="broken")
    with pytest.raises(PermissionDenied, match="stores they are assigned to"):
        stock.adjust(db.uow(), clerk, item_id=nails.id, store_id=branch_store.id, quantity="1")
    users.set_may_adjust(db.uow(), admin, email="clerk@example.com", allowed=False)
    clerk = login(db, "clerk@example.com", "clerk-pass-1")
    with pytest.raises(PermissionDenied):
        stock.adjust(db.uow(), clerk, item_id=nails.id, store_id=main_store.id, quantity="-1")


def test_only_an_admin_grants_adjustments(db, admin, manager, clerk):
    for actor in (manager, clerk):
        with pytest.raises(PermissionDenied):
            users.set_may_adjust(db.uow(), actor, email="clerk@example.com", allowed=True)
    assert not next(u for u in users.list_users(db.uow(), admin) if u.email == "clerk@example.com").may_adjust


def test_the_grant_adjust_command(tmp_path, capsys):
    path = tmp_path / "d.sqlite"
    db = open_database(str(path))
    admin = users.create_first_admin(db.uow(), email="a@example.com", password="admin-pass-1")
    store = organisation.create_store(db.uow(), admin, code="MAIN", name="Main")
    make_clerk(db, admin, store.id)
    db.close()
    assert main(["--db", str(path), "user", "grant-adjust", "--email", "clerk@example.com"]) == 0
    assert "clerk@example.com may post adjustments" in capsys.readouterr().out
    assert main(["--db", str(path), "user", "grant-adjust", "--email", "nobody@example.com"]) == 2
    assert "user nobody@example.com not found" in capsys.readouterr().err
