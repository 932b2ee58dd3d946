"""Who hears about low stock: alert recipients, by store and category (and below), immediate or daily."""

from __future__ import annotations

import uuid
import weakref
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    Engine,
    select,
)

from stockdesk.db.alerts_models import AlertRecipient
from stockdesk.db.base import utcnow
from stockdesk.db.models import Category, Store
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.ids import CategoryId, RecipientId, StoreId
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.services.accounts import audit
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import email_address

MODES = ("immediate", "digest")


@dataclass(frozen=True)
class RecipientView:
    id: RecipientId
    email: str
    store_id: StoreId | None
    category_id: CategoryId | None
    mode: str


@dataclass(frozen=True)
class Recipient:
    id: uuid.UUID
    email: str
    store_id: uuid.UUID | None
    category_id: uuid.UUID | None


# Immediate recipients per engine, re-read at most every RECIPIENTS_TTL (and at once after a local
# change): a sale that opens an alert must not pay a query for a list that changes a few times a year.
# A change that arrives by sync is seen within the TTL.
RECIPIENTS_TTL = timedelta(seconds=30)


_recipient_cache: weakref.WeakKeyDictionary[Engine, tuple[datetime, list[Recipient]]] = (
    weakref.WeakKeyDictionary()
)


def recipients(uow: UnitOfWork, mode: str) -> list[Recipient]:
    cached = _recipient_cache.get(uow.engine) if mode == "immediate" else None
    if cached is not None and cached[0] > utcnow():
        return cached[1]
    table = AlertRecipient.__table__.c
    query = select(table.id, table.email, table.store_id, table.category_id).where(
        table.deleted.is_(False), table.mode == mode
    )
    found = [Recipient(*row) for row in uow.session.connection().execute(query)]
    if mode == "immediate":
        _recipient_cache[uow.engine] = (utcnow() + RECIPIENTS_TTL, found)
    return found


def forget_recipients(uow: UnitOfWork) -> None:
    _recipient_cache.pop(uow.engine, None)


def category_chains(uow: UnitOfWork) -> dict[uuid.UUID, set[uuid.UUID]]:
    """Each category with itself and every parent up the tree (the tree is small)."""
    parents = dict(uow.session.execute(select(Category.id, Category.parent_id)).tuples().all())
    chains: dict[uuid.UUID, set[uuid.UUID]] = {}
    for category in parents:
        chain: set[uuid.UUID] = set()
        node: uuid.UUID | None = category
        while node is not None and node not in chain:
            chain.add(node)
            node = parents.get(node)
        chains[category] = chain
    return chains


def matches(recipient: Recipient | AlertRecipient, store_id: uuid.UUID, categories: set[uuid.UUID]) -> bool:
    if recipient.store_id is not None and recipient.store_id != store_id:
        return False
    return recipient.category_id is None or recipient.category_id in categories


def add_recipient(
    uow: UnitOfWork,
    actor: Actor,
    *,
    email: str,
    store_id: StoreId | None = None,
    category_id: CategoryId | None = None,
    mode: str = "immediate",
) -> RecipientView:
    """Someone to tell about alerts, optionally only for one store and/or one category (and below)."""
    with uow:
        require(actor, Action.MANAGE_SETTINGS)
        uow.actor_id = actor.id
        address = email_address("email", email)
        if mode not in MODES:
            raise ValidationError("mode", mode, Message("alert_mode"))
        store = StoreId(uow.get(Store, store_id, "store").id) if store_id is not None else None
        category = (
            CategoryId(uow.get(Category, category_id, "category").id) if category_id is not None else None
        )
        row = AlertRecipient(
            email=address,
            store_id=store,
            category_id=category,
            mode=mode,
            last_digest_at=utcnow() if mode == "digest" else None,
        )
        uow.session.add(row)
        uow.session.flush()
        audit.record(uow, actor, "alert.recipient.add", "alert_recipient", row.id, email=address, mode=mode)
        uow.commit()
        forget_recipients(uow)
        return RecipientView(RecipientId(row.id), row.email, store, category, row.mode)


def remove_recipient(uow: UnitOfWork, actor: Actor, recipient_id: RecipientId) -> None:
    with uow:
        require(actor, Action.MANAGE_SETTINGS)
        uow.actor_id = actor.id
        row = uow.get(AlertRecipient, recipient_id, "recipient")
        row.deleted = True
        audit.record(uow, actor, "alert.recipient.remove", "alert_recipient", row.id, email=row.email)
        uow.commit()
        forget_recipients(uow)


def list_recipients(uow: UnitOfWork) -> list[RecipientView]:
    with uow:
        rows = uow.session.scalars(
            select(AlertRecipient).where(AlertRecipient.deleted.is_(False)).order_by(AlertRecipient.email)
        )
        return [
            RecipientView(
                RecipientId(r.id),
                r.email,
                None if r.store_id is None else StoreId(r.store_id),
                None if r.category_id is None else CategoryId(r.category_id),
                r.mode,
            )
            for r in rows
        ]
