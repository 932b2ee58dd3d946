"""Pages as a client sees them: `{count, next, previous, results}` with links that carry the cursor."""

from __future__ import annotations

from typing import Generic, TypeVar
from urllib.parse import quote_plus

from fastapi import Request
from pydantic import BaseModel, Field

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    count: int | None = Field(
        description="matches in the whole list, exact up to 10,000 and null beyond; first page only"
    )
    next: str | None = Field(description="URL of the next page, null on the last one")
    previous: str | None = Field(description="URL of the previous page, null on the first one")
    results: list[T]


def link(request: Request, cursor: str | None) -> str | None:
    return links(request, cursor)[0]


def links(request: Request, *cursors: str | None) -> list[str | None]:
    """The request's own URL with each cursor as its `cursor` (None for none), its other parameters
    kept as they came. Starlette's `include_query_params` parses and re-encodes the whole query for
    each link (a tenth of a page's CPU for a middle page's two); the rest of the query is encoded
    once here, and a cursor always goes last, so each link is that with the cursor quoted on."""
    if all(cursor is None for cursor in cursors):
        return [None] * len(cursors)
    ending = str(request.url.include_query_params(cursor=""))  # ends "cursor=": what each cursor follows
    return [None if cursor is None else ending + quote_plus(cursor) for cursor in cursors]
