"""Units of measure and pack sizes: how many decimals a quantity may have, and what a pack holds.

An item is stocked in one unit (pieces, kilograms, metres, ...); the ledger always counts in it.
Packs (a case of 12, a pallet of 480) are other ways to buy or scan the same item: each has a
factor in the stock unit, so a pack quantity converts exactly (Decimal times Decimal) and the
ledger never sees a pack. Pieces are whole: 1.5 pieces is refused; a kilogram item may be sold by
the gram (three decimals, the ledger's precision).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_CEILING, Decimal
from types import MappingProxyType

from stockdesk.domain.errors import InvalidQuantity
from stockdesk.domain.messages import Message
from stockdesk.domain.numbers import QUANTITY_PLACES

# Stock unit -> decimals a quantity in it may have. Counted things are whole; measured things
# take the ledger's three places (grams of a kilogram, millimetres of a metre, millilitres of a litre).
UNIT_DECIMALS: Mapping[str, int] = MappingProxyType({
    "pcs": 0,
    "pair": 0,
    "box": 0,
    "pack": 0,
    "set": 0,
    "roll": 0,
    "g": 0,
    "ml": 0,
    "cm": 0,
    "kg": 3,
    "l": 3,
    "m": 3,
    "m2": 3,
})
STOCK_UNITS: tuple[str, ...] = tuple(UNIT_DECIMALS)
PACK_FACTOR_LIMIT = Decimal(1_000_000)  # a pallet of a million screws, not a typo of a price


def unit_decimals(unit: str) -> int:
    """Decimals a quantity in `unit` may have; a shop's own unit name allows the ledger's precision."""
    return UNIT_DECIMALS.get(unit.strip().lower(), QUANTITY_PLACES)


def check_in_unit(field: str, quantity: Decimal, unit: str) -> Decimal:
    """`quantity` if it fits the unit's decimals, else a refusal naming `field` and the unit."""
    places = unit_decimals(unit)
    if quantity != quantity.quantize(Decimal(1).scaleb(-places), rounding=ROUND_CEILING):
        reason = Message("unit.whole", unit=unit) if places == 0 else Message(
            "unit.places", unit=unit, places=places
        )
        raise InvalidQuantity(field, str(quantity), reason)
    return quantity


def check_pack_factor(field: str, factor: Decimal, unit: str) -> Decimal:
    """A pack's content in the stock unit: more than one unit, within the unit's decimals."""
    if factor <= 0:
        raise InvalidQuantity(field, str(factor), Message("more_than_zero"))
    if factor >= PACK_FACTOR_LIMIT:
        raise InvalidQuantity(field, str(factor), Message("too_large"))
    return check_in_unit(field, factor, unit)


def in_stock_unit(packs: Decimal, factor: Decimal) -> Decimal:
    """`packs` packs of `factor` units each, in the stock unit (exact: no rounding happens)."""
    return packs * factor


def round_up_to_pack(quantity: Decimal, factor: Decimal) -> Decimal:
    """The smallest whole number of packs holding at least `quantity`, in the stock unit."""
    if quantity <= 0:
        return Decimal(0)
    packs = (quantity / factor).to_integral_value(rounding=ROUND_CEILING)
    return packs * factor


def packs_needed(quantity: Decimal, factor: Decimal) -> Decimal:
    """How many whole packs to order for `quantity` in the stock unit (a supplier sells whole packs)."""
    if quantity <= 0:
        return Decimal(0)
    return (quantity / factor).to_integral_value(rounding=ROUND_CEILING)
