"""A stocktake by location: its zones, the places' expected frozen at start, and expected vs counted.

A store that keeps stock by location is counted location by location: each count line names where it
was counted (and the lot, for a lot-tracked item), and each (item, location, lot) is compared with
what `stock_place` said for it when the count started (the unplaced rest, `stock_level` minus the
item's places, for a line without a location). A count may be limited to zones: a location and
everything below it. Freezing copies the places inside the database (`INSERT … SELECT`), as the
store's lines are copied, so starting a count of 50,000 places stays a few statements.

Which places a post changes — the rule of the store-wide count, per place: a place counted, a place
of an item counted anywhere in the count (its counts add up to what there is: the places where it was
not found hold none), a place on a shelf that was counted (what was not found there is not there),
and, when the person posting says so, every place nobody counted. Other places are left alone.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, select, text

from stockdesk.db import capture
from stockdesk.db.base import Quantity, utcnow
from stockdesk.db.models import Item, Store
from stockdesk.db.place_models import NO_PLACE, Location, Lot, StockPlace, lot_id_of
from stockdesk.db.planning_models import Stocktake, StocktakeLine
from stockdesk.domain.ids import new_id_hexes, new_ids
from stockdesk.domain.messages import Message
from stockdesk.domain.tracking import Tracking
from stockdesk.services.catalogue.bulk import RowProblem
from stockdesk.services.places.locations import store_has_locations
from stockdesk.services.uow import UnitOfWork

_SYNCED_COLUMNS = "id, created_at, updated_at, updated_by, origin_desk, hlc, deleted"
_FROZEN_NAME = "stocktake_frozen_places"


@dataclass(frozen=True)
class StoreLocations:
    """A store's locations by code (upper case) and the zones a count covers (None: all of them)."""

    by_code: dict[str, uuid.UUID]
    codes: dict[uuid.UUID, str]
    active: set[uuid.UUID]
    covered: set[uuid.UUID] | None


def store_locations(uow: UnitOfWork, store_id: uuid.UUID, zones: Iterable[uuid.UUID] = ()) -> StoreLocations:
    """Every location of the store; `covered` is `zones` with their sub-trees (None without zones)."""
    rows = uow.session.execute(
        select(Location.id, Location.parent_id, Location.code, Location.active).where(
            Location.store_id == store_id, Location.deleted.is_(False)
        )
    ).tuples()
    children: dict[uuid.UUID | None, list[uuid.UUID]] = {}
    by_code: dict[str, uuid.UUID] = {}
    codes: dict[uuid.UUID, str] = {}
    active: set[uuid.UUID] = set()
    for location, parent, code, is_active in rows:
        children.setdefault(parent, []).append(location)
        by_code[code.upper()] = location
        codes[location] = code
        if is_active:
            active.add(location)
    roots = set(zones)
    if not roots:
        return StoreLocations(by_code, codes, active, None)
    covered, todo = set(roots), list(roots)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in covered:
                covered.add(child)
                todo.append(child)
    return StoreLocations(by_code, codes, active, covered)


def counts_by_place(uow: UnitOfWork, store_id: uuid.UUID, zones: set[uuid.UUID]) -> bool:
    """Whether a count of this store starting now goes by location: it has locations or placed stock."""
    if zones or store_has_locations(uow, store_id):
        return True
    placed = select(StockPlace.item_id).where(StockPlace.store_id == store_id, StockPlace.on_hand != 0)
    return uow.session.execute(placed.limit(1)).first() is not None


def zone_ids(text_value: str) -> set[uuid.UUID]:
    return {uuid.UUID(z) for z in text_value.split(",") if z}


def freeze_places(
    uow: UnitOfWork, take_id: uuid.UUID, store_id: uuid.UUID, covered: set[uuid.UUID] | None
) -> int:
    """Copy each non-zero place of the count's items (in `covered`, or all with the unplaced rests)."""
    connection = uow.session.connection()
    sqlite = connection.dialect.name == "sqlite"

    def as_id(value: uuid.UUID) -> Any:
        return value.hex if sqlite else value

    nil = as_id(NO_PLACE)
    params: dict[str, Any] = {"take": as_id(take_id), "store": as_id(store_id), "nil": nil}
    where = ""
    if covered is not None:
        names = {f"z{n}": as_id(z) for n, z in enumerate(sorted(covered))}
        params.update(names)
        where = " AND sp.location_id IN (" + (", ".join(f":{n}" for n in names) or "NULL") + ")"
    placed = (
        "SELECT sp.item_id, NULLIF(sp.location_id, :nil), NULLIF(sp.lot_id, :nil), sp.on_hand "
        "FROM stock_place sp JOIN stocktake_line l ON l.stocktake_id = :take AND l.item_id = sp.item_id "
        f"WHERE sp.store_id = :store AND sp.on_hand != 0{where}"
    )
    # The unplaced rest of each item: what the store has that no place accounts for.
    none = "NULL" if sqlite else "CAST(NULL AS uuid)"  # PostgreSQL types a bare NULL of a subquery as text
    rest = (
        f"SELECT l.item_id, {none}, {none}, coalesce(sl.on_hand, 0) - coalesce(("
        "  SELECT sum(sp.on_hand) FROM stock_place sp WHERE sp.item_id = l.item_id AND sp.store_id = :store"
        "), 0) AS rest FROM stocktake_line l "
        "LEFT JOIN stock_level sl ON sl.item_id = l.item_id AND sl.store_id = :store "
        "WHERE l.stocktake_id = :take"
    )
    source = placed if covered is not None else f"{placed} UNION ALL SELECT * FROM ({rest}) r WHERE rest != 0"
    if sqlite:
        return _freeze_sqlite(uow, connection, source, params)
    return _freeze_postgresql(uow, connection, source, params)


def _freeze_sqlite(uow: UnitOfWork, connection: Connection, source: str, params: dict[str, Any]) -> int:
    connection.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS temp.{_FROZEN_NAME} (n INTEGER PRIMARY KEY, item_id TEXT NOT NULL,"
        " location_id TEXT, lot_id TEXT, expected INTEGER NOT NULL)"
    )
    connection.exec_driver_sql(f"DELETE FROM temp.{_FROZEN_NAME}")
    try:
        connection.execute(
            text(f"INSERT INTO temp.{_FROZEN_NAME} (item_id, location_id, lot_id, expected) {source}"), params
        )
        rows = int(connection.exec_driver_sql(f"SELECT count(*) FROM temp.{_FROZEN_NAME}").scalar_one())
        if rows:
            stamp = StocktakeLine.__table__.c.created_at.type.dialect_impl(connection.dialect)
            convert = stamp.bind_processor(connection.dialect)
            now = convert(utcnow()) if convert else utcnow()
            with capture.bulk_inserts_of(connection, ["stocktake_place"], rows):
                connection.execute(
                    text(
                        "INSERT INTO stocktake_place (stocktake_id, item_id, location_id, lot_id, expected, "
                        f"{_SYNCED_COLUMNS}) "
                        "SELECT :take, p.item_id, p.location_id, p.lot_id, p.expected, ids.value, :now, :now,"
                        " :user, :desk, '', 0 "
                        f"FROM json_each(:ids) AS ids CROSS JOIN temp.{_FROZEN_NAME} AS p"
                        " ON p.n = ids.key + 1 "
                        "ORDER BY p.n"
                    ),
                    {
                        "take": params["take"],
                        "now": now,
                        "user": uow.actor_id.hex if uow.actor_id else None,
                        "desk": uow.desk_id,
                        "ids": json.dumps(new_id_hexes(rows)),
                    },
                )
        return rows
    finally:
        connection.exec_driver_sql(f"DELETE FROM temp.{_FROZEN_NAME}")


def _freeze_postgresql(uow: UnitOfWork, connection: Connection, source: str, params: dict[str, Any]) -> int:
    connection.exec_driver_sql(
        f"CREATE TEMPORARY TABLE {_FROZEN_NAME} (n bigserial PRIMARY KEY, item_id uuid NOT NULL,"
        " location_id uuid, lot_id uuid, expected numeric NOT NULL) ON COMMIT DROP"
    )
    connection.execute(
        text(f"INSERT INTO {_FROZEN_NAME} (item_id, location_id, lot_id, expected) {source}"), params
    )
    rows = int(connection.exec_driver_sql(f"SELECT count(*) FROM {_FROZEN_NAME}").scalar_one())
    if rows:
        connection.execute(
            text(
                "INSERT INTO stocktake_place (stocktake_id, item_id, location_id, lot_id, expected, "
                f"{_SYNCED_COLUMNS}) "
                "SELECT :take, p.item_id, p.location_id, p.lot_id, p.expected, ids.id, :now, :now, :user,"
                " :desk, '', false "
                f"FROM (SELECT *, row_number() OVER (ORDER BY n) AS k FROM {_FROZEN_NAME}) p "
                "JOIN unnest(CAST(:ids AS uuid[])) WITH ORDINALITY AS ids(id, k) ON ids.k = p.k"
            ),
            {
                "take": params["take"],
                "now": utcnow(),
                "user": uow.actor_id,
                "desk": uow.desk_id,
                "ids": new_ids(rows),
            },
        )
    return rows


# Each place of the count with what was expected there and what was counted: frozen places and
# counted places together (a NULL location or lot groups as one key, as GROUP BY treats NULLs).
# `counted` is NULL where the place is left alone unless uncounted places count as zero.
PLACES = """
WITH counts AS (
    SELECT item_id, location_id, lot_id, sum(quantity) AS counted FROM stocktake_count
    WHERE stocktake_id = :take AND deleted = false GROUP BY item_id, location_id, lot_id
), places AS (
    SELECT item_id, location_id, lot_id, sum(expected) AS expected, sum(counted) AS counted,
           max(seen) AS seen
    FROM (
        SELECT item_id, location_id, lot_id, expected, 0 AS counted, 0 AS seen FROM stocktake_place
        WHERE stocktake_id = :take AND deleted = false{place}
        UNION ALL
        SELECT item_id, location_id, lot_id, 0, counted, 1 FROM counts WHERE true{place}
    ) u GROUP BY item_id, location_id, lot_id
), judged AS (
    SELECT p.item_id, p.location_id, p.lot_id, p.expected,
           CASE WHEN p.seen = 1 OR p.item_id IN (SELECT item_id FROM counts)
                  OR p.location_id IN (SELECT location_id FROM counts WHERE location_id IS NOT NULL)
                THEN p.counted END AS counted
    FROM places p
), numbered AS (
    SELECT row_number() OVER (ORDER BY coalesce(loc.code, ''), i.sku, coalesce(lot.code, '')) AS line_no,
           j.item_id, i.sku, i.name, j.location_id, loc.code AS location_code, j.lot_id, lot.code AS lot_code,
           j.expected, j.counted, l.unit_cost
    FROM judged j JOIN item i ON i.id = j.item_id
    JOIN stocktake_line l ON l.stocktake_id = :take AND l.item_id = j.item_id
    LEFT JOIN location loc ON loc.id = j.location_id LEFT JOIN lot ON lot.id = j.lot_id
)
"""


@dataclass(frozen=True)
class PlaceRow:
    item_id: uuid.UUID
    sku: str
    name: str
    location_id: uuid.UUID | None
    location_code: str
    lot_code: str
    expected: Decimal
    counted: Decimal | None
    unit_cost: Decimal


def place_rows(uow: UnitOfWork, take_id: uuid.UUID, location_id: uuid.UUID | None = None) -> list[PlaceRow]:
    """Every place of the count in line order (of one location when given), as the variance shows it."""
    connection = uow.session.connection()
    sqlite = connection.dialect.name == "sqlite"
    params: dict[str, Any] = {"take": take_id.hex if sqlite else take_id}
    place = ""
    if location_id is not None:  # one shelf: only its places are gathered
        place = " AND location_id = :location"
        params["location"] = location_id.hex if sqlite else location_id
    query = PLACES.format(place=place) + (
        "SELECT item_id, sku, name, location_id, location_code, lot_code, expected, counted, unit_cost "
        "FROM numbered ORDER BY line_no"
    )
    rows = connection.execute(text(query), params).tuples()
    if not sqlite:
        return [
            PlaceRow(i, s, n, loc, lc or "", lot or "", e, c, cost)
            for i, s, n, loc, lc, lot, e, c, cost in rows
        ]
    scale = Decimal(1).scaleb(-Quantity.scale)
    cost_scale = Decimal(1).scaleb(-StocktakeLine.__table__.c.unit_cost.type.scale)  # type: ignore[attr-defined]
    return [
        PlaceRow(
            uuid.UUID(i),
            s,
            n,
            uuid.UUID(loc) if loc else None,
            lc or "",
            lot or "",
            Decimal(e) * scale,
            Decimal(c) * scale if c is not None else None,
            Decimal(cost) * cost_scale,
        )
        for i, s, n, loc, lc, lot, e, c, cost in rows
    ]


class CountPlaces:
    """Where and which lot each count line names, checked against the stocktake as lines arrive.

    A problem is added to the list given (the line's number, field and reason), as `add_counts` does
    for codes and quantities, so a scanner file's every problem is reported at once.
    """

    def __init__(self, uow: UnitOfWork, take: Stocktake) -> None:
        self._uow = uow
        self._take = take
        self._store = uow.get(Store, take.store_id, "store")
        zones = zone_ids(take.zones)
        self._locations = store_locations(uow, take.store_id, zones) if take.by_place else None
        self._zone_codes = (
            ", ".join(sorted(self._locations.codes[z] for z in zones)) if self._locations else ""
        )
        self._tracking: dict[uuid.UUID, tuple[str, str]] = {}

    def location(self, number: int, code: str, problems: list[RowProblem]) -> uuid.UUID | None:
        text = code.strip()
        known = self._locations
        if not text:
            if known is not None and known.covered is not None:
                problems.append(RowProblem(number, "location", code, Message("location_needed")))
            return None
        if known is None:
            problems.append(
                RowProblem(number, "location", code, Message("count_not_by_place", store=self._store.code))
            )
            return None
        found = known.by_code.get(text.upper())
        if found is None:
            problems.append(
                RowProblem(number, "location", code, Message("unknown_location", store=self._store.code))
            )
        elif known.covered is not None and found not in known.covered:
            problems.append(
                RowProblem(
                    number, "location", code, Message("location_outside_count", zones=self._zone_codes)
                )
            )
        elif found not in known.active:
            problems.append(RowProblem(number, "location", code, Message("location_archived")))
        return found

    def lot(
        self, number: int, item: uuid.UUID | None, code: str, problems: list[RowProblem]
    ) -> uuid.UUID | None:
        """The lot's id; a lot found on the shelf that no receipt named yet is made (without expiry)."""
        text = code.strip()
        if not text or item is None:
            return None
        if self._locations is None:
            problems.append(
                RowProblem(number, "lot", code, Message("count_not_by_place", store=self._store.code))
            )
            return None
        sku, tracking = self._item(item)
        if not Tracking(tracking).has_lots:
            problems.append(RowProblem(number, "lot", code, Message("item_not_tracked", sku=sku)))
            return None
        if len(text) > 64:
            problems.append(RowProblem(number, "lot", code, Message("too_long", maximum=64)))
            return None
        lot_id = lot_id_of(item, text)
        if self._uow.session.get(Lot, lot_id) is None:
            self._uow.session.add(Lot(id=lot_id, item_id=item, code=text))
            self._uow.session.flush()  # before the counts that name it are written past the session
        return lot_id

    def _item(self, item: uuid.UUID) -> tuple[str, str]:
        if item not in self._tracking:
            row = self._uow.session.execute(select(Item.sku, Item.tracking).where(Item.id == item)).one()
            self._tracking[item] = (row[0], row[1])
        return self._tracking[item]
