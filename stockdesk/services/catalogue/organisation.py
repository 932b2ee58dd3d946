"""Stores, categories and suppliers: the things items and movements point at."""

from __future__ import annotations

from typing import TypedDict, Unpack

from sqlalchemy import select

from stockdesk.db.models import Category, Store, Supplier
from stockdesk.domain.errors import DuplicateValue, ValidationError
from stockdesk.domain.ids import CategoryId, StoreId, SupplierId
from stockdesk.domain.messages import Message
from stockdesk.domain.numbers import WholeNumberInput
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.services.accounts import audit
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import email_address, optional_text, required_text, whole_number
from stockdesk.services.views import CategoryView, StoreView, SupplierView


def create_store(uow: UnitOfWork, actor: Actor, *, code: str, name: str, address: str = "") -> StoreView:
    with uow:
        require(actor, Action.MANAGE_STORES)
        uow.actor_id = actor.id
        code = required_text("code", code, max_length=32).upper()
        if uow.session.scalar(select(Store.id).where(Store.code == code)) is not None:
            raise DuplicateValue("code", code, Message("store_code_taken"))
        store = Store(
            code=code,
            name=required_text("name", name, max_length=200),
            address=optional_text("address", address, max_length=2000),
        )
        uow.session.add(store)
        uow.session.flush()
        audit.record(uow, actor, "store.create", "store", store.id, code=code)
        uow.commit()
        return StoreView.of(store)


def update_store(
    uow: UnitOfWork,
    actor: Actor,
    store_id: StoreId,
    *,
    name: str | None = None,
    address: str | None = None,
    active: bool | None = None,
) -> StoreView:
    with uow:
        require(actor, Action.MANAGE_STORES)
        uow.actor_id = actor.id
        store = uow.get(Store, store_id, "store")
        if name is not None:
            store.name = required_text("name", name, max_length=200)
        if address is not None:
            store.address = optional_text("address", address, max_length=2000)
        if active is not None:
            store.active = active
        audit.record(uow, actor, "store.update", "store", store.id)
        uow.commit()
        return StoreView.of(store)


def list_stores(uow: UnitOfWork, *, include_inactive: bool = False) -> list[StoreView]:
    with uow:
        query = select(Store).where(Store.deleted.is_(False)).order_by(Store.code)
        if not include_inactive:
            query = query.where(Store.active.is_(True))
        return [StoreView.of(row) for row in uow.session.scalars(query)]


def create_category(
    uow: UnitOfWork, actor: Actor, *, name: str, parent_id: CategoryId | None = None
) -> CategoryView:
    with uow:
        require(actor, Action.MANAGE_CATALOGUE)
        uow.actor_id = actor.id
        parent = None if parent_id in (None, "") else uow.get(Category, parent_id, "category").id
        category = Category(name=required_text("name", name, max_length=200), parent_id=parent)
        uow.session.add(category)
        uow.session.flush()
        audit.record(uow, actor, "category.create", "category", category.id, name=category.name)
        uow.commit()
        return CategoryView.of(category)


def move_category(
    uow: UnitOfWork, actor: Actor, category_id: CategoryId, *, parent_id: CategoryId | None
) -> CategoryView:
    """Re-parent a category; a category cannot become its own descendant."""
    with uow:
        require(actor, Action.MANAGE_CATALOGUE)
        uow.actor_id = actor.id
        category = uow.get(Category, category_id, "category")
        new_parent = None if parent_id in (None, "") else uow.get(Category, parent_id, "category")
        ancestor = new_parent
        while ancestor is not None:
            if ancestor.id == category.id:
                raise ValidationError(
                    "parent", new_parent.name if new_parent else "", Message("category_inside")
                )
            ancestor = uow.session.get(Category, ancestor.parent_id) if ancestor.parent_id else None
        category.parent_id = new_parent.id if new_parent else None
        audit.record(uow, actor, "category.move", "category", category.id)
        uow.commit()
        return CategoryView.of(category)


def rename_category(uow: UnitOfWork, actor: Actor, category_id: CategoryId, *, name: str) -> CategoryView:
    with uow:
        require(actor, Action.MANAGE_CATALOGUE)
        uow.actor_id = actor.id
        category = uow.get(Category, category_id, "category")
        category.name = required_text("name", name, max_length=200)
        audit.record(uow, actor, "category.rename", "category", category.id, name=category.name)
        uow.commit()
        return CategoryView.of(category)


def set_category_expiry_warn_days(
    uow: UnitOfWork, actor: Actor, category_id: CategoryId, *, days: int | str | None
) -> None:
    """Days before expiry its items' lots are reported (None: the shop's default); an item's own wins."""
    with uow:
        require(actor, Action.MANAGE_CATALOGUE)
        uow.actor_id = actor.id
        category = uow.get(Category, category_id, "category")
        category.expiry_warn_days = (
            None if days in (None, "") else whole_number("expiry_warn_days", days, maximum=3650)
        )
        audit.record(
            uow, actor, "category.expiry_warn_days", "category", category.id, days=category.expiry_warn_days
        )
        uow.commit()


def list_categories(uow: UnitOfWork) -> list[CategoryView]:
    with uow:
        rows = uow.session.scalars(
            select(Category).where(Category.deleted.is_(False)).order_by(Category.name)
        )
        return [CategoryView.of(row) for row in rows]


class SupplierDetails(TypedDict, total=False):
    """A supplier's fields besides its name, as a person types them."""

    contact: str
    phone: str
    email: str
    lead_time_days: WholeNumberInput
    address: str


class SupplierFields(SupplierDetails, total=False):
    name: str


def _supplier_fields(fields: SupplierFields) -> dict[str, str | int]:
    clean: dict[str, str | int] = {}
    for key in fields:
        if key == "name":
            clean[key] = required_text("name", fields["name"], max_length=200)
        elif key == "contact":
            clean[key] = optional_text(key, fields["contact"], max_length=200)
        elif key == "phone":
            clean[key] = optional_text(key, fields["phone"], max_length=200)
        elif key == "email":
            clean[key] = email_address("email", fields["email"], required=False)
        elif key == "lead_time_days":
            clean[key] = whole_number("lead_time_days", fields["lead_time_days"], minimum=0, maximum=365)
        elif key == "address":
            clean[key] = optional_text(key, fields["address"], max_length=2000)
        else:
            raise ValidationError(key, dict(fields)[key], Message("not_supplier_field"))
    return clean


def create_supplier(
    uow: UnitOfWork, actor: Actor, *, name: str, **fields: Unpack[SupplierDetails]
) -> SupplierView:
    with uow:
        require(actor, Action.MANAGE_CATALOGUE)
        uow.actor_id = actor.id
        supplier = Supplier(**_supplier_fields({"name": name, **fields}))
        uow.session.add(supplier)
        uow.session.flush()
        audit.record(uow, actor, "supplier.create", "supplier", supplier.id, name=supplier.name)
        uow.commit()
        return SupplierView.of(supplier)


def update_supplier(
    uow: UnitOfWork, actor: Actor, supplier_id: SupplierId, **fields: Unpack[SupplierFields]
) -> SupplierView:
    with uow:
        require(actor, Action.MANAGE_CATALOGUE)
        uow.actor_id = actor.id
        supplier = uow.get(Supplier, supplier_id, "supplier")
        for key, value in _supplier_fields(fields).items():
            setattr(supplier, key, value)
        audit.record(uow, actor, "supplier.update", "supplier", supplier.id)
        uow.commit()
        return SupplierView.of(supplier)


def archive_supplier(uow: UnitOfWork, actor: Actor, supplier_id: SupplierId) -> None:
    with uow:
        require(actor, Action.MANAGE_CATALOGUE)
        uow.actor_id = actor.id
        supplier = uow.get(Supplier, supplier_id, "supplier")
        supplier.deleted = True
        audit.record(uow, actor, "supplier.archive", "supplier", supplier.id)
        uow.commit()


def list_suppliers(uow: UnitOfWork) -> list[SupplierView]:
    with uow:
        rows = uow.session.scalars(
            select(Supplier).where(Supplier.deleted.is_(False)).order_by(Supplier.name)
        )
        return [SupplierView.of(row) for row in rows]


def store_ids_by_code(uow: UnitOfWork) -> dict[str, StoreId]:
    with uow:
        return {code: StoreId(ident) for code, ident in uow.session.execute(select(Store.code, Store.id))}
