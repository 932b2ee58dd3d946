"""The `packs` column of an item file: checked against the stored catalogue, then written.

A listed cell makes the item's packs exactly what it lists: packs of the same name are changed in
place (their id, so what synced desks hold, stays), new ones added and those not listed removed. An
empty cell leaves the packs alone; `-` removes them all (domain/pack_cells.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence

from sqlalchemy import select

from stockdesk.db.models import Item, ItemBarcode
from stockdesk.db.pack_models import ItemPack
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message
from stockdesk.domain.pack_cells import PackEntry
from stockdesk.domain.permissions import Actor
from stockdesk.domain.units import check_pack_factor
from stockdesk.services.accounts import audit
from stockdesk.services.catalogue.packs import tombstone
from stockdesk.services.exchange.import_checks import CheckedRow
from stockdesk.services.uow import UnitOfWork

CHUNK = 500


def pack_conflicts(
    uow: UnitOfWork, rows: Sequence[CheckedRow], existing: Mapping[str, uuid.UUID], header: str
) -> None:
    """Contents that do not fit the item's unit, and pack codes that are a barcode or another item's
    pack (stored or elsewhere in the file), each a problem on its row under the packs column."""
    listed = [r for r in rows if r.packs and not r.problems]
    if not listed:
        return
    units = _stored_units(
        uow, [existing[str(r.values["sku"])] for r in listed if str(r.values["sku"]) in existing]
    )
    file_barcodes = {code for row in rows for code in row.barcodes}
    codes = {p.code for row in listed for p in row.packs or () if p.code}
    barcode_owners, pack_owners = _stored_code_owners(uow, codes)
    first_row: dict[str, int] = {}
    for row in listed:
        item_id = existing.get(str(row.values["sku"]))
        unit = str(row.values.get("unit") or (units.get(item_id) if item_id else None) or "pcs")
        for pack in row.packs or ():
            try:
                check_pack_factor(header, pack.factor, unit)
            except ValidationError as error:
                row.problem(header, f"{pack.name}={pack.factor}", error.reason)
            if not pack.code:
                continue
            owner = pack_owners.get(pack.code)
            taken = (
                pack.code in file_barcodes
                or pack.code in barcode_owners
                or (owner is not None and owner != item_id)
            )
            if taken:
                row.problem(header, pack.code, Message("pack.code_taken"))
            elif pack.code in first_row:
                row.problem(header, pack.code, Message("repeats_row", row=first_row[pack.code]))
            first_row.setdefault(pack.code, row.number)


def _stored_units(uow: UnitOfWork, item_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    units: dict[uuid.UUID, str] = {}
    for start in range(0, len(item_ids), CHUNK):
        query = select(Item.id, Item.unit).where(Item.id.in_(item_ids[start : start + CHUNK]))
        units.update(dict(uow.session.execute(query).tuples().all()))
    return units


def _stored_code_owners(
    uow: UnitOfWork, codes: set[str]
) -> tuple[dict[str, uuid.UUID], dict[str, uuid.UUID]]:
    """Item id by barcode, and item id by live pack code, for the codes asked about."""
    listed = sorted(codes)
    barcodes: dict[str, uuid.UUID] = {}
    packs: dict[str, uuid.UUID] = {}
    for start in range(0, len(listed), CHUNK):
        chunk = listed[start : start + CHUNK]
        stored = select(ItemBarcode.code, ItemBarcode.item_id).where(ItemBarcode.code.in_(chunk))
        barcodes.update((code, item_id) for code, item_id in uow.session.execute(stored).tuples())
        live = select(ItemPack.code, ItemPack.item_id).where(
            ItemPack.code.in_(chunk), ItemPack.deleted.is_(False)
        )
        packs.update((code, item_id) for code, item_id in uow.session.execute(live).tuples() if code)
    return barcodes, packs


def write_packs(uow: UnitOfWork, actor: Actor, wanted: Mapping[uuid.UUID, list[PackEntry]]) -> None:
    """Make each item's live packs exactly the listed ones (inside the import's transaction)."""
    item_ids = list(wanted)
    stored: dict[uuid.UUID, list[ItemPack]] = {item_id: [] for item_id in item_ids}
    for start in range(0, len(item_ids), CHUNK):
        rows = uow.session.scalars(
            select(ItemPack).where(
                ItemPack.item_id.in_(item_ids[start : start + CHUNK]), ItemPack.deleted.is_(False)
            )
        )
        for pack in rows:
            stored[pack.item_id].append(pack)
    # Removals and code changes first: a code moving from one pack to another must be free when the
    # second pack takes it (the code column is unique).
    kept: list[tuple[ItemPack, PackEntry]] = []
    added: list[ItemPack] = []
    for item_id, entries in wanted.items():
        by_name: dict[str, ItemPack | None] = {row.name.lower(): row for row in stored[item_id]}
        for entry in entries:
            same = by_name.pop(entry.name.lower(), None)
            if same is None:
                added.append(_new_pack(item_id, entry))
            else:
                kept.append((same, entry))
        for gone in filter(None, by_name.values()):
            audit.record(uow, actor, "pack.remove", "item", item_id, pack=gone.name, source="import")
            tombstone(gone)
    moving = [(row, entry) for row, entry in kept if (row.code or "") != entry.code]
    for row, _entry in moving:
        row.code = None  # only packs whose code changes: an unchanged pack writes nothing (nor syncs)
    if moving:
        uow.session.flush()
    for row, entry in kept:
        row.name, row.factor, row.code, row.purchase = (
            entry.name,
            entry.factor,
            entry.code or None,
            entry.purchase,
        )
    uow.session.add_all(added)
    uow.session.flush()


def _new_pack(item_id: uuid.UUID, entry: PackEntry) -> ItemPack:
    return ItemPack(
        item_id=item_id,
        name=entry.name,
        factor=entry.factor,
        code=entry.code or None,
        purchase=entry.purchase,
    )
