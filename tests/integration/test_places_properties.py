"""Whatever happens on the shelves — lots received (some expired), first-expiry-first-out sales, moves
between locations, transfers, counts of one shelf or lot, serial numbers in and out — every level per
(item, store, location, lot) equals the sum of its movements, a sale never takes an expired lot unless
asked to, and a serial number never leaves twice. SQLite only: the ledger's SQL is proven on both
databases by test_ledger_properties.py and test_places.py; here the rules are explored."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from stockdesk.db.models import StockMovement
from stockdesk.db.place_models import lot_id_of
from stockdesk.domain.errors import InsufficientStock, ValidationError
from stockdesk.domain.movements import MovementKind
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.inventory import check, stock
from stockdesk.services.inventory.stock import MovementRequest
from stockdesk.services.places import locations
from stockdesk.services.places.place_levels import item_places, lot_on_hand_everywhere
from stockdesk.services.places.placing import PlaceChoice

LOTS = (("L-GONE", -3), ("L-EDGE", -1), ("L-SOON", 2), ("L-LATE", 40))  # two of them expired
SERIALS = tuple(f"SN-{n}" for n in range(4))
SHELVES = 2  # locations per store; index SHELVES means "none named"

quantities = st.integers(1, 12).map(Decimal)
shelf = st.integers(0, SHELVES)
operation = st.one_of(
    st.tuples(st.just("receive"), st.integers(0, len(LOTS) - 1), shelf, quantities),
    st.tuples(st.just("sell"), quantities),
    st.tuples(st.just("move"), shelf, st.integers(0, SHELVES - 1), quantities),
    st.tuples(st.just("transfer"), quantities),
    st.tuples(
        st.just("count"), st.integers(0, len(LOTS) - 1), st.integers(0, SHELVES - 1), st.integers(0, 9)
    ),
    st.tuples(st.just("serial_in"), st.integers(0, len(SERIALS) - 1)),
    st.tuples(st.just("serial_out"), st.integers(0, len(SERIALS) - 1)),
)

_EXAMPLES = itertools.count()


class Shop:
    """One example's stores, shelves and items, and what the test saw posted."""

    def __init__(self, db, admin) -> None:
        suffix = f"{next(_EXAMPLES):05d}"
        self.db, self.admin = db, admin
        self.stores = [
            organisation.create_store(db.uow(), admin, code=f"P{suffix}{n}", name=f"S{n}").id
            for n in range(2)
        ]
        self.shelves = [
            [
                locations.create_location(db.uow(), admin, store_id=store, code=f"P{suffix}{n}-{k}").id
                for k in range(SHELVES)
            ]
            for n, store in enumerate(self.stores)
        ]
        self.milk = catalog.create_item(db.uow(), admin, sku=f"M-{suffix}", name="Milk", tracking="expiry").id
        self.phone = catalog.create_item(
            db.uow(), admin, sku=f"T-{suffix}", name="Phone", tracking="serial"
        ).id
        self.today = date.today()  # per example, not at import: a run may cross midnight
        self.expiry = {lot_id_of(self.milk, code): self.today + timedelta(days=days) for code, days in LOTS}
        self.expired = {lot for lot, day in self.expiry.items() if day < self.today}
        self.posted: list = []
        self.serial_in_stock = dict.fromkeys(SERIALS, False)
        self.serial_moves: Counter[str] = Counter()

    def shelf(self, store: int, index: int):
        return self.shelves[store][index] if index < SHELVES else None

    def post(self, kind: MovementKind, item, store: int, qty, place: PlaceChoice) -> list:
        request = MovementRequest(kind, item, self.stores[store], qty, place=place)
        moved = stock.post_movements(self.db.uow(), self.admin, [request])
        self.posted.extend(moved)
        return moved

    def apply(self, op) -> None:
        kind, db, admin, milk = op[0], self.db, self.admin, self.milk
        if kind == "receive":
            code, days = LOTS[op[1]]
            place = PlaceChoice(
                lot=code, expires_on=self.today + timedelta(days=days), location_id=self.shelf(0, op[2])
            )
            self.post(MovementKind.RECEIVE, milk, 0, op[3], place)
        elif kind == "sell":
            sold = self.post(MovementKind.SALE, milk, 0, op[1], PlaceChoice())
            assert not {m.lot_id for m in sold} & self.expired, "an expired lot was sold without an override"
            self._first_expiry_first_out(sold)
        elif kind == "move":
            source = PlaceChoice(location_id=self.shelf(0, op[1]), from_unplaced=op[1] == SHELVES)
            moved = stock.move_within_store(
                db.uow(), admin, item_id=milk, store_id=self.stores[0], to_location_id=self.shelves[0][op[2]],
                quantity=op[3], place=source,
            )  # fmt: skip
            assert not {m.lot_id for m in moved} & self.expired
            self.posted.extend(moved)
        elif kind == "transfer":
            first, _ = stock.transfer(
                db.uow(), admin, item_id=milk, from_store_id=self.stores[0], to_store_id=self.stores[1],
                quantity=op[1],
            )  # fmt: skip
            moved = legs_of(db, first.transfer_id)  # a pair per lot taken: the call returns the first
            assert not {m.lot_id for m in moved} & self.expired
            self.posted.extend(moved)
        elif kind == "count":
            code, days = LOTS[op[1]]
            place = PlaceChoice(
                lot=code, expires_on=self.today + timedelta(days=days), location_id=self.shelves[0][op[2]]
            )
            counted = stock.count(
                db.uow(), admin, item_id=milk, store_id=self.stores[0], counted=op[3], place=place
            )
            self.posted.append(counted)
        else:
            self._serial(kind, SERIALS[op[1]])

    def _serial(self, kind: str, serial: str) -> None:
        """A serial comes in only when it is out, goes out only when it is in; a refusal changes nothing."""
        incoming = kind == "serial_in"
        was_in = self.serial_in_stock[serial]
        try:
            if incoming:
                self.post(MovementKind.RECEIVE, self.phone, 0, 1, PlaceChoice(serials=(serial,)))
            else:
                self.post(MovementKind.SALE, self.phone, 0, 1, PlaceChoice(serials=(serial,)))
        except ValidationError:
            assert was_in == incoming, f"{kind} {serial} refused although allowed"
            return
        assert was_in != incoming, f"{kind} {serial} accepted twice"
        self.serial_in_stock[serial] = incoming
        self.serial_moves[serial] += 1

    def _first_expiry_first_out(self, sold: list) -> None:
        """No lot that expires before one the sale took is left with stock in the store (expired ones
        excepted): whichever shelf it is on, the sooner lot goes first."""
        latest_taken = max(self.expiry[m.lot_id] for m in sold)
        left = self.levels_seen()
        sooner = [
            (lot, location, qty)
            for (item, store, location, lot), qty in left.items()
            if item == self.milk and store == self.stores[0] and qty > 0
            and lot not in self.expired and self.expiry[lot] < latest_taken
        ]  # fmt: skip
        assert sooner == [], "a later lot was sold while a sooner one was on hand"

    def levels_seen(self) -> dict:
        """What the posted movements add up to, per (item, store, location, lot)."""
        seen: dict = {}
        for m in self.posted:
            key = (m.item_id, m.store_id, m.location_id, m.lot_id)
            seen[key] = seen.get(key, Decimal(0)) + m.quantity
        return {key: qty for key, qty in seen.items() if qty != 0}


def legs_of(db, transfer_id) -> list[StockMovement]:
    with db.uow() as uow:
        legs = list(
            uow.session.scalars(select(StockMovement).where(StockMovement.transfer_id == transfer_id))
        )
        uow.session.expunge_all()  # keep the loaded values after the unit of work ends
        return legs


def levels_stored(db, item_ids) -> dict:
    stored = {}
    for item in item_ids:
        for p in item_places(db.uow(), item):
            stored[item, p.store_id, p.location_id, p.lot_id] = p.on_hand
    return stored


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=st.lists(operation, min_size=1, max_size=20))
# A later lot nobody put away yet and a sooner one on a shelf: the sooner one is sold first (this once
# picked by location before expiry), then a transfer that takes two lots writes two pairs.
@example(operations=[("receive", 3, 2, Decimal(5)), ("receive", 2, 0, Decimal(5)), ("sell", Decimal(6))])
@example(operations=[("receive", 2, 0, Decimal(7)), ("receive", 3, 1, Decimal(1)), ("transfer", Decimal(8))])
def test_shelves_lots_and_serials_keep_every_place_equal_to_its_movements(db, admin, operations):
    shop = Shop(db, admin)
    for op in operations:
        try:
            shop.apply(op)
        except (InsufficientStock, ValidationError) as refused:
            # More than is there, only expired lots left, a lot never received: refused, and no trace.
            assert op[0] != "receive", refused
    assert check.find_differences(db.uow()) == []
    assert levels_stored(db, (shop.milk, shop.phone)) == shop.levels_seen()
    for serial, inside in shop.serial_in_stock.items():
        assert lot_units(db, lot_id_of(shop.phone, serial)) == (1 if inside else 0)
    assert stock.on_hand_of(db.uow(), shop.phone, shop.stores[0]) == sum(shop.serial_in_stock.values())


def lot_units(db, lot_id) -> Decimal:
    with db.uow() as uow:
        return lot_on_hand_everywhere(uow, lot_id)
