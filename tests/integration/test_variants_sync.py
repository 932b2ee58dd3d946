"""Variants sync like items: two desks that generate the same matrix offline make the same rows, which
merge on the server instead of being renamed twins, and a template's new price reaches the other desk."""

from __future__ import annotations

from decimal import Decimal

import pytest

from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation, variants
from stockdesk.services.inventory import stock
from tests.integration.test_sync_support import make_desk, service, sync_all, sync_api, sync_server

__all__ = ["make_desk", "sync_api", "sync_server"]  # fixtures
pytestmark = pytest.mark.pg


def test_the_same_matrix_generated_on_two_offline_desks_merges_into_one(make_desk, tmp_path):
    a_db, b_db = make_desk("a"), make_desk("b")
    boss = users.create_first_admin(a_db.uow(), email="boss@example.com", password="boss-pass-1")
    store = organisation.create_store(a_db.uow(), boss, code="MAIN", name="Main")
    shirt = catalog.create_item(a_db.uow(), boss, sku="TSHIRT", name="T-shirt", sell_price="20")
    a, b = service(a_db, tmp_path), service(b_db, tmp_path)
    try:
        sync_all([a, b])
        boss_b = users.authenticate(b_db.uow(), email="boss@example.com", password="boss-pass-1")
        # Both desks offline: the same matrix, and desk b sells one of its variants at once.
        made_a = variants.generate(a_db.uow(), boss, shirt.id, {"size": ["S", "M"], "colour": ["Red"]})
        made_b = variants.generate(b_db.uow(), boss_b, shirt.id, {"size": ["S", "M"], "colour": ["Red"]})
        assert {v.id for v in made_a.created} == {v.id for v in made_b.created}
        medium = next(v.id for v in made_b.created if v.sku == "TSHIRT-M-RED")
        stock.receive(b_db.uow(), boss_b, item_id=medium, store_id=store.id, quantity="3")
        catalog.update_item(a_db.uow(), boss, shirt.id, sell_price="22")  # desk a's variants follow
        sync_all([a, b])
        for db in (a_db, b_db):
            listed = variants.variants_of(db.uow(), shirt.id)
            assert [(v.sku, v.sell_price) for v in listed] == [
                ("TSHIRT-M-RED", Decimal(22)),
                ("TSHIRT-S-RED", Decimal(22)),
            ]
            assert [(x.name, x.choices) for x in variants.attributes_of(db.uow(), shirt.id)] == [
                ("size", ("S", "M")),
                ("colour", ("Red",)),
            ]
            assert variants.stock_matrix(db.uow(), shirt.id).grid("size", None)[("M", "MAIN")] == Decimal(3)
    finally:
        a.close()
        b.close()
