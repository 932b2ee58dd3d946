"""Whatever a person does, in whatever order, stock_level equals the sum of the ledger."""

from __future__ import annotations

import itertools
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stockdesk.domain.errors import InsufficientStock, ValidationError
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.inventory import check, stock

quantities = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(50), places=3)
operation = st.one_of(
    st.tuples(st.just("receive"), st.integers(0, 1), st.integers(0, 2), quantities),
    st.tuples(st.just("sell"), st.integers(0, 1), st.integers(0, 2), quantities),
    st.tuples(st.just("adjust"), st.integers(0, 1), st.integers(0, 2), quantities, st.booleans()),
    st.tuples(st.just("transfer"), st.integers(0, 1), st.integers(0, 2), quantities, st.integers(0, 2)),
    st.tuples(st.just("count"), st.integers(0, 1), st.integers(0, 2), quantities),
    st.tuples(st.just("reverse"), st.integers(0, 50)),
)

_EXAMPLES = itertools.count()


def _apply(db, admin, op, items, stores, posted, expected):
    kind = op[0]
    if kind == "reverse":
        if posted:
            movement = posted[op[1] % len(posted)]
            for undo in stock.reverse(db.uow(), admin, movement.id, reason="property test"):
                expected[undo.item_id, undo.store_id] += undo.quantity
        return
    item, store, qty = items[op[1]], stores[op[2]], op[3]
    if kind == "receive":
        moved = [stock.receive(db.uow(), admin, item_id=item, store_id=store, quantity=qty)]
    elif kind == "sell":
        moved = [stock.sell(db.uow(), admin, item_id=item, store_id=store, quantity=qty)]
    elif kind == "adjust":
        signed = qty if op[4] else -qty
        moved = [
            stock.adjust(db.uow(), admin, item_id=item, store_id=store, quantity=signed, allow_negative=True)
        ]
    elif kind == "transfer":
        moved = list(
            stock.transfer(
                db.uow(), admin, item_id=item, from_store_id=store, to_store_id=stores[op[4]], quantity=qty
            )
        )
    else:
        moved = [stock.count(db.uow(), admin, item_id=item, store_id=store, counted=qty)]
    for movement in moved:
        expected[movement.item_id, movement.store_id] += movement.quantity
    posted.extend(moved)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=st.lists(operation, min_size=1, max_size=25))
def test_random_movements_keep_levels_equal_to_the_ledger(db, admin, operations):
    suffix = f"{next(_EXAMPLES):06d}"  # every example gets its own stores and items in the shared database
    stores = [
        organisation.create_store(db.uow(), admin, code=f"{suffix}{n}", name=f"S{n}").id for n in range(3)
    ]
    # Sold by weight (any of the three decimals) and by the piece (fractions refused, leaving no trace).
    items = [
        catalog.create_item(db.uow(), admin, sku=f"P-{suffix}-{n}", name=f"Item {n}", unit=unit).id
        for n, unit in enumerate(("kg", "pcs"))
    ]
    posted: list = []
    expected = {(i, s): Decimal(0) for i in items for s in stores}
    for op in operations:
        try:
            _apply(db, admin, op, items, stores, posted, expected)
        except (InsufficientStock, ValidationError):
            pass  # refused operations must leave no trace, which the checks below prove
    assert check.find_differences(db.uow()) == []
    for (item, store), quantity in expected.items():
        assert stock.on_hand_of(db.uow(), item, store) == quantity
        if quantity < 0:
            assert any(op[0] in ("adjust", "count", "reverse") for op in operations)
