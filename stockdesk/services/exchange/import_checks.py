"""Checking every cell of an item file before anything is written.

`bulk.validate_items` stops at the first bad field of a row; a person fixing a file wants every bad
cell at once, so each cell is checked here on its own with the same parsers, and `validate_items`
then runs on the rows that passed (its checks against stored SKUs and barcodes are the shared rule).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from sqlalchemy import select

from stockdesk.db.models import Category, Store, Supplier
from stockdesk.domain import variants as variant_rules
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message
from stockdesk.domain.numbers import parse_money, parse_quantity
from stockdesk.domain.pack_cells import PackEntry, parse_pack_cell
from stockdesk.domain.skus import sku_key
from stockdesk.domain.tracking import Tracking
from stockdesk.domain.units import check_in_unit
from stockdesk.services.catalogue.bulk import RowProblem
from stockdesk.services.catalogue.catalog import clean_barcode
from stockdesk.services.exchange.import_files import (
    FIELDS,
    IGNORE,
    POINT_PREFIX,
    QTY_PREFIX,
    STOCK_PREFIX,
    STORE_PREFIXES,
)
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import optional_text, required_text, whole_number

_DECIMAL_COMMA = re.compile(r"^-?\d{1,3}(\.\d{3})*,\d+$|^-?\d+,\d+$")
_TEXT_LIMITS = {"sku": 64, "name": 300, "unit": 16}
_MONEY = ("sell_price", "cost_price")
_QUANTITY = ("reorder_point", "reorder_qty")


# A checked cell: text, a parsed number, a category or supplier id, or a row's barcodes.
CellValue = str | Decimal | uuid.UUID | list[str] | int | None


@dataclass
class CheckedRow:
    """One data row: the values for `bulk.validate_items`, its opening stock and its problems."""

    number: int
    cells: tuple[str, ...]
    values: dict[str, CellValue] = field(default_factory=dict)
    stock: dict[uuid.UUID, Decimal] = field(default_factory=dict)
    # store id -> (reorder point, reorder quantity) of the store's own override; None: not in the file
    points: dict[uuid.UUID, list[Decimal | None]] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)
    packs: list[PackEntry] | None = None  # None: the file leaves the item's packs alone
    template: str | None = None  # a variant's template SKU (None: the file leaves it alone)
    attributes: dict[str, str] | None = None  # a variant's values
    picture: str | None = None  # the picture's file, address or `-` (None: the file leaves it alone)

    @property
    def barcodes(self) -> list[str]:
        codes = self.values.get("barcodes")
        return codes if isinstance(codes, list) else []

    def problem(self, column: str, value: object, reason: str) -> None:
        self.problems.append(RowProblem(self.number, column, value, reason))


def header_problems(
    headers: Sequence[str], fields: Sequence[str], stores: Mapping[str, uuid.UUID], *, upsert: bool
) -> list[RowProblem]:
    """Columns that make the whole file unusable: missing SKU or name, a field twice, an unknown store."""
    problems: list[RowProblem] = []
    seen: dict[str, str] = {}
    for header, name in zip(headers, fields, strict=True):
        if name == IGNORE:
            continue
        prefix = next((p for p in STORE_PREFIXES if name.startswith(p)), None)
        if prefix is not None:
            if name[len(prefix) :] not in stores:
                code = name[len(prefix) :]
                problems.append(RowProblem(1, header, code, Message("unknown_store_code")))
        elif name not in FIELDS:
            problems.append(RowProblem(1, header, name, Message("not_item_field")))
        if name in seen:
            problems.append(RowProblem(1, header, name, Message("mapped_twice", column=seen[name])))
        seen.setdefault(name, header)
    required = ("sku",) if upsert else ("sku", "name")
    for name in required:
        if name not in seen:
            problems.append(RowProblem(1, name, "", Message("no_column", name=name)))
    return problems


CellCheck = Callable[["CheckedRow", str, str, "Lookups", str], None]


class Lookups:
    """Categories by path, suppliers by name and stores by code, loaded once per import."""

    def __init__(self, uow: UnitOfWork, *, create_missing: bool) -> None:
        self.uow = uow
        self.create_missing = create_missing
        self.created: list[str] = []
        # Prices and quantities repeat down a file: each (field, cell) is parsed once per import.
        self.numbers: dict[tuple[str, str], Decimal] = {}
        self.in_unit: set[tuple[Decimal, str]] = set()
        live = Category.deleted.is_(False)
        self.children: dict[tuple[uuid.UUID | None, str], uuid.UUID] = {
            (parent, name.strip().lower()): ident
            for ident, name, parent in uow.session.execute(
                select(Category.id, Category.name, Category.parent_id).where(live)
            )
        }
        self.suppliers: dict[str, uuid.UUID] = {
            name.strip().lower(): ident
            for ident, name in uow.session.execute(
                select(Supplier.id, Supplier.name).where(Supplier.deleted.is_(False))
            )
        }
        self.stores: dict[str, uuid.UUID] = dict(
            uow.session.execute(select(Store.code, Store.id).where(Store.deleted.is_(False))).tuples().all()
        )

    def category(self, path: str) -> uuid.UUID | None:
        """The category at "Tools > Saws" (names compared without case); created when allowed."""
        parent: uuid.UUID | None = None
        for part in (p.strip() for p in path.split(">")):
            if not part:
                raise ValidationError("category", path, Message("category_empty_level"))
            found = self.children.get((parent, part.lower()))
            if found is None:
                if not self.create_missing:
                    raise ValidationError("category", path, Message("unknown_category"))
                found = self._add(
                    Category(name=required_text("category", part, max_length=200), parent_id=parent)
                )
                self.children[(parent, part.lower())] = found
                self.created.append(f"category {path}")
            parent = found
        return parent

    def supplier(self, name: str) -> uuid.UUID:
        found = self.suppliers.get(name.strip().lower())
        if found is None:
            if not self.create_missing:
                raise ValidationError("supplier", name, Message("unknown_supplier"))
            found = self._add(Supplier(name=required_text("supplier", name, max_length=200)))
            self.suppliers[name.strip().lower()] = found
            self.created.append(f"supplier {name}")
        return found

    def _add(self, row: Category | Supplier) -> uuid.UUID:
        # Created inside the import's transaction: a rejected file rolls them back with everything else.
        self.uow.session.add(row)
        self.uow.session.flush()
        return row.id


def number_text(value: str, delimiter: str) -> str:
    """ "12,50" means 12.50 in a ";"-separated file (European Excel); elsewhere a comma is refused."""
    text = value.strip()
    if delimiter == ";" and _DECIMAL_COMMA.match(text):
        return text.replace(".", "").replace(",", ".")
    return text


# A mapped column as the checks use it: (index, header, field, its check, an empty cell is skipped).
Column = tuple[int, str, str, "CellCheck", bool]


def plan_columns(columns: Sequence[tuple[int, str, str]]) -> list[Column]:
    """Each (index, header, field) with its check, chosen once per import rather than once per cell."""
    return [
        (index, header, name, _cell_check_for(name), name not in ("sku", "name"))
        for index, header, name in columns
    ]


def check_row(
    number: int, cells: tuple[str, ...], plan: Sequence[Column], lookups: Lookups, delimiter: str
) -> CheckedRow:
    """Every mapped cell checked on its own (`plan` from `plan_columns`)."""
    row = CheckedRow(number, cells)
    problems = row.problems
    width = len(cells)
    for index, header, name, check, optional in plan:
        raw = cells[index] if index < width else ""
        text = raw.strip()
        if optional and not text:
            continue  # an empty optional cell keeps the default (new items) or the stored value (updates)
        already = len(problems)
        try:
            check(row, name, text, lookups, delimiter)
        except ValidationError as error:
            row.problem(header, raw, error.reason)
        for n in range(already, len(problems)):  # a cell's own checks name the field; show the header
            problems[n] = replace(problems[n], field=header)
    _stock_in_unit(row, plan, lookups)
    return row


def _stock_in_unit(row: CheckedRow, plan: Sequence[Column], lookups: Lookups) -> None:
    """Opening stock (posted for new items only) within the item's unit: no 1.5 pieces."""
    unit = str(row.values.get("unit", "pcs"))
    if all((quantity, unit) in lookups.in_unit for quantity in row.stock.values()):
        return  # each (quantity, unit) pair is checked once per import
    for _index, header, name, _check, _optional in plan:
        store = lookups.stores.get(name[len(STOCK_PREFIX) :]) if name.startswith(STOCK_PREFIX) else None
        quantity = row.stock.get(store) if store is not None else None
        if quantity is None:
            continue
        try:
            check_in_unit(name, quantity, unit)
            lookups.in_unit.add((quantity, unit))
        except ValidationError as error:
            row.problem(header, str(quantity), error.reason)


def _cell_check_for(name: str) -> CellCheck:
    if name.startswith(STOCK_PREFIX):
        return _stock
    if name.startswith((POINT_PREFIX, QTY_PREFIX)):
        return _store_point
    return _CELL_CHECKS[_kind(name)]


def _stock(row: CheckedRow, name: str, text: str, lookups: Lookups, delimiter: str) -> None:
    if text:
        quantity = _number(lookups, name, text, delimiter, _parse_quantity)
        if quantity:
            row.stock[lookups.stores[name[len(STOCK_PREFIX) :]]] = quantity


def _store_point(row: CheckedRow, name: str, text: str, lookups: Lookups, delimiter: str) -> None:
    if text:
        which = 0 if name.startswith(POINT_PREFIX) else 1
        code = name[len(POINT_PREFIX if which == 0 else QTY_PREFIX) :]
        amount = _number(lookups, name, text, delimiter, _parse_quantity)
        row.points.setdefault(lookups.stores[code], [None, None])[which] = amount


def _kind(name: str) -> str:
    if name in _MONEY:
        return "money"
    if name in _QUANTITY:
        return "quantity"
    special = (
        "category",
        "supplier",
        "barcodes",
        "packs",
        "description",
        "tracking",
        "expiry_warn_days",
        "template",
        "attributes",
        "picture",
    )
    return name if name in special else "text"


def _text(row: CheckedRow, name: str, text: str, _lookups: Lookups, _delimiter: str) -> None:
    row.values[name] = required_text(name, text, max_length=_TEXT_LIMITS[name])


def _description(row: CheckedRow, name: str, text: str, _lookups: Lookups, _delimiter: str) -> None:
    row.values[name] = optional_text(name, text, max_length=10_000)


def _number(
    lookups: Lookups, name: str, text: str, delimiter: str, parse: Callable[[str, str], Decimal]
) -> Decimal:
    """The cell's number, parsed once per (field, text); a bad cell raises every time it is met."""
    known = lookups.numbers.get((name, text))
    if known is None:
        known = lookups.numbers[(name, text)] = parse(name, number_text(text, delimiter))
    return known


def _parse_quantity(name: str, text: str) -> Decimal:
    return parse_quantity(name, text, allow_zero=True)


def _parse_price(name: str, text: str) -> Decimal:
    price = parse_money(name, text)
    assert price is not None  # only an allowed blank gives None
    return price


def _money(row: CheckedRow, name: str, text: str, lookups: Lookups, delimiter: str) -> None:
    row.values[name] = _number(lookups, name, text, delimiter, _parse_price)


def _quantity(row: CheckedRow, name: str, text: str, lookups: Lookups, delimiter: str) -> None:
    row.values[name] = _number(lookups, name, text, delimiter, _parse_quantity)


def _category(row: CheckedRow, _name: str, text: str, lookups: Lookups, _delimiter: str) -> None:
    row.values["category_id"] = lookups.category(text)


def _supplier(row: CheckedRow, _name: str, text: str, lookups: Lookups, _delimiter: str) -> None:
    row.values["supplier_id"] = lookups.supplier(text)


def _barcodes(row: CheckedRow, name: str, text: str, _lookups: Lookups, _delimiter: str) -> None:
    codes: list[str] = []
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        try:
            code = clean_barcode(part)
            if code not in codes:
                codes.append(code)
        except ValidationError as error:  # each bad code on its own line of the report
            row.problem(name, part, error.reason)
    row.values["barcodes"] = codes


def _packs(row: CheckedRow, name: str, text: str, lookups: Lookups, delimiter: str) -> None:
    """The packs the cell lists (their contents in the unit and their codes against the catalogue are
    checked with the stored rows, in import_packs)."""
    entries = parse_pack_cell(text, lambda amount: _number(lookups, name, amount, delimiter, _parse_quantity))
    cleaned = []
    for entry in entries:
        try:
            cleaned.append(replace(entry, code=clean_barcode(entry.code)) if entry.code else entry)
        except ValidationError as error:
            row.problem(name, entry.code, error.reason)
    row.packs = cleaned


def _tracking(row: CheckedRow, name: str, text: str, _lookups: Lookups, _delimiter: str) -> None:
    try:
        row.values[name] = Tracking(text.lower()).value
    except ValueError:
        kinds = ", ".join(t.value for t in Tracking)
        raise ValidationError(name, text, Message("tracking_kind", kinds=kinds)) from None


def _warn_days(row: CheckedRow, name: str, text: str, _lookups: Lookups, _delimiter: str) -> None:
    row.values[name] = whole_number(name, text, maximum=3650)  # the item editor's limit


def _template(row: CheckedRow, name: str, text: str, _lookups: Lookups, _delimiter: str) -> None:
    row.template = required_text(name, text, max_length=64)


def _attributes(row: CheckedRow, name: str, text: str, _lookups: Lookups, _delimiter: str) -> None:
    row.attributes = variant_rules.parse_cell(name, text)


def _picture(row: CheckedRow, _name: str, text: str, _lookups: Lookups, _delimiter: str) -> None:
    row.picture = text  # read (once per file or address) after every row's cells: item_pictures.check_rows


_CELL_CHECKS: dict[str, CellCheck] = {
    "tracking": _tracking,
    "expiry_warn_days": _warn_days,
    "text": _text,
    "description": _description,
    "money": _money,
    "quantity": _quantity,
    "category": _category,
    "supplier": _supplier,
    "barcodes": _barcodes,
    "packs": _packs,
    "template": _template,
    "attributes": _attributes,
    "picture": _picture,
}


def repeated_keys(rows: Sequence[CheckedRow], header_of: Mapping[str, str]) -> None:
    """A SKU or barcode that appears twice in the file is a problem on the later row."""
    first_sku: dict[str, int] = {}
    first_code: dict[str, int] = {}
    for row in rows:
        sku = row.values.get("sku")
        if isinstance(sku, str):
            key = sku_key(sku)  # "D2" and "d2" are one SKU
            if key in first_sku:
                row.problem(header_of["sku"], sku, Message("repeats_row", row=first_sku[key]))
            first_sku.setdefault(key, row.number)
        for code in row.barcodes:
            if code in first_code and first_code[code] != row.number:
                row.problem(header_of["barcodes"], code, Message("repeats_row", row=first_code[code]))
            first_code.setdefault(code, row.number)
