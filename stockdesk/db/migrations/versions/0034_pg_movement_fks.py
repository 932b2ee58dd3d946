"""ledger: PostgreSQL keeps no foreign keys on stock_movement; the writers check, `check` proves

A 50,000-line stocktake post on PostgreSQL spent about a third of its insert in the six foreign-key
triggers of `stock_movement` (item, store, user, location, lot, reversed movement): one queued event
and one SPI lookup with a row lock per key per row, even for the NULL ones (issue 18: the post at
2.4-2.6 s against < 2 s). Every writer of movements already names only rows it has read: the
services look the item, store, location and lot up before they post, and the server checks a pushed
movement's references set-based (`sync.server.checks`). `stockdesk check` reports any movement whose
references are gone (`services.inventory.orphans.find_orphans`).

SQLite keeps them: desks there have `PRAGMA foreign_keys=ON` and post few lines at a time, and
dropping a foreign key on SQLite is a copy of the whole ledger at upgrade. So the models keep their
`ForeignKey`s (they describe SQLite and every other table); only PostgreSQL's ledger differs.

Revision ID: 0034_pg_movement_fks
Revises: 0025_places
"""

from __future__ import annotations

from alembic import op

revision = "0034_pg_movement_fks"
down_revision = "0025_places"
branch_labels = None
depends_on = None

# column -> referenced table; the constraint names are those of the naming convention (0001, 0025).
REFERENCES = {
    "item_id": "item",
    "store_id": "store",
    "user_id": "user_account",
    "reverses_id": "stock_movement",
    "location_id": "location",
    "lot_id": "lot",
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for column, table in REFERENCES.items():
        op.execute(f"ALTER TABLE stock_movement DROP CONSTRAINT IF EXISTS fk_stock_movement_{column}_{table}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for column, table in REFERENCES.items():
        op.create_foreign_key(
            f"fk_stock_movement_{column}_{table}", "stock_movement", table, [column], ["id"]
        )
