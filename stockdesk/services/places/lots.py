"""A lot as a manager corrects it: its use-by date, typed wrong at the first receipt or changed by the
supplier's notice.

The date decides what is sold first, what is refused as expired and what the expiry alerts list, so a
correction is a manager's (`Action.CORRECT_LOT_EXPIRY`), needs a reason and is audited with the old
and the new date. The lot is a synced row: the correction reaches every desk like any other change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stockdesk.db.models import Item
from stockdesk.db.place_models import Lot
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.ids import ItemId, LotId
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.services.accounts import audit
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import required_text


@dataclass(frozen=True)
class LotView:
    id: LotId
    item_id: ItemId
    sku: str
    code: str
    expires_on: date | None


def get_lot(uow: UnitOfWork, lot_id: LotId) -> LotView:
    with uow:
        lot = uow.get(Lot, lot_id, "lot")
        return _view(lot, uow.get(Item, lot.item_id, "item"))


def correct_lot_expiry(
    uow: UnitOfWork, actor: Actor, lot_id: LotId, *, expires_on: date | None, reason: str
) -> LotView:
    """Set lot `lot_id`'s use-by date to `expires_on` (managers and admins), saying why."""
    with uow:
        uow.actor_id = actor.id
        require(actor, Action.CORRECT_LOT_EXPIRY)
        lot = uow.get(Lot, lot_id, "lot")
        item = uow.get(Item, lot.item_id, "item")
        why = required_text("reason", reason, max_length=200)
        if expires_on is None:
            raise ValidationError("expires_on", "", Message("expiry_correction_needs_date", lot=lot.code))
        if expires_on == lot.expires_on:
            raise ValidationError(
                "expires_on", expires_on.isoformat(), Message("expiry_unchanged", lot=lot.code)
            )
        before = lot.expires_on
        lot.expires_on = expires_on
        audit.record(
            uow, actor, "lot.correct_expiry", "lot", lot.id, sku=item.sku, lot=lot.code, field="expires_on",
            before=before.isoformat() if before else "", after=expires_on.isoformat(), reason=why,
        )  # fmt: skip
        uow.commit()
        return _view(lot, item)


def _view(lot: Lot, item: Item) -> LotView:
    return LotView(LotId(lot.id), ItemId(item.id), item.sku, lot.code, lot.expires_on)
