"""Categories (a tree) and suppliers: everyone reads them; managers and admins change them."""

from __future__ import annotations

import uuid
from typing import Self

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, ConfigDict, Field

from stockdesk.api.deps import actor, unit_of_work
from stockdesk.api.fields import email, free_text, text
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import organisation
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.views import CategoryView, SupplierView

categories = APIRouter(prefix="/categories", tags=["categories"])
suppliers = APIRouter(prefix="/suppliers", tags=["suppliers"])


class CategoryOut(BaseModel):
    id: uuid.UUID
    name: str
    parent_id: uuid.UUID | None
    children: list[CategoryOut] = Field(default_factory=list)

    @classmethod
    def of(cls, v: CategoryView) -> Self:
        return cls(id=v.id, name=v.name, parent_id=v.parent_id)


class CategoryIn(BaseModel):
    name: str = text(200)
    parent_id: uuid.UUID | None = None


class CategoryPatch(BaseModel):
    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    name: str | None = text(200, default=None)
    parent_id: uuid.UUID | None = Field(default=None, description="send null to make it a top category")


def _tree(views: list[CategoryView]) -> list[CategoryOut]:
    nodes = {v.id: CategoryOut.of(v) for v in views}
    roots: list[CategoryOut] = []
    for node in nodes.values():  # views come sorted by name, so siblings stay sorted
        parent = nodes.get(node.parent_id) if node.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots


@categories.get("", response_model=list[CategoryOut], summary="The category tree, siblings by name")
def category_tree(
    uow: UnitOfWork = Depends(unit_of_work), _actor: Actor = Depends(actor)
) -> list[CategoryOut]:
    return _tree(organisation.list_categories(uow))


@categories.post("", status_code=201, response_model=CategoryOut, summary="Create a category")
def create_category(
    body: CategoryIn, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> CategoryOut:
    return CategoryOut.of(organisation.create_category(uow, who, name=body.name, parent_id=body.parent_id))


@categories.patch("/{category_id}", response_model=CategoryOut, summary="Rename or move a category")
def update_category(
    category_id: uuid.UUID,
    body: CategoryPatch,
    uow: UnitOfWork = Depends(unit_of_work),
    who: Actor = Depends(actor),
) -> CategoryOut:
    sent = body.model_dump(exclude_unset=True)
    view = None
    if "name" in sent and body.name is not None:
        view = organisation.rename_category(uow, who, category_id, name=body.name)
    if "parent_id" in sent:
        view = organisation.move_category(uow, who, category_id, parent_id=body.parent_id)
    if view is None:
        raise ValidationError("body", "{}", Message("api.category_no_change"))
    return CategoryOut.of(view)


class SupplierOut(BaseModel):
    id: uuid.UUID
    name: str
    contact: str
    email: str
    phone: str
    lead_time_days: int
    address: str = Field(description="postal address, one line per line; printed on purchase orders")

    @classmethod
    def of(cls, v: SupplierView) -> SupplierOut:
        return cls(
            id=v.id,
            name=v.name,
            contact=v.contact,
            email=v.email,
            phone=v.phone,
            lead_time_days=v.lead_time_days,
            address=v.address,
        )


class SupplierPatch(BaseModel):
    name: str | None = text(200, default=None)
    contact: str | None = free_text(200, default=None)
    email: str | None = email(required=False, default=None)
    phone: str | None = free_text(64, default=None)
    lead_time_days: int | None = Field(default=None, ge=0, le=365)
    address: str | None = free_text(2000, default=None)


class SupplierIn(SupplierPatch):
    name: str = text(200)  # type: ignore[assignment]


@suppliers.get("", response_model=list[SupplierOut], summary="Suppliers, by name")
def list_suppliers(
    uow: UnitOfWork = Depends(unit_of_work), _actor: Actor = Depends(actor)
) -> list[SupplierOut]:
    return [SupplierOut.of(v) for v in organisation.list_suppliers(uow)]


@suppliers.post("", status_code=201, response_model=SupplierOut, summary="Create a supplier")
def create_supplier(
    body: SupplierIn, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> SupplierOut:
    fields = body.model_dump(exclude_none=True, exclude={"name"})
    return SupplierOut.of(organisation.create_supplier(uow, who, name=body.name, **fields))


@suppliers.patch("/{supplier_id}", response_model=SupplierOut, summary="Change a supplier")
def update_supplier(
    supplier_id: uuid.UUID,
    body: SupplierPatch,
    uow: UnitOfWork = Depends(unit_of_work),
    who: Actor = Depends(actor),
) -> SupplierOut:
    return SupplierOut.of(
        organisation.update_supplier(uow, who, supplier_id, **body.model_dump(exclude_none=True))
    )


@suppliers.delete("/{supplier_id}", status_code=204, summary="Archive a supplier")
def archive_supplier(
    supplier_id: uuid.UUID, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> Response:
    organisation.archive_supplier(uow, who, supplier_id)
    return Response(status_code=204)
