"""What a scanned string means: an item, a store (location-first counting), or a refusal to act on.

The webcam, the USB wedge and `stockdesk scan` all hand their text here, so every way of scanning
behaves the same. Codes whose check digit is wrong are refused before any lookup (a misread must
never ring up a different item). Retail codes are matched in every printed form of the same GTIN:
a UPC-A read as a 13-digit EAN, a UPC-E, a GTIN-14 carried in a GS1 element string. Qt-free.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import and_, bindparam, func, select, true

from stockdesk.db.fast_read import FastRead
from stockdesk.db.models import Item, ItemBarcode, StockLevel, StockMovement, Store
from stockdesk.domain.errors import DuplicateValue, InvalidBarcode, ValidationError
from stockdesk.domain.gs1 import Gs1Data, looks_like_gs1, parse_gs1
from stockdesk.domain.gtin import (
    compress_upca,
    expand_upce,
    is_valid_gtin,
    looks_like_gtin,
    make_instore_ean13,
    normalise_scanned,
    validate_gtin,
)
from stockdesk.domain.ids import BarcodeId, ItemId, StoreId
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import catalog, code_lookup, packs
from stockdesk.services.catalogue.packs import PackView
from stockdesk.services.places.place_levels import PlaceLevelView, places_of_item
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.views import BarcodeView, ItemView, MovementView, StockLevelView, StoreView

# Store labels carry this prefix so a store code can never be mistaken for an item code.
STORE_PREFIXES = ("STORE:", "LOC:")
INSTORE_PREFIX = 20


class ScanKind(enum.StrEnum):
    ITEM = "item"  # an item was found
    LOCATION = "location"  # a store label: later counts go to that store
    UNKNOWN = "unknown"  # a well-formed code no item carries: offer to create one
    WRONG_CHECK_DIGIT = "wrong_check_digit"
    INVALID = "invalid"  # unreadable GS1 string, empty text


@dataclass(frozen=True)
class ScanResult:
    """The answer to one scan. `code` is what the item should carry (the GTIN for GS1 strings)."""

    kind: ScanKind
    text: str
    code: str
    symbology: str = ""
    item: ItemView | None = None
    store: StoreView | None = None
    gs1: Gs1Data | None = None
    reason: str = ""
    pack: PackView | None = None  # the code is a pack's (a case of 12): quantities count packs

    @property
    def ok(self) -> bool:
        return self.kind in (ScanKind.ITEM, ScanKind.LOCATION)


@dataclass(frozen=True)
class ItemCard:
    """Everything the counter shows about an item, read in one unit of work."""

    item: ItemView
    levels: list[StockLevelView]
    movements: list[MovementView]
    store_codes: dict[StoreId, str] = field(default_factory=dict)
    # Stock by location and lot, for items with places (empty for the rest: nothing more is shown).
    places: list[PlaceLevelView] = field(default_factory=list)


@dataclass(frozen=True)
class _Parsed:
    """A scan understood as an item code, before any look-up: its barcode forms are asked for first."""

    raw: str
    code: str
    name: str
    gs1: Gs1Data | None
    forms: list[str]


def barcode_reads(text: str, symbology: str = "") -> list[code_lookup.BarcodeRead]:
    """The statement `resolve_scan` starts with for this text, and the one of `stock_card` for the items
    it may find (none: it starts with no read), for a caller that runs them with its own and hands
    their rows back (`resolve_scan(barcode_rows=...)`, `stock_card(item, level_rows)`)."""
    parsed = _parse(text, symbology)
    read = code_lookup.barcode_read(parsed.forms) if isinstance(parsed, _Parsed) else None
    if read is None:
        return []
    return [read, (_levels_by_barcode(len(read[1])), read[1])]


def resolve_scan(
    uow: UnitOfWork, text: str, symbology: str = "", *, barcode_rows: code_lookup.Rows | None = None
) -> ScanResult:
    """Interpret a scan (webcam symbology or "" for a wedge) and look it up. `barcode_rows`: the rows
    of `barcode_read(text, symbology)`, read already."""
    parsed = _parse(text, symbology)
    if isinstance(parsed, _Parsed):
        return _resolve(uow, parsed, barcode_rows)
    if parsed is None:  # a store's label
        raw = (text or "").strip()
        return _location(uow, raw, _store_label(raw) or "", allow_missing=False)
    return parsed


def _parse(text: str, symbology: str) -> _Parsed | ScanResult | None:
    """The scan as an item code, or its answer without a look-up (a refusal), or None for a store label."""
    raw = (text or "").strip()
    if not raw:
        return ScanResult(ScanKind.INVALID, text, "", symbology, reason=Message("scan.nothing"))
    if _store_label(raw) is not None:
        return None
    gs1: Gs1Data | None = None
    code, name = normalise_scanned(raw, symbology) if symbology else (raw, "")
    if looks_like_gs1(raw):
        try:
            gs1 = parse_gs1(raw)
        except InvalidBarcode as error:
            kind = ScanKind.WRONG_CHECK_DIGIT if "check digit" in error.reason else ScanKind.INVALID
            return ScanResult(kind, raw, raw, symbology, reason=error.reason)
        if gs1.gtin is None:
            return ScanResult(
                ScanKind.INVALID, raw, raw, symbology, gs1=gs1, reason=Message("scan.gs1_without_gtin")
            )
        code, name = _shortest_form(gs1.gtin), name or "GS1"
    elif looks_like_gtin(code) and not is_valid_gtin(code, name or None):
        return ScanResult(ScanKind.WRONG_CHECK_DIGIT, raw, code, name, reason=_check_reason(code, name))
    return _Parsed(raw, code, name, gs1, lookup_forms(code, name))


def _resolve(uow: UnitOfWork, parsed: _Parsed, barcode_rows: code_lookup.Rows | None) -> ScanResult:
    raw, code, name, gs1, forms = parsed.raw, parsed.code, parsed.name, parsed.gs1, parsed.forms
    if barcode_rows is None:
        item = code_lookup.item_by_barcode(uow.engine, forms)
    else:
        item = code_lookup.item_of_barcode_rows(forms, barcode_rows)
    pack = None if item is not None else packs.pack_by_code(uow, forms)
    if pack is not None:
        item = catalog.get_item(uow, pack.item_id)
    item = item or code_lookup.item_by_sku(uow.engine, code)
    if item is not None:
        return ScanResult(ScanKind.ITEM, raw, code, name, item=item, gs1=gs1, pack=pack)
    if gs1 is None and not looks_like_gtin(code):
        located = _location(uow, raw, raw, allow_missing=True)
        if located.kind is ScanKind.LOCATION:
            return located
    return ScanResult(ScanKind.UNKNOWN, raw, code, name, gs1=gs1, reason=Message("scan.no_item"))


def _store_label(text: str) -> str | None:
    upper = text.upper()
    for prefix in STORE_PREFIXES:
        if upper.startswith(prefix):
            return text[len(prefix) :].strip()
    return None


def _location(uow: UnitOfWork, raw: str, code: str, *, allow_missing: bool) -> ScanResult:
    with uow:
        row = uow.session.scalar(
            select(Store).where(
                func.upper(Store.code) == code.upper(), Store.deleted.is_(False), Store.active.is_(True)
            )
        )
        store = StoreView.of(row) if row is not None else None
    if store is None:
        kind = ScanKind.UNKNOWN if allow_missing else ScanKind.INVALID
        return ScanResult(kind, raw, code, reason=Message("scan.no_store", code=code))
    return ScanResult(ScanKind.LOCATION, raw, store.code, store=store)


def _check_reason(code: str, symbology: str) -> str:
    try:
        validate_gtin(code, symbology or None)
    except InvalidBarcode as error:
        return error.reason
    return "has a wrong check digit"  # pragma: no cover - is_valid_gtin said it was wrong


def _shortest_form(gtin: str) -> str:
    """A GTIN-14 from a GS1 string as printed on the retail unit: EAN-8, UPC-A or EAN-13."""
    if len(gtin) == 14 and gtin.startswith("000000"):
        return gtin[6:]
    if len(gtin) == 14 and gtin.startswith("00"):
        return gtin[2:]
    if len(gtin) == 14 and gtin.startswith("0"):
        return gtin[1:]
    return gtin


def lookup_forms(code: str, symbology: str = "") -> list[str]:
    """Every printed form of the same GTIN a catalogue might hold, the scanned form first."""
    if not (code.isdigit() and code.isascii()) or len(code) not in (8, 12, 13, 14):
        return [code]
    gtins = []
    if len(code) == 8:
        if symbology in ("", "UPCE") and code[0] in "01":
            gtins.append(expand_upce(code))
        if symbology in ("", "EAN8"):
            gtins.append(code)
    else:
        gtins.append(code)
    forms = [code]
    for gtin in gtins:
        padded = gtin.zfill(14)
        for length in (14, 13, 12, 8):
            if padded[: 14 - length].strip("0") == "":
                forms.append(padded[14 - length :])
        upce = compress_upca(padded[2:]) if padded[:2] == "00" else None
        if upce is not None:
            forms.append(upce)
    return list(dict.fromkeys(forms))


_STORES_WITH_LEVEL = select(
    Store.id, Store.code, Store.name, Store.active, Store.deleted, StockLevel.on_hand
).outerjoin(StockLevel, and_(StockLevel.store_id == Store.id, StockLevel.item_id == bindparam("item_id")))
_FAST_STORES_WITH_LEVEL = FastRead(_STORES_WITH_LEVEL)


def item_card(uow: UnitOfWork, item: ItemView | ItemId, *, movements: int = 8) -> ItemCard:
    """The item (an ItemView as resolve_scan gave it, or an id), its stock in every active store and its
    latest movements, read in one unit of work: the counter shows this after every scan."""
    with uow:
        if not isinstance(item, ItemView):
            row = uow.get(Item, item, "item")
            item = ItemView.of(row, _live_barcodes(uow, row.id))
        # Every store with this item's level beside it (None where it never had stock): one query.
        stores = uow.session.execute(_STORES_WITH_LEVEL, {"item_id": item.id}).all()
        latest = []
        if movements > 0:
            rows = uow.session.scalars(
                select(StockMovement)
                .where(StockMovement.item_id == item.id)
                .order_by(StockMovement.at.desc(), StockMovement.id.desc())
                .limit(movements)
            )
            latest = [MovementView.of(row) for row in rows]
        places = places_of_item(uow, item.id)
    return ItemCard(item, _levels(stores), latest, _store_codes(stores), places)


@cache
def _levels_by_barcode(forms: int) -> FastRead:
    """`_STORES_WITH_LEVEL` for every item holding one of `forms` codes, the item first in each row."""
    hit = ItemBarcode.__table__.alias("hit")
    return FastRead(
        select(hit.c.item_id, *_STORES_WITH_LEVEL.selected_columns)
        .select_from(hit.join(Store, true()))
        .outerjoin(StockLevel, and_(StockLevel.store_id == Store.id, StockLevel.item_id == hit.c.item_id))
        .where(hit.c.code.in_([bindparam(f"form_{n}") for n in range(forms)]), hit.c.deleted.is_(False))
    )


def stock_card(
    uow: UnitOfWork, item: ItemView, level_rows: Sequence[Sequence[Any]] | None = None
) -> ItemCard:
    """The item with its stock in every active store and nothing else (no movements, no places): one
    statement in one round trip, for a look-up that answers with the levels alone. `level_rows`: those
    of `barcode_reads`, read already (used when they hold this item: it was found by that barcode)."""
    # By store: an item holding two forms of the code has each store's row once per form.
    held = {row[1]: row[1:] for row in level_rows or () if row[0] == item.id}
    stores: Sequence[Sequence[Any]] = list(held.values())
    if not stores:
        stores = _FAST_STORES_WITH_LEVEL.rows(uow.engine, {"item_id": item.id})
    return ItemCard(item, _levels(stores), [], _store_codes(stores))


def _levels(stores: Sequence[Sequence[Any]]) -> list[StockLevelView]:
    return [
        StockLevelView(StoreId(sid), code, name, Decimal(0) if on_hand is None else on_hand)
        for sid, code, name, active, deleted, on_hand in sorted(stores, key=lambda s: s[1])
        if active and not deleted
    ]


def _store_codes(stores: Sequence[Sequence[Any]]) -> dict[StoreId, str]:
    return {StoreId(sid): code for sid, code, *_rest in stores}


def _live_barcodes(uow: UnitOfWork, item_id: uuid.UUID) -> tuple[BarcodeView, ...]:
    rows = uow.session.execute(
        select(ItemBarcode.id, ItemBarcode.code, ItemBarcode.symbology)
        .where(ItemBarcode.item_id == item_id, ItemBarcode.deleted.is_(False))
        .order_by(ItemBarcode.created_at)
    )
    return tuple(BarcodeView(BarcodeId(ident), code, symbology) for ident, code, symbology in rows)


def next_instore_ean13(uow: UnitOfWork, *, prefix: int = INSTORE_PREFIX, taken: tuple[str, ...] = ()) -> str:
    """The next free in-store EAN-13 (restricted range 20-29) after the highest one already used.

    `taken` holds codes not saved yet (e.g. listed in an open editor) that must not be handed out.
    """
    make_instore_ean13(prefix, 0)  # refuses a prefix outside 20-29 before touching the database
    head = f"{prefix:02d}"
    with uow:
        codes = uow.session.scalars(
            select(ItemBarcode.code).where(
                ItemBarcode.code.like(f"{head}%"), func.length(ItemBarcode.code) == 13
            )
        ).all()
    numbers = [int(c[2:12]) for c in (*codes, *taken) if len(c) == 13 and c.isdigit() and c.startswith(head)]
    following = max(numbers, default=0) + 1
    if following >= 10**10:
        raise ValidationError("prefix", prefix, Message("prefix_full"))
    return make_instore_ean13(prefix, following)


def assign_instore_ean13(
    uow: UnitOfWork, actor: Actor, item_id: ItemId, *, prefix: int = INSTORE_PREFIX
) -> BarcodeView:
    """Give an item a new in-store EAN-13; retried if another write took the number meanwhile."""
    for _attempt in range(3):
        code = next_instore_ean13(uow, prefix=prefix)
        try:
            return catalog.add_barcode(uow, actor, item_id, code, "EAN13")
        except DuplicateValue:
            continue
    raise DuplicateValue("barcode", code, Message("barcode_retry"))
