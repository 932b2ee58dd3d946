"""Stock use cases: receive, sell, adjust, transfer, count, reverse, and reading levels."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal

from sqlalchemy import bindparam, select, true

from stockdesk.db.models import Item, StockLevel, StockMovement, Store
from stockdesk.domain.errors import NotFound, ValidationError
from stockdesk.domain.ids import ItemId, LocationId, MovementId, PackId, StoreId, new_id
from stockdesk.domain.messages import Message
from stockdesk.domain.movements import MovementKind, count_delta, signed_quantity
from stockdesk.domain.numbers import MoneyInput, QuantityInput, parse_quantity
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.domain.tracking import Tracking
from stockdesk.domain.units import check_in_unit, in_stock_unit
from stockdesk.services.accounts import audit
from stockdesk.services.catalogue.packs import pack_factor
from stockdesk.services.gc_pause import collector_paused
from stockdesk.services.inventory.ledger import POSTED_EACH, on_hand, post, post_many
from stockdesk.services.inventory.line_checks import LineChecks
from stockdesk.services.inventory.postings import ItemRef, Posting, StockItem
from stockdesk.services.places.locations import KNOWN_LOCATION_STORES, has_locations, store_has_locations
from stockdesk.services.places.place_levels import place_on_hand, suggested_location
from stockdesk.services.places.placing import (
    NOTHING,
    PlaceChoice,
    checked_location,
    counted_place,
    place_posting,
)
from stockdesk.services.planning import store_points
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import optional_text
from stockdesk.services.views import MovementView, StockLevelView


@dataclass(frozen=True)
class MovementRequest:
    """One line of a batch: what a person typed, before validation."""

    kind: MovementKind
    item_id: ItemId
    store_id: StoreId
    quantity: QuantityInput
    unit_cost: MoneyInput | None = None
    reference: str = ""
    at: datetime | None = None
    pack_id: PackId | None = None  # `quantity` counts these packs (a scanned case), not stock units
    place: PlaceChoice = NOTHING  # location, lot, serial numbers, if the person named any


def _prepare(
    uow: UnitOfWork,
    checks: LineChecks,
    request: MovementRequest,
    *,
    allow_negative: bool,
    batch: _BatchRows | None = None,
) -> Posting:
    item, unit = _item_of(uow, request.item_id, batch)
    store = (batch.stores.get(request.store_id) if batch else None) or uow.get(
        Store, request.store_id, "store"
    )
    checks.require(Action.MOVE_STOCK, store.id)
    if allow_negative:
        checks.require(Action.OVERRIDE_NEGATIVE)
    kind = request.kind if type(request.kind) is MovementKind else MovementKind(request.kind)
    if kind is MovementKind.ADJUST:
        checks.require(Action.ADJUST_STOCK, store.id)
    if kind in (MovementKind.TRANSFER_IN, MovementKind.TRANSFER_OUT, MovementKind.COUNT):
        raise ValidationError("kind", kind.value, Message("kind_not_direct"))
    if request.pack_id is None:
        amount = checks.amount(kind, request.quantity, unit)
    else:  # a pack's factor is the item's own
        amount = parse_quantity("quantity", request.quantity, allow_negative=kind is MovementKind.ADJUST)
        amount = in_unit(uow, item.id, unit, "quantity", amount, request.pack_id)
    return Posting(
        item,
        store,
        kind,
        signed_quantity(kind, amount),
        checks.reference(request.reference),
        checks.unit_cost(request.unit_cost),
        at=request.at,
    )


def _item_of(uow: UnitOfWork, item_id: ItemId, batch: _BatchRows | None) -> tuple[StockItem, str]:
    """The line's item as posting reads it, and its stock unit."""
    found = batch.items.get(item_id) if batch else None
    if found is not None:
        return found
    item = uow.get(Item, item_id, "item")
    return item, item.unit


def in_item_unit(
    uow: UnitOfWork, item: Item, field: str, amount: Decimal, pack_id: PackId | None = None
) -> Decimal:
    """`amount` (of the item's pack `pack_id`, if given) in the item's stock unit, within its decimals."""
    return in_unit(uow, item.id, item.unit, field, amount, pack_id)


def in_unit(
    uow: UnitOfWork, item_id: uuid.UUID, unit: str, field: str, amount: Decimal, pack_id: PackId | None
) -> Decimal:
    """`in_item_unit` for an item known by its id and stock unit."""
    if pack_id is not None:
        amount = in_stock_unit(amount, pack_factor(uow, item_id, pack_id))
    return check_in_unit(field, amount, unit)


def post_movements(
    uow: UnitOfWork, actor: Actor, requests: Sequence[MovementRequest], *, allow_negative: bool = False
) -> list[MovementView]:
    """Post many receipts, sales or adjustments in one transaction: all or nothing."""
    with uow, collector_paused():
        uow.actor_id = actor.id
        lines = _post_lines(uow, actor, requests, allow_negative=allow_negative)
        views = [view for line in lines for view in line]
        audit.record(
            uow, actor, "stock.post", "stock_movement", views[0].id if views else None, lines=len(views)
        )
        uow.commit()
        return views


def post_each(
    uow: UnitOfWork, actor: Actor, posts: Sequence[Sequence[MovementRequest]]
) -> list[list[MovementView]]:
    """Several posts of one actor in one transaction (the server's round of posts that arrived
    together): each is checked and audited as `post_movements` would, and the movements each wrote
    come back in its place (also kept on the session, `POSTED_EACH`, for its commit hooks). All or
    nothing: one refused line refuses them all, so a caller posts them one by one after that."""
    with uow, collector_paused():
        uow.actor_id = actor.id
        lines = _post_lines(uow, actor, [request for post in posts for request in post], allow_negative=False)
        written: list[list[MovementView]] = []
        for post in posts:
            done, lines = lines[: len(post)], lines[len(post) :]
            written.append([view for line in done for view in line])
        audit.record_each(
            uow,
            actor,
            [
                ("stock.post", "stock_movement", views[0].id if views else None, {"lines": len(views)})
                for views in written
            ],
        )
        uow.session.info[POSTED_EACH] = written
        uow.commit()
        return written


def _post_lines(
    uow: UnitOfWork, actor: Actor, requests: Sequence[MovementRequest], *, allow_negative: bool
) -> list[list[MovementView]]:
    """Write the requests' movements (not committed): what each request wrote, in its order."""
    batch = _preload(uow, requests)
    checks = LineChecks(actor)
    postings: list[Posting] = []
    owners: list[int] = []  # the request each posting in `postings` came from
    written: list[list[MovementView]] = [[] for _ in requests]

    def write(placed: list[Posting] | None = None, owner: int = 0) -> None:
        """Write the postings held back, then `placed` (what request `owner` was placed as)."""
        more = placed or []
        views = post_many(uow, [*postings, *more], user_id=actor.id, allow_negative=allow_negative)
        for view, by in zip(views, [*owners, *[owner] * len(more)], strict=True):
            written[by].append(view)
        postings.clear()
        owners.clear()

    for number, request in enumerate(requests, start=1):
        try:
            posting = _prepare(uow, checks, request, allow_negative=allow_negative, batch=batch)
            if request.place is NOTHING and batch is not None and batch.plain(uow, posting):
                postings.append(posting)  # nothing to place: what `place_posting` would answer
                owners.append(number - 1)
                continue
            placed = place_posting(uow, actor, posting, request.place, allow_negative=allow_negative)
        except (ValidationError, NotFound) as error:  # a batch names the line
            if len(requests) > 1:
                error.args = (f"line {number}: {error.args[0]}",)
            raise
        if placed == [posting]:
            postings.append(posting)
            owners.append(number - 1)
            continue
        # Written at once: the next line's picking must see the places this one emptied.
        write(placed, number - 1)
        if request.place.allow_expired:
            audit.record(
                uow, actor, "stock.expired_override", "item", posting.item.id,
                sku=posting.item.sku, store=posting.store.code, lot=request.place.lot,
            )  # fmt: skip
    write()
    return written


# The columns of an item that a batch's lines read, by id, for items that are not tombstoned.
_ITEM_COLUMNS = (
    Item.id, Item.sku, Item.name, Item.active, Item.reorder_point, Item.category_id, Item.tracking,
    Item.is_template, Item.unit,
)  # fmt: skip


_UNTRACKED = Tracking.NONE.value


@dataclass
class _BatchRows:
    """A batch's items (as plain references with their unit) and stores, each read once.

    Posting reads a handful of an item's columns per line: read from an ORM object, every one is an
    instrumented attribute, and 10,000 lines made that a tenth of the batch's time."""

    items: dict[uuid.UUID, tuple[StockItem, str]]
    stores: dict[uuid.UUID, Store]
    placed: dict[uuid.UUID, bool] = field(default_factory=dict)

    def plain(self, uow: UnitOfWork, posting: Posting) -> bool:
        """True when the posting has nothing to place: an untracked item in a store without locations."""
        if posting.item.tracking != _UNTRACKED:
            return False
        store_id = posting.store.id
        placed = self.placed.get(store_id)
        if placed is None:
            placed = self.placed[store_id] = store_has_locations(uow, store_id)
        return not placed


# Two rows by key in one round trip (a cross join of one row each), built once.
_ITEM_AND_STORE = (
    select(Item, Store, has_locations(Store.id), *store_points.override_columns(Item.id, Store.id))
    .join(Store, true())
    .where(
        Item.id == bindparam("item", type_=Item.id.type), Store.id == bindparam("store", type_=Store.id.type)
    )
)


def _preload(uow: UnitOfWork, requests: Sequence[MovementRequest]) -> _BatchRows | None:
    """Read the batch's items and stores at once (None: `_prepare` gets them one by one).

    A single line (a sale at the counter) reads its item and store in one round trip by key, as ORM
    rows; the batch holds them, so the session's weak identity map keeps them for later reads."""
    if len(requests) == 1:
        only = requests[0]
        if not (isinstance(only.item_id, uuid.UUID) and isinstance(only.store_id, uuid.UUID)):
            return None
        found = uow.session.execute(_ITEM_AND_STORE, {"item": only.item_id, "store": only.store_id}).first()
        if found is None:
            return None  # missing: `uow.get` says which
        item, store, placed, point, qty = found
        # Whether the store keeps stock by location and its own reorder point for the item, read with
        # their rows: two round trips fewer than asking after the posting (placing, the alert check).
        uow.session.info.setdefault(KNOWN_LOCATION_STORES, {})[store.id] = placed
        store_points.remember_override(uow.session, (item.id, store.id), point, qty)
        if item.deleted or store.deleted:
            return None  # `uow.get` says which is gone
        return _BatchRows({item.id: (item, item.unit)}, {store.id: store})
    items: dict[uuid.UUID, tuple[StockItem, str]] = {}
    item_ids = [i for i in {r.item_id for r in requests} if isinstance(i, uuid.UUID)]
    for start in range(0, len(item_ids), 500):
        chunk = item_ids[start : start + 500]
        query = select(*_ITEM_COLUMNS).where(Item.id.in_(chunk), Item.deleted.is_(False))
        for item_id, sku, name, active, point, category, tracking, template, unit in uow.session.execute(
            query
        ):
            ref = ItemRef(item_id, sku, name, active, point, category, tracking, template)
            items[item_id] = (ref, unit)
    stores: dict[uuid.UUID, Store] = {}
    store_ids = [i for i in {r.store_id for r in requests} if isinstance(i, uuid.UUID)]
    for start in range(0, len(store_ids), 500):
        in_chunk = Store.id.in_(store_ids[start : start + 500])
        stores.update((s.id, s) for s in uow.session.scalars(select(Store).where(in_chunk, ~Store.deleted)))
    return _BatchRows(items, stores)


def _single(
    uow: UnitOfWork,
    actor: Actor,
    kind: MovementKind,
    item_id: ItemId,
    store_id: StoreId,
    quantity: QuantityInput,
    reference: str,
    unit_cost: MoneyInput | None = None,
    allow_negative: bool = False,
    pack_id: PackId | None = None,
    place: PlaceChoice = NOTHING,
) -> MovementView:
    """The movement written; a sale picked from several lots or serials wrote one per pick (the first
    is returned: `post_movements` returns them all)."""
    request = MovementRequest(
        kind, item_id, store_id, quantity, unit_cost, reference, pack_id=pack_id, place=place
    )
    return post_movements(uow, actor, [request], allow_negative=allow_negative)[0]


def receive(
    uow: UnitOfWork,
    actor: Actor,
    *,
    item_id: ItemId,
    store_id: StoreId,
    quantity: QuantityInput,
    unit_cost: MoneyInput | None = None,
    reference: str = "",
    pack_id: PackId | None = None,
    place: PlaceChoice = NOTHING,
) -> MovementView:
    """Goods in; with `pack_id`, `quantity` counts packs (a case's barcode receives the case's units)."""
    return _single(
        uow,
        actor,
        MovementKind.RECEIVE,
        item_id,
        store_id,
        quantity,
        reference,
        unit_cost,
        pack_id=pack_id,
        place=place,
    )


def sell(
    uow: UnitOfWork,
    actor: Actor,
    *,
    item_id: ItemId,
    store_id: StoreId,
    quantity: QuantityInput,
    reference: str = "",
    allow_negative: bool = False,
    pack_id: PackId | None = None,
    place: PlaceChoice = NOTHING,
) -> MovementView:
    """Goods out; with `pack_id`, `quantity` counts packs."""
    return _single(
        uow,
        actor,
        MovementKind.SALE,
        item_id,
        store_id,
        quantity,
        reference,
        allow_negative=allow_negative,
        pack_id=pack_id,
        place=place,
    )


def adjust(
    uow: UnitOfWork,
    actor: Actor,
    *,
    item_id: ItemId,
    store_id: StoreId,
    quantity: QuantityInput,
    reference: str = "",
    allow_negative: bool = False,
    place: PlaceChoice = NOTHING,
) -> MovementView:
    """A signed correction (breakage, found stock); the reason goes in `reference`."""
    return _single(
        uow,
        actor,
        MovementKind.ADJUST,
        item_id,
        store_id,
        quantity,
        reference,
        allow_negative=allow_negative,
        place=place,
    )


def transfer(
    uow: UnitOfWork,
    actor: Actor,
    *,
    item_id: ItemId,
    from_store_id: StoreId,
    to_store_id: StoreId,
    quantity: QuantityInput,
    reference: str = "",
    pack_id: PackId | None = None,
    place: PlaceChoice = NOTHING,
    to_location_id: LocationId | None = None,
) -> tuple[MovementView, MovementView]:
    """Move stock between stores: movements sharing one transfer id, all or none.

    `place` says where and which lot it leaves from (else picked first-expiry-first-out); each lot
    arrives as itself, at `to_location_id` or where the item already is in the target store. A
    transfer picked from several lots writes a pair per lot; the first pair is returned here, every
    leg by `transfer_all`.
    """
    views = transfer_all(
        uow,
        actor,
        item_id=item_id,
        from_store_id=from_store_id,
        to_store_id=to_store_id,
        quantity=quantity,
        reference=reference,
        pack_id=pack_id,
        place=place,
        to_location_id=to_location_id,
    )
    return views[0], views[1]


def transfer_all(
    uow: UnitOfWork,
    actor: Actor,
    *,
    item_id: ItemId,
    from_store_id: StoreId,
    to_store_id: StoreId,
    quantity: QuantityInput,
    reference: str = "",
    pack_id: PackId | None = None,
    place: PlaceChoice = NOTHING,
    to_location_id: LocationId | None = None,
) -> list[MovementView]:
    """`transfer`, answering every leg written: out and in, per lot taken."""
    with uow:
        uow.actor_id = actor.id
        item = uow.get(Item, item_id, "item")
        source = uow.get(Store, from_store_id, "store")
        target = uow.get(Store, to_store_id, "store")
        if source.id == target.id:
            raise ValidationError("to_store", target.code, Message("same_store"))
        require(actor, Action.MOVE_STOCK, store_ids=[source.id, target.id])
        amount = in_item_unit(uow, item, "quantity", parse_quantity("quantity", quantity), pack_id)
        note = optional_text("reference", reference, max_length=200)
        views = _post_pairs(uow, actor, item, source, target, amount, note, place, to_location_id)
        audit.record(
            uow,
            actor,
            "stock.transfer",
            "stock_movement",
            views[0].id,
            sku=item.sku,
            source=source.code,
            target=target.code,
            quantity=str(amount),
        )
        uow.commit()
        return views


def move_within_store(
    uow: UnitOfWork,
    actor: Actor,
    *,
    item_id: ItemId,
    store_id: StoreId,
    to_location_id: LocationId | None,
    quantity: QuantityInput,
    place: PlaceChoice = NOTHING,
    reference: str = "",
) -> list[MovementView]:
    """Move stock from one location of a store to another (None: to the store's unplaced stock):
    a pair of transfer movements in the same store, so the store's level does not change."""
    with uow:
        uow.actor_id = actor.id
        item = uow.get(Item, item_id, "item")
        store = uow.get(Store, store_id, "store")
        require(actor, Action.MOVE_STOCK, store_ids=[store.id])
        if to_location_id == place.location_id:
            raise ValidationError("to_location", str(to_location_id or ""), Message("same_location"))
        place = replace(place, from_unplaced=place.location_id is None)
        amount = in_item_unit(uow, item, "quantity", parse_quantity("quantity", quantity))
        note = optional_text("reference", reference, max_length=200)
        views = _post_pairs(uow, actor, item, store, store, amount, note, place, to_location_id, moving=True)
        audit.record(uow, actor, "stock.move", "stock_movement", views[0].id, sku=item.sku, store=store.code)
        uow.commit()
        return views


def _post_pairs(
    uow: UnitOfWork,
    actor: Actor,
    item: Item,
    source: Store,
    target: Store,
    amount: Decimal,
    note: str,
    place: PlaceChoice,
    to_location_id: LocationId | None,
    *,
    moving: bool = False,
) -> list[MovementView]:
    transfer_id = new_id()
    out = Posting(item, source, MovementKind.TRANSFER_OUT, -amount, note, transfer_id=transfer_id)
    legs = place_posting(uow, actor, out, place, allow_negative=False)
    if moving:
        arrival = checked_location(uow, target, to_location_id) if to_location_id else None
    else:
        arrival = _arrival_location(uow, item, target, to_location_id)
    into = [
        replace(
            leg,
            store=target,
            kind=MovementKind.TRANSFER_IN,
            quantity=-leg.quantity,
            location_id=arrival,
        )
        for leg in legs
    ]
    pairs = [p for pair in zip(legs, into, strict=True) for p in pair]
    views = post_many(uow, pairs, user_id=actor.id, allow_negative=False)
    if place.allow_expired:  # a transfer or a move of an expired lot, as a sale's override is
        audit.record(
            uow, actor, "stock.expired_override", "item", item.id,
            sku=item.sku, store=source.code, lot=place.lot,
        )  # fmt: skip
    return views


def _arrival_location(
    uow: UnitOfWork, item: Item, target: Store, location_id: LocationId | None
) -> uuid.UUID | None:
    if location_id is not None:
        return checked_location(uow, target, location_id)
    if not store_has_locations(uow, target.id):
        return None
    return suggested_location(uow, item.id, target.id)


def count(
    uow: UnitOfWork,
    actor: Actor,
    *,
    item_id: ItemId,
    store_id: StoreId,
    counted: QuantityInput,
    reference: str = "",
    place: PlaceChoice = NOTHING,
) -> MovementView:
    """Record a shelf count: the movement stores the counted quantity and posts the difference.

    With a location or a lot in `place`, what was counted is that place's stock (one shelf, one lot);
    without, the whole store's.
    """
    with uow:
        uow.actor_id = actor.id
        item = uow.get(Item, item_id, "item")
        store = uow.get(Store, store_id, "store")
        require(actor, Action.MOVE_STOCK, store_ids=[store.id])
        counted_qty = check_in_unit("counted", parse_quantity("counted", counted, allow_zero=True), item.unit)
        location_id, lot_id = counted_place(uow, item, store, place, counted_qty)
        if location_id is None and lot_id is None:
            before = on_hand(uow, item.id, store.id)
        else:
            before = place_on_hand(uow, item.id, store.id, location_id, lot_id)
        delta = count_delta(before, counted_qty)
        movement = post(
            uow,
            Posting(
                item,
                store,
                MovementKind.COUNT,
                delta,
                optional_text("reference", reference, max_length=200),
                counted_quantity=counted_qty,
                location_id=location_id,
                lot_id=lot_id,
            ),
            user_id=actor.id,
            allow_negative=True,
        )
        audit.record(
            uow,
            actor,
            "stock.count",
            "stock_movement",
            movement.id,
            sku=item.sku,
            store=store.code,
            counted=str(counted_qty),
            delta=str(delta),
        )
        uow.commit()
        return movement


def reverse(
    uow: UnitOfWork, actor: Actor, movement_id: MovementId, *, reason: str, allow_negative: bool = False
) -> list[MovementView]:
    """Undo a movement with new opposite movements (both legs of a transfer); rows are never changed."""
    with uow:
        uow.actor_id = actor.id
        original = uow.get(StockMovement, movement_id, "movement")
        note = optional_text("reason", reason, max_length=180)
        if not note:
            raise ValidationError("reason", reason, Message("reversal_reason"))
        legs = [original]
        if original.transfer_id is not None:
            legs = list(
                uow.session.scalars(
                    select(StockMovement).where(StockMovement.transfer_id == original.transfer_id)
                )
            )
        views = [_reverse_leg(uow, actor, leg, note, allow_negative) for leg in legs]
        audit.record(uow, actor, "stock.reverse", "stock_movement", original.id, reason=note)
        uow.commit()
        return views


def _reverse_leg(
    uow: UnitOfWork, actor: Actor, leg: StockMovement, note: str, allow_negative: bool
) -> MovementView:
    require(actor, Action.REVERSE_MOVEMENT, store_ids=[leg.store_id], author_id=leg.user_id)
    if leg.reverses_id is not None:
        raise ValidationError("movement", str(leg.id), Message("is_reversal"))
    already = uow.session.scalar(select(StockMovement.id).where(StockMovement.reverses_id == leg.id))
    if already is not None:
        raise ValidationError("movement", str(leg.id), Message("already_reversed"))
    item = uow.get(Item, leg.item_id, "item")
    store = uow.get(Store, leg.store_id, "store")
    posting = Posting(
        item,
        store,
        MovementKind(leg.kind),
        -leg.quantity,
        f"reversal: {note}",
        unit_cost=leg.unit_cost,
        transfer_id=leg.transfer_id,
        reverses_id=leg.id,
        location_id=leg.location_id,  # back to the very place and lot it came from
        lot_id=leg.lot_id,
    )
    return post(uow, posting, user_id=actor.id, allow_negative=allow_negative)


def levels(uow: UnitOfWork, item_id: ItemId) -> list[StockLevelView]:
    """On-hand in every active store (zero where nothing was ever posted)."""
    with uow:
        item = uow.get(Item, item_id, "item")
        rows = uow.session.execute(
            select(Store.id, Store.code, Store.name, StockLevel.on_hand)
            .outerjoin(StockLevel, (StockLevel.store_id == Store.id) & (StockLevel.item_id == item.id))
            .where(Store.deleted.is_(False), Store.active.is_(True))
            .order_by(Store.code)
        )
        return [
            StockLevelView(StoreId(sid), code, name, qty if qty is not None else Decimal(0))
            for sid, code, name, qty in rows
        ]


def movements_of(uow: UnitOfWork, item_id: ItemId, *, limit: int = 50) -> list[MovementView]:
    """The item's latest movements, newest first."""
    with uow:
        item = uow.get(Item, item_id, "item")
        rows = uow.session.scalars(
            select(StockMovement)
            .where(StockMovement.item_id == item.id)
            .order_by(StockMovement.at.desc(), StockMovement.id.desc())
            .limit(limit)
        )
        return [MovementView.of(row) for row in rows]


def on_hand_of(uow: UnitOfWork, item_id: ItemId, store_id: StoreId) -> Decimal:
    with uow:
        return on_hand(uow, item_id, store_id)
