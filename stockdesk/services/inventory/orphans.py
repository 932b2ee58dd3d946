"""Movements naming a row that does not exist: the proof that stands in for the ledger's foreign keys.

PostgreSQL's `stock_movement` has none (migration 0034: they cost a third of a large post's insert),
so every writer checks before it writes; this finds what a writer missed or a hand edit left behind.
One anti-join per reference, each a single pass over the ledger.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import text

from stockdesk.services.uow import UnitOfWork

# column of stock_movement -> the table its id must be found in
REFERENCES = {
    "item_id": "item",
    "store_id": "store",
    "user_id": "user_account",
    "reverses_id": "stock_movement",
    "location_id": "location",
    "lot_id": "lot",
}


@dataclass(frozen=True)
class Orphan:
    movement_id: uuid.UUID
    column: str  # "item_id"
    missing: uuid.UUID  # the id found nowhere in its table


def find_orphans(uow: UnitOfWork) -> list[Orphan]:
    """Every movement whose item, store, user, reversed movement, location or lot does not exist."""
    found: list[Orphan] = []
    with uow:
        for column, table in REFERENCES.items():
            rows = uow.session.execute(
                text(
                    f"SELECT m.id, m.{column} FROM stock_movement m WHERE m.{column} IS NOT NULL AND NOT "
                    f'EXISTS (SELECT 1 FROM "{table}" t WHERE t.id = m.{column}) ORDER BY m.id'
                )
            )
            found += [Orphan(_uuid(movement), column, _uuid(missing)) for movement, missing in rows]
    return found


def _uuid(value: object) -> uuid.UUID:
    # SQLite hands the ids back as the hex text it stores them as
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
