"""Who may do what. Services call `require` before every write; the UI only mirrors it."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from stockdesk.domain.errors import PermissionDenied
from stockdesk.domain.ids import StoreId, UserId


class Role(enum.StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    CLERK = "clerk"


class Action(enum.StrEnum):
    CREATE_ITEM = "create item"
    EDIT_ITEM = "edit item"
    MANAGE_CATALOGUE = "manage categories and suppliers"
    MANAGE_STORES = "manage stores"
    MANAGE_USERS = "manage users"
    MOVE_STOCK = "move stock"
    REVERSE_MOVEMENT = "reverse a movement"
    OVERRIDE_NEGATIVE = "sell below zero"
    VIEW_AUDIT = "view the audit log"
    MANAGE_SETTINGS = "change settings"


@dataclass(frozen=True)
class Actor:
    """The person acting: what every service call takes as its first argument after the unit of work."""

    id: UserId
    email: str
    role: Role
    store_ids: frozenset[StoreId] = field(default_factory=frozenset)
    name: str = ""

    @property
    def is_clerk(self) -> bool:
        return self.role is Role.CLERK


_MANAGER_ACTIONS = frozenset(Action) - {Action.MANAGE_USERS, Action.MANAGE_SETTINGS}
_CLERK_ACTIONS = frozenset({Action.CREATE_ITEM, Action.EDIT_ITEM, Action.MOVE_STOCK, Action.REVERSE_MOVEMENT})


def allowed(
    actor: Actor,
    action: Action,
    *,
    store_ids: Iterable[uuid.UUID] = (),
    owner_id: uuid.UUID | None = None,
    author_id: uuid.UUID | None = None,
) -> bool:
    """Whether `actor` may do `action` on the given stores / item owner / movement author."""
    if actor.role is Role.ADMIN:
        return True
    if actor.role is Role.MANAGER:
        return action in _MANAGER_ACTIONS
    if action not in _CLERK_ACTIONS:
        return False
    if action is Action.EDIT_ITEM:
        return owner_id == actor.id
    if action is Action.REVERSE_MOVEMENT and author_id != actor.id:
        return False
    return all(store in actor.store_ids for store in store_ids)


def require(
    actor: Actor,
    action: Action,
    *,
    store_ids: Iterable[uuid.UUID] = (),
    owner_id: uuid.UUID | None = None,
    author_id: uuid.UUID | None = None,
) -> None:
    """Raise PermissionDenied with a sentence a person understands, unless allowed."""
    stores = tuple(store_ids)
    if allowed(actor, action, store_ids=stores, owner_id=owner_id, author_id=author_id):
        return
    if actor.role is Role.CLERK and action is Action.EDIT_ITEM:
        raise PermissionDenied("clerks may only change items they created themselves")
    if actor.role is Role.CLERK and action in (Action.MOVE_STOCK, Action.REVERSE_MOVEMENT) and stores:
        if action is Action.REVERSE_MOVEMENT and author_id != actor.id:
            raise PermissionDenied("clerks may only reverse their own movements")
        raise PermissionDenied("clerks may only move stock in the stores they are assigned to")
    raise PermissionDenied(f"a {actor.role.value} may not {action.value}")
