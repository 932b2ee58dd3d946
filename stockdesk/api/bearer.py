"""The bearer credentials of a raw ASGI request, for the middlewares that answer before routing."""

from __future__ import annotations

from starlette.types import Scope


def bearer_token(scope: Scope) -> str:
    """The credentials of `Authorization: Bearer ...`, as FastAPI's HTTPBearer reads them ("" if none)."""
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, credentials = value.decode("latin-1").partition(" ")
            return credentials.strip() if scheme.lower() == "bearer" else ""
    return ""
