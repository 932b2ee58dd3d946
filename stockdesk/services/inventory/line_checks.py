"""The checks of a batch's lines, each distinct check made once per batch.

`stock.post_movements` checks every line it is given: may the actor move stock in the line's store
(and adjust there), does the quantity parse and fit the item's unit, does the unit cost parse, is
the reference clean text. A batch of 10,000 lines names a few stores, kinds, quantities and
references, and each of these answers depends on its inputs alone, so the batch keeps the answers:
a line whose inputs were checked before costs a look-up per check instead of the check (bench
foundation: a quarter of a 10,000-line batch's CPU went to repeating them). A check that fails
raises on the first line that has its inputs, as it did line by line, and the batch stops there.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from stockdesk.domain.movements import MovementKind
from stockdesk.domain.numbers import MoneyInput, QuantityInput, parse_money, parse_quantity
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.domain.units import check_in_unit
from stockdesk.services.validation import optional_text


def _key(value: object) -> tuple[type, str]:
    # By type and text: 1 and 1.0 are equal keys in a dict, but a float is refused and an int is not;
    # Decimal("1.0") and Decimal("1") are equal too, but keep their own places.
    return (type(value), value if isinstance(value, str) else str(value))


@dataclass
class LineChecks:
    """The answers of the checks made so far in one batch, for one actor."""

    actor: Actor
    _allowed: set[tuple[Action, uuid.UUID | None]] = field(default_factory=set)
    _amounts: dict[tuple[bool, tuple[type, str], str], Decimal] = field(default_factory=dict)
    _costs: dict[tuple[type, str], Decimal | None] = field(default_factory=dict)
    _texts: dict[str, str] = field(default_factory=dict)

    def require(self, action: Action, store_id: uuid.UUID | None = None) -> None:
        """`permissions.require` of `action` (in the store, if given), asked once per batch."""
        if (action, store_id) not in self._allowed:
            require(self.actor, action, store_ids=[store_id] if store_id is not None else [])
            self._allowed.add((action, store_id))

    def amount(self, kind: MovementKind, value: QuantityInput, unit: str) -> Decimal:
        """The unsigned quantity of a line counted in stock units (no pack), within `unit`'s decimals."""
        signed = kind is MovementKind.ADJUST
        key = (signed, _key(value), unit)
        amount = self._amounts.get(key)
        if amount is None:
            amount = check_in_unit("quantity", parse_quantity("quantity", value, allow_negative=signed), unit)
            self._amounts[key] = amount
        return amount

    def unit_cost(self, value: MoneyInput | None) -> Decimal | None:
        if value is None:
            return None
        key = _key(value)
        if key not in self._costs:
            self._costs[key] = parse_money("unit_cost", value, allow_none=True)
        return self._costs[key]

    def reference(self, value: str) -> str:
        text = self._texts.get(value)
        if text is None:
            text = self._texts[value] = optional_text("reference", value, max_length=200)
        return text
