"""Cell formatters: raw value in, the text a person reads out. Exact Decimal arithmetic throughout."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")


def text(value: Any) -> str:
    """Plain text; None is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def money(value: Any) -> str:
    """Money to the cent with thousands separators: Decimal("1234.5") -> "1,234.50".

    Half-up rounding is the commercial convention people check receipts against.
    """
    if value is None:
        return ""
    return f"{_decimal(value).quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"


def quantity(value: Any) -> str:
    """A quantity without trailing zeros: Decimal("12.500") -> "12.5", Decimal("3000") -> "3,000"."""
    if value is None:
        return ""
    number = _decimal(value)
    if number == number.to_integral_value():
        return f"{number.quantize(Decimal(1)):,f}"
    return f"{number.normalize():,f}"


def _decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    # A float here would print a number that does not add up; refuse it loudly.
    raise TypeError(f"expected Decimal or int, got {type(value).__name__}: {value!r}")
