"""Settings of the whole shop (every desk): the currency its prices are in.

Kept in the same key/value table as the planning settings. An unset currency is "" and the front
end shows the currency of the window's locale; a shop that sets one sees it on every desk.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from stockdesk.db.alerts_models import PlanningSetting
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.services.accounts import audit
from stockdesk.services.uow import UnitOfWork

CURRENCY_KEY = "currency"
ISO_CODE = re.compile(r"[A-Z]{3}")


def currency(uow: UnitOfWork) -> str:
    """The shop's ISO 4217 code ("EUR"), or "" when never set."""
    with uow:
        query = select(PlanningSetting.value).where(PlanningSetting.key == CURRENCY_KEY)
        return uow.session.scalar(query) or ""


def set_currency(uow: UnitOfWork, actor: Actor, code: str) -> str:
    """Set the shop's currency (admins and managers); "" goes back to the locale's."""
    clean = (code or "").strip().upper()
    if clean and not ISO_CODE.fullmatch(clean):
        raise ValidationError("currency", code, Message("currency_code"))
    with uow:
        require(actor, Action.MANAGE_CATALOGUE)
        uow.actor_id = actor.id
        query = select(PlanningSetting).where(PlanningSetting.key == CURRENCY_KEY)
        stored = uow.session.scalars(query).first()
        row = stored or PlanningSetting(key=CURRENCY_KEY)
        row.value = clean
        uow.session.add(row)
        audit.record(uow, actor, "settings.currency", "setting", None, currency=clean)
        uow.commit()
        return clean
