"""Items, barcodes, stores, categories and suppliers through the services."""

from __future__ import annotations

from decimal import Decimal

import pytest

from stockdesk.domain.errors import DuplicateValue, InvalidBarcode, InvalidPrice, NotFound, ValidationError
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.catalogue.item_query import ItemFilter, ItemSort, count_items, item_page


def test_prices_are_kept_exact_to_the_cent(db, admin):
    item = catalog.create_item(
        db.uow(), admin, sku="S1", name="Screw", sell_price="0.10", cost_price="0.0325"
    )
    again = catalog.get_item(db.uow(), item.id)
    assert again.sell_price == Decimal("0.10") and again.cost_price == Decimal("0.0325")
    assert again.sell_price * 3 == Decimal("0.30")


@pytest.mark.parametrize(
    ("field", "value"), [("sell_price", "-1"), ("cost_price", "12,5O"), ("sell_price", "")]
)
def test_bad_prices_name_the_field(db, admin, field, value):
    with pytest.raises(InvalidPrice) as refused:
        catalog.create_item(db.uow(), admin, sku="S1", name="Screw", **{field: value})
    assert refused.value.field == field
    assert catalog.item_count(db.uow()) == 0


def test_empty_or_duplicate_sku_is_refused(db, admin):
    catalog.create_item(db.uow(), admin, sku="S1", name="Screw")
    with pytest.raises(DuplicateValue) as duplicate:
        catalog.create_item(db.uow(), admin, sku=" S1 ", name="Other screw")
    assert duplicate.value.field == "sku"
    with pytest.raises(ValidationError) as empty:
        catalog.create_item(db.uow(), admin, sku="   ", name="Nameless")
    assert empty.value.field == "sku"
    assert catalog.item_count(db.uow()) == 1


def test_a_barcode_belongs_to_one_item_only(db, admin):
    catalog.create_item(db.uow(), admin, sku="A", name="A", barcodes=["4006381333931"])
    with pytest.raises(DuplicateValue, match="already belongs to item A"):
        catalog.create_item(db.uow(), admin, sku="B", name="B", barcodes=["4006381333931"])
    assert catalog.item_count(db.uow()) == 1


def test_a_wrong_check_digit_is_refused_and_never_looked_up(db, admin):
    with pytest.raises(InvalidBarcode, match="check digit"):
        catalog.create_item(db.uow(), admin, sku="A", name="A", barcodes=["4006381333932"])
    with pytest.raises(InvalidBarcode):
        catalog.find_item(db.uow(), "4006381333932")


def test_lookup_by_barcode_or_sku(db, admin):
    item = catalog.create_item(db.uow(), admin, sku="Bolt-7", name="Bolt", barcodes=[("BOLT7", "CODE128")])
    catalog.add_barcode(db.uow(), admin, item.id, "036000291452")
    assert catalog.find_item(db.uow(), "036000291452").id == item.id
    assert catalog.find_item(db.uow(), "BOLT7").id == item.id
    assert catalog.find_item(db.uow(), "bolt-7").id == item.id
    with pytest.raises(NotFound):
        catalog.find_item(db.uow(), "nothing-here")


def test_a_removed_barcode_can_be_given_to_another_item(db, admin):
    first = catalog.create_item(db.uow(), admin, sku="A", name="A", barcodes=["4006381333931"])
    second = catalog.create_item(db.uow(), admin, sku="B", name="B")
    catalog.remove_barcode(db.uow(), admin, first.id, "4006381333931")
    catalog.add_barcode(db.uow(), admin, second.id, "4006381333931")
    assert catalog.find_item(db.uow(), "4006381333931").sku == "B"
    assert catalog.get_item(db.uow(), first.id).barcodes == ()


def test_editing_and_archiving_an_item(db, admin):
    item = catalog.create_item(db.uow(), admin, sku="A", name="Apple")
    catalog.update_item(db.uow(), admin, item.id, name="Green apple", sell_price="1.25")
    catalog.archive_item(db.uow(), admin, item.id)
    again = catalog.get_item(db.uow(), item.id)
    assert (again.name, again.sell_price, again.active) == ("Green apple", Decimal("1.25"), False)
    assert count_items(db.uow(), ItemFilter()) == 0
    assert count_items(db.uow(), ItemFilter(include_archived=True)) == 1


def test_items_page_is_filtered_and_sorted_in_sql(db, admin):
    for sku, name, price in [("A", "Zebra tape", "3"), ("B", "Apple", "1"), ("C", "Mango", "2")]:
        catalog.create_item(db.uow(), admin, sku=sku, name=name, sell_price=price)
    rows = item_page(db.uow(), ItemFilter(), sort=ItemSort.SELL_PRICE, descending=True)
    assert [r.sku for r in rows] == ["A", "C", "B"]
    assert [r.sku for r in item_page(db.uow(), ItemFilter(text="an"))] == ["C"]
    assert [r.sku for r in item_page(db.uow(), ItemFilter(), sort=ItemSort.NAME, offset=1, limit=1)] == ["C"]


def test_categories_form_a_tree_without_cycles(db, admin):
    tools = organisation.create_category(db.uow(), admin, name="Tools")
    saws = organisation.create_category(db.uow(), admin, name="Saws", parent_id=tools.id)
    with pytest.raises(ValidationError, match="inside this category"):
        organisation.move_category(db.uow(), admin, tools.id, parent_id=saws.id)
    moved = organisation.move_category(db.uow(), admin, saws.id, parent_id=None)
    assert moved.parent_id is None


def test_supplier_with_a_bad_email_or_lead_time_is_refused(db, admin):
    with pytest.raises(ValidationError) as bad_mail:
        organisation.create_supplier(db.uow(), admin, name="ACME", email="not-an-address")
    assert bad_mail.value.field == "email"
    with pytest.raises(ValidationError) as bad_lead:
        organisation.create_supplier(db.uow(), admin, name="ACME", lead_time_days="-2")
    assert bad_lead.value.field == "lead_time_days"
    supplier = organisation.create_supplier(
        db.uow(), admin, name="ACME", email="orders@acme.example", lead_time_days="5"
    )
    assert organisation.list_suppliers(db.uow()) == [supplier]


def test_store_codes_are_unique(db, admin):
    organisation.create_store(db.uow(), admin, code="main", name="Main")
    with pytest.raises(DuplicateValue):
        organisation.create_store(db.uow(), admin, code="MAIN", name="Another")
