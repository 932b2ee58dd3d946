"""Every error as RFC 9457 problem+json: one place maps the domain's errors to statuses.

Routes never catch errors for control flow; a service raises, this answers. The body names the
field, the value as sent and the reason, like the window's message next to a field. Nothing else
about the server (no stack trace, no SQL) ever reaches the client.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from stockdesk.api.fields import PATTERN_REASONS
from stockdesk.domain.errors import (
    AccountLocked,
    AuthenticationFailed,
    DuplicateValue,
    InsufficientStock,
    NotFound,
    PermissionDenied,
    PreconditionFailed,
    StockDeskError,
    TooManyRequests,
    UnresolvedCode,
    ValidationError,
)
from stockdesk.domain.messages import Message, as_message
from stockdesk.i18n import describe, translate
from stockdesk.services.catalogue.bulk import BulkRejected

LANGUAGES = ("en", "de")

MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://stockdesk.invalid/problems/"  # a name, not a page: clients switch on it
log = logging.getLogger(__name__)

# Most specific first: the first class the error is an instance of decides.
STATUSES: tuple[tuple[type[StockDeskError], int, str], ...] = (
    (AccountLocked, 429, "too-many-attempts"),
    (TooManyRequests, 429, "too-many-requests"),
    (AuthenticationFailed, 401, "not-authenticated"),
    (PermissionDenied, 403, "forbidden"),
    (UnresolvedCode, 404, "unresolved-code"),
    (NotFound, 404, "not-found"),
    (PreconditionFailed, 412, "stale-version"),
    (DuplicateValue, 409, "duplicate"),
    (InsufficientStock, 409, "insufficient-stock"),
    (ValidationError, 422, "invalid-value"),
    (BulkRejected, 422, "invalid-lines"),
    (StockDeskError, 400, "bad-request"),
)
TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    412: "Precondition failed",
    413: "Request too large",
    415: "Unsupported media type",
    422: "Invalid value",
    429: "Too many requests",
    500: "Internal error",
}


def problem(
    status: int, kind: str, detail: str, *, headers: dict[str, str] | None = None, **extensions: Any
) -> JSONResponse:
    body = {
        "type": TYPE_BASE + kind,
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    body.update({name: value for name, value in extensions.items() if value is not None})
    return JSONResponse(jsonable_encoder(body), status_code=status, media_type=MEDIA_TYPE, headers=headers)


def _status_of(error: StockDeskError) -> tuple[int, str]:
    return next((status, kind) for cls, status, kind in STATUSES if isinstance(error, cls))


def _fields(error: StockDeskError) -> dict[str, Any]:
    if isinstance(error, ValidationError):
        return {"field": error.field, "value": str(error.value), "reason": error.reason}
    if isinstance(error, UnresolvedCode):
        return {"field": "code", "value": str(error.key), "reason": error.reason, "code_status": error.kind}
    if isinstance(error, NotFound):
        return {"field": error.entity, "value": str(error.key), "reason": "not found"}
    if isinstance(error, BulkRejected):  # every line's problem, the first one also on its own
        first, *_ = error.problems
        return {
            "field": first.field,
            "value": str(first.value),
            "reason": as_message(first.reason),
            "errors": [
                {"row": p.row, "field": p.field, "value": str(p.value), "reason": as_message(p.reason)}
                for p in error.problems
            ],
        }
    if isinstance(error, InsufficientStock):
        return {
            "field": "quantity",
            "value": str(error.requested),
            "reason": f"only {error.on_hand} on hand",
            "on_hand": str(error.on_hand),
        }
    return {}


def _headers(error: StockDeskError, status: int) -> dict[str, str] | None:
    if isinstance(error, AccountLocked | TooManyRequests):
        return {"Retry-After": str(error.seconds_left)}
    if status == 401:
        return {"WWW-Authenticate": 'Bearer realm="stockdesk"'}
    return None


def language_of(request: Request) -> str:
    """The first language of Accept-Language that StockDesk speaks (English otherwise)."""
    for part in request.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().lower().split("-")[0]
        if tag in LANGUAGES:
            return tag
    return "en"


async def domain_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StockDeskError)
    status, kind = _status_of(error)
    language = language_of(request)
    fields = _fields(error)
    if isinstance(fields.get("reason"), Message):  # the window's translations, for a client's language
        fields["reason"] = translate(fields["reason"], language)
    for line in fields.get("errors", ()):
        line["reason"] = translate(line["reason"], language)
    return problem(status, kind, describe(error, language), headers=_headers(error, status), **fields)


def _field_of(location: tuple[Any, ...]) -> str:
    parts = [str(p) for p in location]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:] or parts
    return ".".join(parts)


async def request_invalid(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = [
        {
            "field": _field_of(tuple(e.get("loc", ()))),
            "value": _shown(e.get("input")),
            "reason": _reason(e),
        }
        for e in error.errors()
    ]
    first = errors[0] if errors else {"field": "", "value": "", "reason": "is not valid"}
    detail = f"{first['field']}: {first['reason']}"
    return problem(422, "invalid-value", detail, errors=errors, **first)


def _reason(error: Any) -> str:
    """pydantic's message, in the words of the rule where a pattern or our own check refused the value."""
    if error.get("type") == "string_pattern_mismatch":
        pattern = (error.get("ctx") or {}).get("pattern", "")
        return PATTERN_REASONS.get(pattern, f"does not match {pattern}")
    return str(error.get("msg", "")).removeprefix("Value error, ")


def _shown(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 200 else text[:200] + "…"


async def http_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    kind = {404: "not-found", 405: "method-not-allowed", 413: "too-large"}.get(
        error.status_code, "http-error"
    )
    return problem(error.status_code, kind, str(error.detail), headers=getattr(error, "headers", None))


async def unexpected(request: Request, error: Exception) -> JSONResponse:
    # The trace goes to the server's log, never to the client.
    log.exception("unexpected error in %s %s", request.method, request.url.path, exc_info=error)
    return problem(500, "internal", Message("api.internal"))


def install(app: FastAPI) -> None:
    app.add_exception_handler(StockDeskError, domain_error)
    app.add_exception_handler(RequestValidationError, request_invalid)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected)


class Problem(BaseModel):
    """RFC 9457 problem details, with the field, value and reason of the refused input."""

    type: str
    title: str
    status: int
    detail: str
    field: str | None = None
    value: str | None = None
    reason: str | None = None
    model_config = ConfigDict(extra="allow")


def documented(description: str) -> dict[str, Any]:
    schema = {"$ref": "#/components/schemas/Problem"}
    return {"description": description, "model": Problem, "content": {MEDIA_TYPE: {"schema": schema}}}


# Declared on every route, so the schema tells a client (and schemathesis) what errors look like.
RESPONSES: dict[int | str, dict[str, Any]] = {
    400: documented("bad request"),
    401: documented("not logged in, or the token or key is expired, revoked or wrong"),
    403: documented("the caller may not do this"),
    404: documented("no such thing"),
    409: documented("conflicts with existing data (duplicate value, not enough stock)"),
    412: documented("If-Match names an old version"),
    413: documented("request body too large"),
    422: documented("a value is invalid: `field`, `value` and `reason` say which and why"),
    429: documented("too many failed log-ins: wait Retry-After seconds"),
}
