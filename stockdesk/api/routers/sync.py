"""Desks sync here: register with a manager's log-in or an enrolment code, then push and pull with the
desk token. The desk never holds a database credential; the server names the desk from its token and
checks every pushed change (stockdesk/sync/server/checks.py)."""

from __future__ import annotations

import gzip
import zlib
from typing import Annotated, Literal, NotRequired

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, Field, TypeAdapter
from pydantic import ValidationError as PydanticError
from typing_extensions import TypedDict

from stockdesk.api.deps import actor, bearer, caller, database
from stockdesk.api.fields import text
from stockdesk.domain.errors import AuthenticationFailed, ValidationError
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Actor
from stockdesk.services.database import Database
from stockdesk.sync.changes import Change
from stockdesk.sync.server import desks, http_side, setup
from stockdesk.sync.server.desks import DeskView

router = APIRouter(prefix="/sync", tags=["sync"])
MAX_CHANGES = 5000  # a desk's PUSH_BATCH: a slow link sends several small batches, not one huge one
MAX_INFLATED = 32_000_000  # a compressed body may not unpack into more than this (no zip bombs)


class DeskIn(BaseModel):
    desk_id: str = Field(
        max_length=64,
        description="the desk's own id (it stamps its changes with it)",
        # Published for clients; the service checks it (with "server", which no desk may take).
        json_schema_extra={"pattern": r"^(?!server$)[A-Za-z0-9_-]{1,64}$"},
    )
    name: str = text(100, examples=["Counter 1, Main store"])
    enrolment_code: str = Field(
        default="",
        max_length=64,
        description="from `stockdesk desk enrol`, instead of a manager's log-in; or the upgrade code "
        "`stockdesk server init` made for this (old) desk id, which registers only that desk id",
    )


class DeskOut(BaseModel):
    desk_id: str
    name: str
    last_sync_at: str | None
    revoked: bool
    moved: bool = Field(
        default=True,
        description="false: a desk of the database-login era that still needs its upgrade code",
    )

    @classmethod
    def of(cls, view: DeskView) -> DeskOut:
        last = view.last_sync_at.isoformat() if view.last_sync_at else None
        return cls(desk_id=view.desk_id, name=view.name, last_sync_at=last, revoked=view.revoked)

    @classmethod
    def waiting(cls, desk_id: str) -> DeskOut:
        return cls(desk_id=desk_id, name="", last_sync_at=None, revoked=False, moved=False)


class UpgradeCodeOut(BaseModel):
    desk_id: str
    line: str = Field(description="the upgrade slip's line to carry to the desk: shown once")


class RegisteredOut(BaseModel):
    desk: DeskOut
    token: str = Field(description="the desk token: shown once, keep it in the keyring")


class WireChange(TypedDict):
    """One pushed change. Checked into plain dicts, not models: a push of 100,000 changes built as
    many model objects, twice the parsing time of the same checks into dicts."""

    change_id: Annotated[str, Field(max_length=64)]
    hlc: Annotated[str, Field(max_length=64)]
    tbl: Annotated[str, Field(max_length=64)]
    row_id: Annotated[str, Field(max_length=40)]
    op: Literal["I", "U"]
    fields: NotRequired[Annotated[list[str], Field(max_length=200)]]
    # A row is a few hundred bytes, but an item picture is up to 400 KB, ~546,000 characters of base64.
    data: Annotated[str, Field(max_length=600_000, description="the row in the desk file's stored form")]
    base_cursor: NotRequired[int]
    local_seq: NotRequired[int]


class PushIn(TypedDict):
    heads: list[str]  # the desk's schema revisions
    changes: list[WireChange]


_PUSH = TypeAdapter(PushIn)


class RefusalOut(BaseModel):
    change_id: str
    reason: str


class PushOut(BaseModel):
    applied: int
    duplicates: int
    conflicts: int
    last_seq: int
    refused: list[RefusalOut]


class PulledChange(BaseModel):
    seq: int
    change_id: str
    hlc: str
    tbl: str
    row_id: str
    op: str
    fields: str
    data: str
    origin: str


class PullOut(BaseModel):
    changes: list[PulledChange]
    heads: list[str] = Field(
        description="the server's schema revisions: a desk applies nothing if they differ"
    )
    desk_names: dict[str, str] = Field(description="desk id -> name of every registered desk")


async def desk_token(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> str:
    """The request's desk token as sent (401 for none or one that is no desk token)."""
    token = credentials.credentials if credentials is not None else ""
    if not token.startswith(desks.TOKEN_PREFIX):
        raise AuthenticationFailed(Message("sync.token_invalid"))
    return token


def desk(token: str = Depends(desk_token), db: Database = Depends(database)) -> DeskView:
    """The desk the request's token names (401 for an unknown or a revoked token)."""
    return desks.desk_of_token(db.uow(), token)


def _needs_postgresql(db: Database) -> None:
    if db.engine.dialect.name != "postgresql":
        raise ValidationError("database", db.engine.dialect.name, Message("sync.server_postgresql"))


@router.post("/desks", status_code=201, response_model=RegisteredOut, summary="Register a desk")
def register_desk(
    body: DeskIn,
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(bearer),
    db: Database = Depends(database),
) -> RegisteredOut:
    """With a manager's or admin's access token, or with an enrolment code in the body."""
    who: Actor | None = None
    if credentials is not None and credentials.credentials:
        who = caller(request, credentials, db).actor
    elif not body.enrolment_code:
        raise AuthenticationFailed(Message("sync.desk_login"))
    made = desks.register(db.uow(), desk_id=body.desk_id, name=body.name, actor=who, code=body.enrolment_code)
    return RegisteredOut(desk=DeskOut.of(made.view), token=made.token)


@router.get("/desks", response_model=list[DeskOut], summary="Registered desks and when each last synced")
def list_desks(db: Database = Depends(database), who: Actor = Depends(actor)) -> list[DeskOut]:
    """Then the desks of the database-login era not moved yet (`moved` false)."""
    moved = [DeskOut.of(view) for view in desks.list_desks(db.uow(), who)]
    return moved + [DeskOut.waiting(desk_id) for desk_id in desks.old_desks(db.uow())]


@router.post(
    "/desks/{desk_id}/upgrade-code",
    status_code=201,
    response_model=UpgradeCodeOut,
    summary="A new one-time upgrade code for a desk not moved yet (earlier unused ones stop working)",
)
def new_upgrade_code(
    desk_id: str, db: Database = Depends(database), who: Actor = Depends(actor)
) -> UpgradeCodeOut:
    return UpgradeCodeOut(desk_id=desk_id, line=setup.new_upgrade_line(db, who, desk_id))


@router.delete("/desks/{desk_id}", response_model=DeskOut, summary="Revoke a desk's token")
def revoke_desk(desk_id: str, db: Database = Depends(database), who: Actor = Depends(actor)) -> DeskOut:
    return DeskOut.of(desks.revoke(db.uow(), who, desk_id))


@router.get("/desk-names", summary="Desk id -> name of every registered desk (desks show names)")
def desk_names(db: Database = Depends(database), _desk: DeskView = Depends(desk)) -> dict[str, str]:
    return desks.names(db.uow())


@router.get("/version", summary="The server's schema revisions (a desk syncs only with the same set)")
def version(db: Database = Depends(database), _desk: DeskView = Depends(desk)) -> dict[str, list[str]]:
    return {"heads": http_side.heads(db.engine)}


def _inflated(raw: bytes, encoding: str) -> bytes:
    if encoding.strip().lower() != "gzip":
        return raw
    try:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        body = inflater.decompress(raw, MAX_INFLATED)
    except zlib.error as error:
        raise ValidationError("body", "", Message("sync.malformed", problem=f"not gzip ({error})")) from None
    if inflater.unconsumed_tail:
        raise ValidationError("body", "", Message("sync.body_too_large", maximum=MAX_INFLATED))
    return body


def _batch(body: bytes) -> PushIn:
    try:
        batch = _PUSH.validate_json(body)
    except PydanticError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ValidationError(
            "changes", "", Message("sync.malformed", problem=f"{where}: {first['msg']}")
        ) from None
    if len(batch["changes"]) > MAX_CHANGES:
        raise ValidationError(
            "changes", len(batch["changes"]), Message("sync.batch_too_large", maximum=MAX_CHANGES)
        )
    return batch


@router.post("/push", response_model=PushOut, summary="Push a batch of the desk's changes (gzip welcome)")
async def push(
    request: Request, db: Database = Depends(database), pusher: DeskView = Depends(desk)
) -> PushOut:
    _needs_postgresql(db)
    batch = _batch(_inflated(await request.body(), request.headers.get("content-encoding", "")))
    problem = http_side.schema_problem(db.engine, batch["heads"])
    if problem:
        raise ValidationError("heads", ",".join(batch["heads"]), problem)
    changes = [
        # The desk is the token's, whatever the body says: no desk can push as another or as the server.
        Change(
            c["change_id"],
            c["hlc"],
            c["tbl"],
            c["row_id"],
            c["op"],
            tuple(c.get("fields", ())),
            None,
            pusher.desk_id,
            c.get("base_cursor", 0),
            0,
            c.get("local_seq", 0),
            c["data"],
        )
        for c in batch["changes"]
    ]
    answer = await run_in_threadpool(http_side.push_checked, db.engine, pusher.desk_id, changes)
    await run_in_threadpool(desks.touch, db.uow(), pusher.desk_id)
    return PushOut(
        applied=answer.applied,
        duplicates=answer.duplicates,
        conflicts=answer.conflicts,
        last_seq=answer.last_seq,
        refused=[RefusalOut(change_id=r.change_id, reason=r.reason) for r in answer.refused],
    )


@router.get("/pull", response_model=PullOut, summary="The change log after a sequence number")
def pull(
    after: int = Query(0, ge=0),
    limit: int = Query(MAX_CHANGES, ge=1, le=MAX_CHANGES),
    db: Database = Depends(database),
    token: str = Depends(desk_token),
) -> Response:
    _needs_postgresql(db)
    puller, answer = http_side.poll(db.engine, token, after, limit)
    desks.note_sync(db.uow(), puller)
    body = PullOut.model_validate(answer).model_dump_json().encode()
    if len(body) > 4096:
        return Response(
            gzip.compress(body, 5), media_type="application/json", headers={"Content-Encoding": "gzip"}
        )
    return Response(body, media_type="application/json")


@router.get("/snapshot", summary="Every shared row at one moment (first sync), as JSON lines")
def snapshot(db: Database = Depends(database), _desk: DeskView = Depends(desk)) -> StreamingResponse:
    _needs_postgresql(db)
    return StreamingResponse(http_side.snapshot_lines(db.engine), media_type="application/x-ndjson")
