"""Three desks edit offline at random, sync in random orders, and end equal to a one-database replay."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from sqlalchemy import select

from stockdesk.db.models import Item, StockLevel, StockMovement, Store
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.database import Database, open_database
from stockdesk.services.inventory import stock
from tests.integration.test_sync_support import make_desk, service, sync_all, sync_api, sync_server

__all__ = ["make_desk", "sync_api", "sync_server"]
pytestmark = pytest.mark.pg
EMAIL, PASSWORD = "boss@example.com", "boss-pass-1"
STORES = ("MAIN", "NORTH")


@dataclass
class World:
    """One database (a desk, or the replay) with its actor and the ids behind SKUs and store codes."""

    db: Database
    actor: users.Actor
    stores: dict[str, object]
    items: dict[str, object] = field(default_factory=dict)

    def refresh(self) -> None:
        with self.db.uow() as uow:
            self.items = dict(uow.session.execute(select(Item.sku, Item.id)).all())

    def apply(self, op: tuple, *, replay: bool) -> bool:
        kind, *args = op
        uow = self.db.uow()
        if kind == "create":
            sku, name, price = args
            self.items[sku] = catalog.create_item(uow, self.actor, sku=sku, name=name, sell_price=price).id
        elif kind == "edit":
            sku, name, value = args
            catalog.update_item(uow, self.actor, self.items[sku], **{name: value})
        elif kind == "receive":
            sku, code, qty = args
            stock.receive(uow, self.actor, item_id=self.items[sku], store_id=self.stores[code], quantity=qty)
        elif kind == "sell":
            sku, code, qty = args
            store_id = self.stores[code]
            if not replay and stock.on_hand_of(self.db.uow(), self.items[sku], store_id) < qty:
                return False
            stock.sell(
                uow,
                self.actor,
                item_id=self.items[sku],
                store_id=store_id,
                quantity=qty,
                allow_negative=replay,
            )
        return True


def _state(db: Database) -> tuple:
    with db.uow() as uow:
        codes = dict(uow.session.execute(select(Store.id, Store.code)).all())
        skus = dict(uow.session.execute(select(Item.id, Item.sku)).all())
        items = sorted(uow.session.execute(select(Item.sku, Item.name, Item.sell_price)).all())
        ledger = sorted(
            (skus[i], codes[s], k, q)
            for i, s, k, q in uow.session.execute(
                select(
                    StockMovement.item_id, StockMovement.store_id, StockMovement.kind, StockMovement.quantity
                )
            )
        )
        levels = sorted(
            (skus[i], codes[s], q)
            for i, s, q in uow.session.execute(
                select(StockLevel.item_id, StockLevel.store_id, StockLevel.on_hand)
            )
            if q != 0
        )
    return items, ledger, levels


def _next_op(rng: random.Random, desk: str, world: World, counter: list[int]) -> tuple:
    roll = rng.random()
    if roll < 0.2 or not world.items:
        counter[0] += 1
        return ("create", f"{desk}-{counter[0]}", f"item {counter[0]}", str(rng.randint(1, 99)))
    sku = rng.choice(sorted(world.items))
    code = rng.choice(STORES)
    if roll < 0.45:
        if rng.random() < 0.5:
            return ("edit", sku, "name", f"name {rng.randint(1, 9)}")
        return ("edit", sku, "sell_price", f"{rng.randint(1, 50)}.{rng.randint(0, 99):02d}")
    if roll < 0.75:
        return ("receive", sku, code, Decimal(rng.randint(1, 10)))
    return ("sell", sku, code, Decimal(rng.randint(1, 6)))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_three_desks_converge_to_the_single_database_replay(seed, make_desk, tmp_path):
    rng = random.Random(seed)
    desks = {name: make_desk(name) for name in "abc"}
    admin = users.create_first_admin(desks["a"].uow(), email=EMAIL, password=PASSWORD, name="Boss")
    for code in STORES:
        organisation.create_store(desks["a"].uow(), admin, code=code, name=code.title())
    services = {name: service(db, tmp_path) for name, db in desks.items()}
    sync_all(list(services.values()))
    worlds = {}
    for name, db in desks.items():
        actor = users.authenticate(db.uow(), email=EMAIL, password=PASSWORD)
        with db.uow() as uow:
            stores = dict(uow.session.execute(select(Store.code, Store.id)).all())
        worlds[name] = World(db, actor, stores)

    replay_db = open_database(str(tmp_path / "replay.sqlite"))
    replay_admin = users.create_first_admin(replay_db.uow(), email=EMAIL, password=PASSWORD, name="Boss")
    replay = World(
        replay_db,
        replay_admin,
        {
            code: organisation.create_store(replay_db.uow(), replay_admin, code=code, name=code.title()).id
            for code in STORES
        },
    )

    counter = [0]
    for _step in range(120):
        name = rng.choice("abc")
        if rng.random() < 0.15:
            assert services[name].sync_once().ok
            worlds[name].refresh()
            continue
        op = _next_op(rng, name, worlds[name], counter)
        if worlds[name].apply(op, replay=False):
            replay.apply(op, replay=True)
        time.sleep(0.002)  # stamps 2 ms apart: the HLC order is the order the script ran them in

    sync_all(list(services.values()))
    expected = _state(replay_db)
    for name, db in desks.items():
        assert _state(db) == expected, f"desk {name} differs from the replay (seed {seed})"
    for svc in services.values():
        svc.close()
    replay_db.close()
