"""Log-in, refresh and log-out for people (integrations use API keys instead)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from stockdesk.api.deps import Caller, caller, unit_of_work
from stockdesk.api.problems import documented
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message
from stockdesk.services.accounts import api_auth
from stockdesk.services.accounts.api_auth import TokenPair
from stockdesk.services.uow import UnitOfWork

router = APIRouter(prefix="/auth", tags=["auth"])


class Credentials(BaseModel):
    email: str = Field(max_length=254, examples=["admin@example.com"])
    password: str = Field(max_length=1000)


class RefreshIn(BaseModel):
    refresh_token: str = Field(max_length=500)


class TokensOut(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "Bearer"
    expires_in: int = Field(description="seconds the access token is valid")

    @classmethod
    def of(cls, pair: TokenPair) -> TokensOut:
        return cls(
            access_token=pair.access_token, refresh_token=pair.refresh_token, expires_in=pair.expires_in
        )


@router.post(
    "/token",
    response_model=TokensOut,
    summary="Log in with e-mail and password",
    responses={
        401: documented("wrong e-mail or password"),
        429: documented("too many failed attempts; see Retry-After"),
    },
)
def log_in(body: Credentials, request: Request, uow: UnitOfWork = Depends(unit_of_work)) -> TokensOut:
    # The back-off counts per (e-mail, peer address): a client cannot pick a new source per guess.
    source = request.client.host if request.client else "unknown"
    pair = api_auth.log_in(
        uow, email=body.email, password=body.password, secret=request.app.state.secret, source=source
    )
    return TokensOut.of(pair)


@router.post("/refresh", response_model=TokensOut, summary="Swap a refresh token for new tokens (one use)")
def refresh(body: RefreshIn, request: Request, uow: UnitOfWork = Depends(unit_of_work)) -> TokensOut:
    pair = api_auth.refresh(uow, refresh_token=body.refresh_token, secret=request.app.state.secret)
    return TokensOut.of(pair)


@router.post("/logout", status_code=204, summary="End this log-in session (all its tokens)")
def log_out(who: Caller = Depends(caller), uow: UnitOfWork = Depends(unit_of_work)) -> Response:
    if who.session_id is None:
        raise ValidationError(
            "Authorization", who.key_name, Message("api.key_not_session")
        )
    api_auth.log_out(uow, who.session_id)
    return Response(status_code=204)
