"""Turning service values (Decimals, datetimes, kinds) into the text a clerk reads."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

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


def format_when(value: datetime) -> str:
    """A moment in the desk's local time, to the minute."""
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


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
