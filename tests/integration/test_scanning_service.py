from decimal import Decimal

import pytest

from stockdesk.domain.errors import DuplicateValue, ValidationError
from stockdesk.domain.gtin import is_valid_gtin
from stockdesk.services.catalogue import catalog
from stockdesk.services.catalogue.scanning import (
    ScanKind,
    assign_instore_ean13,
    item_card,
    lookup_forms,
    next_instore_ean13,
    resolve_scan,
)
from stockdesk.services.inventory import stock

EAN = "4006381333931"
UPCA = "036000291452"
UPCE = "04252614"  # expands to UPC-A 042100005264
GTIN14_OF_EAN = "0" + EAN


@pytest.fixture
def items(db, admin, main_store):
    tea = catalog.create_item(
        db.uow(), admin, sku="TEA-1", name="Green tea", sell_price="3.50", barcodes=[EAN]
    )
    soda = catalog.create_item(db.uow(), admin, sku="SODA", name="Soda can", barcodes=[UPCA])
    gum = catalog.create_item(db.uow(), admin, sku="GUM", name="Chewing gum", barcodes=[("04252614", "UPCE")])
    return {"tea": tea, "soda": soda, "gum": gum}


def test_an_ean13_scan_finds_its_item(db, items):
    result = resolve_scan(db.uow(), EAN, "EAN13")
    assert result.kind is ScanKind.ITEM
    assert result.item.sku == "TEA-1"


def test_a_upca_reported_as_a_13_digit_ean_finds_the_upca_item(db, items):
    assert resolve_scan(db.uow(), "0" + UPCA, "EAN13").item.sku == "SODA"
    assert resolve_scan(db.uow(), "0" + UPCA).item.sku == "SODA"  # a wedge sends no symbology


def test_a_upce_item_is_found_from_its_expanded_upca(db, items):
    assert resolve_scan(db.uow(), "042100005264", "UPCA").item.sku == "GUM"
    assert resolve_scan(db.uow(), UPCE, "UPCE").item.sku == "GUM"


def test_gs1_element_strings_find_the_item_by_gtin_and_keep_batch_and_expiry(db, items):
    raw = f"]C101{GTIN14_OF_EAN}17251231\x1d10LOT42"
    result = resolve_scan(db.uow(), raw, "CODE128")
    assert result.kind is ScanKind.ITEM
    assert result.item.sku == "TEA-1"
    assert result.gs1.batch == "LOT42"
    assert str(result.gs1.expiry) == "2025-12-31"
    assert resolve_scan(db.uow(), f"(01)0{UPCA.zfill(13)}(21)SER9").item.sku == "SODA"


def test_a_wrong_check_digit_is_refused_without_lookup_even_if_an_item_carries_it(db, items):
    bad = EAN[:-1] + "2"
    result = resolve_scan(db.uow(), bad, "EAN13")
    assert result.kind is ScanKind.WRONG_CHECK_DIGIT
    assert result.item is None
    assert "expected 1" in result.reason
    assert resolve_scan(db.uow(), f"(01)0{bad}").kind is ScanKind.WRONG_CHECK_DIGIT


def test_an_unknown_valid_code_offers_creation_with_the_printed_code(db, items):
    result = resolve_scan(db.uow(), "(01)05901234123457")
    assert result.kind is ScanKind.UNKNOWN
    assert result.code == "5901234123457"
    assert resolve_scan(db.uow(), "NO-SUCH-THING").kind is ScanKind.UNKNOWN


def test_a_sku_typed_or_scanned_as_code128_finds_the_item(db, items):
    assert resolve_scan(db.uow(), "tea-1", "CODE128").item.sku == "TEA-1"


def test_store_labels_and_store_codes_set_the_location(db, items, main_store, branch_store):
    assert resolve_scan(db.uow(), "STORE:BR").store.id == branch_store.id
    assert resolve_scan(db.uow(), "main").store.id == main_store.id
    missing = resolve_scan(db.uow(), "STORE:NOPE")
    assert missing.kind is ScanKind.INVALID
    assert "NOPE" in missing.reason


def test_an_item_sku_wins_over_a_store_with_the_same_code(db, admin, main_store):
    catalog.create_item(db.uow(), admin, sku="MAIN", name="Mains cable")
    assert resolve_scan(db.uow(), "MAIN").kind is ScanKind.ITEM
    assert resolve_scan(db.uow(), "STORE:MAIN").kind is ScanKind.LOCATION


def test_lookup_forms_cover_every_printing_of_one_gtin():
    assert set(lookup_forms("0" + UPCA)) >= {"0" + UPCA, UPCA, "00" + UPCA}
    assert UPCE in lookup_forms("042100005264")


def test_in_store_codes_are_valid_sequential_and_unique(db, admin, items):
    first = next_instore_ean13(db.uow())
    assert first.startswith("20") and is_valid_gtin(first)
    view = assign_instore_ean13(db.uow(), admin, items["tea"].id)
    assert view.code == first
    second = assign_instore_ean13(db.uow(), admin, items["soda"].id).code
    assert int(second[2:12]) == int(first[2:12]) + 1
    assert next_instore_ean13(db.uow(), taken=(second[:2] + "0000000100" + "0",)) > second
    assert resolve_scan(db.uow(), second, "EAN13").item.sku == "SODA"
    with pytest.raises(ValidationError):
        next_instore_ean13(db.uow(), prefix=30)


def test_a_taken_in_store_code_is_not_given_twice(db, admin, items):
    code = next_instore_ean13(db.uow())
    catalog.add_barcode(db.uow(), admin, items["gum"].id, code)
    with pytest.raises(DuplicateValue):
        catalog.add_barcode(db.uow(), admin, items["tea"].id, code)
    assert assign_instore_ean13(db.uow(), admin, items["tea"].id).code != code


def test_the_item_card_shows_stock_per_store_and_latest_movements(db, admin, items, main_store, branch_store):
    tea = items["tea"]
    stock.receive(db.uow(), admin, item_id=tea.id, store_id=main_store.id, quantity="10")
    stock.sell(db.uow(), admin, item_id=tea.id, store_id=main_store.id, quantity="3")
    card = item_card(db.uow(), tea.id)
    assert {level.store_code: level.on_hand for level in card.levels} == {"BR": 0, "MAIN": Decimal(7)}
    assert [m.kind for m in card.movements] == ["sale", "receive"]
    assert card.store_codes[main_store.id] == "MAIN"
