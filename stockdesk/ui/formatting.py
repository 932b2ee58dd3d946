"""Turning service values (Decimals, datetimes, kinds) into the text a clerk reads."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, QLocale

from stockdesk.i18n import field_name
from stockdesk.ui.i18n import current_language

_KIND_LABELS = {
    "receive": QT_TRANSLATE_NOOP("Formatting", "Received"),
    "sale": QT_TRANSLATE_NOOP("Formatting", "Sold"),
    "transfer_out": QT_TRANSLATE_NOOP("Formatting", "Sent"),
    "transfer_in": QT_TRANSLATE_NOOP("Formatting", "Arrived"),
    "adjust": QT_TRANSLATE_NOOP("Formatting", "Adjusted"),
    "count": QT_TRANSLATE_NOOP("Formatting", "Counted"),
}
_ROLE_LABELS = {
    "admin": QT_TRANSLATE_NOOP("Formatting", "admin"),
    "manager": QT_TRANSLATE_NOOP("Formatting", "manager"),
    "clerk": QT_TRANSLATE_NOOP("Formatting", "clerk"),
}


def format_quantity(value: Decimal | None, *, signed: bool = False) -> str:
    """7.000 → "7", 2.500 → "2.5"; never scientific notation (1E+1)."""
    if value is None:
        return ""
    text = format(value.normalize(), "f") if value != 0 else "0"
    if signed and value > 0:
        return f"+{text}"
    return text


def format_money(value: Decimal | None, *, grouped: bool = False) -> str:
    """At least two decimals (1.5 → "1.50"), keeping sub-cent digits a cost price may carry."""
    if value is None:
        return ""
    places = max(2, -value.normalize().as_tuple().exponent)  # type: ignore[operator]
    return f"{value:{',' if grouped else ''}.{places}f}"


class _Currency:
    """The shop's currency code for this window ("" = the locale's); set by `use_currency`."""

    code = ""


def use_currency(code: str) -> None:
    """Show money in `code` (the shop setting) from now on; "" means the currency of the locale."""
    _Currency.code = code


def currency_code() -> str:
    return _Currency.code or QLocale().currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)


def _currency_symbol() -> str:
    locale = QLocale()
    if currency_code() == locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode):
        return locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencySymbol)  # "€", "$"
    return currency_code()  # another currency than the locale's: its code, never a wrong symbol


def format_price(value: Decimal | None, *, grouped: bool = True) -> str:
    """Money with the shop's currency, placed the locale's way: "$1,234.50", "1.234,50 €"."""
    if value is None:
        return ""
    if value < 0:
        return "-" + format_price(-value, grouped=grouped)
    locale = QLocale()
    number = format_money(value, grouped=grouped)
    number = number.replace(",", "\x00").replace(".", locale.decimalPoint())
    number = number.replace("\x00", locale.groupSeparator())
    template = locale.toCurrencyString(0.0, "\x01")  # where the locale puts sign, symbol and space
    zero = locale.toString(0.0, "f", 2)
    return template.replace(zero, number).replace("\x01", _currency_symbol())


def format_when(value: datetime) -> str:
    """A moment in the desk's local time, to the minute, written the way the window's locale writes
    it (the same on the dashboard, in every table and in the sync panel)."""
    local = value.astimezone().replace(tzinfo=None)
    return QLocale().toString(QDateTime(local), QLocale.FormatType.ShortFormat)


def format_day(value: date) -> str:
    """A calendar day in the window's locale (12/3/26, 03.12.26)."""
    return QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)


def format_short_day(value: date) -> str:
    """A day label for a chart axis: day and month only, in the locale's order (12/3, 03.12.)."""
    pattern = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    for year in ("/yyyy", "/yy", ".yyyy", ".yy", "-yyyy", "-yy", "yyyy-", "yy-", "yyyy/", "yy/"):
        pattern = pattern.replace(year, "")
    return QLocale().toString(QDate(value.year, value.month, value.day), pattern.strip(" ,"))


def kind_label(kind: str) -> str:
    label = _KIND_LABELS.get(kind)
    return QCoreApplication.translate("Formatting", label) if label else kind.replace("_", " ").capitalize()


def role_label(role: str) -> str:
    """ "clerk" in the window's language."""
    label = _ROLE_LABELS.get(role)
    return QCoreApplication.translate("Formatting", label) if label else role


def field_label(field: str) -> str:
    """A service field name as a person would call it: "sell_price" → "Sell price" ("Verkaufspreis")."""
    return field_name(field, current_language())

