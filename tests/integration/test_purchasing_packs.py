"""Purchase orders in the supplier's pack: drafted, printed and received in cases, posted in pieces."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pypdf import PdfReader

from stockdesk.reports.purchase_order import write_order_pdf
from stockdesk.services.catalogue import catalog, organisation, packs
from stockdesk.services.catalogue.bulk import BulkRejected
from stockdesk.services.inventory import check, stock
from stockdesk.services.maintenance import shop
from stockdesk.services.planning import purchasing
from stockdesk.services.planning.purchasing import DraftLine


@pytest.fixture
def cased(db, admin):
    """Screws the supplier sells by the case of 12 (its own barcode), and a saw it sells singly."""
    acme = organisation.create_supplier(db.uow(), admin, name="Acme", email="orders@acme.example")
    screws = catalog.create_item(
        db.uow(), admin, sku="SCR", name="Screws", supplier_id=acme.id, cost_price="0.25"
    )
    case = packs.add_pack(
        db.uow(), admin, screws.id, name="case", factor="12", code="CASE-SCR", purchase=True
    )
    packs.add_pack(db.uow(), admin, screws.id, name="bag", factor="5", code="BAG-SCR")  # not the supplier's
    saw = catalog.create_item(db.uow(), admin, sku="SAW", name="Saw", supplier_id=acme.id, cost_price="12.50")
    return screws, case, saw


def test_a_whole_number_of_cases_is_ordered_in_cases_and_anything_else_in_pieces(
    db, manager, main_store, cased
):
    screws, _case, saw = cased
    [order] = purchasing.create_drafts(
        db.uow(), manager, [DraftLine(screws.id, main_store.id, "36"), DraftLine(saw.id, main_store.id, "2")]
    )
    line, single = order.lines
    assert (line.quantity, line.pack_name, line.pack_factor, line.packs) == (36, "case", 12, 3)
    assert line.pack_cost == Decimal("3.00")  # 12 pieces at 0.25
    assert (single.pack_name, single.pack_factor, single.packs) == ("", None, None)
    order = purchasing.set_line(db.uow(), manager, order.id, screws.id, quantity="30")  # 2.5 cases
    assert (order.lines[0].pack_name, order.lines[0].packs) == ("", None)
    order = purchasing.set_line(db.uow(), manager, order.id, screws.id, quantity="24")
    assert (order.lines[0].pack_name, order.lines[0].packs) == ("case", 2)
    assert order.total == Decimal("24") * Decimal("0.25") + 2 * Decimal("12.50")  # the same money either way


def test_a_sent_order_keeps_its_pack_when_the_item_s_packs_change(
    db, admin, manager, main_store, cased, tmp_path
):
    screws, case, _saw = cased
    [order] = purchasing.create_drafts(db.uow(), manager, [DraftLine(screws.id, main_store.id, "24")])
    purchasing.send(db.uow(), manager, order.id, pdf_dir=tmp_path, write_pdf=write_order_pdf)
    packs.remove_pack(db.uow(), admin, case.id)
    [line] = purchasing.get_order(db.uow(), order.id).lines
    assert (line.pack_name, line.pack_factor, line.packs) == ("case", 12, 2)


@pytest.mark.parametrize("language, expected", [
    ("en", "2\ncase of 12 pcs\n3.00\n6.00"),
    ("de", "2\ncase à 12 pcs\n3,00\n6,00"),
])
def test_the_supplier_reads_cases_at_the_case_price(
    db, admin, manager, main_store, cased, tmp_path, language, expected
):
    screws, _case, saw = cased
    shop.set_language(db.uow(), admin, language)
    [order] = purchasing.create_drafts(
        db.uow(), manager, [DraftLine(screws.id, main_store.id, "24"), DraftLine(saw.id, main_store.id, "3")]
    )
    path = purchasing.send(db.uow(), manager, order.id, pdf_dir=tmp_path, write_pdf=write_order_pdf)
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert expected in text  # quantity in cases, the pack and its contents, the case's price, the amount
    assert ("3\npcs\n12.50\n37.50" if language == "en" else "3\npcs\n12,50\n37,50") in text
    assert "24\npcs" not in text


def test_scanning_a_case_receives_twelve_pieces_per_case(db, manager, clerk, main_store, cased, tmp_path):
    screws, _case, _saw = cased
    [order] = purchasing.create_drafts(db.uow(), manager, [DraftLine(screws.id, main_store.id, "36")])
    purchasing.send(db.uow(), manager, order.id, pdf_dir=tmp_path, write_pdf=write_order_pdf)
    result = purchasing.receive(db.uow(), clerk, order.id, [("CASE-SCR", "2")])  # two cases scanned
    assert result.order.status == "partial" and result.order.lines[0].received == 24
    result = purchasing.receive(db.uow(), clerk, order.id, [("SCR", "12")])  # the rest counted in pieces
    assert result.order.status == "received" and result.warnings == ()
    assert stock.on_hand_of(db.uow(), screws.id, main_store.id) == 36
    assert check.find_differences(db.uow()) == []


def test_a_pack_of_an_item_not_on_the_order_is_refused_naming_the_row(
    db, manager, admin, clerk, main_store, cased, tmp_path
):
    screws, _case, saw = cased
    packs.add_pack(db.uow(), admin, saw.id, name="box", factor="2", code="BOX-SAW")
    [order] = purchasing.create_drafts(db.uow(), manager, [DraftLine(screws.id, main_store.id, "12")])
    purchasing.send(db.uow(), manager, order.id, pdf_dir=tmp_path, write_pdf=write_order_pdf)
    with pytest.raises(BulkRejected) as refused:
        purchasing.receive(db.uow(), clerk, order.id, [("CASE-SCR", "1"), ("BOX-SAW", "1")])
    assert [(p.row, p.field) for p in refused.value.problems] == [(2, "line")]
    assert stock.on_hand_of(db.uow(), screws.id, main_store.id) == 0  # nothing of the good row either
