"""The Qt-free lookup: a Message (id + params) -> the sentence in one language.

English needs no file: a Message's own text is the English sentence. Another language reads
messages_<language>.ts once; an id it lacks (or has unfinished) falls back to English, so a new
refusal is never shown empty, only untranslated.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path

from stockdesk.domain.errors import StockDeskError
from stockdesk.domain.messages import ENGLISH, WORD_PARAMS, Message
from stockdesk.i18n.ts_file import read_ts

# Source checkout: <repo>/resources; PyInstaller bundle: <_internal>/resources (see packaging/).
TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
SOURCE_LANGUAGE = "en"
# Parameters that name a service field: shown as the field's name in the reader's language.
_FIELD_PARAMS = frozenset({"field"})
DECIMAL_COMMA = frozenset({"de", "fr", "es", "it", "nl", "pl", "pt", "ru", "cs", "sv", "da", "fi", "nb"})


def messages_file(language: str, folder: Path = TRANSLATIONS_DIR) -> Path:
    return folder / f"messages_{language}.ts"


class Catalogue:
    """One language's templates, field names, words and document texts (empty for English)."""

    def __init__(self, language: str, tables: Mapping[str, Mapping[str, str]]) -> None:
        self.language = language
        self.templates = dict(tables.get("messages", {}))
        self.fields = dict(tables.get("fields", {}))
        self.words = dict(tables.get("words", {}))
        self.documents = dict(tables.get("documents", {}))  # English text -> this language's

    @classmethod
    def load(cls, language: str, folder: Path = TRANSLATIONS_DIR) -> Catalogue:
        path = messages_file(language, folder)
        if language == SOURCE_LANGUAGE or not path.exists():
            return cls(language, {})
        tables = {
            context: {key: entry.translation for key, entry in table.items() if entry.finished}
            for context, table in read_ts(path).items()
        }
        return cls(language, tables)

    def translate(self, text: str) -> str:
        if not isinstance(text, Message):
            return str(text)
        if self.language == SOURCE_LANGUAGE:
            return str(text)
        template = self.templates.get(text.id)
        if template is None:
            return str(text)
        params = {key: self._param(key, value) for key, value in text.params.items()}
        return template.format_map(params)

    def field_name(self, field: str) -> str:
        """A service field ("sell_price") as the reader calls it ("Verkaufspreis"; English "Sell price")."""
        return self.fields.get(field) or field.replace("_id", "").replace("_", " ").capitalize()

    def _param(self, key: str, value: object) -> object:
        if isinstance(value, Message):
            return self.translate(value)
        if key in _FIELD_PARAMS and isinstance(value, str):
            return self.fields.get(value, value)
        if key in WORD_PARAMS and isinstance(value, str):
            return self.words.get(value, value)
        if isinstance(value, Decimal):
            return format_decimal(value, self.language)
        return value


def format_decimal(value: Decimal, language: str) -> str:
    """2.500 -> "2.5" (English) or "2,5" (German): no trailing zeros, never scientific notation."""
    text = format(value.normalize(), "f") if value != 0 else "0"
    return text.replace(".", ",") if language in DECIMAL_COMMA else text


_lock = threading.Lock()


@cache
def _cached(language: str) -> Catalogue:
    return Catalogue.load(language)


def catalogue(language: str) -> Catalogue:
    """The language's catalogue, read once per process (thread-safe: the API serves many threads)."""
    with _lock:
        return _cached(language)


def translate(text: str, language: str) -> str:
    """A Message in `language` (English if the language or the id is unknown); plain text as it is."""
    return catalogue(language).translate(text)


def describe(error: BaseException, language: str) -> str:
    """The error's sentence in `language`; errors from outside StockDesk keep their own text."""
    if isinstance(error, StockDeskError):
        return translate(error.message, language)
    return str(error)


def field_name(field: str, language: str) -> str:
    return catalogue(language).field_name(field)


def known_ids() -> frozenset[str]:
    return frozenset(ENGLISH)
