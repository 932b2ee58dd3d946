"""Pages as a client sees them: `{count, next, previous, results}` with links that carry the cursor."""

from __future__ import annotations

from typing import Generic, TypeVar

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
    if cursor is None:
        return None
    return str(request.url.include_query_params(cursor=cursor))
