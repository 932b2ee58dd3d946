"""`column IN (ids)` with one bound parameter, however many ids there are.

An expanding `IN (?, ?, ...)` renders, compiles and binds one parameter per id: for the 50,000 keys
of a large stocktake that costs more than the query itself, and SQLite caps a statement's parameters.
Here the whole list travels as one value: a JSON array that SQLite unpacks with `json_each`, or a
`uuid[]` that PostgreSQL compares with `= ANY(...)`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, String, Uuid, any_, bindparam, func, literal_column, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import QueryableAttribute


def id_in(
    dialect: str, column: ColumnElement[Any] | QueryableAttribute[Any], ids: Iterable[uuid.UUID]
) -> ColumnElement[bool]:
    """True where `column` (a Uuid column) is one of `ids`; one statement parameter on either dialect."""
    if dialect == "postgresql":
        return column == any_(bindparam(None, list(ids), type_=postgresql.ARRAY(Uuid())))
    # SQLite stores Uuid columns as 32-digit hex text, which is what json_each hands back.
    packed = bindparam(None, json.dumps([i.hex for i in ids]), type_=String())
    return column.in_(select(literal_column("value")).select_from(func.json_each(packed)))
