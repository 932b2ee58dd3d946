"""Item templates and their variants: attributes, generating the matrix, the stock matrix.

A variant is an ordinary item (its own SKU, barcodes, prices and stock) that names its template; the
template is an item too, flagged `is_template` and never stocked (the ledger refuses it). See
docs/variants.md for the model and why prices are copied rather than looked up.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import String, literal, or_, select
from sqlalchemy.orm import aliased

from stockdesk.db.models import Item, StockLevel, Store
from stockdesk.db.variant_models import ItemAttribute
from stockdesk.domain import variants as rules
from stockdesk.domain.errors import DuplicateValue, ValidationError
from stockdesk.domain.ids import ItemId, StoreId
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.services.accounts import audit
from stockdesk.services.catalogue.catalog import normalised_sku
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import required_text

Attributes = Sequence[tuple[str, Sequence[str]]] | Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class AttributeView:
    name: str
    choices: tuple[str, ...]


@dataclass(frozen=True)
class VariantView:
    id: ItemId
    sku: str
    name: str
    values: dict[str, str]
    sell_price: Decimal
    cost_price: Decimal
    own_sell_price: bool  # False: follows the template's price
    own_cost_price: bool
    active: bool

    @classmethod
    def of(cls, row: Item) -> VariantView:
        return cls(
            ItemId(row.id),
            row.sku,
            row.name,
            rules.load_values(row.variant_values),
            row.sell_price,
            row.cost_price,
            row.own_sell_price,
            row.own_cost_price,
            row.active,
        )


@dataclass(frozen=True)
class Generated:
    created: tuple[VariantView, ...]
    existing: int  # combinations that already had their variant


@dataclass(frozen=True)
class StoreColumn:
    id: StoreId
    code: str


@dataclass(frozen=True)
class StockMatrix:
    """Stock of every variant of a template in every store, read at once."""

    attributes: tuple[AttributeView, ...]
    variants: tuple[VariantView, ...]
    stores: tuple[StoreColumn, ...]
    on_hand: dict[tuple[uuid.UUID, uuid.UUID], Decimal] = field(default_factory=dict)

    def of_variant(self, variant_id: uuid.UUID, store_id: uuid.UUID | None = None) -> Decimal:
        """One variant's stock in a store, or in all stores."""
        if store_id is not None:
            return self.on_hand.get((variant_id, store_id), Decimal(0))
        return sum((q for (v, _s), q in self.on_hand.items() if v == variant_id), Decimal(0))

    def grid(
        self, rows: str, columns: str | None, store_id: uuid.UUID | None = None
    ) -> dict[tuple[str, str], Decimal]:
        """(row value, column value) -> stock summed over the variants that share them.

        `columns` an attribute name (stock in `store_id`, or in all stores), or None: the columns are
        the stores (by code).
        """
        cells: dict[tuple[str, str], Decimal] = {}
        for variant in self.variants:
            row = variant.values.get(rows, "")
            if columns is None:
                for store in self.stores:
                    key = (row, store.code)
                    cells[key] = cells.get(key, Decimal(0)) + self.of_variant(variant.id, store.id)
            else:
                key = (row, variant.values.get(columns, ""))
                cells[key] = cells.get(key, Decimal(0)) + self.of_variant(variant.id, store_id)
        return cells


def _editable_template(uow: UnitOfWork, actor: Actor, template_id: ItemId) -> Item:
    item = uow.get(Item, template_id, "item")
    require(actor, Action.EDIT_ITEM, owner_id=item.owner_id)
    uow.actor_id = actor.id
    return item


def _clean_attributes(attributes: Attributes) -> list[tuple[str, list[str]]]:
    pairs = list(attributes.items()) if isinstance(attributes, Mapping) else list(attributes)
    clean: list[tuple[str, list[str]]] = []
    for raw_name, raw_values in pairs:
        name = required_text("attribute", raw_name, max_length=64)
        if name.casefold() in {n.casefold() for n, _ in clean}:
            raise ValidationError("attribute", name, Message("variant.name_twice", name=name))
        values: list[str] = []
        for raw in raw_values:
            value = required_text(name, raw, max_length=64)
            if value.casefold() in {v.casefold() for v in values}:
                listed = ", ".join(str(v) for v in raw_values)
                raise ValidationError(name, listed, Message("variant.value_twice", value=value))
            values.append(value)
        if not values:
            raise ValidationError(name, "", Message("variant.no_values"))
        clean.append((name, values))
    return clean


def _live_attributes(uow: UnitOfWork, template_id: uuid.UUID) -> list[ItemAttribute]:
    return list(
        uow.session.scalars(
            select(ItemAttribute)
            .where(ItemAttribute.item_id == template_id, ItemAttribute.deleted.is_(False))
            .order_by(ItemAttribute.position, ItemAttribute.name)
        )
    )


def _view(row: ItemAttribute) -> AttributeView:
    return AttributeView(row.name, tuple(json.loads(row.choices or "[]")))


def _make_template(uow: UnitOfWork, item: Item) -> None:
    """Refuse a variant or an item with stock; flag the item a template."""
    if item.is_template:
        return
    if item.template_id is not None:
        template_sku = uow.session.scalar(select(Item.sku).where(Item.id == item.template_id))
        raise ValidationError("item", item.sku, Message("variant.is_variant", template=template_sku or "?"))
    stocked = uow.session.scalar(
        select(StockLevel.item_id).where(StockLevel.item_id == item.id, StockLevel.on_hand != 0).limit(1)
    )
    if stocked is not None:
        raise ValidationError("item", item.sku, Message("variant.template_has_stock"))
    item.is_template = True


def _store_attributes(uow: UnitOfWork, item: Item, clean: list[tuple[str, list[str]]]) -> None:
    """Make the template's attributes exactly `clean` (a row of the same name is changed in place, so
    synced desks keep it; the others are added or tombstoned)."""
    stored = {row.name.casefold(): row for row in _live_attributes(uow, item.id)}
    for position, (name, values) in enumerate(clean):
        row = stored.pop(name.casefold(), None)
        if row is None:
            # An attribute removed before comes back as its own tombstoned row (its id is its name's).
            row = uow.session.get(ItemAttribute, rules.attribute_id(item.id, name))
        if row is None:
            row = ItemAttribute(id=rules.attribute_id(item.id, name), item_id=item.id, name=name)
            uow.session.add(row)
        row.name, row.position, row.deleted = name, position, False
        row.choices = json.dumps(values, ensure_ascii=False)
    for row in stored.values():
        row.name = f"#removed:{row.id}"[:64]
        row.deleted = True
    uow.session.flush()


def set_attributes(
    uow: UnitOfWork, actor: Actor, template_id: ItemId, attributes: Attributes
) -> list[AttributeView]:
    """The template's attributes and their ordered values, exactly as given; the item becomes a template.

    Variants already generated stay as they are (a value taken off the list leaves its variants alone).
    """
    with uow:
        item = _editable_template(uow, actor, template_id)
        clean = _clean_attributes(attributes)
        _make_template(uow, item)
        _store_attributes(uow, item, clean)
        audit.record(
            uow,
            actor,
            "item.attributes",
            "item",
            item.id,
            attributes=rules.format_cell({name: ", ".join(values) for name, values in clean}),
        )
        uow.commit()
        return [AttributeView(name, tuple(values)) for name, values in clean]


def attributes_of(uow: UnitOfWork, template_id: ItemId) -> list[AttributeView]:
    with uow:
        return [_view(row) for row in _live_attributes(uow, template_id)]


def _merged(stored: list[AttributeView], given: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """The stored attributes with the given values added after theirs, and new attributes last."""
    merged = [(a.name, list(a.choices)) for a in stored]
    for name, values in given:
        target = next((vals for n, vals in merged if n.casefold() == name.casefold()), None)
        if target is None:
            merged.append((name, list(values)))
            continue
        target += [v for v in values if v.casefold() not in {t.casefold() for t in target}]
    return merged


def merge_attributes(uow: UnitOfWork, template: Item, given: Attributes) -> None:
    """Add `given` values to the template's attributes (an import's variants name theirs); the caller
    has checked the template may become one and commits."""
    stored = [_view(row) for row in _live_attributes(uow, template.id)]
    wanted = _merged(stored, _clean_attributes(given))
    template.is_template = True
    if wanted != [(a.name, list(a.choices)) for a in stored]:
        _store_attributes(uow, template, wanted)


def generate(
    uow: UnitOfWork, actor: Actor, template_id: ItemId, attributes: Attributes | None = None
) -> Generated:
    """Create the variants the template's matrix lacks (idempotent: a second call creates nothing).

    `attributes`, when given, are added to the template's own first (values after the stored ones).
    Every new SKU is checked before anything is written: one that another item has, or that two
    combinations would share, refuses the whole call naming the SKU.
    """
    with uow:
        item = _editable_template(uow, actor, template_id)
        require(actor, Action.CREATE_ITEM)
        _make_template(uow, item)
        stored = [_view(row) for row in _live_attributes(uow, item.id)]
        wanted = _merged(stored, _clean_attributes(attributes or []))
        if wanted != [(a.name, list(a.choices)) for a in stored]:
            _store_attributes(uow, item, wanted)
        if not wanted:
            raise ValidationError("attributes", "", Message("variant.no_attributes"))
        existing = [  # deleted rows too: a combination's id is fixed, so it is never made twice
            rules.load_values(v)
            for v in uow.session.scalars(select(Item.variant_values).where(Item.template_id == item.id))
        ]
        missing = [
            c for c in rules.combinations(wanted) if not any(rules.same_values(c, e) for e in existing)
        ]
        if len(missing) > rules.MAX_VARIANTS:
            raise ValidationError(
                "attributes", len(missing), Message("variant.too_many", maximum=rules.MAX_VARIANTS)
            )
        planned = [(rules.variant_sku(item.sku, values), values) for values in missing]
        _refuse_sku_clashes(uow, planned)
        rows = [_new_variant(item, sku, values, actor) for sku, values in planned]
        uow.session.add_all(rows)
        uow.session.flush()
        if rows:
            audit.record(uow, actor, "item.variants", "item", item.id, created=len(rows))
        uow.commit()
        return Generated(tuple(VariantView.of(row) for row in rows), len(existing))


def _refuse_sku_clashes(uow: UnitOfWork, planned: list[tuple[str, rules.Values]]) -> None:
    seen: dict[str, rules.Values] = {}
    for sku, values in planned:
        if len(sku) > 64:
            raise ValidationError("sku", sku, Message("too_long", maximum=64))
        key = sku.strip().upper()
        if key in seen:
            raise DuplicateValue(
                "sku",
                sku,
                Message(
                    "variant.sku_shared", first=rules.format_cell(seen[key]), second=rules.format_cell(values)
                ),
            )
        seen[key] = values
    keys = list(seen)
    for start in range(0, len(keys), 500):
        chunk = [literal(k, String) for k in keys[start : start + 500]]
        taken = uow.session.scalar(select(Item.sku).where(normalised_sku(Item.sku).in_(chunk)).limit(1))
        if taken is not None:
            values = seen[taken.strip().upper()]
            raise DuplicateValue("sku", taken, Message("variant.sku_taken", values=rules.format_cell(values)))


def _new_variant(template: Item, sku: str, values: rules.Values, actor: Actor) -> Item:
    return Item(
        id=rules.variant_id(template.id, values),
        sku=sku,
        name=rules.variant_name(template.name, values)[:300],
        description=template.description,
        category_id=template.category_id,
        supplier_id=template.supplier_id,
        unit=template.unit,
        cost_price=template.cost_price,
        sell_price=template.sell_price,
        reorder_point=template.reorder_point,  # a starting point: each variant is reordered on its own
        reorder_qty=template.reorder_qty,
        tracking=template.tracking,
        expiry_warn_days=template.expiry_warn_days,
        owner_id=template.owner_id or actor.id,
        active=True,
        template_id=template.id,
        variant_values=rules.dump_values(values),
    )


@dataclass(frozen=True)
class TemplateChoice:
    id: ItemId
    sku: str
    name: str


def templates(uow: UnitOfWork) -> list[TemplateChoice]:
    """The templates that have variants, by SKU (the items filter's choices). Found through the
    variants' `template_id` index, never by a walk over every item: the filter bar reads it as the
    items window opens, at a million items too."""
    with uow:
        used = select(Item.template_id).where(Item.template_id.is_not(None)).distinct()
        rows = uow.session.execute(
            select(Item.id, Item.sku, Item.name)
            .where(Item.id.in_(used), Item.deleted.is_(False))
            .order_by(Item.sku)
        )
        return [TemplateChoice(ItemId(i), sku, name) for i, sku, name in rows]


def variants_of(uow: UnitOfWork, template_id: ItemId) -> list[VariantView]:
    """The template's variants (archived ones too), by SKU."""
    with uow:
        uow.get(Item, template_id, "item")
        rows = uow.session.scalars(
            select(Item).where(Item.template_id == template_id, Item.deleted.is_(False)).order_by(Item.sku)
        )
        return [VariantView.of(row) for row in rows]


def stock_matrix(uow: UnitOfWork, template_id: ItemId) -> StockMatrix:
    """Every variant's stock in every store: the variants and their levels in one query."""
    with uow:
        uow.get(Item, template_id, "item")
        attributes = tuple(_view(row) for row in _live_attributes(uow, template_id))
        rows = uow.session.execute(
            select(Item, StockLevel.store_id, StockLevel.on_hand)
            .outerjoin(StockLevel, StockLevel.item_id == Item.id)
            .where(Item.template_id == template_id, Item.deleted.is_(False))
            .order_by(Item.sku)
        ).tuples()
        variants: dict[uuid.UUID, VariantView] = {}
        on_hand: dict[tuple[uuid.UUID, uuid.UUID], Decimal] = {}
        for item, store_id, quantity in rows:
            variants.setdefault(item.id, VariantView.of(item))
            if store_id is not None:
                on_hand[(item.id, store_id)] = quantity
        stores = tuple(
            StoreColumn(StoreId(s.id), s.code)
            for s in uow.session.scalars(
                select(Store)
                .where(
                    Store.deleted.is_(False),
                    or_(Store.active.is_(True), Store.id.in_({s for _v, s in on_hand})),
                )
                .order_by(Store.code)
            )
        )
        return StockMatrix(attributes, tuple(variants.values()), stores, on_hand)


def inherit_prices(uow: UnitOfWork, actor: Actor, variant_id: ItemId) -> VariantView:
    """Let a variant follow its template's prices again (its own prices are replaced by the template's)."""
    with uow:
        variant = _editable_template(uow, actor, variant_id)
        if variant.template_id is None:
            raise ValidationError("item", variant.sku, Message("variant.not_variant"))
        template = uow.get(Item, variant.template_id, "item")
        variant.sell_price, variant.cost_price = template.sell_price, template.cost_price
        variant.own_sell_price = variant.own_cost_price = False
        audit.record(uow, actor, "item.inherit_prices", "item", variant.id)
        uow.commit()
        return VariantView.of(variant)


def variant_cells_of_items(
    uow: UnitOfWork, item_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, tuple[str, str]]:
    """Item id -> (template SKU, attributes cell) for the variants and templates among `item_ids` (an
    export's batch; two short reads per 500 ids). A template's cell lists its attributes' values in
    order (`size=S|M|L; colour=Red`), so an import rebuilds the matrix as it was."""
    ids = list(item_ids)
    template = aliased(Item)
    found: dict[uuid.UUID, tuple[str, str]] = {}
    with uow:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            query = (
                select(Item.id, template.sku, Item.variant_values)
                .join(template, template.id == Item.template_id)
                .where(Item.id.in_(chunk))
            )
            for item_id, sku, values in uow.session.execute(query):
                found[item_id] = (sku, rules.format_cell(rules.load_values(values)))
            attributes: dict[uuid.UUID, list[tuple[str, list[str]]]] = {}
            for row in uow.session.scalars(
                select(ItemAttribute)
                .where(ItemAttribute.item_id.in_(chunk), ItemAttribute.deleted.is_(False))
                .order_by(ItemAttribute.position, ItemAttribute.name)
            ):
                attributes.setdefault(row.item_id, []).append(
                    (row.name, list(json.loads(row.choices or "[]")))
                )
            for item_id, listed in attributes.items():
                found[item_id] = ("", rules.format_template_cell(listed))
    return found
