"""Pack units of an item (case of 12, pallet of 480): add, change, remove, list, find by code.

A pack belongs to its item, so whoever may edit the item may edit its packs (a clerk: own items).
Its code shares the namespace of item barcodes: a code names one item or one pack, never both.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from stockdesk.db.models import Item, ItemBarcode
from stockdesk.db.pack_models import ItemPack
from stockdesk.domain.errors import DuplicateValue, NotFound, ValidationError
from stockdesk.domain.ids import ItemId, PackId
from stockdesk.domain.messages import Message
from stockdesk.domain.numbers import QuantityInput, parse_quantity, shortest
from stockdesk.domain.pack_cells import PackEntry, format_pack_cell
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.domain.units import check_pack_factor
from stockdesk.services.accounts import audit
from stockdesk.services.catalogue.catalog import clean_barcode
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import required_text


@dataclass(frozen=True)
class PackView:
    id: PackId
    item_id: ItemId
    name: str
    factor: Decimal  # stock units in one pack
    code: str  # "" when the pack has no barcode
    purchase: bool

    @classmethod
    def of(cls, row: ItemPack) -> PackView:
        return cls(PackId(row.id), ItemId(row.item_id), row.name, row.factor, row.code or "", row.purchase)


def _editable_item(uow: UnitOfWork, actor: Actor, item_id: ItemId) -> Item:
    item = uow.get(Item, item_id, "item")
    require(actor, Action.EDIT_ITEM, owner_id=item.owner_id)
    uow.actor_id = actor.id
    return item


def code_owner(uow: UnitOfWork, code: str) -> str | None:
    """The SKU of the item whose barcode or pack carries `code` (None: the code is free)."""
    owner = uow.session.scalar(select(Item.sku).join(ItemBarcode).where(ItemBarcode.code == code))
    if owner is None:
        owner = uow.session.scalar(select(Item.sku).join(ItemPack).where(ItemPack.code == code))
    return owner


def _clean_code(uow: UnitOfWork, code: str, pack_id: uuid.UUID | None) -> str | None:
    if not code.strip():
        return None
    text = clean_barcode(code)
    mine = pack_id is not None and uow.session.scalar(
        select(ItemPack.id).where(ItemPack.id == pack_id, ItemPack.code == text)
    )
    if not mine and code_owner(uow, text) is not None:
        raise DuplicateValue("code", text, Message("pack.code_taken"))
    return text


def _ensure_single_purchase_pack(uow: UnitOfWork, item_id: uuid.UUID, pack_id: uuid.UUID | None) -> None:
    other = uow.session.scalar(
        select(ItemPack.id).where(
            ItemPack.item_id == item_id,
            ItemPack.purchase.is_(True),
            ItemPack.deleted.is_(False),
            ItemPack.id != (pack_id or uuid.UUID(int=0)),
        )
    )
    if other is not None:
        raise ValidationError("purchase", True, Message("pack.one_purchase_pack"))


def add_pack(
    uow: UnitOfWork,
    actor: Actor,
    item_id: ItemId,
    *,
    name: str,
    factor: QuantityInput,
    code: str = "",
    purchase: bool = False,
) -> PackView:
    """A new pack unit: `factor` stock units each, scanned by `code` if given."""
    with uow:
        item = _editable_item(uow, actor, item_id)
        clean_name = required_text("name", name, max_length=32)
        taken = uow.session.scalar(
            select(ItemPack.id).where(
                ItemPack.item_id == item.id,
                func.lower(ItemPack.name) == clean_name.lower(),
                ItemPack.deleted.is_(False),
            )
        )
        if taken is not None:
            raise DuplicateValue("name", clean_name, Message("pack.name_taken"))
        amount = check_pack_factor("factor", parse_quantity("factor", factor), item.unit)
        if purchase:
            _ensure_single_purchase_pack(uow, item.id, None)
        clean_code = _clean_code(uow, code, None)
        row = ItemPack(item_id=item.id, name=clean_name, factor=amount, code=clean_code, purchase=purchase)
        uow.session.add(row)
        uow.session.flush()
        audit.record(uow, actor, "pack.add", "item", item.id, pack=clean_name, factor=str(amount))
        uow.commit()
        return PackView.of(row)


def remove_pack(uow: UnitOfWork, actor: Actor, pack_id: PackId) -> None:
    """Tombstone a pack (so the removal syncs); its code and name can be used again."""
    with uow:
        row = _live_pack(uow, pack_id)
        item = _editable_item(uow, actor, ItemId(row.item_id))
        audit.record(uow, actor, "pack.remove", "item", item.id, pack=row.name)
        tombstone(row)
        uow.commit()


def tombstone(row: ItemPack) -> None:
    """Mark a pack removed. The unique keys must let its name and code be used again, so the
    tombstone gets values no person types and no scanner reads."""
    row.name = f"#removed:{row.id}"[:32]
    row.code = f"{row.code}#removed:{row.id}" if row.code else None
    row.purchase = False
    row.deleted = True


def _live_pack(uow: UnitOfWork, pack_id: PackId) -> ItemPack:
    row = uow.session.get(ItemPack, pack_id)
    if row is None or row.deleted:
        raise NotFound("pack", pack_id)
    return row


def packs_of(uow: UnitOfWork, item_id: ItemId) -> list[PackView]:
    """The item's live packs, smallest first."""
    with uow:
        rows = uow.session.scalars(
            select(ItemPack)
            .where(ItemPack.item_id == item_id, ItemPack.deleted.is_(False))
            .order_by(ItemPack.factor, ItemPack.name)
        )
        return [PackView.of(row) for row in rows]


def pack_by_code(uow: UnitOfWork, forms: Sequence[str]) -> PackView | None:
    """The live pack carrying one of `forms` (a code's printed forms, the scanned one first), on a
    live item: a scan of a case's barcode."""
    if not forms:
        return None
    with uow:
        found = packs_by_codes(uow, set(forms))
    rank = {form: n for n, form in reversed(list(enumerate(forms)))}
    return min(found.values(), key=lambda pack: rank[pack.code], default=None)


def pack_cells_of_items(uow: UnitOfWork, item_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Item id -> its packs written as one export cell (domain/pack_cells.py), for the items with packs;
    one short read (an export asks once per batch of rows)."""
    ids = list(item_ids)
    found: dict[uuid.UUID, list[PackEntry]] = {}
    with uow:
        for start in range(0, len(ids), 500):
            rows = uow.session.scalars(
                select(ItemPack)
                .where(ItemPack.item_id.in_(ids[start : start + 500]), ItemPack.deleted.is_(False))
                .order_by(ItemPack.factor, ItemPack.name)
            )
            for row in rows:
                entry = PackEntry(row.name, row.factor, row.code or "", row.purchase)
                found.setdefault(row.item_id, []).append(entry)
    return {item_id: format_pack_cell(packs, lambda n: str(shortest(n))) for item_id, packs in found.items()}


def packs_by_codes(uow: UnitOfWork, codes: set[str]) -> dict[str, PackView]:
    """The live packs of live items whose code is one of `codes` (exactly as printed), by code."""
    listed = sorted(codes)
    found: dict[str, PackView] = {}
    for start in range(0, len(listed), 500):
        rows = uow.session.scalars(
            select(ItemPack)
            .join(Item, Item.id == ItemPack.item_id)
            .where(
                ItemPack.code.in_(listed[start : start + 500]),
                ItemPack.deleted.is_(False),
                Item.deleted.is_(False),
            )
        )
        found.update({row.code: PackView.of(row) for row in rows if row.code})
    return found


WHOLE_TABLE_FROM = 20_000  # item ids asked for at once, from which all purchase packs are read


def purchase_factors(uow: UnitOfWork, item_ids: list[uuid.UUID]) -> dict[uuid.UUID, Decimal]:
    """Item id -> the factor of its purchase pack, for the items that have one (with more than
    WHOLE_TABLE_FROM ids: of every item that has one, which a caller looking up its own items cannot
    tell apart, and a set of a million ids is not built)."""
    if len(item_ids) > WHOLE_TABLE_FROM:
        # A whole catalogue's reorder run: one read of every purchase pack beats a thousand IN lists.
        every = select(ItemPack.item_id, ItemPack.factor).where(
            ItemPack.purchase.is_(True), ItemPack.deleted.is_(False)
        )
        return dict(uow.session.execute(every).tuples().all())
    return {item_id: pack.factor for item_id, pack in purchase_packs(uow, item_ids).items()}


def purchase_packs(uow: UnitOfWork, item_ids: list[uuid.UUID]) -> dict[uuid.UUID, PackView]:
    """Item id -> its purchase pack (the supplier's), for the items of a purchase order that have one."""
    found: dict[uuid.UUID, PackView] = {}
    for start in range(0, len(item_ids), 500):
        rows = uow.session.scalars(
            select(ItemPack).where(
                ItemPack.item_id.in_(item_ids[start : start + 500]),
                ItemPack.purchase.is_(True),
                ItemPack.deleted.is_(False),
            )
        )
        found.update({row.item_id: PackView.of(row) for row in rows})
    return found


def pack_factor(uow: UnitOfWork, item_id: uuid.UUID, pack_id: PackId) -> Decimal:
    """The factor of one of the item's packs (a pack of another item is refused by name)."""
    row = _live_pack(uow, pack_id)
    if row.item_id != item_id:
        raise ValidationError("pack_id", str(pack_id), Message("pack.not_of_item"))
    return row.factor
