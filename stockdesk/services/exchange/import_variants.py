"""The `template` and `attributes` columns of an item file: a row names the template it is a variant of
(by SKU, stored or elsewhere in the file) and its values (`size=M; colour=Red`). Checked with the stored
catalogue before anything is written; written after the items, making the named items templates and
adding the values to their attributes (docs/variants.md)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from stockdesk.db.models import Item, StockLevel
from stockdesk.domain import variants as rules
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.domain.skus import sku_key
from stockdesk.services.catalogue import variants
from stockdesk.services.catalogue.catalog import normalised_sku
from stockdesk.services.exchange.import_checks import CheckedRow
from stockdesk.services.uow import UnitOfWork

CHUNK = 500


@dataclass(frozen=True)
class _Stored:
    id: uuid.UUID
    template_id: uuid.UUID | None
    is_template: bool
    stocked: bool


def _linked(rows: Sequence[CheckedRow]) -> list[CheckedRow]:
    return [r for r in rows if r.template is not None or r.attributes is not None]


def _stored_by_sku(uow: UnitOfWork, keys: set[str]) -> dict[str, _Stored]:
    listed = sorted(keys)
    found: dict[str, _Stored] = {}
    for start in range(0, len(listed), CHUNK):
        chunk = listed[start : start + CHUNK]
        stocked = select(StockLevel.item_id).where(StockLevel.on_hand != 0).scalar_subquery()
        query = select(Item.sku, Item.id, Item.template_id, Item.is_template, Item.id.in_(stocked)).where(
            normalised_sku(Item.sku).in_(chunk), Item.deleted.is_(False)
        )
        for sku, ident, template, is_template, has_stock in uow.session.execute(query):
            found[sku_key(sku)] = _Stored(ident, template, bool(is_template), bool(has_stock))
    return found


def variant_conflicts(
    uow: UnitOfWork,
    rows: Sequence[CheckedRow],
    existing: Mapping[str, uuid.UUID],
    header_of: Mapping[str, str],
) -> None:
    """A template that names no item, is a variant itself (or the row itself) or has stock, and a
    template's own row with stock, each a problem on its row under the column that says it."""
    linked = [r for r in _linked(rows) if not r.problems]
    if not linked:
        return
    in_file = {sku_key(str(r.values["sku"])): r for r in rows if "sku" in r.values}
    keys = {sku_key(r.template) for r in linked if r.template} | {
        sku_key(str(r.values["sku"])) for r in linked
    }
    stored = _stored_by_sku(uow, keys)
    for row in linked:
        own = sku_key(str(row.values["sku"]))
        if row.template is None:
            mine = stored.get(own)
            if mine is not None and mine.template_id is not None:
                continue  # a stored variant's new values
            # A template's own row: its attributes, in order. It must not be stocked.
            if row.stock or (mine is not None and mine.stocked and not mine.is_template):
                cell = rules.format_cell(row.attributes or {})
                row.problem(header_of["attributes"], cell, Message("variant.template_has_stock"))
            continue
        column, key = header_of["template"], sku_key(row.template)
        template_row, template = in_file.get(key), stored.get(key)
        if template_row is None and template is None:
            row.problem(column, row.template, Message("variant.template_unknown"))
        elif (
            key == own
            or (template_row is not None and template_row.template is not None)
            or (template_row is None and template is not None and template.template_id is not None)
        ):
            row.problem(column, row.template, Message("variant.template_is_variant"))
        elif (template_row is not None and template_row.stock) or (
            template is not None and template.stocked and not template.is_template
        ):
            row.problem(column, row.template, Message("variant.template_has_stock"))


def write_variants(
    uow: UnitOfWork, actor: Actor, rows: Sequence[CheckedRow], ids: Mapping[str, uuid.UUID]
) -> None:
    """Link each row's item to its template and values; `ids`: the file's items by SKU as written."""
    linked = _linked(rows)
    if not linked:
        return
    by_key = {sku_key(sku): ident for sku, ident in ids.items()}
    missing = {sku_key(r.template) for r in linked if r.template and sku_key(r.template) not in by_key}
    by_key.update({key: found.id for key, found in _stored_by_sku(uow, missing).items()})
    items = _load(uow, [ids[str(r.values["sku"])] for r in linked])
    given: dict[uuid.UUID, list[tuple[str, list[str]]]] = {}
    for row in linked:  # templates' own rows first: their order of values wins over the variants'
        item = items[ids[str(row.values["sku"])]]
        if row.template is None and item.template_id is None and row.attributes is not None:
            given[item.id] = [
                (name, [v.strip() for v in value.split("|") if v.strip()])
                for name, value in row.attributes.items()
            ]
    for row in linked:
        item = items[ids[str(row.values["sku"])]]
        if row.template is None and item.template_id is None:
            continue
        if row.template is not None:
            item.template_id = by_key[sku_key(row.template)]
        if row.attributes is not None:
            item.variant_values = rules.dump_values(row.attributes)
        assert item.template_id is not None  # variant_conflicts refused a row without one
        given.setdefault(item.template_id, []).extend(
            (name, [value]) for name, value in rules.load_values(item.variant_values).items()
        )
    templates = _load(uow, list(given))
    for template_id, attributes in given.items():
        template = templates[template_id]
        require(actor, Action.EDIT_ITEM, owner_id=template.owner_id)
        variants.merge_attributes(uow, template, _grouped(attributes))
    for variant in (items[ids[str(r.values["sku"])]] for r in linked):
        parent = templates.get(variant.template_id) if variant.template_id else None
        if parent is not None:  # a price that differs from the template's is the variant's own
            variant.own_sell_price = variant.sell_price != parent.sell_price
            variant.own_cost_price = variant.cost_price != parent.cost_price
    uow.session.flush()


def _grouped(pairs: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    grouped: dict[str, list[str]] = {}
    for name, values in pairs:
        known = grouped.setdefault(name, [])
        known += [v for v in values if v not in known]
    return list(grouped.items())


def _load(uow: UnitOfWork, item_ids: list[uuid.UUID]) -> dict[uuid.UUID, Item]:
    found: dict[uuid.UUID, Item] = {}
    for start in range(0, len(item_ids), CHUNK):
        rows = uow.session.scalars(select(Item).where(Item.id.in_(item_ids[start : start + CHUNK])))
        found.update({row.id: row for row in rows})
    return found
