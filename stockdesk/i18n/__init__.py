"""Saying things in the reader's language without Qt: for the window, the HTTP API, reports and e-mail.

`translate(message, language)` turns a `stockdesk.domain.messages.Message` (an error's `message`, a
validation `reason`) into the language's sentence; `describe(error, language)` does it for an error.
The texts live in resources/translations/messages_<language>.ts (Qt Linguist's format, so translators
use one tool for the window's strings and these), read with the standard library.
"""

from stockdesk.i18n.catalogue import (
    SOURCE_LANGUAGE,
    Catalogue,
    catalogue,
    describe,
    field_name,
    format_decimal,
    translate,
)

__all__ = [
    "SOURCE_LANGUAGE",
    "Catalogue",
    "catalogue",
    "describe",
    "field_name",
    "format_decimal",
    "translate",
]
