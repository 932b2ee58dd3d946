"""Checks on free text that several services share."""

from __future__ import annotations

import re

from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message
from stockdesk.domain.numbers import WholeNumberInput

# Control characters are listed beside `\s`: Python's `\s` counts U+001C-U+001F as spaces, the JSON Schema
# (ECMAScript) patterns the API publishes this in do not, and an address has no place for either.
_ADDRESS_PART = r"[^@\s\x00-\x1f\x7f-\x9f]+"
EMAIL_PATTERN = rf"^{_ADDRESS_PART}@{_ADDRESS_PART}\.{_ADDRESS_PART}$"
_EMAIL = re.compile(EMAIL_PATTERN)


# Control characters (NUL, escape, backspace...) have no place in stored text: they hide in a name, cut
# C strings short, and move the cursor when printed. Free text keeps tab and line breaks; one-line
# text (names, SKUs, codes) keeps none.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_EXCEPT_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _no_control(field: str, value: object, text: str, pattern: re.Pattern[str]) -> str:
    found = pattern.search(text)
    if found:
        code = f"U+{ord(found.group()):04X}"
        raise ValidationError(
            field, value, Message("control_character", code=code, position=found.start() + 1)
        )
    return text


def required_text(field: str, value: str | None, *, max_length: int) -> str:
    """One line of text (a name, a SKU, a code): stripped, not empty, no control characters."""
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValidationError(field, value, Message("required"))
    if len(text) > max_length:
        raise ValidationError(field, value, Message("too_long", maximum=max_length))
    return _no_control(field, value, text, _CONTROL)


def optional_text(field: str, value: str | None, *, max_length: int) -> str:
    """Free text (a description, a note): stripped; tabs and line breaks allowed, other controls not."""
    text = "" if value is None else str(value).strip()
    if len(text) > max_length:
        raise ValidationError(field, value, Message("too_long", maximum=max_length))
    return _no_control(field, value, text, _CONTROL_EXCEPT_LINES)


def email_address(field: str, value: str | None, *, required: bool = True) -> str:
    text = "" if value is None else str(value).strip()
    if not text and not required:
        return ""
    if not _EMAIL.match(text):
        raise ValidationError(field, value, Message("not_email"))
    return text


def whole_number(field: str, value: WholeNumberInput, *, minimum: int = 0, maximum: int = 10_000) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(field, value, Message("not_whole_number")) from None
    if not minimum <= number <= maximum:
        raise ValidationError(field, value, Message("between", minimum=minimum, maximum=maximum))
    return number
