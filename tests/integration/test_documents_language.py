"""Every report, the purchase order and every e-mail in the shop's language (issue 17 item 3).

A German shop's documents are rendered for real (PDFs read back with pypdf, e-mails received by a real
SMTP server on loopback) and searched for the English words of their own templates: a word that only
the English texts use must not appear. Numbers and dates are checked in the German way of writing them.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from email.header import decode_header, make_header
from email.message import Message
from pathlib import Path

import pytest
from pypdf import PdfReader

from stockdesk.db.base import utcnow
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import ENGLISH
from stockdesk.i18n.catalogue import messages_file
from stockdesk.i18n.documents import DOCUMENT_TEXTS
from stockdesk.i18n.ts_file import read_ts
from stockdesk.i18n.wording import Wording
from stockdesk.reports.purchase_order import write_order_pdf
from stockdesk.reports.registry import REPORTS, run_report
from stockdesk.reports.spec import ReportOptions
from stockdesk.services import mail
from stockdesk.services.catalogue import catalog, organisation, variants
from stockdesk.services.inventory import stock, stocktake
from stockdesk.services.maintenance import shop
from stockdesk.services.places.placing import PlaceChoice
from stockdesk.services.planning import alert_mail, alert_recipients, purchasing
from stockdesk.services.planning.purchasing import DraftLine
from tests.support.smtp import SmtpServer

GERMAN = read_ts(messages_file("de"))
WORD = re.compile(r"[A-Za-z]{3,}")
PLACEHOLDER = re.compile(r"\{[^}]*\}")
# The English templates behind documents: report and e-mail texts, and the reorder reasons they print.
ENGLISH_TEMPLATES = [*DOCUMENT_TEXTS, *(text for key, text in ENGLISH.items() if key.startswith("reorder."))]


def words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(PLACEHOLDER.sub(" ", text))}


def english_only_words() -> set[str]:
    """Words of the English templates that no German translation uses (so "Name" or "Status" would not
    count, had the German kept them)."""
    english = set().union(*(words(text) for text in ENGLISH_TEMPLATES))
    german = set().union(*(words(e.translation) for table in GERMAN.values() for e in table.values()))
    return english - german


ENGLISH_ONLY = english_only_words()


def english_words_in(text: str) -> set[str]:
    return words(text) & ENGLISH_ONLY


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def subject(message: Message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def plain_text(message: Message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode(part.get_content_charset() or "utf-8")


@pytest.fixture
def german_shop(db, admin):
    """A shop whose data is German too, so any English word found came from StockDesk's own texts."""
    shop.set_language(db.uow(), admin, "de")
    shop.set_currency(db.uow(), admin, "EUR")
    lager = organisation.create_store(db.uow(), admin, code="HB", name="Hauptlager Bremen")
    supplier = organisation.create_supplier(
        db.uow(), admin, name="Werkzeughandel Nord", email="bestellung@werkzeug.example",
        contact="Frau Weber", lead_time_days=5,
    )
    kreissaege = catalog.create_item(
        db.uow(), admin, sku="KS-1", name="Kreissäge Profi", cost_price="812.40", sell_price="1234.50",
        reorder_point="3", reorder_qty="4", supplier_id=supplier.id, barcodes=["4006381333931"],
    )
    draht = catalog.create_item(
        db.uow(), admin, sku="KD-2", name="Kupferdraht 1,5 mm", unit="m", cost_price="0.035",
        sell_price="0.09", reorder_point="2500", reorder_qty="5000", supplier_id=supplier.id,
    )
    catalog.create_item(db.uow(), admin, sku="DB-3", name="Dübel 8 mm", cost_price="0.05", sell_price="0.12")
    stock.receive(db.uow(), admin, item_id=kreissaege.id, store_id=lager.id, quantity="6")
    stock.receive(db.uow(), admin, item_id=draht.id, store_id=lager.id, quantity="12500.5")
    stock.sell(db.uow(), admin, item_id=draht.id, store_id=lager.id, quantity="10001")
    return lager, supplier, kreissaege, draht


@pytest.mark.parametrize("report", sorted(REPORTS))
def test_every_report_is_written_in_the_shops_language(db, admin, german_shop, tmp_path, report):
    lager, *_ = german_shop
    options = ReportOptions(sku="KS-1") if report == "item-card" else ReportOptions()
    if report == "recall":
        milch = catalog.create_item(db.uow(), admin, sku="MI-1", name="Vollmilch", tracking="expiry")
        charge = PlaceChoice(lot="CH-12", expires_on=date.today() + timedelta(days=9))
        stock.receive(db.uow(), admin, item_id=milch.id, store_id=lager.id, quantity="8", place=charge)
        stock.sell(db.uow(), admin, item_id=milch.id, store_id=lager.id, quantity="3")
        options = ReportOptions(sku="MI-1", lot="CH-12")
    if report == "variants":
        hemd = catalog.create_item(db.uow(), admin, sku="HE", name="Arbeitshemd", sell_price="20")
        made = variants.generate(db.uow(), admin, hemd.id, {"Größe": ["M"]}).created[0]
        stock.receive(db.uow(), admin, item_id=made.id, store_id=lager.id, quantity="2")
    if report == "stocktake-variance":
        take = stocktake.start(db.uow(), admin, store_id=lager.id)
        stocktake.add_counts(db.uow(), admin, take.id, [("KS-1", "5")])
    text = pdf_text(run_report(db, admin, report, options, tmp_path / f"{report}.pdf").path)
    assert english_words_in(text) == set(), text
    assert "Seite 1 von" in text and "Erstellt am" in text
    today = date.today()
    assert today.strftime("%d.%m.%Y") in text  # "Erstellt am 04.12.2026 …", never 2026-12-04
    assert today.isoformat() not in text


def test_german_numbers_carry_a_decimal_comma_and_dots_between_thousands(db, admin, german_shop, tmp_path):
    card = pdf_text(run_report(db, admin, "item-card", ReportOptions(sku="KS-1"), tmp_path / "k.pdf").path)
    assert "1.234,50" in card and "812,40" in card  # sell and cost price
    valuation = pdf_text(run_report(db, admin, "valuation", ReportOptions(), tmp_path / "v.pdf").path)
    # 2,499.5 m of wire at 0.035 = 87.4825 -> 87.48; 6 saws at 812.40 = 4,874.40
    for figure in ("2.499,5", "0,035", "87,48", "4.874,40"):
        assert figure in valuation
    low = pdf_text(run_report(db, admin, "low-stock", ReportOptions(), tmp_path / "l.pdf").path)
    assert "Bestellpunkt 2500 (Manager); Bestand 2499,5" in low  # the reason is German too, shortened


def test_the_purchase_order_and_every_e_mail_arrive_in_german(db, admin, german_shop, tmp_path):
    lager, _supplier, kreissaege, draht = german_shop
    alert_recipients.add_recipient(db.uow(), admin, email="einkauf@laden.example")
    alert_recipients.add_recipient(db.uow(), admin, email="chef@laden.example", mode="digest")
    stock.sell(db.uow(), admin, item_id=kreissaege.id, store_id=lager.id, quantity="4")  # 2 <= 3: alert
    assert alert_mail.queue_due_digests(db.uow(), now=utcnow() + timedelta(days=1, minutes=1)) == 1
    [order] = purchasing.create_drafts(
        db.uow(), admin, [DraftLine(kreissaege.id, lager.id, Decimal(4)), DraftLine(draht.id, lager.id,
                                                                                    Decimal(5000))]
    )
    pdf = purchasing.send(db.uow(), admin, order.id, pdf_dir=tmp_path, write_pdf=write_order_pdf)

    text = pdf_text(pdf)
    assert english_words_in(text) == set(), text
    assert f"Bestellung {order.number}" in text and "Lieferung an HB" in text and "z. Hd. Frau Weber" in text
    assert "Teillieferungen werden angenommen" in text and "EUR" in text
    assert f"{date.today() + timedelta(days=5):%d.%m.%Y}" in text  # expected delivery: lead time 5 days
    # 4 x 812.40 + 5,000 m x 0.035 (the unit price with all its decimals, so the line adds up)
    assert "3.249,60" in text and "0,035" in text and "175,00" in text and "3.424,60" in text

    server = SmtpServer().start()
    try:
        settings = mail.SmtpSettings(
            host="127.0.0.1", port=server.port, security="none", sender="desk@laden.example"
        )
        assert mail.flush(db.uow, settings).sent == 3
        messages = {message["To"]: message for message in server.inbox.messages}
    finally:
        server.stop()
    for message in messages.values():
        said = f"{subject(message)}\n{plain_text(message)}"
        assert english_words_in(said) == set(), said
    alert, digest = messages["einkauf@laden.example"], messages["chef@laden.example"]
    assert subject(alert) == "Mindestbestand erreicht: KS-1 Kreissäge Profi in HB"
    assert "KS-1  Kreissäge Profi  in HB: Bestand 2, Bestellpunkt 3" in plain_text(alert)
    assert subject(digest) == "Mindestbestand – Zusammenfassung: 1 Warnung"
    order_mail = messages["bestellung@werkzeug.example"]
    assert subject(order_mail) == f"Bestellung {order.number}"
    assert "Guten Tag Frau Weber" in plain_text(order_mail) and "(2 Positionen)" in plain_text(order_mail)


def test_the_shops_language_wins_and_a_desks_language_fills_in_where_none_is_set(db, admin, tmp_path):
    organisation.create_store(db.uow(), admin, code="HB", name="Hauptlager")
    english_default = pdf_text(run_report(db, admin, "valuation", ReportOptions(), tmp_path / "a.pdf").path)
    assert "Inventory valuation" in english_default
    desk_german = run_report(db, admin, "valuation", ReportOptions(), tmp_path / "b.pdf", language="de")
    assert "Bestandsbewertung" in pdf_text(desk_german.path)
    shop.set_language(db.uow(), admin, "en")
    shop_english = run_report(db, admin, "valuation", ReportOptions(), tmp_path / "c.pdf", language="de")
    assert "Inventory valuation" in pdf_text(shop_english.path)


def test_a_language_stockdesk_does_not_ship_is_refused_naming_the_field(db, admin):
    with pytest.raises(ValidationError) as refused:
        shop.set_language(db.uow(), admin, "xx")
    assert refused.value.field == "language" and "de" in str(refused.value)
    assert shop.language(db.uow()) == ""


def test_every_document_text_has_a_german_translation_with_the_same_fields():
    german = GERMAN["documents"]
    assert set(german) == set(DOCUMENT_TEXTS), "run packaging/update_messages.py"
    for english in DOCUMENT_TEXTS:
        entry = german[english]
        assert entry.finished and entry.translation.strip(), english
        assert set(PLACEHOLDER.findall(entry.translation)) == set(PLACEHOLDER.findall(english)), english
    assert Wording("de")("Unit cost") == "EK/Stk." and Wording("en")("Unit cost") == "Unit cost"
