"""Who may do what. Services call `require` before every write; the UI only mirrors it."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from stockdesk.domain.errors import PermissionDenied
from stockdesk.domain.ids import StoreId, UserId
from stockdesk.domain.messages import Message


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
    ADJUST_STOCK = "post adjustments (write-offs)"
    REVERSE_MOVEMENT = "reverse a movement"
    OVERRIDE_NEGATIVE = "sell below zero"
    OVERRIDE_EXPIRED = "sell an expired lot"
    CORRECT_LOT_EXPIRY = "correct a lot's use-by date"
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
    # What an admin granted beyond the role (a clerk trusted with adjustments).
    grants: frozenset[Action] = field(default_factory=frozenset)

    @property
    def is_clerk(self) -> bool:
        return self.role is Role.CLERK


_MANAGER_ACTIONS = frozenset(Action) - {Action.MANAGE_USERS, Action.MANAGE_SETTINGS}
_CLERK_ACTIONS = frozenset({Action.CREATE_ITEM, Action.EDIT_ITEM, Action.MOVE_STOCK, Action.REVERSE_MOVEMENT})
# Actions an admin may grant a clerk one by one. Adjustments write stock off without a sale or a
# count, so most shops want a manager to post them; a trusted clerk may be allowed to.
GRANTABLE = frozenset({Action.ADJUST_STOCK})
ADJUST_REFUSED = "adjustments (write-offs) need a manager; an admin may allow a clerk to post them"


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
    if action not in _CLERK_ACTIONS and not (action in GRANTABLE and action in actor.grants):
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
    if actor.role is Role.CLERK and action is Action.ADJUST_STOCK and action not in actor.grants:
        raise PermissionDenied(ADJUST_REFUSED)
    if actor.role is Role.CLERK and action is Action.EDIT_ITEM:
        raise PermissionDenied(Message("permission.own_items"))
    in_stores = (Action.MOVE_STOCK, Action.REVERSE_MOVEMENT, Action.ADJUST_STOCK)
    if actor.role is Role.CLERK and action in in_stores and stores:
        if action is Action.REVERSE_MOVEMENT and author_id != actor.id:
            raise PermissionDenied(Message("permission.own_movements"))
        raise PermissionDenied(Message("permission.assigned_stores"))
    raise PermissionDenied(Message("permission.role", role=actor.role.value, action=action.value))
