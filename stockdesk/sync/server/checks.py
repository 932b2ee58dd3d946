"""The server's check of every pushed change: would the user named in it have been allowed to make it
here, with the services' own permission rules?

A desk runs the services' rules before it writes, but a desk is a machine in a shop: its file can be
edited, its outbox forged. So the server takes nothing on trust. Each change must be stamped by the
desk that pushes it (the token names the desk); its table must be one desks write; the user it names
(`updated_by`, or a movement's `user_id`) must exist here and be active, and be allowed the change by
`domain.permissions` against the server's rows (the item's owner as the server knows it, the clerk's
stores as the server knows them). A change that fails is refused with the reason; the others apply.

Changes are checked in the batch's order against the server's state plus the changes of the batch
already accepted (a new user, then the items that user makes, arrive in one push).

A movement must name an item, a store and (when it reverses one) a movement that exist here or came
earlier in the batch: on PostgreSQL the ledger has no foreign keys (migration 0034, for the speed of
large posts), so this check is what keeps a forged movement out. It reads each table once per batch.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from stockdesk.db.place_models import lot_id_of
from stockdesk.db.synced_tables import synced_tables
from stockdesk.domain.errors import PermissionDenied
from stockdesk.domain.ids import StoreId, UserId
from stockdesk.domain.permissions import Action, Actor, Role, require
from stockdesk.domain.pictures import content_matches
from stockdesk.sync import codec
from stockdesk.sync.changes import Change

# Rows only the server makes (a conflict found while merging, a review of stock below zero): desks
# may settle them (update), never invent them.
SERVER_MADE = frozenset({"sync_conflict", "sync_review"})
# Rows a desk's own machinery writes without a person (the mail worker's digest time, an alert the
# ledger opened): a change of these may name no user.
UNATTENDED = frozenset({"alert", "alert_recipient", "planning_setting", "audit_event"})
# What a user may change on their own account without being an admin (a new password, a name).
OWN_ACCOUNT_FIELDS = frozenset({"password_hash", "name"})
# Every column a rule below reads.
RULE_COLUMNS = (
    "updated_by",
    "user_id",
    "store_id",
    "item_id",
    "kind",
    "owner_id",
    "role",
    "active",
    "may_adjust",
    "email",
    "deleted",
    "location_id",
    "lot_id",
    "code",
    "reverses_id",
)
CHILDREN_OF_ITEMS = frozenset(
    {"item_barcode", "item_pack", "item_attribute", "item_picture", "store_reorder_point", "stock_movement"}
)


@dataclass
class _User:
    id: uuid.UUID
    email: str
    role: str
    active: bool
    may_adjust: bool
    stores: set[uuid.UUID] = field(default_factory=set)
    # Built once per batch, not once per change (a push is thousands of one user's changes); a
    # change to the user or their stores inside the batch calls `changed()`.
    _actor: Actor | None = field(default=None, repr=False, compare=False)

    def actor(self) -> Actor:
        if self._actor is None:
            grants = frozenset({Action.ADJUST_STOCK}) if self.may_adjust else frozenset()
            stores = frozenset(StoreId(s) for s in self.stores)
            self._actor = Actor(UserId(self.id), self.email, Role(self.role), stores, grants=grants)
        return self._actor

    def changed(self) -> None:
        self._actor = None


class Refused(Exception):
    """A change the server will not apply; the message is the reason shown on the desk."""


class ChangeChecker:
    def __init__(self, connection: Connection, desk_id: str, changes: Sequence[Change]) -> None:
        self.connection = connection
        self.desk_id = desk_id
        self.users = self._load_users()
        self.owners = self._load_owners(changes)  # its keys: every item the batch's children may name
        self.stores = set(connection.execute(text("SELECT id FROM store")).scalars())
        self.movements = self._load_reversed(changes)  # reversed movements the server holds
        self.refused_rows: set[tuple[str, str]] = set()  # (table, row id) of refused inserts
        self.places: dict[uuid.UUID, uuid.UUID | None] = {}  # location -> store, lot -> item
        self._converted: dict[str, dict[str, Any]] = {}
        self._memo: dict[tuple[str, Any], Any] = {}  # (column, stored value) -> Python value

    # -- loading the server's side ------------------------------------------------------------------

    def _load_users(self) -> dict[uuid.UUID, _User]:
        rows = self.connection.execute(
            text("SELECT id, email, role, active, may_adjust FROM user_account WHERE NOT deleted")
        )
        users = {row[0]: _User(row[0], row[1], row[2], bool(row[3]), bool(row[4])) for row in rows}
        for user_id, store_id in self.connection.execute(
            text("SELECT user_id, store_id FROM user_store WHERE NOT deleted")
        ):
            if user_id in users:
                users[user_id].stores.add(store_id)
        return users

    def _load_owners(self, changes: Sequence[Change]) -> dict[uuid.UUID, uuid.UUID | None]:
        ids: set[uuid.UUID] = set()
        for change in changes:
            if change.tbl == "item":
                ids.add(uuid.UUID(change.row_id))
            elif change.tbl in CHILDREN_OF_ITEMS and change.raw.get("item_id"):
                ids.add(uuid.UUID(change.raw["item_id"]))
        if not ids:
            return {}
        rows = self.connection.execute(
            text("SELECT id, owner_id FROM item WHERE id = ANY(:ids)"), {"ids": list(ids)}
        )
        return dict(rows.tuples().all())

    def _load_reversed(self, changes: Sequence[Change]) -> set[uuid.UUID]:
        ids = {
            uuid.UUID(str(change.raw["reverses_id"]))
            for change in changes
            if change.tbl == "stock_movement" and change.raw.get("reverses_id")
        }
        if not ids:
            return set()
        rows = self.connection.execute(
            text("SELECT id FROM stock_movement WHERE id = ANY(:ids)"), {"ids": list(ids)}
        )
        return set(rows.scalars())

    # -- the check ----------------------------------------------------------------------------------

    def check(self, change: Change) -> str | None:
        """None when the change may apply (and the checker remembers its effect), else the reason."""
        try:
            self._check(change)
        except (Refused, PermissionDenied) as refusal:
            if change.op == "I":
                self.refused_rows.add((change.tbl, change.row_id))
            return str(refusal)
        self._remember(change)
        return None

    def _check(self, change: Change) -> None:
        if not change.hlc.endswith(f"-{self.desk_id}") or change.change_id != change.hlc:
            raise Refused(f"change {change.change_id} is not stamped by this desk ({self.desk_id})")
        if change.tbl not in synced_tables():
            raise Refused(f"{change.tbl!r} is not a table desks write")
        if change.op not in ("I", "U"):
            raise Refused(f"{change.op!r} is not a change desks send")
        if change.tbl in SERVER_MADE and change.op == "I":
            raise Refused(f"{change.tbl} rows are made by the server only")
        values = self._values(change)
        parent = values.get("item_id") if change.tbl in CHILDREN_OF_ITEMS else None
        if parent is not None and ("item", parent.hex) in self.refused_rows:
            raise Refused(f"its item {parent} was refused earlier in this push")
        if self._first_admin(change, values):
            return
        actor = self._actor(change, values)
        if actor is None:
            return  # an unattended table (UNATTENDED) written by the desk's own machinery
        RULES.get(change.tbl, _any_active_user)(self, change, values, actor)

    def _values(self, change: Change) -> dict[str, Any]:
        # Only the columns a rule reads, converted once per change: a push of 100,000 movements
        # would otherwise convert every column of every row twice.
        cached = self._converted.get(change.change_id)
        if cached is None:
            cached = codec.to_python(change.tbl, change.raw, RULE_COLUMNS, self._memo)
            self._converted[change.change_id] = cached
        return cached

    def _first_admin(self, change: Change, values: dict[str, Any]) -> bool:
        """The shop's first administrator, created on the desk that set the shop up."""
        return (
            change.tbl == "user_account"
            and change.op == "I"
            and not self.users
            and values.get("role") == "admin"
        )

    def _actor(self, change: Change, values: dict[str, Any]) -> Actor | None:
        named = values.get("user_id") if change.tbl == "stock_movement" else values.get("updated_by")
        if named is None:
            if change.tbl in UNATTENDED:
                return None
            raise Refused(f"the change of {change.tbl} {change.row_id} names no user")
        user = self.users.get(named)
        if user is None:
            raise Refused(f"user {named} is not known to the server")
        if not user.active:
            raise Refused(f"{user.email} is deactivated: their changes are not accepted")
        return user.actor()

    def _remember(self, change: Change) -> None:
        """What an accepted change alters that later checks of the same batch depend on."""
        values = self._values(change)
        if change.tbl == "user_account":
            row_id = uuid.UUID(change.row_id)
            user = self.users.get(row_id) or _User(row_id, "", "clerk", True, False)
            user.email = values.get("email", user.email)
            user.role = values.get("role", user.role)
            user.active = bool(values.get("active", user.active))
            user.may_adjust = bool(values.get("may_adjust", user.may_adjust))
            user.changed()
            self.users[row_id] = user
        elif change.tbl == "user_store" and values.get("user_id") in self.users:
            member = self.users[values["user_id"]]
            (member.stores.discard if values.get("deleted") else member.stores.add)(values["store_id"])
            member.changed()
        elif change.tbl == "item" and change.op == "I":
            self.owners[uuid.UUID(change.row_id)] = values.get("owner_id")
        elif change.tbl == "store" and change.op == "I":
            self.stores.add(uuid.UUID(change.row_id))
        elif change.tbl == "stock_movement":
            self.movements.add(uuid.UUID(change.row_id))
        elif change.tbl == "location" and values.get("store_id") is not None:
            self.places[uuid.UUID(change.row_id)] = values["store_id"]
        elif change.tbl == "lot" and values.get("item_id") is not None:
            self.places[uuid.UUID(change.row_id)] = values["item_id"]

    def place_owner(self, table: str, row_id: uuid.UUID) -> uuid.UUID | None:
        """The store of a location, the item of a lot: from this batch, else from the server."""
        if row_id not in self.places:
            column = "store_id" if table == "location" else "item_id"
            self.places[row_id] = self.connection.execute(
                text(f'SELECT {column} FROM "{table}" WHERE id = :id'), {"id": row_id}
            ).scalar()
        return self.places[row_id]

    def owner_of(self, item_id: uuid.UUID) -> uuid.UUID | None:
        return self.owners.get(item_id)


Rule = Callable[[ChangeChecker, Change, dict[str, Any], Actor], None]


def _any_active_user(
    _checker: ChangeChecker, _change: Change, _values: dict[str, Any], _actor: Actor
) -> None:
    """Tables whose rules the services check per store or not at all: an active user is enough."""


def _admin_only(_checker: ChangeChecker, _change: Change, _values: dict[str, Any], actor: Actor) -> None:
    require(actor, Action.MANAGE_USERS)


def _user_account(_checker: ChangeChecker, change: Change, _values: dict[str, Any], actor: Actor) -> None:
    own = (
        change.op == "U" and actor.id == uuid.UUID(change.row_id) and set(change.fields) <= OWN_ACCOUNT_FIELDS
    )
    if not own:
        require(actor, Action.MANAGE_USERS)


def _needs(action: Action) -> Rule:
    def rule(_checker: ChangeChecker, _change: Change, _values: dict[str, Any], actor: Actor) -> None:
        require(actor, action)

    return rule


def _item(checker: ChangeChecker, change: Change, values: dict[str, Any], actor: Actor) -> None:
    item_id = uuid.UUID(change.row_id)
    if change.op == "I" and item_id not in checker.owners:
        require(actor, Action.CREATE_ITEM)
        if actor.role is Role.CLERK and values.get("owner_id") != actor.id:
            raise Refused("a clerk's new item must be their own")
        return
    owner = checker.owner_of(item_id)
    require(actor, Action.EDIT_ITEM, owner_id=owner)
    if "owner_id" in change.fields and actor.role is Role.CLERK:
        raise Refused("a clerk may not hand an item to someone else")


def _item_child(checker: ChangeChecker, change: Change, values: dict[str, Any], actor: Actor) -> None:
    item_id = values.get("item_id")
    if item_id is None:
        raise Refused(f"the {change.tbl} row names no item")
    require(actor, Action.EDIT_ITEM, owner_id=checker.owner_of(item_id))
    if change.op == "U":
        # Moving another person's barcode or pack onto one's own item changes their item too.
        current = checker.connection.execute(
            text(f'SELECT i.owner_id FROM "{change.tbl}" c JOIN item i ON i.id = c.item_id WHERE c.id = :id'),
            {"id": uuid.UUID(change.row_id)},
        ).first()
        if current is not None:
            require(actor, Action.EDIT_ITEM, owner_id=current[0])


def _picture_blob(_checker: ChangeChecker, change: Change, values: dict[str, Any], actor: Actor) -> None:
    """A picture's content is its address: any user who may edit items may add one whose id and
    SHA-256 are those of its bytes; nobody may change the bytes of an existing picture."""
    require(actor, Action.EDIT_ITEM, owner_id=actor.id)
    if {"data", "sha256"} & set(change.fields):
        raise Refused("a picture's content never changes: a new picture is a new row")
    if change.op == "I" and not content_matches(change.row_id, change.raw):
        raise Refused("the picture's id and SHA-256 are not those of its content")


def _store_points(_checker: ChangeChecker, _change: Change, _values: dict[str, Any], actor: Actor) -> None:
    require(actor, Action.MANAGE_CATALOGUE)


def _movement(checker: ChangeChecker, change: Change, values: dict[str, Any], actor: Actor) -> None:
    if change.op != "I":
        raise Refused("the ledger is append-only: a movement is never changed")
    store = values.get("store_id")
    _refuse_unknown_references(checker, values)
    require(actor, Action.MOVE_STOCK, store_ids=[store] if store else [])
    if values.get("kind") == "adjust":
        require(actor, Action.ADJUST_STOCK, store_ids=[store] if store else [])
    location, lot = values.get("location_id"), values.get("lot_id")
    if location is not None and checker.place_owner("location", location) != store:
        raise Refused(f"location {location} is not a location of the movement's store")
    if lot is not None and checker.place_owner("lot", lot) != values.get("item_id"):
        raise Refused(f"lot {lot} is not a lot of the movement's item")


def _refuse_unknown_references(checker: ChangeChecker, values: dict[str, Any]) -> None:
    """What the ledger's foreign keys refused before 0034 (location and lot: see `_movement`)."""
    item, store, reversed_ = values.get("item_id"), values.get("store_id"), values.get("reverses_id")
    if item not in checker.owners:
        raise Refused(f"item {item} is not known to the server")
    if store not in checker.stores:
        raise Refused(f"store {store} is not known to the server")
    if reversed_ is not None and reversed_ not in checker.movements:
        raise Refused(f"the reversed movement {reversed_} is not known to the server")


def _lot(checker: ChangeChecker, change: Change, values: dict[str, Any], actor: Actor) -> None:
    """Whoever moves stock makes lots (a receipt does); a lot's id is its item and code, so a forged
    id cannot take another item's lot over, and an update may change neither.

    A receipt may give a lot without a use-by date its first one (or a new one to a lot deleted
    earlier); changing a date a live lot already has is a manager's correction
    (`lots.correct_lot_expiry`), checked against the server's row."""
    require(actor, Action.MOVE_STOCK)
    item, code = values.get("item_id"), values.get("code")
    if change.op == "I" and (
        item is None or code is None or lot_id_of(item, code) != uuid.UUID(change.row_id)
    ):
        raise Refused("a lot's id must be derived from its item and code")
    if change.op == "U" and {"item_id", "code"} & set(change.fields):
        raise Refused("a lot's item and code never change: its id is derived from them")
    if change.op == "U" and "expires_on" in change.fields:
        current = checker.connection.execute(
            text("SELECT expires_on, deleted FROM lot WHERE id = :id"), {"id": uuid.UUID(change.row_id)}
        ).first()
        if current is not None and current[0] is not None and not current[1]:
            require(actor, Action.CORRECT_LOT_EXPIRY)


def _drafted_by_managers(
    _checker: ChangeChecker, change: Change, _values: dict[str, Any], actor: Actor
) -> None:
    if change.op == "I":  # receiving (clerks of the store) moves the status on; drafting is a manager's
        require(actor, Action.MANAGE_CATALOGUE)


def _audit(_checker: ChangeChecker, change: Change, values: dict[str, Any], actor: Actor) -> None:
    if change.op != "I":
        raise Refused("the audit log is append-only")
    if values.get("user_id") not in (None, actor.id):
        raise Refused("an audit entry must name the user who made it")


RULES: dict[str, Rule] = {
    "user_account": _user_account,
    "user_store": _admin_only,
    "store": _needs(Action.MANAGE_STORES),
    "category": _needs(Action.MANAGE_CATALOGUE),
    "supplier": _needs(Action.MANAGE_CATALOGUE),
    "item": _item,
    "item_barcode": _item_child,
    "item_pack": _item_child,
    "item_attribute": _item_child,  # a template's attributes: whoever may edit the template
    "item_picture": _item_child,
    "picture_blob": _picture_blob,
    "store_reorder_point": _store_points,
    "location": _needs(Action.MANAGE_STORES),
    "lot": _lot,
    "stock_movement": _movement,
    "audit_event": _audit,
    "purchase_order": _drafted_by_managers,
    "purchase_order_line": _any_active_user,  # receiving (clerks) updates `received`
    "sync_conflict": _needs(Action.MANAGE_CATALOGUE),
    "sync_review": _needs(Action.MANAGE_CATALOGUE),
}
