"""indexes for the expiry alerts and the recall: `lot.expires_on` and `stock_movement.lot_id`

Both are partial (rows that hold a value only): most lots of a shop tracked by lot or serial have no
use-by date, and most movements name no lot (every movement of an untracked item, every one of an
older database), so neither those lots nor those movements cost an index entry, and the set-based
writers of the ledger (a stocktake post, an import's opening stock) write no more than before.
`expires_on <= :day` and `lot_id = :lot` imply "IS NOT NULL", which both SQLite and PostgreSQL know,
so the expiry alerts' pass over dated lots and the recall's read of one lot's movements use them.
Plain CREATE INDEX: the migration runs in one transaction (no CONCURRENTLY on PostgreSQL).

Revision ID: 0029_place_indexes
Revises: 0025_places
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0029_place_indexes"
down_revision = "0025_places"
branch_labels = None
depends_on = None


def upgrade() -> None:
    dated = sa.text("expires_on IS NOT NULL")
    op.create_index(
        "ix_lot_expires_on", "lot", ["expires_on", "id"], sqlite_where=dated, postgresql_where=dated
    )
    named = sa.text("lot_id IS NOT NULL")
    op.create_index(
        "ix_stock_movement_lot_id", "stock_movement", ["lot_id"], sqlite_where=named, postgresql_where=named
    )


def downgrade() -> None:
    op.drop_index("ix_stock_movement_lot_id", table_name="stock_movement")
    op.drop_index("ix_lot_expires_on", table_name="lot")
