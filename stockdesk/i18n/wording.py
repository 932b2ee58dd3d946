"""Documents in the reader's language: the words of reports, purchase orders and e-mails, and how
numbers and dates are written there.

A `Wording` is what a report or an e-mail builder is handed: `w("Unit cost")` is the German "Stückkosten"
for a German shop, `w.money(Decimal("1234.5"))` is "1.234,50", `w.date(day)` is "04.12.2026". English is
the source: an English text is its own key, so the code reads as the document does. Every text must be
listed in `stockdesk.i18n.documents.DOCUMENT_TEXTS` (packaging/update_messages.py copies that list into
the translation files), and asking for one that is not raises at once rather than printing English into a
German document unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from stockdesk.i18n.catalogue import DECIMAL_COMMA, SOURCE_LANGUAGE, catalogue
from stockdesk.i18n.documents import DOCUMENT_TEXTS

CENT = Decimal("0.01")
_SWAP_SEPARATORS = str.maketrans({",": ".", ".": ","})
# How a day is written where StockDesk speaks the language; ISO 8601 in English (what the tables show).
_DATE_FORMATS = {"en": "%Y-%m-%d", "de": "%d.%m.%Y"}


@dataclass(frozen=True)
class Wording:
    """One language's words and number and date formats, for one document."""

    language: str = SOURCE_LANGUAGE

    def __call__(self, english: str, /, **params: object) -> str:
        """`english` (a text of DOCUMENT_TEXTS) in this language, its `{fields}` filled from `params`."""
        if english not in DOCUMENT_TEXTS:
            raise KeyError(f"{english!r} is not in stockdesk/i18n/documents.py")
        template = catalogue(self.language).documents.get(english, english)
        return template.format_map(params) if params else template

    def label(self, english: str) -> str:
        """A column header: translated where listed, else as given (a caller's own report columns)."""
        return catalogue(self.language).documents.get(english, english)

    @property
    def decimal_comma(self) -> bool:
        return self.language in DECIMAL_COMMA

    def number(self, english: str) -> str:
        """A number written the English way ("1,234.50") in this language's way ("1.234,50")."""
        return english.translate(_SWAP_SEPARATORS) if self.decimal_comma else english

    def money(self, value: Decimal | int | None) -> str:
        """Money to the cent with thousands separators; half-up, the convention receipts are checked by."""
        if value is None:
            return ""
        return self.number(f"{_decimal(value).quantize(CENT, rounding=ROUND_HALF_UP):,.2f}")

    def quantity(self, value: Decimal | int | None) -> str:
        """A quantity without trailing zeros: 12.500 -> "12.5" ("12,5"), 3000 -> "3,000" ("3.000")."""
        if value is None:
            return ""
        number = _decimal(value)
        if number == number.to_integral_value():
            return self.number(f"{number.quantize(Decimal(1)):,f}")
        return self.number(f"{number.normalize():,f}")

    def unit_price(self, value: Decimal | None) -> str:
        """A price per unit with all its decimals (at least two): on hand x price shows the line value."""
        if value is None:
            return ""
        exponent = value.normalize().as_tuple().exponent
        places = max(2, -exponent) if isinstance(exponent, int) else 2
        return self.number(f"{value:,.{places}f}")

    def date(self, day: date) -> str:
        return day.strftime(_DATE_FORMATS.get(self.language, _DATE_FORMATS[SOURCE_LANGUAGE]))

    def moment(self, at: datetime) -> str:
        """Date and minute, as the desk's clock shows it."""
        return f"{self.date(at)} {at:%H:%M}"

    def count(self, count: int, one: str, many: str) -> str:
        """`one` or `many` (texts with a `{count}` field) by the count: "1 item", "3 items"."""
        return self(one if count == 1 else many, count=self.number(f"{count:,}"))


ENGLISH = Wording()


def _decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    # A float here would print a number that does not add up; refuse it loudly.
    raise TypeError(f"expected Decimal or int, got {type(value).__name__}: {value!r}")
