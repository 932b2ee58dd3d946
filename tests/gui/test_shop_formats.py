"""What people read: alert states, plural forms, one date format, money in the shop's currency."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale

from stockdesk.services.maintenance import shop
from stockdesk.ui.formatting import format_day, format_price, format_when, use_currency
from stockdesk.ui.i18n import set_language
from stockdesk.ui.planning.alerts_page import AlertBadge

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def english(qapp):
    set_language("en")
    yield
    use_currency("")
    set_language("en")


def test_the_alert_badge_says_one_alert_and_two_alerts_never_alert_s(qtbot, gui_db, gui_admin, english):
    badge = AlertBadge(gui_db, gui_admin)
    qtbot.addWidget(badge)
    for count, text in ((1, "⚠ 1 alert"), (22, "⚠ 22 alerts")):
        badge.count = count
        badge.setText(badge.tr("⚠ %n alert(s)", "", count))
        assert badge.text() == text
    assert set_language("de")
    assert badge.tr("⚠ %n alert(s)", "", 22) != "⚠ 22 alert(s)"


def test_dates_follow_the_locale_the_same_way_everywhere(english):
    moment = datetime(2026, 12, 3, 14, 5, tzinfo=UTC)
    local = moment.astimezone()
    assert set_language("de")
    assert format_day(local.date()) == local.strftime("%d.%m.%y")
    assert format_when(moment).startswith(local.strftime("%d.%m.%y"))
    assert "-" not in format_when(moment)  # never the ISO form of the old tables


def test_money_shows_the_locale_currency_until_the_shop_sets_its_own(gui_db, gui_admin, english):
    assert set_language("de")
    assert format_price(Decimal("1234.5")) == "1.234,50\u00a0€"  # a no-break space, as the locale writes it
    use_currency(shop.set_currency(gui_db.uow(), gui_admin, "chf"))
    assert shop.currency(gui_db.uow()) == "CHF"
    assert format_price(Decimal("2.5")) == "2,50\u00a0CHF"
    QLocale.setDefault(QLocale("en"))
    use_currency("")
    assert format_price(Decimal("-3")) == "-$3.00"


def test_a_currency_that_is_not_a_code_is_refused_and_nothing_changes(gui_db, gui_admin):
    from stockdesk.domain.errors import ValidationError

    with pytest.raises(ValidationError) as refused:
        shop.set_currency(gui_db.uow(), gui_admin, "euro")
    assert refused.value.field == "currency"
    assert shop.currency(gui_db.uow()) == ""


def test_a_day_is_written_once_per_locale(english):
    assert format_day(date(2026, 12, 3)) == "12/3/26"


def test_audit_details_read_as_sentences_in_the_window_language(english):
    from stockdesk.ui.audit_sentences import audit_sentence

    details = '{"counted": "7", "delta": "-2", "sku": "HAM-1", "store": "MAIN"}'
    assert audit_sentence("stock.count", details) == "Counted 7 × HAM-1 in MAIN (a change of -2)."
    assert audit_sentence("something.new", '{"lines": 200}') == "lines: 200"  # never raw JSON
    assert audit_sentence("stock.post", '{"lines": 200}') == "Posted stock movements: 200."
    assert set_language("de")
    assert audit_sentence("stock.count", details) == "7 × HAM-1 in MAIN gezählt (Änderung um -2)."
