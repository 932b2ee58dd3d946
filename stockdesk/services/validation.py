"""Checks on free text that several services share."""

from __future__ import annotations

import re

from stockdesk.domain.errors import ValidationError
from stockdesk.domain.numbers import WholeNumberInput

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def required_text(field: str, value: str | None, *, max_length: int) -> str:
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValidationError(field, value, "is required")
    if len(text) > max_length:
        raise ValidationError(field, value, f"is longer than {max_length} characters")
    return text


def optional_text(field: str, value: str | None, *, max_length: int) -> str:
    text = "" if value is None else str(value).strip()
    if len(text) > max_length:
        raise ValidationError(field, value, f"is longer than {max_length} characters")
    return text


def email_address(field: str, value: str | None, *, required: bool = True) -> str:
    text = "" if value is None else str(value).strip()
    if not text and not required:
        return ""
    if not _EMAIL.match(text):
        raise ValidationError(field, value, "is not an e-mail address")
    return text


def whole_number(field: str, value: WholeNumberInput, *, minimum: int = 0, maximum: int = 10_000) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(field, value, "is not a whole number") from None
    if not minimum <= number <= maximum:
        raise ValidationError(field, value, f"must be between {minimum} and {maximum}")
    return number
