"""Checks on free text that several services share."""

from __future__ import annotations

import re

from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def required_text(field: str, value: object, *, max_length: int) -> str:
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValidationError(field, value, Message("required"))
    if len(text) > max_length:
        raise ValidationError(field, value, Message("too_long", maximum=max_length))
    return text


def optional_text(field: str, value: object, *, max_length: int) -> str:
    text = "" if value is None else str(value).strip()
    if len(text) > max_length:
        raise ValidationError(field, value, Message("too_long", maximum=max_length))
    return text


def email_address(field: str, value: object, *, required: bool = True) -> str:
    text = "" if value is None else str(value).strip()
    if not text and not required:
        return ""
    if not _EMAIL.match(text):
        raise ValidationError(field, value, Message("not_email"))
    return text


def whole_number(field: str, value: object, *, minimum: int = 0, maximum: int = 10_000) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(field, value, Message("not_whole_number")) from None
    if not minimum <= number <= maximum:
        raise ValidationError(field, value, Message("between", minimum=minimum, maximum=maximum))
    return number
