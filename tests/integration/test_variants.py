"""Item templates and their variants (issue 21): generating the matrix, prices that follow the
template, a template that is never stocked, and the stock matrix."""

from __future__ import annotations

from decimal import Decimal

import pytest

from stockdesk.domain.errors import DuplicateValue, ValidationError
from stockdesk.services.catalogue import catalog, item_query, variants
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.inventory import check, stock


def test_a_template_generates_its_variants_once_and_they_follow_its_prices(
    db, admin, main_store, branch_store
):
    shirt = catalog.create_item(
        db.uow(), admin, sku="TSHIRT", name="T-shirt", sell_price="20", cost_price="8"
    )
    made = variants.generate(
        db.uow(), admin, shirt.id, {"size": ["S", "M", "L"], "colour": ["Red", "Dark blue"]}
    )
    assert len(made.created) == 6 and made.existing == 0
    skus = {v.sku: v for v in made.created}
    assert "TSHIRT-M-RED" in skus and "TSHIRT-L-DARKBLUE" in skus
    assert skus["TSHIRT-M-RED"].values == {"size": "M", "colour": "Red"}
    assert skus["TSHIRT-M-RED"].name == "T-shirt M / Red" and skus["TSHIRT-M-RED"].sell_price == Decimal(20)

    # Idempotent; a new value makes only the missing combinations.
    again = variants.generate(db.uow(), admin, shirt.id)
    assert again.created == () and again.existing == 6
    more = variants.generate(db.uow(), admin, shirt.id, {"size": ["XL"]})
    assert sorted(v.sku for v in more.created) == ["TSHIRT-XL-DARKBLUE", "TSHIRT-XL-RED"]
    sizes, colours = variants.attributes_of(db.uow(), shirt.id)
    assert sizes.choices == ("S", "M", "L", "XL") and colours.choices == ("Red", "Dark blue")

    # Prices: the template's new price reaches the variants that did not set their own.
    red_m = skus["TSHIRT-M-RED"].id
    catalog.update_item(db.uow(), admin, red_m, sell_price="25")
    catalog.update_item(db.uow(), admin, shirt.id, sell_price="22", cost_price="9")
    prices = {v.sku: (v.sell_price, v.cost_price) for v in variants.variants_of(db.uow(), shirt.id)}
    assert prices["TSHIRT-M-RED"] == (Decimal(25), Decimal(9))  # own sell price, inherited cost
    assert prices["TSHIRT-S-RED"] == (Decimal(22), Decimal(9))
    variants.inherit_prices(db.uow(), admin, red_m)
    assert catalog.get_item(db.uow(), red_m).sell_price == Decimal(22)

    # The template is never stocked; its variants are, like any item.
    with pytest.raises(ValidationError) as refused:
        stock.receive(db.uow(), admin, item_id=shirt.id, store_id=main_store.id, quantity="5")
    assert refused.value.field == "item" and "is a template" in str(refused.value)
    stock.receive(db.uow(), admin, item_id=red_m, store_id=main_store.id, quantity="5")
    stock.receive(db.uow(), admin, item_id=skus["TSHIRT-M-DARKBLUE"].id, store_id=main_store.id, quantity="2")
    stock.receive(db.uow(), admin, item_id=skus["TSHIRT-S-RED"].id, store_id=branch_store.id, quantity="3")
    stock.sell(db.uow(), admin, item_id=red_m, store_id=main_store.id, quantity="1")

    matrix = variants.stock_matrix(db.uow(), shirt.id)
    assert len(matrix.variants) == 8 and [s.code for s in matrix.stores] == ["BR", "MAIN"]
    assert matrix.grid("size", "colour")[("M", "Red")] == Decimal(4)
    by_store = matrix.grid("size", None)
    assert by_store[("M", "MAIN")] == Decimal(6) and by_store[("S", "BR")] == Decimal(3)
    assert by_store[("L", "MAIN")] == Decimal(0)

    # The items list filters by template; the ledger and levels agree.
    rows = item_query.item_page(db.uow(), ItemFilter(template_id=shirt.id))
    assert len(rows) == 8 and all(r.sku.startswith("TSHIRT-") for r in rows)
    assert check.find_differences(db.uow()) == []

    # Refusals name what is wrong and write nothing.
    catalog.create_item(db.uow(), admin, sku="TSHIRT-XXL-RED", name="Someone else's")
    with pytest.raises(DuplicateValue) as clash:
        variants.generate(db.uow(), admin, shirt.id, {"size": ["XXL"]})
    assert clash.value.field == "sku" and "size=XXL; colour=Red" in str(clash.value)
    assert len(variants.variants_of(db.uow(), shirt.id)) == 8
    with pytest.raises(ValidationError) as stocked:
        variants.generate(db.uow(), admin, red_m, {"fit": ["slim"]})
    assert "variant of TSHIRT" in str(stocked.value)
