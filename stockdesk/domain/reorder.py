"""Reorder rules: safety stock, reorder point and the suggested order quantity, in Decimals.

The forecast (stockdesk.domain.forecast) gives a daily rate and the spread of its daily errors as floats;
everything here converts them to Decimal once, rounded to QUANTUM, so that the numbers in the `reason`
text add up exactly to the numbers in the suggestion.

Policy, and why:

- safety stock = z(service level) x daily sigma x sqrt(lead time days): demand errors over the lead time,
  taken as independent day to day, so their spread grows with the square root of the days.
- reorder point = daily rate x lead time days + safety stock, unless the manager has set one on the
  item, which then wins (the forecast is advice; the manager's number is a decision).
- target level = reorder point + daily rate x review period days. We chose review-period demand over
  the item's fixed reorder quantity because it moves with the forecast: a manager who reviews weekly
  orders a week's demand on top of the lead-time cover. With the default review period of 0
  (continuous review) the target is the reorder point, which is the rule of docs/architecture.md:
  forecast demand over the lead time + safety stock - (on hand + on order).
- An order is suggested only when on hand + on order is at or below the reorder point; the quantity is
  target - (on hand + on order), rounded up to the order multiple, and never negative.
"""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from statistics import NormalDist
from typing import NamedTuple, Protocol

from stockdesk.domain.errors import ValidationError
from stockdesk.domain.ids import ItemId, StoreId
from stockdesk.domain.messages import ENGLISH, Message
from stockdesk.domain.numbers import RuleInput, shortest

QUANTUM = Decimal("0.01")
ReasonPart = tuple[str, dict[str, Decimal]]  # a message id of domain/messages.py and its numbers
MIN_SERVICE_LEVEL = Decimal("0.5")
MAX_SERVICE_LEVEL = Decimal("0.999")


class ReorderSuggestion(NamedTuple):
    """What to order for one item in one store, and why (`reason` is shown to the manager).

    A tuple: a reorder run makes one per item and store, millions at a million items."""

    item_id: ItemId
    store_id: StoreId
    daily_rate: Decimal
    lead_time_days: Decimal
    review_period_days: Decimal
    safety_stock: Decimal
    reorder_point: Decimal
    reorder_point_set_by_manager: bool
    target_level: Decimal
    on_hand: Decimal
    on_order: Decimal
    order_multiple: Decimal
    suggested_qty: Decimal

    @property
    def reason(self) -> str:
        """Why, in English (built when asked: a million suggestions are made, a screenful is read)."""
        return reason_text(reason_parts(self))


def service_level_z(service_level: RuleInput) -> float:
    """The normal quantile for a cycle service level between 0.5 and 0.999."""
    level = _number("service_level", service_level)
    if not MIN_SERVICE_LEVEL <= level <= MAX_SERVICE_LEVEL:
        raise ValidationError(
            "service_level", service_level, Message("between", minimum="0.5", maximum="0.999")
        )
    return _quantile(level)


@cache
def _quantile(level: Decimal) -> float:
    # One shop has one service level: its quantile once, not once per item and store.
    return NormalDist().inv_cdf(float(level))


def safety_stock(daily_sigma: RuleInput, lead_time_days: RuleInput, service_level: RuleInput) -> Decimal:
    """Stock held against demand above the forecast during the lead time."""
    sigma = _number("daily_sigma", daily_sigma)
    lead = _number("lead_time_days", lead_time_days)
    units = service_level_z(service_level) * float(sigma) * math.sqrt(float(lead))
    return _quantity(units)


def reorder_point(daily_rate: RuleInput, lead_time_days: RuleInput, safety_stock: RuleInput) -> Decimal:
    """Stock level at which to order: lead-time demand plus safety stock."""
    rate = _quantity(_number("daily_rate", daily_rate))
    lead = _number("lead_time_days", lead_time_days)
    return _quantity(rate * lead) + _quantity(_number("safety_stock", safety_stock))


def suggest(
    *,
    item_id: ItemId,
    store_id: StoreId,
    daily_rate: RuleInput,
    daily_sigma: RuleInput,
    lead_time_days: RuleInput,
    on_hand: RuleInput,
    on_order: RuleInput = 0,
    service_level: RuleInput = Decimal("0.95"),
    order_multiple: RuleInput = 1,
    review_period_days: RuleInput = 0,
    manager_reorder_point: RuleInput | None = None,
) -> ReorderSuggestion:
    """Suggest an order quantity for one item in one store; see the module docstring for the policy."""
    rate = _quantity(_number("daily_rate", daily_rate))
    lead = _number("lead_time_days", lead_time_days)
    review = _number("review_period_days", review_period_days)
    multiple = _number("order_multiple", order_multiple)
    if multiple == 0:
        raise ValidationError("order_multiple", order_multiple, Message("more_than_zero"))
    stock = _number("on_hand", on_hand, allow_negative=True)  # a ledger may run below zero
    incoming = _number("on_order", on_order)
    sigma = float(_number("daily_sigma", daily_sigma))
    z = service_level_z(service_level)
    point = None if manager_reorder_point is None else _number("reorder_point", manager_reorder_point)
    return suggest_checked(item_id, store_id, rate, sigma, lead, review, multiple, stock, incoming, z, point)


def suggest_checked(
    item_id: ItemId,
    store_id: StoreId,
    rate: Decimal,
    sigma: float,
    lead: Decimal,
    review: Decimal,
    multiple: Decimal,
    stock: Decimal,
    incoming: Decimal,
    z: float,
    manager_point: Decimal | None,
) -> ReorderSuggestion:
    """`suggest` of inputs already checked as it checks them: the rate rounded to QUANTUM, the others
    finite Decimals (the multiple above 0), `z` the service level's quantile. A reorder run's lines
    come from the database and a forecast batch, and `suggest`'s checks cost more than its arithmetic
    on 600,000 lines; the arithmetic is the same, operation for operation."""
    safety = _quantity(z * sigma * math.sqrt(float(lead)))  # as safety_stock()
    point = _quantity(rate * lead) + safety if manager_point is None else manager_point  # reorder_point()
    target = point + _quantity(rate * review)
    qty = _order_quantity(target - (stock + incoming), multiple) if stock + incoming <= point else Decimal(0)
    return ReorderSuggestion(
        item_id,
        store_id,
        rate,
        lead,
        review,
        safety,
        point,
        manager_point is not None,
        target,
        stock,
        incoming,
        multiple,
        qty,
    )


def computed_point(s: ReorderSuggestion) -> Decimal:
    """`reorder_point()` of the suggestion's own rate, lead time and safety stock, which `suggest`
    already checked and rounded: the point the forecast gives, whoever set the one that applies."""
    return _quantity(s.daily_rate * s.lead_time_days) + s.safety_stock


def quantity(value: float) -> Decimal:
    """A forecast's float as the rules use it: rounded to QUANTUM."""
    return _quantity(value)


NONE = Decimal("0.00")  # 0 at QUANTUM, as suggest() writes a rate, a safety stock or a point of nothing


def suggest_without_demand(
    *,
    item_id: ItemId,
    store_id: StoreId,
    lead_time_days: Decimal,
    on_hand: Decimal,
    on_order: Decimal,
    order_multiple: Decimal,
    review_period_days: Decimal,
    manager_reorder_point: Decimal | None = None,
) -> ReorderSuggestion:
    """`suggest` for a forecast of nothing (rate and spread 0): the same result without its arithmetic.

    Two thirds of a million-item catalogue sold nothing lately; their point is the manager's (else 0),
    and an order lifts the stock back to it."""
    if order_multiple <= 0:
        raise ValidationError("order_multiple", order_multiple, Message("more_than_zero"))
    point = NONE if manager_reorder_point is None else manager_reorder_point
    target = point + NONE  # as suggest() adds the review period's demand of nothing
    stock = on_hand + on_order
    return ReorderSuggestion(
        item_id=item_id,
        store_id=store_id,
        daily_rate=NONE,
        lead_time_days=lead_time_days,
        review_period_days=review_period_days,
        safety_stock=NONE,
        reorder_point=point,
        reorder_point_set_by_manager=manager_reorder_point is not None,
        target_level=target,
        on_hand=on_hand,
        on_order=on_order,
        order_multiple=order_multiple,
        suggested_qty=_order_quantity(target - stock, order_multiple) if stock <= point else Decimal(0),
    )


def _order_quantity(shortfall: Decimal, multiple: Decimal) -> Decimal:
    if shortfall <= 0:
        return Decimal(0)
    return (shortfall / multiple).to_integral_value(rounding=ROUND_CEILING) * multiple


def reason_text(parts: list[ReasonPart]) -> str:
    """The reason in English, with plain str.format (no Message per part)."""
    return "; ".join(ENGLISH[key].format_map(params) for key, params in parts)


class ReasonFigures(Protocol):
    """The numbers a reason names: a ReorderSuggestion, or a line of the reorder list."""

    @property
    def reorder_point_set_by_manager(self) -> bool: ...
    @property
    def daily_rate(self) -> Decimal: ...
    @property
    def lead_time_days(self) -> Decimal: ...
    @property
    def safety_stock(self) -> Decimal: ...
    @property
    def reorder_point(self) -> Decimal: ...
    @property
    def review_period_days(self) -> Decimal: ...
    @property
    def target_level(self) -> Decimal: ...
    @property
    def on_hand(self) -> Decimal: ...
    @property
    def on_order(self) -> Decimal: ...
    @property
    def order_multiple(self) -> Decimal: ...
    @property
    def suggested_qty(self) -> Decimal: ...


def reason_parts(s: ReasonFigures) -> list[ReasonPart]:
    """Why a suggestion says what it says, as message ids with their numbers (domain/messages.py)."""
    rate, point = shortest(s.daily_rate), shortest(s.reorder_point)
    if s.reorder_point_set_by_manager:
        parts: list[ReasonPart] = [("reorder.manager_point", {"point": point})]
    else:
        lead, safety = shortest(s.lead_time_days), shortest(s.safety_stock)
        parts = [("reorder.forecast_point", {"rate": rate, "lead": lead, "safety": safety, "point": point})]
    if s.review_period_days:
        review, target = shortest(s.review_period_days), shortest(s.target_level)
        parts.append(("reorder.review", {"point": point, "rate": rate, "review": review, "target": target}))
    stock = {"on_hand": shortest(s.on_hand), "on_order": shortest(s.on_order)}
    if s.on_hand + s.on_order > s.reorder_point:
        parts.append(("reorder.above_point", stock))
    elif s.order_multiple != 1:
        parts.append(("reorder.order_multiple", {**stock, "quantity": shortest(s.suggested_qty),
                                                 "multiple": shortest(s.order_multiple)}))
    else:
        parts.append(("reorder.order", {**stock, "quantity": shortest(s.suggested_qty)}))
    return parts


def reason_message(parts: list[ReasonPart]) -> Message:
    """The reason as one Message, which a front end or a document says in its reader's language."""
    messages = [Message(key, **params) for key, params in parts]
    if len(messages) == 1:
        return messages[0]
    if len(messages) == 2:
        return Message("reorder.reason_2", first=messages[0], second=messages[1])
    return Message("reorder.reason_3", first=messages[0], second=messages[1], third=messages[2])


def _number(field: str, value: RuleInput | None, *, allow_negative: bool = False) -> Decimal:
    """A finite Decimal from Decimal, int, float or text; the error names the field and the value."""
    if type(value) is Decimal and value.is_finite() and (allow_negative or value >= 0):
        return value  # already exact and valid: what the database hands the batch path for most inputs
    if value is None or isinstance(value, bool):
        raise ValidationError(field, value, Message("not_number"))
    try:
        # floats come from the forecast; repr gives their shortest exact-looking text (0.1, not 0.1000...)
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(field, value, Message("not_number")) from None
    if not number.is_finite():
        raise ValidationError(field, value, Message("not_finite"))
    if number < 0 and not allow_negative:
        raise ValidationError(field, value, Message("not_negative"))
    return number


def _quantity(value: float | Decimal) -> Decimal:
    number = Decimal(repr(value)) if isinstance(value, float) else value
    return number.quantize(QUANTUM, rounding=ROUND_HALF_UP)
