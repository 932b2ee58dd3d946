"""Errors a person can act on: each names the field (or row) and the value that was refused.

Every error carries a `Message` (`error.message`: `message_id` + `params`) besides its English text,
so the window and the HTTP API can say it in the reader's language (`stockdesk.i18n.translate`);
`str(error)` stays the English sentence the CLI prints and logs record.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from stockdesk.domain.messages import Message, as_message


class StockDeskError(Exception):
    """Base of every error the application shows to a person."""

    field: str | None = None  # the input it names, if any (a form shows it there, an API reports it)

    def __init__(self, message: str = "") -> None:
        self.message = as_message(message)
        super().__init__(str(self.message))

    @property
    def message_id(self) -> str:
        return self.message.id

    @property
    def params(self) -> Mapping[str, object]:
        return self.message.params


class ValidationError(StockDeskError):
    """A value that breaks a rule; carries the field, the value as typed and the reason.

    `reason` is a `Message` (`Message("required")`) so it can be translated; a plain str is shown
    as it is (a front end's own, already translated, sentence).
    """

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = as_message(reason)
        super().__init__(Message("validation", field=field, value=value, reason=self.reason))


class InvalidQuantity(ValidationError):
    """A quantity that is not a positive number (or not a number at all)."""


class InvalidPrice(ValidationError):
    """A price that is negative or not a number."""


class InvalidBarcode(ValidationError):
    """A barcode that is empty or whose check digit is wrong."""


class DuplicateValue(ValidationError):
    """A value that must be unique and already belongs to another row."""


class NotFound(StockDeskError):
    """An id, SKU or code that names nothing."""

    def __init__(self, entity: str, key: object) -> None:
        self.entity = entity
        self.key = key
        super().__init__(Message("not_found", entity=entity, key=key))


class InsufficientStock(StockDeskError):
    """Selling or moving more than is on hand."""

    field = "quantity"

    def __init__(self, *, sku: str, store: str, on_hand: Decimal, requested: Decimal) -> None:
        self.sku = sku
        self.store = store
        self.on_hand = on_hand
        self.requested = requested
        super().__init__(
            Message("insufficient_stock", sku=sku, store=store, on_hand=on_hand, requested=requested)
        )


class PermissionDenied(StockDeskError):
    """The acting user may not do this."""


class AuthenticationFailed(StockDeskError):
    """Wrong e-mail or password (deliberately not saying which)."""


class AccountLocked(AuthenticationFailed):
    """Too many failed log-ins in a row; try again after a pause."""

    def __init__(self, seconds_left: int) -> None:
        self.seconds_left = seconds_left
        super().__init__(Message("auth.locked", seconds_left=seconds_left))


class ScannerUnavailable(StockDeskError):
    """A camera, video file or image folder that cannot be opened or read."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = as_message(reason)
        super().__init__(Message("scanner.unavailable", source=source, reason=self.reason))


class PreconditionFailed(ValidationError):
    """An edit made against a version of the row that has changed since (a stale ETag)."""


class TooManyRequests(StockDeskError):
    """A client that must wait before asking again (the log-in throttle of a server, for one)."""

    def __init__(self, seconds_left: int, reason: str) -> None:
        self.seconds_left = seconds_left
        super().__init__(reason)


class UnresolvedCode(NotFound):
    """A scanned or typed code that names no item: unknown, or refused before any look-up."""

    def __init__(self, code: str, kind: str, reason: str) -> None:
        super().__init__("item with code", code)
        self.kind = kind  # "unknown", "wrong_check_digit", "invalid" or "location"
        self.reason = reason
