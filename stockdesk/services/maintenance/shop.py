"""Settings of the whole shop (every desk): the currency its prices are in, the language of its documents.

Kept in the same key/value table as the planning settings. An unset currency is "" and the front
end shows the currency of the window's locale; a shop that sets one sees it on every desk. The document
language is what reports, purchase orders and e-mails are written in; unset, a report follows the
desk that writes it and an e-mail is in English.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from stockdesk.db.alerts_models import PlanningSetting
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.i18n.catalogue import SOURCE_LANGUAGE, TRANSLATIONS_DIR
from stockdesk.services.accounts import audit
from stockdesk.services.uow import UnitOfWork

CURRENCY_KEY = "currency"
LANGUAGE_KEY = "document_language"
ISO_CODE = re.compile(r"[A-Z]{3}")


def currency(uow: UnitOfWork) -> str:
    """The shop's ISO 4217 code ("EUR"), or "" when never set."""
    return _setting(uow, CURRENCY_KEY)


def set_currency(uow: UnitOfWork, actor: Actor, code: str) -> str:
    """Set the shop's currency (admins and managers); "" goes back to the locale's."""
    clean = (code or "").strip().upper()
    if clean and not ISO_CODE.fullmatch(clean):
        raise ValidationError("currency", code, Message("currency_code"))
    return _store(uow, actor, CURRENCY_KEY, clean, "settings.currency", currency=clean)


def document_languages() -> tuple[str, ...]:
    """The languages documents can be written in: English and every shipped translation."""
    shipped = sorted(p.stem.removeprefix("messages_") for p in TRANSLATIONS_DIR.glob("messages_*.ts"))
    return (SOURCE_LANGUAGE, *shipped)


def language(uow: UnitOfWork) -> str:
    """The shop's document language ("de"), or "" when never set."""
    return _setting(uow, LANGUAGE_KEY)


def document_language(uow: UnitOfWork, *, fallback: str = "") -> str:
    """The language a document is written in: the shop's, else `fallback` (a desk's), else English."""
    with uow:
        return read_document_language(uow, fallback=fallback)


def read_document_language(uow: UnitOfWork, *, fallback: str = "") -> str:
    """`document_language` inside a unit of work the caller has open (an e-mail queued with its change)."""
    chosen = read_setting(uow, LANGUAGE_KEY) or fallback
    return chosen if chosen in document_languages() else SOURCE_LANGUAGE


def set_language(uow: UnitOfWork, actor: Actor, code: str) -> str:
    """Set the shop's document language (admins and managers); "" lets each desk's language decide."""
    clean = (code or "").strip().lower()
    if clean and clean not in document_languages():
        choices = ", ".join(document_languages())
        raise ValidationError("language", code, Message("one_of", choices=choices))
    return _store(uow, actor, LANGUAGE_KEY, clean, "settings.language", language=clean)


def _setting(uow: UnitOfWork, key: str) -> str:
    with uow:
        return read_setting(uow, key)


def read_setting(uow: UnitOfWork, key: str) -> str:
    """A shop setting inside an open unit of work ("" when never set)."""
    return uow.session.scalar(select(PlanningSetting.value).where(PlanningSetting.key == key)) or ""


def _store(uow: UnitOfWork, actor: Actor, key: str, value: str, action: str, **details: str) -> str:
    with uow:
        require(actor, Action.MANAGE_CATALOGUE)
        uow.actor_id = actor.id
        stored = uow.session.scalars(select(PlanningSetting).where(PlanningSetting.key == key)).first()
        row = stored or PlanningSetting(key=key)
        row.value = value
        uow.session.add(row)
        audit.record(uow, actor, action, "setting", None, **details)
        uow.commit()
        return value
