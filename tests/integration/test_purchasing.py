"""Purchase orders: drafts per supplier, edits, sending as PDF by e-mail, receiving (over-receipt warned)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from stockdesk.domain.errors import InvalidQuantity, ValidationError
from stockdesk.reports.purchase_order import write_order_pdf
from stockdesk.services import mail
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.catalogue.bulk import BulkRejected
from stockdesk.services.inventory import stock
from stockdesk.services.planning import purchasing, reorder
from stockdesk.services.planning.purchasing import DraftLine
from tests.support.smtp import SmtpServer


@pytest.fixture
def catalogue(db, admin):
    acme = organisation.create_supplier(
        db.uow(), admin, name="Acme", email="orders@acme.example", lead_time_days=3
    )
    bolt = organisation.create_supplier(db.uow(), admin, name="Bolt Co", email="sales@bolt.example")
    saw = catalog.create_item(db.uow(), admin, sku="SAW", name="Saw", supplier_id=acme.id, cost_price="12.50")
    axe = catalog.create_item(db.uow(), admin, sku="AXE", name="Axe", supplier_id=acme.id, cost_price="20")
    nut = catalog.create_item(db.uow(), admin, sku="NUT", name="Nut", supplier_id=bolt.id, cost_price="0.05")
    return acme, bolt, saw, axe, nut


def test_drafts_are_grouped_per_supplier_and_store(db, manager, main_store, branch_store, catalogue):
    _acme, _bolt, saw, axe, nut = catalogue
    orders = purchasing.create_drafts(
        db.uow(),
        manager,
        [
            DraftLine(saw.id, main_store.id, "5", reason="2/day x 3 d"),
            DraftLine(axe.id, main_store.id, "2"),
            DraftLine(nut.id, main_store.id, "100"),
            DraftLine(saw.id, branch_store.id, "1"),
        ],
    )
    shape = sorted((o.supplier, o.store_code, tuple(line.sku for line in o.lines)) for o in orders)
    assert shape == [
        ("Acme", "BR", ("SAW",)),
        ("Acme", "MAIN", ("SAW", "AXE")),
        ("Bolt Co", "MAIN", ("NUT",)),
    ]
    assert all(o.status == "draft" and o.number.startswith("PO-") for o in orders)
    acme_main = next(o for o in orders if o.supplier == "Acme" and o.store_code == "MAIN")
    assert acme_main.total == 12.50 * 5 + 40 and acme_main.lines[0].reason == "2/day x 3 d"


def test_bad_draft_lines_are_all_reported_and_nothing_is_written(db, manager, admin, main_store, catalogue):
    *_, saw, _axe, _nut = catalogue
    loose = catalog.create_item(db.uow(), admin, sku="LOOSE", name="No supplier")
    with pytest.raises(BulkRejected) as refused:
        purchasing.create_drafts(
            db.uow(),
            manager,
            [
                DraftLine(saw.id, main_store.id, "0"),
                DraftLine(saw.id, main_store.id, "-2"),
                DraftLine(loose.id, main_store.id, "1"),
                DraftLine(saw.id, main_store.id, "3"),
            ],
        )
    assert [p.row for p in refused.value.problems] == [1, 2, 3]
    assert purchasing.list_orders(db.uow()) == []


def test_editing_a_draft_and_refusing_a_zero_quantity(db, manager, main_store, catalogue):
    *_, saw, axe, _nut = catalogue
    [order] = purchasing.create_drafts(db.uow(), manager, [DraftLine(saw.id, main_store.id, "5")])
    order = purchasing.set_line(db.uow(), manager, order.id, axe.id, quantity="3", unit_cost="19.90")
    order = purchasing.set_line(db.uow(), manager, order.id, saw.id, quantity="6")
    assert [(line.sku, line.quantity) for line in order.lines] == [("SAW", 6), ("AXE", 3)]
    with pytest.raises(InvalidQuantity):
        purchasing.set_line(db.uow(), manager, order.id, saw.id, quantity="0")
    order = purchasing.remove_line(db.uow(), manager, order.id, order.lines[1].id)
    assert [line.sku for line in order.lines] == ["SAW"]


def test_sending_writes_a_pdf_and_emails_it_to_the_supplier(db, manager, main_store, catalogue, tmp_path):
    *_, saw, axe, _nut = catalogue
    [order] = purchasing.create_drafts(
        db.uow(), manager, [DraftLine(saw.id, main_store.id, "5"), DraftLine(axe.id, main_store.id, "2")]
    )
    path = purchasing.send(db.uow(), manager, order.id, pdf_dir=tmp_path, write_pdf=write_order_pdf)
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert order.number in text and "SAW" in text and "102.50" in text
    server = SmtpServer().start()
    try:
        settings = mail.SmtpSettings(
            host="127.0.0.1", port=server.port, security="none", sender="d@example.com"
        )
        assert mail.flush(db.uow, settings).sent == 1
    finally:
        server.stop()
    [message] = server.inbox.messages
    assert message["To"] == "orders@acme.example" and order.number in message["Subject"]
    [attachment] = [part for part in message.walk() if part.get_filename()]
    assert attachment.get_filename() == f"{order.number}.pdf"
    assert attachment.get_payload(decode=True) == path.read_bytes()
    with pytest.raises(ValidationError, match="only drafts"):
        purchasing.set_line(db.uow(), manager, order.id, saw.id, quantity="1")


def test_a_supplier_without_a_valid_address_cannot_be_sent_to(
    db, manager, admin, main_store, catalogue, tmp_path
):
    acme, *_ = catalogue
    saw = catalogue[2]
    organisation.update_supplier(db.uow(), admin, acme.id, email="")
    [order] = purchasing.create_drafts(db.uow(), manager, [DraftLine(saw.id, main_store.id, "5")])
    with pytest.raises(ValidationError, match="not an e-mail address"):
        purchasing.send(db.uow(), manager, order.id, pdf_dir=tmp_path, write_pdf=write_order_pdf)
    assert purchasing.get_order(db.uow(), order.id).status == "draft"
    assert mail.pending(db.uow()) == []


def test_receiving_partly_then_fully_posts_referenced_receipts_and_feeds_on_order(
    db, manager, clerk, main_store, catalogue, tmp_path
):
    *_, saw, axe, _nut = catalogue
    [order] = purchasing.create_drafts(
        db.uow(), manager, [DraftLine(saw.id, main_store.id, "5"), DraftLine(axe.id, main_store.id, "2")]
    )
    stock.receive(db.uow(), manager, item_id=saw.id, store_id=main_store.id, quantity="1")
    assert reorder.on_order_of(db.uow(), main_store.id) == {}  # drafts are not on order yet
    purchasing.send(db.uow(), manager, order.id, pdf_dir=tmp_path, write_pdf=write_order_pdf)
    assert reorder.on_order_of(db.uow(), main_store.id)[(saw.id, main_store.id)] == 5
    result = purchasing.receive(db.uow(), clerk, order.id, [("SAW", "3")])  # scanned / typed by SKU
    assert result.order.status == "partial" and result.warnings == ()
    assert reorder.on_order_of(db.uow(), main_store.id)[(saw.id, main_store.id)] == 2
    [row] = [r for r in reorder.suggestions(db.uow(), store_id=main_store.id) if r.sku == "SAW"]
    assert row.on_order == 2 and "on order 2" in row.reason
    result = purchasing.receive(
        db.uow(), clerk, order.id, [("SAW", "2"), (str(result.order.lines[1].id), "2")]
    )
    assert result.order.status == "received"
    assert stock.on_hand_of(db.uow(), saw.id, main_store.id) == 6
    refs = [m.reference for m in stock.movements_of(db.uow(), saw.id)]
    assert refs[:2] == [f"{order.number} line 1", f"{order.number} line 1"]


def test_over_receipt_is_allowed_with_a_recorded_warning(db, manager, main_store, catalogue, tmp_path):
    *_, saw, _axe, _nut = catalogue
    [order] = purchasing.create_drafts(db.uow(), manager, [DraftLine(saw.id, main_store.id, "5")])
    purchasing.send(db.uow(), manager, order.id, pdf_dir=tmp_path, write_pdf=write_order_pdf)
    result = purchasing.receive(db.uow(), manager, order.id, [("SAW", "6")])
    assert result.order.status == "received" and "over-receipt" in result.warnings[0]
    assert stock.on_hand_of(db.uow(), saw.id, main_store.id) == 6


def test_bad_receipt_lines_are_all_reported_and_nothing_is_received(
    db, manager, main_store, catalogue, tmp_path
):
    *_, saw, _axe, _nut = catalogue
    [order] = purchasing.create_drafts(db.uow(), manager, [DraftLine(saw.id, main_store.id, "5")])
    purchasing.send(db.uow(), manager, order.id, pdf_dir=tmp_path, write_pdf=write_order_pdf)
    with pytest.raises(BulkRejected) as refused:
        purchasing.receive(db.uow(), manager, order.id, [("SAW", "0"), ("NUT", "1"), ("SAW", "x")])
    assert [p.row for p in refused.value.problems] == [1, 2, 3]
    assert stock.on_hand_of(db.uow(), saw.id, main_store.id) == 0
    assert purchasing.get_order(db.uow(), order.id).lines[0].received == 0


def test_a_draft_cannot_be_received(db, manager, main_store, catalogue):
    *_, saw, _axe, _nut = catalogue
    [order] = purchasing.create_drafts(db.uow(), manager, [DraftLine(saw.id, main_store.id, "5")])
    with pytest.raises(ValidationError, match="only sent orders"):
        purchasing.receive(db.uow(), manager, order.id, [("SAW", "1")])


def test_the_suppliers_copy_names_buyer_delivery_supplier_dates_currency_note_and_terms(
    db, admin, manager, catalogue, tmp_path
):
    from datetime import timedelta

    from stockdesk.services.maintenance import shop

    acme, _bolt, saw, *_ = catalogue
    organisation.update_supplier(
        db.uow(), admin, acme.id, contact="Dana Supplier", phone="+49 30 1234",
        address="Acme Tools Ltd\nUnit 4, Riverside Park\nLeeds LS1 4AP\nUnited Kingdom",
    )
    wire = catalog.create_item(db.uow(), admin, sku="WIRE", name="Wire", unit="m", supplier_id=acme.id,
                               cost_price="0.035")
    depot = organisation.create_store(
        db.uow(), admin, code="DEPOT", name="Hardware Depot Nord", address="Hafenstraße 12\n20457 Hamburg"
    )
    shop.set_currency(db.uow(), admin, "EUR")
    [order] = purchasing.create_drafts(
        db.uow(), manager, [DraftLine(saw.id, depot.id, "40"), DraftLine(wire.id, depot.id, "250.5")]
    )
    path = purchasing.send(
        db.uow(),
        manager,
        order.id,
        pdf_dir=tmp_path,
        write_pdf=write_order_pdf,
        note="Ring the bell at the loading bay",
    )
    sent = purchasing.get_order(db.uow(), order.id)
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert f"Purchase order {order.number}" in text  # the whole title: the supplier has its own block
    for expected in (
        "Buyer and delivery address",
        "Hardware Depot Nord",
        "Hafenstraße 12",
        "20457 Hamburg",
        "Supplier",
        "Acme",
        "Attn. Dana Supplier",
        "Acme Tools Ltd\nUnit 4, Riverside Park\nLeeds LS1 4AP\nUnited Kingdom",  # its postal address
        "orders@acme.example",
        "+49 30 1234",
        f"Order date\n{sent.ordered_at:%Y-%m-%d}",
        f"Expected delivery\n{(sent.ordered_at + timedelta(days=3)):%Y-%m-%d}",  # Acme's lead time: 3 days
        "Currency\nEUR",
        "Note",
        "Ring the bell at the loading bay",
        "Terms",
        "quote the order number",
        "Page 1 of",  # "1", the total, is a form filled in at the end: drawn, not extracted
        "40\npcs\n12.50\n500.00",  # each line: quantity, its unit, unit price, amount
        "250.5\nm\n0.035\n8.77",  # 250.5 m at 0.035 = 8.7675, to the cent
    ):
        assert expected in text, expected
    assert sent.expected_on == (sent.ordered_at + timedelta(days=3)).date()
