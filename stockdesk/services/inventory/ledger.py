"""Writing to the ledger: movement rows and the matching stock_level changes, in one transaction.

This module is the only place that changes `stock_level`, so the level can never drift from the
ledger except through a bug that `stockdesk check` would show. A batch costs a handful of
statements whatever its size: levels are read (and locked) with one query per store, balances run
in Python, each level row is written once (a relative update, or an insert for a new place), and
movements go in with one executemany.

A posting (`services/inventory/postings.py`) names its item by anything with the few attributes the ledger and
the alerts read (`StockItem`): an ORM `Item`, or an `ItemRef` for callers that post tens of thousands of lines
(a stocktake) and would spend more time building ORM objects than writing the movements.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import String, bindparam, select, text, type_coerce, update
from sqlalchemy.dialects import postgresql, sqlite

from stockdesk.db import capture, fast_write, reorder_bulk
from stockdesk.db.base import utcnow
from stockdesk.db.id_lists import id_in
from stockdesk.db.models import StockLevel, StockMovement
from stockdesk.domain.errors import InsufficientStock, ValidationError
from stockdesk.domain.ids import new_id, new_ids
from stockdesk.domain.messages import Message
from stockdesk.domain.movements import MovementKind
from stockdesk.services.inventory.postings import LEVELS_READ, Key, Posting
from stockdesk.services.planning import alerts
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.views import MovementRow, MovementView

POSTED = "posted_movements"  # session.info key: the movements this transaction wrote
POSTED_EACH = "posted_each"  # session.info key: those of each post of `stock.post_each`, in its order


# Built once: `fast_write` keeps each statement's compiled form, so a one-line sale compiles nothing.
_RELATIVE_UPDATE = (
    update(StockLevel)
    .where(StockLevel.item_id == bindparam("i"), StockLevel.store_id == bindparam("s"))
    .values(on_hand=StockLevel.on_hand + bindparam("d", type_=StockLevel.on_hand.type))
)
# One posting's change applied and the new figure read back in one statement (PostgreSQL): the
# row is locked by the update as by SELECT ... FOR UPDATE, and a refusal after it rolls it back.
_ADD_RETURNING = _RELATIVE_UPDATE.returning(StockLevel.on_hand)
_MOVEMENT_INSERT = StockMovement.__table__.insert()
_ONE_LEVEL_QUERY = select(StockLevel.on_hand).where(
    StockLevel.item_id == bindparam("item", type_=StockLevel.item_id.type),
    StockLevel.store_id == bindparam("store", type_=StockLevel.store_id.type),
)
_ONE_LEVEL = {"postgresql": _ONE_LEVEL_QUERY.with_for_update(), "sqlite": _ONE_LEVEL_QUERY}


def read_level(uow: UnitOfWork, item_id: uuid.UUID, store_id: uuid.UUID) -> Decimal | None:
    """One level row's on-hand (None: no row), locked on PostgreSQL as every posting locks it."""
    found = uow.session.connection().execute(_ONE_LEVEL[uow.dialect], {"item": item_id, "store": store_id})
    value: Decimal | None = found.scalar()
    return value


def remember_level(uow: UnitOfWork, key: Key, on_hand: Decimal) -> None:
    """A level just read (and locked) for a posting that follows in this transaction: the posting
    takes it instead of reading it again (`_read_levels`, once)."""
    uow.session.info.setdefault(LEVELS_READ, {})[key] = on_hand


def _insert_new_levels(upsert: Callable[[type[StockLevel]], Any]) -> Any:
    """A place stocked for the first time gets its row with the final figure: one write, not an insert
    of zero and an update. Should another desk's transaction have created the row in between, the
    batch's change is added to its figure instead."""
    statement = upsert(StockLevel)
    return statement.on_conflict_do_update(
        index_elements=["item_id", "store_id"],
        set_={"on_hand": StockLevel.on_hand + statement.excluded.on_hand},
    )


_INSERT_NEW = {
    "postgresql": _insert_new_levels(postgresql.insert),
    "sqlite": _insert_new_levels(sqlite.insert),
}


def _write_levels(
    uow: UnitOfWork, start: dict[Key, Decimal], balance: dict[Key, Decimal], new: set[Key], *, applied: bool
) -> None:
    """Apply the batch's net change to each level row: relative updates, and new rows inserted once.

    `applied`: the existing rows hold the change already (`_added_first`); only new rows are left."""
    connection = uow.session.connection()
    changed = [
        {"i": k[0], "s": k[1], "d": v - start[k]}
        for k, v in balance.items()
        if v != start[k] and k not in new and not applied
    ]
    if changed and uow.dialect == "postgresql":
        # One statement for the whole batch: an UPDATE per row costs a round trip each (50,000 for a
        # stocktake); the rows are locked already, so the order of the writes no longer matters.
        connection.execute(
            text(
                "UPDATE stock_level SET on_hand = stock_level.on_hand + v.d "
                "FROM unnest(CAST(:i AS uuid[]), CAST(:s AS uuid[]), CAST(:d AS numeric[])) AS v(i, s, d) "
                "WHERE stock_level.item_id = v.i AND stock_level.store_id = v.s"
            ),
            {"i": [c["i"] for c in changed], "s": [c["s"] for c in changed], "d": [c["d"] for c in changed]},
        )
    elif changed:
        # Relative updates keep a concurrent writer's change on SQLite, where rows are not locked.
        fast_write.executemany(connection, _RELATIVE_UPDATE, changed)
    if new:
        rows = [{"item_id": k[0], "store_id": k[1], "on_hand": balance[k]} for k in new]
        fast_write.executemany(connection, _INSERT_NEW[uow.dialect], rows)


def _added_first(uow: UnitOfWork, key: Key, quantity: Decimal) -> dict[Key, Decimal]:
    """A single posting's start figure, its change already written (PostgreSQL; {}: no row yet).

    Reading the level (locked) and then writing it were two round trips of a post's ten; checked after
    the write instead, a refused posting (not enough stock) is undone with its transaction."""
    uow.session.info.pop(LEVELS_READ, None)  # taken once, as `_read_levels` takes it
    found = uow.session.connection().execute(_ADD_RETURNING, {"i": key[0], "s": key[1], "d": quantity})
    after: Decimal | None = found.scalar()
    return {} if after is None else {key: after - quantity}


def _read_levels(uow: UnitOfWork, keys: set[Key]) -> dict[Key, Decimal]:
    """On-hand of the keys that have a level row: one query per store, ids as one parameter.

    A level the picking of this very posting has just read (and locked) is taken as read: nothing
    wrote it since. Taken once: after this posting writes it, it must be read again."""
    just_read: dict[Key, Decimal] = uow.session.info.pop(LEVELS_READ, {})
    levels = {key: just_read[key] for key in keys if key in just_read}
    per_store: dict[uuid.UUID, list[uuid.UUID]] = {}
    for item, store in keys - levels.keys():
        per_store.setdefault(store, []).append(item)
    connection = uow.session.connection()
    # Store by store in one order (and each store's rows by item, below): two batches over the same
    # places lock them in the same order, so one waits for the other instead of deadlocking.
    for store in sorted(per_store):
        items = per_store[store]
        if len(items) == 1:  # a sale at the counter: a statement built once, one row by its key
            found = read_level(uow, items[0], store)
            if found is not None:
                levels[(items[0], store)] = found
            continue
        if uow.dialect == "postgresql":
            query = select(StockLevel.item_id, StockLevel.on_hand).where(
                StockLevel.store_id == store, id_in(uow.dialect, StockLevel.item_id, items)
            )
            # Rows are locked in the order they are returned: one order for every transaction, so
            # two desks' batches over the same items wait for each other instead of deadlocking.
            query = query.order_by(StockLevel.item_id).with_for_update()
            levels.update({(item, store): on_hand for item, on_hand in connection.execute(query)})
            continue
        # SQLite keeps ids as hex text: matching the text to the keys we hold is much cheaper than
        # parsing 50,000 UUIDs back out of the result.
        by_hex = {item.hex: item for item in items}
        by_text = select(type_coerce(StockLevel.item_id, String), StockLevel.on_hand).where(
            StockLevel.store_id == store, id_in(uow.dialect, StockLevel.item_id, items)
        )
        levels.update({(by_hex[hex_id], store): on_hand for hex_id, on_hand in connection.execute(by_text)})
    return levels


def post_many(
    uow: UnitOfWork,
    postings: Sequence[Posting],
    *,
    user_id: uuid.UUID | None,
    allow_negative: bool,
    views: bool = True,
    new_items: bool = False,
) -> list[MovementView]:
    """Write movements in order; refuse any line that would take stock below zero unless allowed.

    Returns a view of each movement written, or nothing when `views` is False (a stocktake or an
    import of tens of thousands of lines has no use for them). `new_items`: every posting's item
    was created in this transaction (an import's opening stock), so no place has a level row to
    read or lock, and none can cross a reorder point downwards from nothing: no alert to look at.
    """
    if not postings:
        return []
    posting_keys = [(p.item.id, p.store.id) for p in postings]
    # Each place gets a slot, and the balances run in a list: a UUID pair is hashed in Python, so a dict
    # keyed by it cost more per line than the rest of the balancing.
    slot_of: dict[Key, int] = {}
    slots = [slot_of.setdefault(key, len(slot_of)) for key in posting_keys]
    keys = set(slot_of)
    # A single posting on PostgreSQL whose level the picking has not just read: update first.
    applied = (
        len(postings) == 1
        and not new_items
        and uow.dialect == "postgresql"
        and postings[0].quantity != 0  # no change writes no row version
        and posting_keys[0] not in uow.session.info.get(LEVELS_READ, {})
    )
    if applied:
        start = _added_first(uow, posting_keys[0], postings[0].quantity)
    else:
        start = {} if new_items else _read_levels(uow, keys)  # locked on PostgreSQL
    new = keys - start.keys()
    start.update(dict.fromkeys(new, Decimal(0)))
    running = [start[key] for key in slot_of]
    last: list[Posting] = list(postings[: len(slot_of)])  # each place's last posting (filled below)
    rows: list[MovementRow] = []
    afters: list[Decimal] = []
    now = utcnow()
    ids = [new_id()] if len(postings) == 1 else new_ids(len(postings))  # one call for the batch's randomness
    for posting, key, slot, movement_id in zip(postings, posting_keys, slots, ids, strict=True):
        _refuse_archived(posting)
        before = running[slot]
        after = before + posting.quantity
        if after < 0 and posting.quantity < 0 and not allow_negative:
            raise InsufficientStock(
                sku=posting.item.sku, store=posting.store.code, on_hand=before, requested=-posting.quantity
            )
        running[slot] = after
        last[slot] = posting
        rows.append(_movement_row(movement_id, posting, key, user_id, uow.desk_id, now))
        afters.append(after)
    balance = dict(zip(slot_of, running, strict=True))
    connection = uow.session.connection()
    # A big batch marks its keys for the reorder run in one statement, not a trigger's upsert per row.
    with reorder_bulk.marking_of(connection, len(rows)):
        # The rows are locked already (PostgreSQL), so the update order no longer matters.
        _write_levels(uow, start, balance, new, applied=applied)
        if not new_items and any(balance[k] != start[k] for k in keys):
            # Low-stock alerts and their e-mail, same transaction. They judge a place by its balance before
            # and after the whole batch, so its last posting speaks for all of the place's lines.
            alerts.levels_changed(uow, last, start, balance)
        # Core executemany: an ORM object per movement costs more than the insert itself.
        with capture.bulk_inserts_of(connection, ["stock_movement"], len(rows)):
            fast_write.executemany(connection, _MOVEMENT_INSERT, rows)
    if not views:
        return []
    written = MovementView.of_rows(rows, afters)
    # Kept on the session for commit hooks that answer for the whole transaction (idempotent API posts).
    uow.session.info.setdefault(POSTED, []).extend(written)
    return written


def _refuse_archived(posting: Posting) -> None:
    if posting.item.is_template and posting.reverses_id is None:
        # Stock is kept on the variants; a template's stock would count in no matrix cell.
        sku = posting.item.sku
        raise ValidationError("item", sku, Message("variant.template_not_stocked", sku=sku))
    incoming = posting.kind in (MovementKind.RECEIVE, MovementKind.TRANSFER_IN)
    if incoming and not posting.item.active and posting.reverses_id is None:
        raise ValidationError("item", posting.item.sku, Message("item_archived"))


def _movement_row(
    movement_id: uuid.UUID, posting: Posting, key: Key, user_id: uuid.UUID | None, desk_id: str, now: datetime
) -> MovementRow:
    return {
        "id": movement_id,
        "item_id": key[0],
        "store_id": key[1],
        "kind": posting.kind.value,
        "quantity": posting.quantity,
        "counted_quantity": posting.counted_quantity,
        "unit_cost": posting.unit_cost,
        "reference": posting.reference,
        "transfer_id": posting.transfer_id,
        "reverses_id": posting.reverses_id,
        "location_id": posting.location_id,
        "lot_id": posting.lot_id,
        "user_id": user_id,
        "at": posting.at or now,
        "created_at": now,
        "updated_at": now,
        "updated_by": user_id,
        "origin_desk": desk_id,
        "hlc": "",
        "deleted": False,
    }


def post(
    uow: UnitOfWork, posting: Posting, *, user_id: uuid.UUID | None, allow_negative: bool
) -> MovementView:
    return post_many(uow, [posting], user_id=user_id, allow_negative=allow_negative)[0]


def on_hand(uow: UnitOfWork, item_id: uuid.UUID, store_id: uuid.UUID) -> Decimal:
    value = uow.session.scalar(
        select(StockLevel.on_hand).where(StockLevel.item_id == item_id, StockLevel.store_id == store_id)
    )
    return value if value is not None else Decimal(0)
