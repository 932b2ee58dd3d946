"""Cell formatters: raw value in, the text a person reads out, in the document's language.

Each takes the value and the document's `Wording` (English when left out); exact Decimal arithmetic
throughout.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from stockdesk.i18n.wording import ENGLISH, Wording

Formatter = Callable[[Any, Wording], str]


def text(value: Any, wording: Wording = ENGLISH) -> str:
    """Plain text; None is an empty cell; dates as the language writes them."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return wording.moment(value)
    if isinstance(value, date):
        return wording.date(value)
    return str(value)


def money(value: Any, wording: Wording = ENGLISH) -> str:
    """Money to the cent with thousands separators: Decimal("1234.5") -> "1,234.50" ("1.234,50")."""
    return wording.money(value)


def quantity(value: Any, wording: Wording = ENGLISH) -> str:
    """A quantity without trailing zeros: Decimal("12.500") -> "12.5", Decimal("3000") -> "3,000"."""
    return wording.quantity(value)


def unit_price(value: Any, wording: Wording = ENGLISH) -> str:
    """A price per unit with all its decimals (at least two): 2.345 stays 2.345, so that on-hand
    x price visibly gives the line value, which is rounded to the cent."""
    return wording.unit_price(value if isinstance(value, Decimal) or value is None else Decimal(value))


def local_time(value: Any, wording: Wording = ENGLISH) -> str:
    """Movement times are stored in UTC; people read them in the desk's time zone."""
    return wording.moment(value.astimezone()) if isinstance(value, datetime) else ""
