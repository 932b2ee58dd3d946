"""Accounts (admins only, as in the window); `/users/me` for anyone logged in."""

from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, Field

from stockdesk.api.deps import actor, unit_of_work
from stockdesk.api.fields import email, free_text
from stockdesk.api.problems import documented
from stockdesk.domain.permissions import Actor
from stockdesk.services.accounts import users
from stockdesk.services.accounts.users import MIN_PASSWORD
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.views import UserView

router = APIRouter(prefix="/users", tags=["users"])


class UserOut(BaseModel):
    id: uuid.UUID
    email: str
    name: str
    role: str
    active: bool
    store_ids: list[uuid.UUID]

    @classmethod
    def of(cls, v: UserView) -> UserOut:
        return cls(
            id=v.id, email=v.email, name=v.name, role=v.role, active=v.active, store_ids=sorted(v.store_ids)
        )


class MeOut(BaseModel):
    id: uuid.UUID
    email: str
    name: str
    role: str
    store_ids: list[uuid.UUID]


Role = Literal["admin", "manager", "clerk"]


class UserIn(BaseModel):
    email: str = email()
    password: str = Field(min_length=MIN_PASSWORD, max_length=1000)
    role: Role = Field(examples=["clerk"])
    name: str = free_text(200, default="")
    store_ids: list[uuid.UUID] = Field(default_factory=list, max_length=1000)


class UserPatch(BaseModel):
    """Changing the role or the active flag ends every log-in session of that user."""

    role: Role | None = None
    name: str | None = free_text(200, default=None)
    active: bool | None = None
    store_ids: list[uuid.UUID] | None = Field(default=None, max_length=1000)


class PasswordIn(BaseModel):
    new_password: str = Field(min_length=MIN_PASSWORD, max_length=1000)


@router.get("/me", response_model=MeOut, summary="Who the token speaks for")
def me(who: Actor = Depends(actor)) -> MeOut:
    return MeOut(
        id=who.id, email=who.email, name=who.name, role=who.role.value, store_ids=sorted(who.store_ids)
    )


@router.get("", response_model=list[UserOut], summary="Every account, by e-mail (admins)")
def list_users(uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)) -> list[UserOut]:
    return [UserOut.of(v) for v in users.list_users(uow, who)]


@router.post(
    "",
    status_code=201,
    response_model=UserOut,
    summary="Create an account (admins)",
    responses={409: documented("the e-mail already has an account (case ignored)")},
)
def create_user(
    body: UserIn, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> UserOut:
    view = users.create_user(
        uow,
        who,
        email=body.email,
        password=body.password,
        role=body.role,
        name=body.name,
        store_ids=body.store_ids,
    )
    return UserOut.of(view)


@router.patch("/{user_id}", response_model=UserOut, summary="Change role, name, active flag or stores")
def update_user(
    user_id: uuid.UUID, body: UserPatch, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> UserOut:
    return UserOut.of(users.update_user(uow, who, user_id, **body.model_dump(exclude_none=True)))


@router.post("/{user_id}/password", status_code=204, summary="Set a new password (ends their sessions)")
def reset_password(
    user_id: uuid.UUID, body: PasswordIn, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> Response:
    users.reset_password(uow, who, user_id, new_password=body.new_password)
    return Response(status_code=204)
