"""Stocktakes: freeze what the books say, collect counts from several people, show the variance, post.

Choices, and why:

- **Expected is frozen at start.** Counting a store takes hours while the counter keeps selling.
  Each count movement posts `counted - expected_at_start`, so a sale made during the count is
  neither lost nor counted twice: on-hand ends at counted + (movements since the start).
- **Counts add up.** Two people counting the same item on two shelves each enter what they saw;
  the item's count is the sum. A correction is a negative count line (a clerk re-counts a shelf).
- **Uncounted items** are left alone unless the person posting says they were counted as zero
  (a whole-store count where nothing was found): silently zeroing forgotten shelves is worse.
- **Every problem at once.** `add_counts` checks every line (unknown code, item outside the session,
  bad quantity) and refuses the lot with all of them in one `BulkRejected`.
- **One transaction.** `post` flips the session to `posted` with a guarded update, so posting
  twice (or from two desks at once) is refused, and writes every count movement in the same
  transaction, set-based from a temporary table of the lines (`stocktake_posting`) under the
  ledger's rules; a property test holds it to them line by line on SQLite and PostgreSQL.
- **By location.** In a store that keeps stock by location, each count line names where it was
  counted (and the lot), a count may be limited to zones, and expected, variance and the post go per
  (item, location, lot) (`stocktake_places`); a store without locations is counted as before.
- **Tens of thousands of lines.** Starting copies the lines inside the database and a scanner
  file's counts go in as one statement (`stocktake_bulk`); `python -m bench stocktake` times the
  three steps at 50,000 lines on both databases (goal: under 2 s each).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Select, func, select, update

from stockdesk.db.base import utcnow
from stockdesk.db.models import Category, Item, ItemBarcode, Store
from stockdesk.db.place_models import Location
from stockdesk.db.planning_models import Stocktake, StocktakeCount, StocktakeLine
from stockdesk.domain.errors import InvalidQuantity, ValidationError
from stockdesk.domain.ids import CategoryId, ItemId, LocationId, StocktakeId, StoreId
from stockdesk.domain.messages import Message
from stockdesk.domain.numbers import QuantityInput, parse_quantity, round_cents
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.domain.units import check_in_unit
from stockdesk.services.accounts import audit
from stockdesk.services.catalogue import catalog
from stockdesk.services.catalogue.bulk import BulkRejected, RowProblem
from stockdesk.services.gc_pause import collector_paused
from stockdesk.services.inventory import stocktake_bulk, stocktake_places, stocktake_posting
from stockdesk.services.places import locations
from stockdesk.services.places.locations import LocationView
from stockdesk.services.uow import UnitOfWork, rows_changed


@dataclass(frozen=True)
class StocktakeView:
    id: StocktakeId
    store_id: StoreId
    status: str
    lines: int
    started_at: datetime
    number: int = 0
    title: str = ""  # the categories counted, or the store's name for a whole-store count
    by_place: bool = False  # counted by location: each count names where (`CountLine.location`)

    @property
    def name(self) -> str:
        """ "Stocktake 12 — Brushes": how people and movement references name it."""
        return stocktake_name(self.number, self.title)


def stocktake_name(number: int, title: str) -> str:
    return f"Stocktake {number} \u2014 {title}" if title else f"Stocktake {number}"


def _title(uow: UnitOfWork, take: Stocktake) -> str:
    zones = ""
    if take.zones:
        codes = uow.session.scalars(
            select(Location.code).where(Location.id.in_(stocktake_places.zone_ids(take.zones)))
        )
        zones = " \u00b7 " + ", ".join(sorted(codes))  # "Main · A, B": the zones counted
    if not take.scope:
        return uow.get(Store, take.store_id, "store").name + zones
    ids = [uuid.UUID(c) for c in take.scope.split(",")]
    names = uow.session.scalars(select(Category.name).where(Category.id.in_(ids)).order_by(Category.name))
    return ", ".join(names) + zones


@dataclass(frozen=True)
class CountLine:
    """One line of counting as scanned or typed: what, how many, and (by location) where and which lot."""

    code: str  # SKU, barcode or item id
    quantity: QuantityInput
    location: str = ""  # the location's code (its label), "" for none: the store's unplaced stock
    lot: str = ""  # a lot's code or a serial number, for an item tracked by them


@dataclass(frozen=True)
class VarianceLine:
    item_id: ItemId
    sku: str
    name: str
    expected: Decimal
    counted: Decimal | None  # None: nobody counted it
    difference: Decimal
    unit_cost: Decimal
    value_difference: Decimal
    location_id: LocationId | None = None  # by location: where (None: the unplaced stock)
    location: str = ""  # the location's code
    lot: str = ""  # the lot's code


@dataclass(frozen=True)
class Variance:
    lines: list[VarianceLine]  # by location: one per (item, location, lot), in location order
    counted_lines: int
    uncounted_lines: int
    quantity_difference: Decimal
    value_difference: Decimal
    by_place: bool = False


@dataclass(frozen=True)
class PostResult:
    movements: int
    value_difference: Decimal


def _open_session(uow: UnitOfWork, actor: Actor, stocktake_id: StocktakeId) -> Stocktake:
    take = uow.get(Stocktake, stocktake_id, "stocktake")
    require(actor, Action.MOVE_STOCK, store_ids=[take.store_id])
    if take.status != "open":
        raise ValidationError("stocktake", str(take.id), Message("stocktake_closed", status=take.status))
    return take


def _with_subcategories(uow: UnitOfWork, roots: set[uuid.UUID]) -> set[uuid.UUID]:
    children: dict[uuid.UUID | None, list[uuid.UUID]] = {}
    for category, parent in uow.session.execute(select(Category.id, Category.parent_id)).tuples():
        children.setdefault(parent, []).append(category)
    found, todo = set(roots), list(roots)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def start(
    uow: UnitOfWork,
    actor: Actor,
    *,
    store_id: StoreId,
    category_ids: Iterable[CategoryId] = (),
    location_ids: Iterable[LocationId] = (),
    note: str = "",
) -> StocktakeView:
    """Open a count session for a store (whole store, or the given categories and their children).

    `location_ids` limits it to those zones (each location with everything below it); a store that
    keeps stock by location is counted by location, its places' expected frozen now.
    """
    with uow, collector_paused():
        uow.actor_id = actor.id
        store = uow.get(Store, store_id, "store")
        require(actor, Action.MOVE_STOCK, store_ids=[store.id])
        busy = uow.session.scalar(
            select(Stocktake.id).where(
                Stocktake.store_id == store.id, Stocktake.status == "open", Stocktake.deleted.is_(False)
            )
        )
        if busy is not None:
            raise ValidationError("store", store.code, Message("store_busy", busy=busy))
        roots = {uow.get(Category, c, "category").id for c in category_ids}
        zones = {_zone(uow, store, z) for z in location_ids}
        by_place = stocktake_places.counts_by_place(uow, store.id, zones)
        number = (uow.session.scalar(select(func.max(Stocktake.number))) or 0) + 1
        take = Stocktake(
            store_id=store.id,
            scope=",".join(sorted(str(r) for r in roots)),
            zones=",".join(sorted(str(z) for z in zones)),
            by_place=by_place,
            note=note,
            number=number,
        )
        uow.session.add(take)
        uow.session.flush()
        scope = _with_subcategories(uow, roots) if roots else None
        lines = stocktake_bulk.freeze_lines(uow, take.id, store.id, scope)
        if by_place:
            covered = stocktake_places.store_locations(uow, store.id, zones).covered
            stocktake_places.freeze_places(uow, take.id, store.id, covered)
        title = _title(uow, take)
        audit.record(
            uow,
            actor,
            "stocktake.start",
            "stocktake",
            take.id,
            store=store.code,
            lines=lines,
            number=number,
            title=title,
        )
        uow.commit()
        return StocktakeView(
            StocktakeId(take.id),
            StoreId(store.id),
            take.status,
            lines,
            take.started_at,
            number,
            title,
            by_place,
        )


def _zone(uow: UnitOfWork, store: Store, location_id: LocationId) -> uuid.UUID:
    location = uow.get(Location, location_id, "location")
    if location.store_id != store.id:
        raise ValidationError("zones", location.code, Message("location_other_store", store=store.code))
    return location.id


def add_counts(
    uow: UnitOfWork,
    actor: Actor,
    stocktake_id: StocktakeId,
    lines: Sequence[CountLine | tuple[str, QuantityInput]],
) -> int:
    """Add counted quantities (code = SKU, barcode or item id; quantity as typed; by location, where
    and which lot); all or nothing. Each line records who counted it: counts of several people add up."""
    counts = [line if isinstance(line, CountLine) else CountLine(*line) for line in lines]
    with uow, collector_paused():
        uow.actor_id = actor.id
        take = _open_session(uow, actor, stocktake_id)
        codes = {str(line.code).strip() for line in counts}
        few = len(codes) <= _FEW_CODES
        in_scope, units, by_code = _scope_of_codes(uow, take.id, codes) if few else _scope(uow, take.id)
        places = stocktake_places.CountPlaces(uow, take)
        # Codes of items outside the session are looked up only to say so ("not in this stocktake").
        strangers = {c for c in codes if c not in by_code and c.upper() not in by_code}
        known = catalog.item_ids_by_code(uow, strangers) if strangers else {}
        problems: list[RowProblem] = []
        rows: list[stocktake_bulk.CountRow] = []
        checked: dict[tuple[QuantityInput, str | None], Decimal] = {}
        for number, line in enumerate(counts, start=1):
            code, quantity = line.code, line.quantity
            text = str(code).strip()
            item = by_code.get(text) or by_code.get(text.upper())
            item = item or known.get(text) or _as_uuid(text, in_scope)
            if item is None:
                problems.append(RowProblem(number, "code", code, Message("unknown_code")))
            elif item not in in_scope:
                problems.append(RowProblem(number, "code", code, Message("not_in_stocktake")))
            unit = units.get(item, "pcs") if item is not None else None
            # A scanner file repeats a handful of quantities: each (text, unit) is checked once.
            counted = checked.get((quantity, unit))
            if counted is None:
                try:
                    counted = _count_quantity(quantity, unit)
                except InvalidQuantity as error:
                    problems.append(RowProblem(number, "quantity", quantity, error.reason))
                    continue
                checked[(quantity, unit)] = counted
            location = places.location(number, line.location, problems)
            lot = places.lot(number, item if item in in_scope else None, line.lot, problems)
            if item is not None:
                rows.append((item, counted, location, lot))
        if problems:
            raise BulkRejected(problems)
        stocktake_bulk.insert_counts(uow, take.id, actor.id, rows)
        audit.record(uow, actor, "stocktake.count", "stocktake", take.id, lines=len(rows))
        uow.commit()
        return len(rows)


def _count_quantity(quantity: QuantityInput, unit: str | None) -> Decimal:
    """A counted quantity as typed: signed (a correction), zero allowed, no 1.5 pieces."""
    counted = parse_quantity("quantity", quantity, allow_zero=True, allow_negative=True)
    return counted if unit is None else check_in_unit("quantity", counted, unit)


def _scope(
    uow: UnitOfWork, take_id: uuid.UUID
) -> tuple[set[uuid.UUID], dict[uuid.UUID, str], dict[str, uuid.UUID]]:
    """The session's items, their stock units, and each by SKU (upper case) and by barcode.

    Resolved as `catalog.item_ids_by_code` does (a barcode is exact and wins over a SKU), but only
    among the items being counted: two queries however many lines a scanner file holds.
    """
    units: dict[uuid.UUID, str] = {}
    by_code: dict[str, uuid.UUID] = {}
    in_session = select(StocktakeLine.item_id).where(StocktakeLine.stocktake_id == take_id)
    # Core rows, not the ORM's: 50,000 lines are read without its per-row loading machinery.
    connection = uow.session.connection()
    rows = connection.execute(select(Item.id, Item.sku, Item.unit).where(Item.id.in_(in_session)))
    for item, sku, unit in rows.tuples():
        units[item] = unit
        by_code.setdefault(sku.upper(), item)
    barcodes = select(ItemBarcode.code, ItemBarcode.item_id).where(
        ItemBarcode.item_id.in_(in_session), ItemBarcode.deleted.is_(False)
    )
    by_code.update(connection.execute(barcodes).tuples().all())
    return set(units), units, by_code


# A scan at the shelf names one code: its item is looked up, not the session's 50,000 read for it.
_FEW_CODES = 20


def _scope_of_codes(
    uow: UnitOfWork, take_id: uuid.UUID, codes: set[str]
) -> tuple[set[uuid.UUID], dict[uuid.UUID, str], dict[str, uuid.UUID]]:
    """`_scope` for the items a few codes name (a barcode wins over a SKU, as everywhere)."""
    found = catalog.item_ids_by_code(uow, codes)
    wanted = set(found.values()) | {u for u in (_uuid_or_none(c) for c in codes) if u is not None}
    rows = uow.session.execute(
        select(Item.id, Item.unit)
        .join(StocktakeLine, StocktakeLine.item_id == Item.id)
        .where(StocktakeLine.stocktake_id == take_id, Item.id.in_(wanted))
    )
    units = dict(rows.tuples().all())
    return set(units), units, {code: item for code, item in found.items() if item in units}


def _uuid_or_none(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def _as_uuid(text: str, in_scope: set[uuid.UUID]) -> uuid.UUID | None:
    try:
        value = uuid.UUID(text)
    except ValueError:
        return None
    return value if value in in_scope else None


def _count_sums(take_id: uuid.UUID) -> Select[tuple[uuid.UUID, Decimal]]:
    return (
        select(StocktakeCount.item_id, func.sum(StocktakeCount.quantity).label("counted"))
        .where(StocktakeCount.stocktake_id == take_id, StocktakeCount.deleted.is_(False))
        .group_by(StocktakeCount.item_id)
    )


def _counted(uow: UnitOfWork, take_id: uuid.UUID) -> dict[uuid.UUID, Decimal]:
    return dict(uow.session.execute(_count_sums(take_id)).tuples().all())


def _variance(uow: UnitOfWork, take: Stocktake, *, uncounted_as_zero: bool) -> Variance:
    if take.by_place:
        return _totals(_place_lines(uow, take.id, None, uncounted_as_zero), by_place=True)
    counted = _counted(uow, take.id)
    rows = uow.session.execute(
        select(StocktakeLine.item_id, Item.sku, Item.name, StocktakeLine.expected, StocktakeLine.unit_cost)
        .join(Item, Item.id == StocktakeLine.item_id)
        .where(StocktakeLine.stocktake_id == take.id)
        .order_by(Item.sku)
    ).tuples()
    lines: list[VarianceLine] = []
    for item, sku, name, expected, cost in rows:
        count = counted.get(item, Decimal(0) if uncounted_as_zero else None)
        # Sums of signed count lines are Decimals already; the column type keeps them exact on SQLite.
        difference = (Decimal(count) - expected) if count is not None else Decimal(0)
        value = round_cents(difference * cost)
        lines.append(VarianceLine(ItemId(item), sku, name, expected, count, difference, cost, value))
    return _totals(lines, by_place=False)


def _totals(lines: list[VarianceLine], *, by_place: bool) -> Variance:
    done = sum(1 for line in lines if line.counted is not None)
    return Variance(
        lines,
        done,
        len(lines) - done,
        sum((x.difference for x in lines), Decimal(0)),
        sum((x.value_difference for x in lines), Decimal(0)),
        by_place,
    )


def _place_lines(
    uow: UnitOfWork, take_id: uuid.UUID, location_id: uuid.UUID | None, uncounted_as_zero: bool
) -> list[VarianceLine]:
    lines = []
    for row in stocktake_places.place_rows(uow, take_id, location_id):
        count = row.counted if row.counted is not None else (Decimal(0) if uncounted_as_zero else None)
        difference = (count - row.expected) if count is not None else Decimal(0)
        lines.append(
            VarianceLine(
                ItemId(row.item_id),
                row.sku,
                row.name,
                row.expected,
                count,
                difference,
                row.unit_cost,
                round_cents(difference * row.unit_cost),
                LocationId(row.location_id) if row.location_id else None,
                row.location_code,
                row.lot_code,
            )
        )
    return lines


def scanned_location(uow: UnitOfWork, stocktake_id: StocktakeId, code: str) -> LocationView | None:
    """The location whose label was scanned while counting; None when `code` is no location's (an item's).

    A location this count cannot take (another store's, outside its zones, archived, or a count not by
    location) is refused at the scan, before anything is counted there.
    """
    with uow:
        take = uow.get(Stocktake, stocktake_id, "stocktake")
        found = uow.session.scalar(
            select(Location.id).where(
                func.upper(Location.code) == code.strip().upper(), Location.deleted.is_(False)
            )
        )
        if found is None:
            return None
        problems: list[RowProblem] = []
        stocktake_places.CountPlaces(uow, take).location(1, code, problems)
        if problems:
            raise ValidationError("location", code.strip(), problems[0].reason)
    return locations.location_by_code(uow, code)


def at_location(uow: UnitOfWork, stocktake_id: StocktakeId, location_id: LocationId) -> list[VarianceLine]:
    """Expected vs counted so far at one location, for the person counting there: each item (and lot)
    expected or found there; once anything was counted there, what was not found there counts zero."""
    with uow:
        take = uow.get(Stocktake, stocktake_id, "stocktake")
        return _place_lines(uow, take.id, location_id, uncounted_as_zero=False)


def variance(uow: UnitOfWork, stocktake_id: StocktakeId, *, uncounted_as_zero: bool = False) -> Variance:
    """Expected vs counted per item, in quantity and value (at the cost frozen at start)."""
    with uow:
        take = uow.get(Stocktake, stocktake_id, "stocktake")
        return _variance(uow, take, uncounted_as_zero=uncounted_as_zero)


def post(
    uow: UnitOfWork, actor: Actor, stocktake_id: StocktakeId, *, uncounted_as_zero: bool = False
) -> PostResult:
    """Post every counted line as a count movement, in one transaction; a second post is refused."""
    with uow, collector_paused():
        uow.actor_id = actor.id
        take = _open_session(uow, actor, stocktake_id)
        store = uow.get(Store, take.store_id, "store")
        reference = stocktake_name(take.number, _title(uow, take))
        flipped = rows_changed(
            uow.session.execute(
                update(Stocktake)
                .where(Stocktake.id == take.id, Stocktake.status == "open")
                .values(status="posted", posted_at=utcnow(), updated_at=utcnow())
                .execution_options(synchronize_session=False)
            )
        )
        if flipped != 1:
            raise ValidationError("stocktake", str(take.id), Message("posted_meanwhile"))
        movements, value_difference = stocktake_posting.post_counts(
            uow,
            take.id,
            store,
            reference,
            user_id=actor.id,
            uncounted_as_zero=uncounted_as_zero,
            by_place=take.by_place,
        )
        audit.record(
            uow,
            actor,
            "stocktake.post",
            "stocktake",
            take.id,
            movements=movements,
            value_difference=str(value_difference),
        )
        uow.commit()
        return PostResult(movements, value_difference)


def list_open(uow: UnitOfWork, store_id: StoreId | None = None) -> list[StocktakeView]:
    with uow:
        query = select(Stocktake).where(Stocktake.status == "open", Stocktake.deleted.is_(False))
        if store_id is not None:
            query = query.where(Stocktake.store_id == uow.get(Store, store_id, "store").id)
        takes = list(uow.session.scalars(query))
        sizes = dict(
            uow.session.execute(
                select(StocktakeLine.stocktake_id, func.count()).group_by(StocktakeLine.stocktake_id)
            )
            .tuples()
            .all()
        )
        return [
            StocktakeView(
                StocktakeId(t.id),
                StoreId(t.store_id),
                t.status,
                sizes.get(t.id, 0),
                t.started_at,
                t.number,
                _title(uow, t),
                t.by_place,
            )
            for t in takes
        ]
