"""Units of measure and pack sizes (issue 21): a case's barcode moves the case's pieces, pieces are
whole, weights are not, conversions are exact, and suppliers' packs round purchase suggestions."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stockdesk.domain.errors import (
    DuplicateValue,
    InsufficientStock,
    InvalidQuantity,
    PermissionDenied,
    ValidationError,
)
from stockdesk.domain.units import check_in_unit, packs_needed, round_up_to_pack
from stockdesk.services.catalogue import catalog, packs, scanning
from stockdesk.services.catalogue.scanning import ScanKind
from stockdesk.services.inventory import check, stock
from stockdesk.services.planning import reorder
from tests.conftest import make_clerk

_SKUS = itertools.count()


def _item(db, actor, *, unit: str = "pcs", barcode: str | None = None, **other):
    sku = f"U-{next(_SKUS):05d}"
    codes = [barcode] if barcode else []
    return catalog.create_item(
        db.uow(), actor, sku=sku, name=f"Screws {sku}", unit=unit, barcodes=codes, **other
    )


def test_a_case_barcode_scanned_at_the_counter_sells_the_cases_pieces(db, admin, main_store):
    item = _item(db, admin, barcode="4006381333931")
    case = packs.add_pack(db.uow(), admin, item.id, name="case", factor="12", code="04006381333962")
    stock.receive(db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity="3", pack_id=case.id)
    assert stock.on_hand_of(db.uow(), item.id, main_store.id) == Decimal(36)

    scan = scanning.resolve_scan(db.uow(), "04006381333962")
    assert scan.kind is ScanKind.ITEM and scan.item is not None and scan.item.id == item.id
    assert scan.pack is not None and scan.pack.factor == Decimal(12)
    stock.sell(db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity="1", pack_id=scan.pack.id)
    assert stock.on_hand_of(db.uow(), item.id, main_store.id) == Decimal(24)

    # The piece's own barcode still scans as the piece.
    piece = scanning.resolve_scan(db.uow(), "4006381333931")
    assert piece.item is not None and piece.item.id == item.id and piece.pack is None
    assert check.find_differences(db.uow()) == []


def test_pieces_are_whole_and_weights_take_three_decimals(db, admin, main_store):
    screws = _item(db, admin)
    with pytest.raises(InvalidQuantity) as refused:
        stock.receive(db.uow(), admin, item_id=screws.id, store_id=main_store.id, quantity="1.5")
    assert refused.value.field == "quantity" and "whole number of pcs" in str(refused.value)
    assert stock.on_hand_of(db.uow(), screws.id, main_store.id) == Decimal(0)  # nothing half-written

    cable = _item(db, admin, unit="m")
    stock.receive(db.uow(), admin, item_id=cable.id, store_id=main_store.id, quantity="100")
    stock.sell(db.uow(), admin, item_id=cable.id, store_id=main_store.id, quantity="2.375")
    assert stock.on_hand_of(db.uow(), cable.id, main_store.id) == Decimal("97.625")
    with pytest.raises(InvalidQuantity) as counted:
        stock.count(db.uow(), admin, item_id=screws.id, store_id=main_store.id, counted="0.5")
    assert counted.value.field == "counted"


def test_a_half_case_of_an_odd_pack_is_refused_as_fractional_pieces(db, admin, main_store):
    item = _item(db, admin)
    pack = packs.add_pack(db.uow(), admin, item.id, name="bag", factor="5")

    def receive(quantity: str) -> None:
        stock.receive(
            db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity=quantity, pack_id=pack.id
        )

    with pytest.raises(InvalidQuantity, match="whole number of pcs"):
        receive("0.5")
    receive("0.4")
    assert stock.on_hand_of(db.uow(), item.id, main_store.id) == Decimal(2)


def test_a_pack_code_is_unique_among_barcodes_and_packs(db, admin):
    first = _item(db, admin, barcode="96385074")
    second = _item(db, admin)
    with pytest.raises(DuplicateValue) as taken:
        packs.add_pack(db.uow(), admin, second.id, name="case", factor="6", code="96385074")
    assert taken.value.field == "code"
    packs.add_pack(db.uow(), admin, second.id, name="case", factor="6", code="4012345678901")
    with pytest.raises(DuplicateValue):
        catalog.add_barcode(db.uow(), admin, first.id, "4012345678901")
    with pytest.raises(DuplicateValue) as same_name:
        packs.add_pack(db.uow(), admin, second.id, name="Case", factor="10")
    assert same_name.value.field == "name"


def test_a_removed_pack_no_longer_scans_and_frees_its_code(db, admin):
    item = _item(db, admin)
    pack = packs.add_pack(db.uow(), admin, item.id, name="case", factor="12", code="4012345678901")
    packs.remove_pack(db.uow(), admin, pack.id)
    assert packs.packs_of(db.uow(), item.id) == []
    assert scanning.resolve_scan(db.uow(), "4012345678901").kind is ScanKind.UNKNOWN
    again = packs.add_pack(db.uow(), admin, item.id, name="case", factor="10", code="4012345678901")
    assert scanning.resolve_scan(db.uow(), "4012345678901").pack == again


def test_a_pack_factor_must_fit_the_stock_unit(db, admin):
    item = _item(db, admin)
    with pytest.raises(InvalidQuantity) as fractional:
        packs.add_pack(db.uow(), admin, item.id, name="case", factor="2.5")
    assert fractional.value.field == "factor"
    with pytest.raises(InvalidQuantity):
        packs.add_pack(db.uow(), admin, item.id, name="case", factor="0")
    sack = packs.add_pack(db.uow(), admin, _item(db, admin, unit="kg").id, name="sack", factor="2.5")
    assert sack.factor == Decimal("2.5")


def test_a_clerk_may_not_add_packs_to_another_persons_item(db, admin, main_store):
    item = _item(db, admin)
    clerk = make_clerk(db, admin, main_store.id)
    with pytest.raises(PermissionDenied):
        packs.add_pack(db.uow(), clerk, item.id, name="case", factor="12")
    own = _item(db, clerk)
    assert packs.add_pack(db.uow(), clerk, own.id, name="case", factor="12").factor == 12


def test_a_pack_of_another_item_is_refused(db, admin, main_store):
    one, other = _item(db, admin), _item(db, admin)
    pack = packs.add_pack(db.uow(), admin, other.id, name="case", factor="12")
    with pytest.raises(ValidationError, match="pack of another item"):
        stock.receive(db.uow(), admin, item_id=one.id, store_id=main_store.id, quantity="1", pack_id=pack.id)
    assert stock.on_hand_of(db.uow(), one.id, main_store.id) == Decimal(0)


@pytest.mark.parametrize("catalogue", ["small", "whole"])
def test_reorder_suggestions_round_up_to_the_suppliers_pack(db, admin, main_store, monkeypatch, catalogue):
    if catalogue == "whole":  # a run over more items than WHOLE_TABLE_FROM reads every purchase pack at once
        monkeypatch.setattr(packs, "WHOLE_TABLE_FROM", 0)
    other = _item(db, admin, reorder_point="20", reorder_qty="1")
    packs.add_pack(db.uow(), admin, other.id, name="box", factor="5", purchase=False)  # not the purchase pack
    stock.receive(db.uow(), admin, item_id=other.id, store_id=main_store.id, quantity="5")
    item = _item(db, admin, reorder_point="20", reorder_qty="1")
    packs.add_pack(db.uow(), admin, item.id, name="case", factor="12", purchase=True)
    stock.receive(db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity="5")
    [row] = [r for r in reorder.suggestions(db.uow(), store_id=main_store.id) if r.item_id == item.id]
    assert row.order_multiple == Decimal(12)
    assert row.suggested_qty == Decimal(24)  # 15 short of the point of 20: two whole cases
    [plain] = [r for r in reorder.suggestions(db.uow(), store_id=main_store.id) if r.item_id == other.id]
    assert plain.order_multiple == Decimal(1) and plain.suggested_qty == Decimal(15)
    with pytest.raises(ValidationError, match="only one pack"):
        packs.add_pack(db.uow(), admin, item.id, name="pallet", factor="480", purchase=True)


quantities = st.integers(min_value=1, max_value=500).map(Decimal)
factors = st.sampled_from([Decimal(n) for n in (1, 6, 12, 24, 480)])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(factor=factors, cases=st.integers(1, 20), sold=st.lists(quantities, max_size=6))
def test_receiving_in_packs_then_selling_pieces_keeps_the_level_exact(
    db, admin, main_store, factor, cases, sold
):
    item = _item(db, admin)  # each example its own item in the shared database
    pack = packs.add_pack(db.uow(), admin, item.id, name="case", factor=factor)
    stock.receive(db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity=cases, pack_id=pack.id)
    expected = cases * factor
    for quantity in sold:
        try:
            stock.sell(db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity=quantity)
        except InsufficientStock:
            continue
        expected -= quantity
    assert stock.on_hand_of(db.uow(), item.id, main_store.id) == expected
    assert check.find_differences(db.uow()) == []


@given(packs_count=st.integers(0, 1000), factor=factors, extra=st.integers(0, 479).map(Decimal))
def test_rounding_up_to_packs_never_orders_less_and_never_a_whole_pack_too_many(packs_count, factor, extra):
    wanted = packs_count * factor + extra % factor
    rounded = round_up_to_pack(wanted, factor)
    assert rounded >= wanted and rounded - wanted < factor and rounded % factor == 0
    assert packs_needed(wanted, factor) * factor == rounded
    assert check_in_unit("quantity", rounded, "pcs") == rounded
