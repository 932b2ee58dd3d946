"""Data for the planning screen tests, built through the services as a manager would."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from stockdesk.domain.movements import MovementKind
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.inventory import stock
from stockdesk.services.inventory.stock import MovementRequest
from stockdesk.services.views import ItemView


@dataclass
class Shop:
    hammer: ItemView  # reorder point 5, 12 on hand, a supplier with an e-mail address
    nails: ItemView  # sold every day for 8 weeks: the planner suggests an order
    supplier_id: object


def build_shop(db, admin, store) -> Shop:
    supplier = organisation.create_supplier(
        db.uow(), admin, name="Acme Tools", email="orders@acme.example", lead_time_days=7
    )
    hammer = catalog.create_item(
        db.uow(),
        admin,
        sku="HAM-1",
        name="Claw hammer",
        cost_price="8.50",
        reorder_point="5",
        supplier_id=supplier.id,
        barcodes=["4006381333931"],
    )
    nails = catalog.create_item(
        db.uow(), admin, sku="NAIL-50", name="Nails 50 mm", cost_price="0.10", supplier_id=supplier.id
    )
    start = datetime.now(UTC) - timedelta(days=57)
    requests = [
        MovementRequest(MovementKind.RECEIVE, hammer.id, store.id, "12", at=start),
        MovementRequest(MovementKind.RECEIVE, nails.id, store.id, "400", at=start),
    ]
    requests += [
        MovementRequest(
            MovementKind.SALE, nails.id, store.id, str(5 + day % 4), at=start + timedelta(days=day, hours=1)
        )
        for day in range(1, 56)
    ]
    stock.post_movements(db.uow(), admin, requests)
    return Shop(hammer, nails, supplier.id)


@pytest.fixture
def shop(gui_db, gui_admin, gui_store) -> Shop:
    """The planning screens' shop (import this fixture into the test module)."""
    return build_shop(gui_db, gui_admin, gui_store)


def on_hand(db, item, store) -> Decimal:
    return stock.on_hand_of(db.uow(), item.id, store.id)
