"""Parsing money and quantities as a person types them, into exact Decimals.

Money is never a float: a price of 0.1 + 0.2 must be 0.30 to the cent on screen and in reports.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from stockdesk.domain.errors import InvalidPrice, InvalidQuantity, ValidationError
from stockdesk.domain.messages import Message

CENT = Decimal("0.01")
MONEY_PLACES = 4  # cost prices of cheap bulk goods need sub-cent precision
QUANTITY_PLACES = 3  # grams of a kilogram item

# What a service accepts where a person types a number, before it is parsed. Text is the usual case
# (a form field, a CSV cell); Decimal and int come from code. A float is refused when parsed, at run
# time too, because 0.1 has no exact binary value.
QuantityInput = Decimal | int | str
MoneyInput = Decimal | int | str
# A count of days, a port, a camera index: typed in a box or given by code.
WholeNumberInput = int | str
# Inputs of the planning rules: a forecast hands floats, a manager's setting is text or Decimal.
RuleInput = Decimal | float | int | str


def _to_decimal(field: str, value: QuantityInput, error: type[ValidationError]) -> Decimal:
    if isinstance(value, float):  # callers outside the type checker (tests, spreadsheets) may still try
        raise error(field, value, "must be given as text or Decimal, not a float")
    if isinstance(value, bool):
        raise error(field, value, Message("not_number"))
    text = str(value).strip().replace(" ", "") if not isinstance(value, Decimal) else value
    if text == "":
        raise error(field, value, Message("empty"))
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        raise error(field, value, Message("not_number")) from None
    if not number.is_finite():
        raise error(field, value, Message("not_finite"))
    return number


def parse_money(field: str, value: MoneyInput | None, *, allow_none: bool = False) -> Decimal | None:
    """A non-negative amount with at most four decimal places."""
    if value is None or (isinstance(value, str) and value.strip() == "" and allow_none):
        if allow_none:
            return None
        raise InvalidPrice(field, value, Message("required"))
    number = _to_decimal(field, value, InvalidPrice)
    if number < 0:
        raise InvalidPrice(field, value, Message("not_negative"))
    if -number.as_tuple().exponent > MONEY_PLACES:  # type: ignore[operator]
        raise InvalidPrice(field, value, Message("too_many_places", places=MONEY_PLACES))
    if number >= Decimal("1e10"):
        raise InvalidPrice(field, value, Message("too_large"))
    return number


def parse_quantity(
    field: str, value: QuantityInput, *, allow_zero: bool = False, allow_negative: bool = False
) -> Decimal:
    """A quantity with at most three decimal places; positive unless told otherwise."""
    number = _to_decimal(field, value, InvalidQuantity)
    if -number.as_tuple().exponent > QUANTITY_PLACES:  # type: ignore[operator]
        raise InvalidQuantity(field, value, Message("too_many_places", places=QUANTITY_PLACES))
    if abs(number) >= Decimal("1e10"):
        raise InvalidQuantity(field, value, Message("too_large"))
    if number < 0 and not allow_negative:
        raise InvalidQuantity(field, value, Message("not_negative"))
    if number == 0 and not allow_zero:
        raise InvalidQuantity(field, value, Message("more_than_zero"))
    return number


def round_cents(amount: Decimal) -> Decimal:
    """Round half up to the cent, the way an invoice does."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def shortest(value: Decimal) -> Decimal:
    """The number in its shortest exact form, for a sentence: 20 (not 20.000 or 2E+1), 2.5, 0 (not -0)."""
    text = format(value.normalize(), "f")
    return Decimal("0") if text == "-0" else Decimal(text)
