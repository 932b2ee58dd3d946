"""Kinds of stock movement and the sign each one gives to its quantity."""

from __future__ import annotations

import enum
from decimal import Decimal

from stockdesk.domain.errors import InvalidQuantity
from stockdesk.domain.messages import Message


class MovementKind(enum.StrEnum):
    RECEIVE = "receive"
    SALE = "sale"
    TRANSFER_OUT = "transfer_out"
    TRANSFER_IN = "transfer_in"
    ADJUST = "adjust"
    COUNT = "count"


_SIGN: dict[MovementKind, int] = {
    MovementKind.RECEIVE: 1,
    MovementKind.SALE: -1,
    MovementKind.TRANSFER_OUT: -1,
    MovementKind.TRANSFER_IN: 1,
}


def signed_quantity(kind: MovementKind, quantity: Decimal) -> Decimal:
    """The change to on-hand a movement makes.

    Receipts, sales and transfers take a positive quantity and get their sign from the kind;
    adjustments and counts carry their own signed delta.
    """
    sign = _SIGN.get(kind)
    if kind is MovementKind.COUNT:
        return quantity  # a count that finds the books right posts a zero delta, still worth recording
    if sign is None:
        if quantity == 0:
            raise InvalidQuantity("quantity", str(quantity), Message("not_zero_adjustment"))
        return quantity
    if quantity <= 0:
        raise InvalidQuantity("quantity", str(quantity), Message("more_than_zero"))
    return sign * quantity


def count_delta(expected: Decimal, counted: Decimal) -> Decimal:
    """What a count movement posts: the counted quantity minus what the books say."""
    if counted < 0:
        raise InvalidQuantity("counted", str(counted), Message("not_negative"))
    return counted - expected
