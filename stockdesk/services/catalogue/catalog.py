"""Items and their barcodes: create, edit, archive, look up."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import TypedDict, Unpack

from sqlalchemy import ColumnElement, String, func, literal, select
from sqlalchemy.orm import InstrumentedAttribute

from stockdesk.db.models import Category, Item, ItemBarcode, Supplier
from stockdesk.db.pack_models import ItemPack
from stockdesk.domain.errors import (
    DuplicateValue,
    InvalidBarcode,
    NotFound,
    PreconditionFailed,
    ValidationError,
)
from stockdesk.domain.gtin import looks_like_gtin, validate_gtin
from stockdesk.domain.ids import BarcodeId, CategoryId, ItemId, SupplierId
from stockdesk.domain.messages import Message
from stockdesk.domain.numbers import MoneyInput, QuantityInput, parse_money, parse_quantity
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.domain.tracking import Tracking
from stockdesk.services.accounts import audit
from stockdesk.services.catalogue import code_lookup, variant_prices
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import optional_text, required_text, whole_number
from stockdesk.services.views import BarcodeView, ItemView

EDITABLE_FIELDS = (
    "sku",
    "name",
    "description",
    "category_id",
    "supplier_id",
    "unit",
    "cost_price",
    "sell_price",
    "reorder_point",
    "reorder_qty",
    "tracking",
    "expiry_warn_days",
)


class ItemExtras(TypedDict, total=False):
    """The fields `create_item` does not name, as a person gives them (numbers as text are parsed)."""

    description: str
    category_id: CategoryId | None  # None (or "" from an untyped caller): no category
    supplier_id: SupplierId | None
    unit: str
    reorder_point: QuantityInput
    reorder_qty: QuantityInput
    tracking: str  # none | lot | expiry | serial
    expiry_warn_days: int | str | None  # days before a lot's expiry it is reported; None: the category's


class ItemFields(ItemExtras, total=False):
    """Every editable field of an item (`update_item` takes any of them)."""

    sku: str
    name: str
    cost_price: MoneyInput
    sell_price: MoneyInput


# A cleaned field, ready for the Item row.
CleanValue = str | Decimal | uuid.UUID | int | None


def _clean_fields(uow: UnitOfWork, fields: ItemFields) -> dict[str, CleanValue]:
    """Validate the editable fields given; every error names its field."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], dict(fields)[sorted(unknown)[0]], Message("not_item_field"))
    clean: dict[str, CleanValue] = {}
    for name in fields:
        if name == "sku":
            clean[name] = required_text("sku", fields["sku"], max_length=64)
        elif name == "name":
            clean[name] = required_text("name", fields["name"], max_length=300)
        elif name == "description":
            clean[name] = optional_text("description", fields["description"], max_length=10_000)
        elif name == "unit":
            clean[name] = required_text("unit", fields["unit"], max_length=16)
        elif name == "cost_price":
            clean[name] = parse_money(name, fields["cost_price"])
        elif name == "sell_price":
            clean[name] = parse_money(name, fields["sell_price"])
        elif name == "reorder_point":
            clean[name] = parse_quantity(name, fields["reorder_point"], allow_zero=True)
        elif name == "reorder_qty":
            clean[name] = parse_quantity(name, fields["reorder_qty"], allow_zero=True)
        elif name == "tracking":
            clean[name] = _tracking(str(fields["tracking"] or "none"))
        elif name == "expiry_warn_days":
            days = fields["expiry_warn_days"]
            clean[name] = None if days in (None, "") else whole_number(name, days, maximum=3650)
        elif name == "category_id":
            category = fields["category_id"]
            clean[name] = None if category in (None, "") else uow.get(Category, category, "category").id
        elif name == "supplier_id":
            supplier = fields["supplier_id"]
            clean[name] = None if supplier in (None, "") else uow.get(Supplier, supplier, "supplier").id
    return clean


def _tracking(value: str) -> str:
    try:
        return Tracking(value.strip().lower()).value
    except ValueError:
        kinds = ", ".join(t.value for t in Tracking)
        raise ValidationError("tracking", value, Message("tracking_kind", kinds=kinds)) from None


def _ensure_sku_free(uow: UnitOfWork, sku: str, item_id: uuid.UUID | None = None) -> None:
    query = select(Item.sku).where(normalised_sku(Item.sku) == normalised_sku(literal(sku, String)))
    if item_id is not None:
        query = query.where(Item.id != item_id)
    taken = uow.session.scalar(query)
    if taken is not None:
        reason = Message("sku_taken") if taken == sku else Message("sku_taken_as", taken=taken)
        raise DuplicateValue("sku", sku, reason)


def normalised_sku(expression: ColumnElement[str] | InstrumentedAttribute[str]) -> ColumnElement[str]:
    """upper(trim(...)): how the database compares SKUs, matching the index ix_item_sku_normalised."""
    return func.upper(func.trim(expression))


def clean_barcode(code: str | None) -> str:
    """Strip and check a barcode; GTIN-looking codes must carry a valid check digit."""
    text = "" if code is None else str(code).strip()
    if not text:
        raise InvalidBarcode("barcode", code, Message("empty"))
    if len(text) > 128:
        raise InvalidBarcode("barcode", code, Message("too_long", maximum=128))
    if looks_like_gtin(text):
        validate_gtin(text)
    return text


def _ensure_barcode_free(uow: UnitOfWork, code: str) -> None:
    owner = uow.session.scalar(select(Item.sku).join(ItemBarcode).where(ItemBarcode.code == code))
    if owner is None:  # a pack's code (packs.py) is a barcode too
        owner = uow.session.scalar(select(Item.sku).join(ItemPack).where(ItemPack.code == code))
    if owner is not None:
        raise DuplicateValue("barcode", code, Message("barcode_taken", owner=owner))


def create_item(
    uow: UnitOfWork,
    actor: Actor,
    *,
    sku: str,
    name: str,
    sell_price: MoneyInput = "0",
    cost_price: MoneyInput = "0",
    barcodes: tuple[tuple[str, str], ...] | list[str] = (),
    **other: Unpack[ItemExtras],
) -> ItemView:
    """A new catalogue item owned by the actor; barcodes as codes or (code, symbology) pairs."""
    with uow:
        require(actor, Action.CREATE_ITEM)
        uow.actor_id = actor.id
        given: ItemFields = {"sku": sku, "name": name, "sell_price": sell_price, "cost_price": cost_price}
        fields = _clean_fields(uow, {**given, **other})
        _ensure_sku_free(uow, str(fields["sku"]))
        item = Item(owner_id=actor.id, **fields)
        uow.session.add(item)
        uow.session.flush()
        views = tuple(_attach(uow, item, entry) for entry in barcodes)
        audit.record(uow, actor, "item.create", "item", item.id, sku=item.sku)
        uow.commit()
        return ItemView.of(item, views)


def _attach(uow: UnitOfWork, item: Item, entry: str | tuple[str, str]) -> BarcodeView:
    code, symbology = (entry, "") if isinstance(entry, str) else entry
    code = clean_barcode(code)
    _ensure_barcode_free(uow, code)
    row = ItemBarcode(item_id=item.id, code=code, symbology=symbology or _guess_symbology(code))
    uow.session.add(row)
    uow.session.flush()
    return BarcodeView(BarcodeId(row.id), row.code, row.symbology)


def _guess_symbology(code: str) -> str:
    if looks_like_gtin(code):
        return {8: "EAN8", 12: "UPCA", 13: "EAN13", 14: "GTIN14"}[len(code)]
    return "CODE128"


def _owned_item(uow: UnitOfWork, actor: Actor, item_id: ItemId) -> Item:
    item = uow.get(Item, item_id, "item")
    require(actor, Action.EDIT_ITEM, owner_id=item.owner_id)
    uow.actor_id = actor.id
    return item


def update_item(
    uow: UnitOfWork,
    actor: Actor,
    item_id: ItemId,
    *,
    if_unchanged_since: datetime | None = None,
    **changes: Unpack[ItemFields],
) -> ItemView:
    """Change fields; with `if_unchanged_since` (the version read) a newer version refuses the edit."""
    with uow:
        item = _owned_item(uow, actor, item_id)
        if if_unchanged_since is not None:
            _refuse_if_changed(uow, item, if_unchanged_since)
        fields = _clean_fields(uow, changes)
        if "sku" in fields:
            _ensure_sku_free(uow, str(fields["sku"]), item.id)
        before = {name: getattr(item, name) for name in fields}
        for name, value in fields.items():
            setattr(item, name, value)
        changed = {
            name: f"{before[name]} → {value}" for name, value in fields.items() if before[name] != value
        }
        uow.session.flush()  # the item's own row first: a template's variants follow its new prices
        variant_prices.after_update(uow, item, set(changed))
        audit.record(uow, actor, "item.update", "item", item.id, **changed)
        uow.commit()
        return ItemView.of(item, _barcodes_of(uow, item.id))


def _refuse_if_changed(uow: UnitOfWork, item: Item, version: datetime) -> None:
    # Locked and read again, so an edit committed meanwhile by another request is seen (PostgreSQL).
    uow.session.get(Item, item.id, with_for_update=True, populate_existing=True)
    if item.updated_at != version:
        raise PreconditionFailed("If-Match", version.isoformat(), Message("stale_version"))


def set_item_active(uow: UnitOfWork, actor: Actor, item_id: ItemId, *, active: bool) -> ItemView:
    """Archive (active=False) or restore an item; archived items keep their history."""
    with uow:
        item = _owned_item(uow, actor, item_id)
        item.active = active
        audit.record(uow, actor, "item.restore" if active else "item.archive", "item", item.id)
        uow.commit()
        return ItemView.of(item, _barcodes_of(uow, item.id))


def archive_item(uow: UnitOfWork, actor: Actor, item_id: ItemId) -> ItemView:
    return set_item_active(uow, actor, item_id, active=False)


def add_barcode(
    uow: UnitOfWork, actor: Actor, item_id: ItemId, code: str, symbology: str = ""
) -> BarcodeView:
    with uow:
        item = _owned_item(uow, actor, item_id)
        view = _attach(uow, item, (code, symbology))
        audit.record(uow, actor, "barcode.add", "item", item.id, code=view.code)
        uow.commit()
        return view


def remove_barcode(uow: UnitOfWork, actor: Actor, item_id: ItemId, code: str) -> None:
    """Detach a barcode (tombstoned so the removal syncs); its code can then be reused."""
    with uow:
        item = _owned_item(uow, actor, item_id)
        row = uow.session.scalar(
            select(ItemBarcode).where(ItemBarcode.item_id == item.id, ItemBarcode.code == code.strip())
        )
        if row is None:
            raise NotFound("barcode", code)
        # The unique index on code must let the code be attached again, so the tombstone gets a
        # code no scanner can produce.
        row.code = f"{row.code}#removed:{row.id}"
        row.deleted = True
        audit.record(uow, actor, "barcode.remove", "item", item.id, code=code)
        uow.commit()


def _barcodes_of(uow: UnitOfWork, item_id: uuid.UUID) -> tuple[BarcodeView, ...]:
    rows = uow.session.scalars(
        select(ItemBarcode)
        .where(ItemBarcode.item_id == item_id, ItemBarcode.deleted.is_(False))
        .order_by(ItemBarcode.created_at)
    )
    return tuple(BarcodeView(BarcodeId(r.id), r.code, r.symbology) for r in rows)


def get_item(uow: UnitOfWork, item_id: ItemId) -> ItemView:
    with uow:
        item = uow.get(Item, item_id, "item")
        return ItemView.of(item, _barcodes_of(uow, item.id))


def find_item(uow: UnitOfWork, code: str) -> ItemView:
    """Look up by barcode first, then by SKU (case-insensitive); a bad GTIN check digit is refused.

    Reads committed rows through `code_lookup` (one indexed join; `uow` names the database).
    """
    text = (code or "").strip()
    if not text:
        raise InvalidBarcode("barcode", code, Message("empty"))
    if looks_like_gtin(text):
        validate_gtin(text)
    found = code_lookup.item_by_code(uow.engine, [text], text)
    if found is None:
        raise NotFound("item with code", text)
    return found


def item_count(uow: UnitOfWork) -> int:
    with uow:
        return int(
            uow.session.scalar(select(func.count()).select_from(Item).where(Item.deleted.is_(False))) or 0
        )


def item_ids_by_code(uow: UnitOfWork, codes: set[str]) -> dict[str, uuid.UUID]:
    """Item ids by SKU (any case) or barcode for a whole list of codes, in a few queries."""
    found: dict[str, uuid.UUID] = {}
    listed = sorted(codes)
    for start in range(0, len(listed), 500):
        chunk = listed[start : start + 500]
        upper = [c.upper() for c in chunk]
        for sku, item in uow.session.execute(
            select(Item.sku, Item.id).where(func.upper(Item.sku).in_(upper), Item.deleted.is_(False))
        ).tuples():
            found.setdefault(sku.upper(), item)
        for code, item in uow.session.execute(
            select(ItemBarcode.code, ItemBarcode.item_id).where(
                ItemBarcode.code.in_(chunk), ItemBarcode.deleted.is_(False)
            )
        ).tuples():
            found[code] = item  # a barcode is exact; it wins over a SKU that happens to look the same
    resolved = {c: found.get(c) or found.get(c.upper()) for c in codes}
    return {c: item for c, item in resolved.items() if item is not None}
