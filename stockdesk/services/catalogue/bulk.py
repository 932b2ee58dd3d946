"""Many items in one transaction: every row validated first, every problem reported, nothing half-written.

Used by the demo generator and by imports; the rules are the same ones `catalog.create_item` applies.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypedDict

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute

from stockdesk.db import fast_write
from stockdesk.db.models import Category, Item, ItemBarcode, Supplier
from stockdesk.domain.errors import StockDeskError, ValidationError
from stockdesk.domain.ids import CategoryId, ItemId, SupplierId, new_ids
from stockdesk.domain.messages import Message, as_message
from stockdesk.domain.numbers import MoneyInput, QuantityInput, parse_money, parse_quantity
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.domain.skus import sku_key
from stockdesk.services.accounts import audit
from stockdesk.services.catalogue.catalog import _guess_symbology, clean_barcode, normalised_sku
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import optional_text, required_text


@dataclass(frozen=True)
class RowProblem:
    row: int
    field: str
    value: object  # whatever the row held, shown as given (`!r`): text, a number, an id, a list
    reason: str

    def __str__(self) -> str:
        return str(self.message)

    @property
    def message(self) -> Message:
        """The problem as one sentence a front end can translate (`reason` may be a Message itself)."""
        reason = as_message(self.reason)
        return Message("row_problem", row=self.row, field=self.field, value=self.value, reason=reason)


class BulkRejected(StockDeskError):
    """Some rows were bad; carries every problem so a person can fix them all at once."""

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        self.problems = list(problems)
        shown = "; ".join(str(p) for p in self.problems[:5])
        more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        super().__init__(f"{len(self.problems)} problem(s): {shown}{more}")


class NewItem(TypedDict, total=False):
    """One item to create, as a file or the demo gives it; `catalog.create_item`'s rules apply."""

    sku: str
    name: str
    description: str
    unit: str
    sell_price: MoneyInput
    cost_price: MoneyInput
    reorder_point: QuantityInput
    reorder_qty: QuantityInput
    category_id: CategoryId | None
    supplier_id: SupplierId | None
    barcodes: str | Sequence[str]  # "a, b" or a list


class CleanItem(TypedDict, total=False):
    """An item row that passed every check, ready for the insert."""

    sku: str
    name: str
    description: str
    unit: str
    sell_price: Decimal | None
    cost_price: Decimal | None
    reorder_point: Decimal
    reorder_qty: Decimal
    category_id: uuid.UUID
    supplier_id: uuid.UUID


def _known(field: str, entity: str, value: uuid.UUID | None, known: set[uuid.UUID]) -> uuid.UUID | None:
    if value in (None, ""):
        return None
    if value not in known:
        raise ValidationError(field, value, Message("unknown_entity", entity=entity))
    return value


def _clean_row(row: NewItem, known: dict[str, set[uuid.UUID]]) -> CleanItem:
    clean: CleanItem = {
        "sku": required_text("sku", row.get("sku"), max_length=64),
        "name": required_text("name", row.get("name"), max_length=300),
        "description": optional_text("description", row.get("description", ""), max_length=10_000),
        "unit": required_text("unit", row.get("unit") or "pcs", max_length=16),
        "sell_price": parse_money("sell_price", row.get("sell_price", "0")),
        "cost_price": parse_money("cost_price", row.get("cost_price", "0")),
        "reorder_point": parse_quantity("reorder_point", row.get("reorder_point", "0"), allow_zero=True),
        "reorder_qty": parse_quantity("reorder_qty", row.get("reorder_qty", "0"), allow_zero=True),
    }
    category = _known("category_id", "category", row.get("category_id"), known["category"])
    if category is not None:
        clean["category_id"] = category
    supplier = _known("supplier_id", "supplier", row.get("supplier_id"), known["supplier"])
    if supplier is not None:
        clean["supplier_id"] = supplier
    return clean


def validate_items(
    uow: UnitOfWork, rows: Sequence[NewItem], *, first_row: int = 1
) -> tuple[list[CleanItem], list[list[str]], list[RowProblem]]:
    """Check every row (inside an open unit of work); returns clean rows, their barcodes, and problems."""
    known = {
        "category": set(uow.session.scalars(select(Category.id).where(Category.deleted.is_(False)))),
        "supplier": set(uow.session.scalars(select(Supplier.id).where(Supplier.deleted.is_(False)))),
    }
    problems: list[RowProblem] = []
    cleaned: list[CleanItem] = []
    codes: list[list[str]] = []
    numbers: list[int] = []
    for number, row in enumerate(rows, start=first_row):
        try:
            clean = _clean_row(row, known)
            row_codes = [clean_barcode(code) for code in _codes(row.get("barcodes", ()))]
        except ValidationError as error:
            problems.append(RowProblem(number, error.field or "", error.value, error.reason))
            continue
        cleaned.append(clean)
        codes.append(row_codes)
        numbers.append(number)
    problems.extend(_duplicates(uow, cleaned, codes, numbers))
    problems.sort(key=lambda problem: problem.row)
    return cleaned, codes, problems


def _codes(value: str | Sequence[str] | None) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part for part in (p.strip() for p in value.replace(";", ",").split(",")) if part]
    return [str(code) for code in value]


def _duplicates(
    uow: UnitOfWork, cleaned: list[CleanItem], codes: list[list[str]], numbers: list[int]
) -> Iterable[RowProblem]:
    seen_skus: dict[str, int] = {}
    seen_keys: dict[str, int] = {}
    seen_codes: dict[str, int] = {}
    for number, row, row_codes in zip(numbers, cleaned, codes, strict=True):
        key = sku_key(str(row["sku"]))
        if key in seen_keys:
            yield RowProblem(number, "sku", row["sku"], Message("repeats_row", row=seen_keys[key]))
        seen_keys.setdefault(key, number)
        seen_skus.setdefault(row["sku"], number)
        for code in row_codes:
            if code in seen_codes:
                yield RowProblem(number, "barcodes", code, Message("repeats_row", row=seen_codes[code]))
            seen_codes.setdefault(code, number)
    yield from stored_conflicts(uow, seen_skus, seen_codes)


def stored_conflicts(
    uow: UnitOfWork, skus: Mapping[str, int], codes: Mapping[str, int]
) -> Iterable[RowProblem]:
    """SKUs and barcodes (each mapped to the row that brings it) that a stored item already uses.

    SKUs compare ignoring case and surrounding spaces, as the database does (upper(trim(sku))).
    """
    yield from _skus_stored(uow, skus)
    yield from _already_stored(uow, "barcodes", ItemBarcode.code, codes)


def _skus_stored(uow: UnitOfWork, skus: Mapping[str, int]) -> Iterable[RowProblem]:
    by_key = {sku_key(str(sku)): sku for sku in skus}
    keys = list(by_key)
    for start in range(0, len(keys), 500):
        query = select(Item.sku).where(normalised_sku(Item.sku).in_(keys[start : start + 500]))
        for stored in uow.session.connection().execute(query).scalars():
            sku = by_key.get(sku_key(stored))
            if sku is None:
                continue  # the database folds a letter's case that Python does not (or the other way)
            reason = Message("sku_taken") if stored == sku else Message("sku_taken_as", taken=stored)
            yield RowProblem(skus[sku], "sku", sku, reason)


def _already_stored(
    uow: UnitOfWork, field: str, column: InstrumentedAttribute[str], values: Mapping[str, int]
) -> Iterable[RowProblem]:
    keys = list(values)
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        for value in uow.session.connection().execute(select(column).where(column.in_(chunk))).scalars():
            yield RowProblem(values[value], field, value, Message("sku_taken"))


def create_items(
    uow: UnitOfWork, actor: Actor, rows: Sequence[NewItem], *, first_row: int = 1
) -> list[ItemId]:
    """Create every row or none; raises BulkRejected listing every problem. Returns the new item ids."""
    with uow:
        require(actor, Action.CREATE_ITEM)
        uow.actor_id = actor.id
        cleaned, codes, problems = validate_items(uow, rows, first_row=first_row)
        if problems:
            raise BulkRejected(problems)
        ids = insert_clean_items(uow, actor, cleaned, codes)
        audit.record(uow, actor, "item.bulk_create", "item", None, count=len(ids))
        uow.commit()
        return ids


def insert_clean_items(
    uow: UnitOfWork, actor: Actor, cleaned: Sequence[CleanItem], codes: Sequence[Sequence[str]]
) -> list[ItemId]:
    """Insert rows that `validate_items` passed, with Core inserts (an ORM object per row is 5x slower)."""
    stamp = {"owner_id": actor.id, "updated_by": actor.id, "origin_desk": uow.desk_id, "active": True}
    # One executemany needs one set of keys: a row without a category still names the column.
    optional = {"category_id": None, "supplier_id": None, "description": ""}
    ids = [ItemId(made) for made in new_ids(len(cleaned))]  # at once: a 100,000-row import
    item_rows = [{"id": i, **stamp, **optional, **row} for i, row in zip(ids, cleaned, strict=True)]
    fast_write.executemany(uow.session.connection(), Item.__table__.insert(), item_rows)
    insert_barcodes(uow, actor, ids, codes)
    return ids


def insert_barcodes(
    uow: UnitOfWork, actor: Actor, item_ids: Sequence[uuid.UUID], codes: Sequence[Sequence[str]]
) -> None:
    """Attach checked barcodes (`codes[n]` to `item_ids[n]`), symbology guessed from each code."""
    pairs = [(item_id, code) for item_id, item_codes in zip(item_ids, codes, strict=True)
             for code in item_codes]
    rows = [
        {
            "id": barcode_id,
            "item_id": item_id,
            "code": code,
            "symbology": _guess_symbology(code),
            "updated_by": actor.id,
            "origin_desk": uow.desk_id,
        }
        for barcode_id, (item_id, code) in zip(new_ids(len(pairs)), pairs, strict=True)
    ]
    fast_write.executemany(uow.session.connection(), ItemBarcode.__table__.insert(), rows)
