"""Planning settings shared by every desk: service level, review period, history window, expiry warning."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from stockdesk.db.alerts_models import PlanningSetting
from stockdesk.domain.numbers import WholeNumberInput
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.domain.reorder import service_level_z
from stockdesk.services.accounts import audit
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import whole_number


@dataclass(frozen=True)
class PlanningSettings:
    service_level: Decimal = Decimal("0.95")
    review_period_days: int = 0
    history_days: int = 365
    # Days before a lot's expiry it is reported, for items and categories without their own setting.
    expiry_warn_days: int = 30


def load(uow: UnitOfWork) -> PlanningSettings:
    """The stored settings (defaults for anything never saved); opens its own unit of work."""
    with uow:
        return read(uow)


def read(uow: UnitOfWork) -> PlanningSettings:
    """The settings, inside a unit of work the caller already has open."""
    stored = dict(uow.session.execute(select(PlanningSetting.key, PlanningSetting.value)).tuples().all())
    defaults = PlanningSettings()
    return PlanningSettings(
        service_level=Decimal(stored.get("service_level", str(defaults.service_level))),
        review_period_days=int(stored.get("review_period_days", defaults.review_period_days)),
        history_days=int(stored.get("history_days", defaults.history_days)),
        expiry_warn_days=int(stored.get("expiry_warn_days", defaults.expiry_warn_days)),
    )


def save(
    uow: UnitOfWork,
    actor: Actor,
    *,
    service_level: Decimal | str | None = None,
    review_period_days: WholeNumberInput | None = None,
    history_days: WholeNumberInput | None = None,
    expiry_warn_days: WholeNumberInput | None = None,
) -> PlanningSettings:
    """Change some settings (managers and admins); a bad value writes nothing."""
    with uow:
        require(actor, Action.MANAGE_CATALOGUE)
        uow.actor_id = actor.id
        updates: dict[str, str] = {}
        if service_level is not None:
            service_level_z(service_level)  # raises ValidationError naming the field
            updates["service_level"] = str(Decimal(str(service_level).strip()))
        if review_period_days is not None:
            updates["review_period_days"] = str(
                whole_number("review_period_days", review_period_days, maximum=365)
            )
        if history_days is not None:
            updates["history_days"] = str(
                whole_number("history_days", history_days, minimum=28, maximum=3 * 365)
            )
        if expiry_warn_days is not None:
            days = whole_number("expiry_warn_days", expiry_warn_days, maximum=3650)
            updates["expiry_warn_days"] = str(days)
        rows = {r.key: r for r in uow.session.scalars(select(PlanningSetting))}
        for key, value in updates.items():
            row = rows.get(key) or PlanningSetting(key=key)
            row.value = value
            uow.session.add(row)
        audit.record(uow, actor, "settings.planning", "setting", None, **updates)
        uow.commit()
        return read(uow)
