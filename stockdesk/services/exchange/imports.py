"""Importing items (with categories, suppliers, barcodes and opening stock) from CSV or XLSX.

Every row is checked before anything is written, and every problem is reported at once as
(row, column, value, reason). Nothing is written unless all rows pass, or, when asked, only the rows
that passed are imported and the others handed back for fixing. Items, barcodes and opening stock go
in with one transaction: a file is either in the database or not, never half of it.

Opening stock is posted by `opening_stock.post` inside that same transaction (as receipts with the
reference "import", under the ledger's rules) rather than through `stock.post_movements`, which
would commit separately and could leave items without their stock after a crash. The same
permission check is made first.

A `Picture` cell names a file (relative to the item file's folder, `ImportOptions.folder`) or an
http(s) address, read once per import while the rows are checked, so a bad one is a row problem like
any other; the pictures are written with the rest (`item_pictures.py`, docs/pictures.md).

Speed (100,000 rows with barcodes and stock in two stores, `python -m bench imports`: 55 s -> 22 s):
the new items, their barcodes and opening stock are written with executemany whose per-column
conversion is resolved once (`db.fast_write`); the search index and the sync outbox are filled for
them with one set-based statement each at the end (`db.search_index.deferred`,
`db.capture.bulk_inserts`) instead of triggers firing per row; and a file that is a large share
of the catalogue has the sort indexes rebuilt once at the end (`db.bulk_indexes`).
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from sqlalchemy import bindparam, select, update

from stockdesk.db import bulk_indexes, capture, search_index
from stockdesk.db.models import Item, ItemBarcode, Store
from stockdesk.domain.messages import Message
from stockdesk.domain.movements import MovementKind
from stockdesk.domain.permissions import Action, Actor, allowed, require
from stockdesk.domain.skus import sku_key
from stockdesk.services.accounts import audit
from stockdesk.services.catalogue import bulk, variant_prices
from stockdesk.services.catalogue.bulk import BulkRejected, RowProblem
from stockdesk.services.catalogue.catalog import normalised_sku
from stockdesk.services.exchange import import_packs, import_variants, item_pictures
from stockdesk.services.exchange.import_checks import (
    CellValue,
    CheckedRow,
    Lookups,
    check_row,
    header_problems,
    plan_columns,
    repeated_keys,
)
from stockdesk.services.exchange.import_files import (
    IGNORE,
    POINT_PREFIX,
    QTY_PREFIX,
    STOCK_PREFIX,
    Table,
    map_columns,
    read_table,
    write_rejects,
)
from stockdesk.services.gc_pause import collector_paused
from stockdesk.services.inventory import opening_stock
from stockdesk.services.inventory.postings import Posting
from stockdesk.services.planning import store_points
from stockdesk.services.uow import UnitOfWork

Progress = Callable[[str, int, int], None]
REFERENCE = "import"
BATCH = 10_000
_ITEM_DEFAULTS: dict[str, CellValue] = {
    "description": "",
    "unit": "pcs",
    "sell_price": Decimal(0),
    "cost_price": Decimal(0),
    "reorder_point": Decimal(0),
    "reorder_qty": Decimal(0),
    "tracking": "none",
    "expiry_warn_days": None,
}
_ITEM_FIELDS = ("sku", "name", *_ITEM_DEFAULTS, "category_id", "supplier_id")


@dataclass(frozen=True)
class ImportOptions:
    valid_only: bool = False  # import the rows that pass, hand back the others
    upsert: bool = False  # a SKU that exists updates that item instead of being refused
    create_missing: bool = False  # unknown categories and suppliers are created instead of refused
    mapping: dict[str, str] | None = None  # file header -> field ("stock:CODE", "ignore")
    sheet: str | None = None
    dry_run: bool = False  # check everything, write nothing
    # Where a Picture cell's relative path is found: the item file's folder (import_file fills it in).
    folder: Path | None = None


@dataclass(frozen=True)
class RejectedRow:
    row: int
    cells: tuple[str, ...]
    problems: tuple[RowProblem, ...]

    @property
    def reason(self) -> str:
        return "; ".join(f"{p.field}: {p.value!r} {p.reason}" for p in self.problems)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    movements: int
    rejected: tuple[RejectedRow, ...] = ()
    created_lookups: tuple[str, ...] = ()  # categories and suppliers made by `create_missing`
    stock_not_posted: int = 0  # rows of existing items: opening stock is only for new items
    dry_run: bool = False
    pictures: int = 0  # items whose picture the file set or removed

    @property
    def problems(self) -> list[RowProblem]:
        return [p for row in self.rejected for p in row.problems]


class ImportRejected(BulkRejected):
    """Nothing was written; carries every problem and the rejected rows (to save them for fixing)."""

    def __init__(self, problems: Sequence[RowProblem], rejected: Sequence[RejectedRow] = ()) -> None:
        super().__init__(problems)
        self.rejected = list(rejected)


@dataclass(frozen=True, slots=True)
class _NewItem:
    """A plain copy of an item row just inserted, standing in for `Item` in ledger postings.

    The ledger and the alert rules only read attributes; building 100,000 ORM `Item` objects (even
    transient ones) took longer than inserting the rows, and loading them back longer still.
    """

    id: uuid.UUID
    sku: str
    name: str
    description: str
    unit: str
    sell_price: Decimal
    cost_price: Decimal
    reorder_point: Decimal
    reorder_qty: Decimal
    owner_id: uuid.UUID
    tracking: str = "none"
    expiry_warn_days: int | None = None
    category_id: uuid.UUID | None = None
    supplier_id: uuid.UUID | None = None
    active: bool = True
    is_template: bool = False  # an imported item is never a template when its stock is posted


@dataclass
class _Existing:
    """Items whose SKU the file names (upsert): id, stored name, and barcodes already attached."""

    ids: dict[str, uuid.UUID] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    codes: set[tuple[str, uuid.UUID]] = field(default_factory=set)


def import_file(
    uow: UnitOfWork,
    actor: Actor,
    path: Path,
    *,
    options: ImportOptions | None = None,
    rejects: Path | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Read `path` (CSV/TSV/XLSX) and import it; rejected rows go to `rejects` when given.

    Picture cells with a relative path are found beside `path` unless `options.folder` says otherwise.
    """
    options = options or ImportOptions()
    if options.folder is None:
        options = dataclasses.replace(options, folder=path.absolute().parent)
    table = read_table(path, sheet=options.sheet)
    try:
        result = import_table(uow, actor, table, options=options, progress=progress)
    except ImportRejected as error:
        if rejects is not None and error.rejected:
            _save_rejects(rejects, table, error.rejected)
        raise
    if rejects is not None and result.rejected:
        _save_rejects(rejects, table, result.rejected)
    return result


def _save_rejects(path: Path, table: Table, rejected: Sequence[RejectedRow]) -> None:
    write_rejects(path, table.headers, ((r.cells, r.reason) for r in rejected), delimiter=table.delimiter)


def import_table(
    uow: UnitOfWork,
    actor: Actor,
    table: Table,
    *,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Check every row of `table`; write all, the valid ones, or none (raising ImportRejected)."""
    options = options or ImportOptions()
    report = progress or (lambda _stage, _done, _total: None)
    with uow, collector_paused(), item_pictures.PictureSources(options.folder) as pictures:
        require(actor, Action.CREATE_ITEM)
        uow.actor_id = actor.id
        fields = map_columns(table.headers, options.mapping)
        lookups = Lookups(uow, create_missing=options.create_missing)
        fatal = header_problems(table.headers, fields, lookups.stores, upsert=options.upsert)
        if fatal:
            raise ImportRejected(fatal)
        stock_stores = [lookups.stores[f[len(STOCK_PREFIX) :]] for f in fields if f.startswith(STOCK_PREFIX)]
        require(actor, Action.MOVE_STOCK, store_ids=stock_stores)
        if any(f.startswith((POINT_PREFIX, QTY_PREFIX)) for f in fields):
            require(actor, Action.MANAGE_CATALOGUE)  # as in the item editor's per-store table
        rows, existing = _check_all(uow, actor, table, fields, lookups, options, pictures, report)
        rejected = tuple(RejectedRow(r.number, r.cells, tuple(r.problems)) for r in rows if r.problems)
        if rejected and not options.valid_only:
            raise ImportRejected([p for r in rejected for p in r.problems], rejected)
        if lookups.created:
            require(actor, Action.MANAGE_CATALOGUE)
        good = [r for r in rows if not r.problems]
        if options.dry_run:
            return _result(good, existing, 0, rejected, lookups, True)
        movements, pictured = _write(uow, actor, good, existing, pictures, report)
        audit.record(
            uow,
            actor,
            "item.import",
            "item",
            None,
            rows=len(good),
            rejected=len(rejected),
            movements=movements,
            pictures=pictured,
        )
        uow.commit()
        return _result(good, existing, movements, rejected, lookups, False, pictured)


def _result(
    good: list[CheckedRow],
    existing: _Existing,
    movements: int,
    rejected: tuple[RejectedRow, ...],
    lookups: Lookups,
    dry_run: bool,
    pictures: int = 0,
) -> ImportResult:
    updated = [r for r in good if r.values["sku"] in existing.ids]
    return ImportResult(
        created=len(good) - len(updated),
        updated=len(updated),
        movements=movements,
        rejected=rejected,
        created_lookups=tuple(lookups.created),
        stock_not_posted=sum(1 for r in updated if r.stock),
        dry_run=dry_run,
        pictures=pictures,
    )


def _check_all(
    uow: UnitOfWork,
    actor: Actor,
    table: Table,
    fields: list[str],
    lookups: Lookups,
    options: ImportOptions,
    pictures: item_pictures.PictureSources,
    report: Progress,
) -> tuple[list[CheckedRow], _Existing]:
    columns = [(i, h, f) for i, (h, f) in enumerate(zip(table.headers, fields, strict=True)) if f != IGNORE]
    header_of = {f: h for _i, h, f in columns}
    plan = plan_columns(columns)
    rows: list[CheckedRow] = []
    for offset, cells in enumerate(table.rows):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line inside the file is not an item
        rows.append(check_row(table.first_row + offset, cells, plan, lookups, table.delimiter))
        if len(rows) % 5000 == 0:
            report("checking", len(rows), len(table.rows))
    repeated_keys(rows, header_of)
    if "picture" in header_of:  # each file or address read once, however many rows name it
        item_pictures.check_rows(
            rows, header_of["picture"], pictures, lambda done, total: report("reading pictures", done, total)
        )
    existing = _existing_items(uow, rows) if options.upsert else _Existing()
    _stored_conflicts(uow, actor, rows, existing, header_of)
    if "packs" in header_of:
        import_packs.pack_conflicts(uow, rows, existing.ids, header_of["packs"])
    if "template" in header_of or "attributes" in header_of:
        import_variants.variant_conflicts(uow, rows, existing.ids, header_of)
    report("checking", len(table.rows), len(table.rows))
    return rows, existing


def _stored_conflicts(
    uow: UnitOfWork, actor: Actor, rows: list[CheckedRow], existing: _Existing, header_of: dict[str, str]
) -> None:
    """SKUs and barcodes already stored (the rule of bulk item creation) and items this actor may not edit.

    The cells themselves were checked by `check_row` with the same rules bulk creation applies, and
    repeats inside the file by `repeated_keys`; only what the database holds is left to look up.
    """
    candidates = [r for r in rows if not r.problems]
    for row in candidates:
        if "name" not in row.values and str(row.values["sku"]) not in existing.ids:
            # An upsert file may leave out the name of items it updates, not of items it creates.
            row.problem(header_of["sku"], row.values["sku"], Message("new_item_no_name"))
    candidates = [r for r in candidates if not r.problems]
    skus: dict[str, int] = {}
    codes: dict[str, int] = {}
    for index, row in enumerate(candidates):
        skus.setdefault(str(row.values["sku"]), index)
        for code in row.barcodes:
            codes.setdefault(code, index)
    for problem in bulk.stored_conflicts(uow, skus, codes):
        row = candidates[problem.row]
        item_id = existing.ids.get(str(row.values["sku"]))
        if item_id is not None and problem.field == "sku":
            continue  # upsert: the stored SKU is the item to update
        if item_id is not None and (problem.value, item_id) in existing.codes:
            continue  # upsert: the barcode is already this item's
        value = "" if problem.value is None else problem.value
        row.problem(header_of.get(problem.field, problem.field), value, problem.reason)
    owners = _owners(uow, existing)
    for row in candidates:
        item_id = existing.ids.get(str(row.values["sku"]))
        if item_id is not None and not allowed(actor, Action.EDIT_ITEM, owner_id=owners.get(item_id)):
            row.problem(header_of["sku"], row.values["sku"], Message("not_yours"))


def _existing_items(uow: UnitOfWork, rows: Sequence[CheckedRow]) -> _Existing:
    """Stored items the file's SKUs name, keyed by the SKU as the file writes it ("d2" updates "D2")."""
    by_key = {sku_key(str(r.values["sku"])): str(r.values["sku"]) for r in rows if "sku" in r.values}
    keys = list(by_key)
    found = _Existing()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        query = select(Item.sku, Item.id, Item.name).where(normalised_sku(Item.sku).in_(chunk))
        for stored, ident, name in uow.session.connection().execute(query):
            sku = by_key.get(sku_key(stored))
            if sku is not None:
                found.ids[sku] = ident
                found.names[sku] = name
    ids = list(found.ids.values())
    for start in range(0, len(ids), 500):
        codes = select(ItemBarcode.code, ItemBarcode.item_id).where(
            ItemBarcode.item_id.in_(ids[start : start + 500]), ItemBarcode.deleted.is_(False)
        )
        found.codes.update((code, item) for code, item in uow.session.execute(codes))
    return found


def _owners(uow: UnitOfWork, existing: _Existing) -> dict[uuid.UUID, uuid.UUID | None]:
    ids = list(existing.ids.values())
    owners: dict[uuid.UUID, uuid.UUID | None] = {}
    for start in range(0, len(ids), 500):
        query = select(Item.id, Item.owner_id).where(Item.id.in_(ids[start : start + 500]))
        owners.update(dict(uow.session.execute(query).tuples().all()))
    return owners


def _write(
    uow: UnitOfWork,
    actor: Actor,
    good: list[CheckedRow],
    existing: _Existing,
    pictures: item_pictures.PictureSources,
    report: Progress,
) -> tuple[int, int]:
    """Write the checked rows; returns (opening stock movements, items whose picture changed)."""
    new = [r for r in good if r.values["sku"] not in existing.ids]
    old = [r for r in good if r.values["sku"] in existing.ids]
    items: list[_NewItem] = []
    # New items, their barcodes and opening stock first, indexed for search and captured for sync
    # with a few set-based statements at the end instead of triggers firing row by row; a file
    # that fills a young catalogue also has the sort indexes rebuilt once instead of row by row.
    connection = uow.session.connection()
    places = sum(len(r.stock) for r in new)
    planned = {"item": len(new), "stock_movement": places, "stock_level": places}
    with (
        bulk_indexes.large_cache(connection),
        bulk_indexes.rebuilt_after(connection, planned),
        search_index.deferred(connection),
        capture.bulk_inserts(connection, ["item", "item_barcode", "stock_movement"]),
    ):
        for start in range(0, len(new), BATCH):
            chunk = new[start : start + BATCH]
            cleaned = [{**_ITEM_DEFAULTS, **_item_fields(r.values)} for r in chunk]
            codes = [list(r.barcodes) for r in chunk]
            # `check_row` gave each cell its field's type; the checker sees one union for all fields.
            ids = bulk.insert_clean_items(uow, actor, cleaned, codes)  # type: ignore[arg-type]
            items += [
                _NewItem(id=i, owner_id=actor.id, **c)  # type: ignore[arg-type]
                for i, c in zip(ids, cleaned, strict=True)
            ]
            report("writing items", start + len(chunk), len(good))
        movements = _post_opening_stock(uow, actor, new, items, report)
    _update_items(uow, actor, old, existing)
    prices = {"sell_price", "cost_price"}
    priced = [existing.ids[str(r.values["sku"])] for r in old if prices & r.values.keys()]
    if priced:  # variants' own prices and templates' followers, as an edit in the window would
        variant_prices.after_bulk_update(uow, priced)
    new_ids = {str(r.values["sku"]): item.id for r, item in zip(new, items, strict=True)}
    overrides = {
        (new_ids.get(str(r.values["sku"])) or existing.ids[str(r.values["sku"])]): r.points
        for r in good
        if r.points
    }
    if overrides:
        store_points.write_overrides(uow, overrides)
    packs = {
        (new_ids.get(str(r.values["sku"])) or existing.ids[str(r.values["sku"])]): r.packs
        for r in good
        if r.packs is not None
    }
    if packs:
        import_packs.write_packs(uow, actor, packs)
    every = {**existing.ids, **new_ids}
    import_variants.write_variants(uow, actor, [r for r in good if str(r.values["sku"]) in every], every)
    chosen = {every[str(r.values["sku"])]: r.picture for r in good if r.picture is not None}
    pictured = item_pictures.write_pictures(uow, chosen, pictures) if chosen else 0
    return movements, pictured


def _item_fields(values: Mapping[str, CellValue]) -> dict[str, CellValue]:
    return {name: values[name] for name in _ITEM_FIELDS if name in values}


def _update_items(uow: UnitOfWork, actor: Actor, rows: list[CheckedRow], existing: _Existing) -> None:
    """Only the cells the file filled change; grouped by which fields, so each group is one executemany."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    new_codes: list[list[str]] = []
    targets: list[uuid.UUID] = []
    for row in rows:
        item_id = existing.ids[str(row.values["sku"])]
        fields = _item_fields(row.values)
        fields.pop("sku")
        groups.setdefault(tuple(sorted(fields)), []).append({"_id": item_id, **fields})
        codes = [c for c in row.barcodes if (c, item_id) not in existing.codes]
        if codes:
            new_codes.append(codes)
            targets.append(item_id)
    for names, params in groups.items():
        values = {name: bindparam(name, type_=Item.__table__.c[name].type) for name in names}
        statement = update(Item).where(Item.id == bindparam("_id")).values(updated_by=actor.id, **values)
        uow.session.connection().execute(statement, params)
    if new_codes:
        bulk.insert_barcodes(uow, actor, targets, new_codes)


def _post_opening_stock(
    uow: UnitOfWork, actor: Actor, rows: list[CheckedRow], items: list[_NewItem], report: Progress
) -> int:
    stores = {s.id: s for s in uow.session.scalars(select(Store))}
    postings: list[Posting] = []
    for row, item in zip(rows, items, strict=True):
        cost = row.values.get("cost_price")
        for store_id, quantity in row.stock.items():
            postings.append(
                Posting(
                    cast(Item, item),
                    stores[store_id],
                    MovementKind.RECEIVE,
                    quantity,
                    REFERENCE,
                    unit_cost=cost if isinstance(cost, Decimal) else None,
                )
            )
    report("posting opening stock", 0, len(postings))
    opening_stock.post(uow, postings, user_id=actor.id)
    report("posting opening stock", len(postings), len(postings))
    return len(postings)
