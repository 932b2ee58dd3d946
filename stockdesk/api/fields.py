"""Input types whose published schema says exactly what the server accepts, no more and no less.

pydantic publishes a `Decimal` as "any number or any string" and a `date` as a date while also taking
a Unix time; a client generated from that schema sends what the server then refuses, or the server
takes what the schema forbids. These types publish the decimal text the services accept, refuse
what they do not publish, and say why in words a developer can act on.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema

from stockdesk.services.validation import EMAIL_PATTERN

# The services' rules for text (`services.validation`): one line (a name, a SKU, a code) has no control
# character and is not blank; free text (a description, a note) may also hold tabs and line breaks.
_CONTROL = r"\x00-\x1f\x7f-\x9f"
ONE_LINE = rf"^[^{_CONTROL}]*[^{_CONTROL}\s][^{_CONTROL}]*$"
FREE_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
PATTERN_REASONS = {
    ONE_LINE: "must be one line of text, not blank, without control characters",
    FREE_TEXT: "must not contain control characters other than tabs and line breaks",
}
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _decimal_checker(pattern: re.Pattern[str], example: str) -> Any:
    def check(value: object) -> object:
        # a JSON number with a fraction arrives as a float: its digits may already be lost
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
            if isinstance(value, float):
                raise ValueError(f'send a decimal as text, like "{example}", or a whole number')
            raise ValueError(f'is not a decimal number like "{example}"')
        if isinstance(value, str) and not pattern.fullmatch(value):
            raise ValueError(f'is not a decimal number like "{example}" (digits and a point, no exponent)')
        return value

    return check


def decimal_input(*, whole: int, places: int, signed: bool, example: str) -> Any:
    """A decimal sent as text ("12.5") or as a whole number, with at most `whole` digits before the point."""
    sign = "-?" if signed else ""
    pattern = re.compile(rf"{sign}[0-9]{{1,{whole}}}(\.[0-9]{{1,{places}}})?")
    largest = 10**whole - 1
    schema = {
        "anyOf": [
            {"type": "string", "pattern": f"^{pattern.pattern}$"},
            {"type": "integer", "minimum": -largest if signed else 0, "maximum": largest},
        ],
        "examples": [example],
    }
    return Annotated[
        Decimal,
        BeforeValidator(_decimal_checker(pattern, example)),
        Field(max_digits=whole + places, decimal_places=places),
        WithJsonSchema(schema),
    ]


def _iso_date(value: object) -> object:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError("is not a date written YYYY-MM-DD")
    return value


Money = decimal_input(whole=10, places=4, signed=False, example="9.90")
Quantity = decimal_input(whole=12, places=3, signed=True, example="12")
Count = decimal_input(whole=12, places=3, signed=False, example="12")
IsoDate = Annotated[date, BeforeValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date"})]


def text(max_length: int, **field: Any) -> Any:
    """One line of text that must not be blank (the services refuse a name of spaces as missing)."""
    return Field(min_length=1, max_length=max_length, pattern=ONE_LINE, **field)


def free_text(max_length: int, **field: Any) -> Any:
    """Text that may span lines (a description, a note, an address); may be empty."""
    return Field(max_length=max_length, pattern=FREE_TEXT, **field)


def email(*, required: bool = True, **field: Any) -> Any:
    """An e-mail address as the services check it (surrounding spaces are trimmed first)."""
    address = EMAIL_PATTERN.removeprefix("^").removesuffix("$")
    pattern = rf"^\s*{address}\s*$" if required else rf"^\s*({address})?\s*$"
    return Field(max_length=254, pattern=pattern, **field)
