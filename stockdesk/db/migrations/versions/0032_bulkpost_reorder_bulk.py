"""reorder_bulk: a bulk writer marks its new rows' reorder keys in one statement (SQLite desks)

While `reorder_bulk` has a row, the SQLite row triggers that stamp `reorder_change` for each new
movement and level row stay quiet; the writer that put the row there (`db.reorder_bulk.marking`, in
the same transaction) stamps every key of the rows it inserted with one INSERT ... SELECT before it
takes the row away. PostgreSQL's marks are statement triggers already and never look at the table.

Revision ID: 0032_bulkpost_reorder_bulk
Revises: 0031_reorder_changes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0032_bulkpost_reorder_bulk"
down_revision = "0031_reorder_changes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reorder_bulk",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reorder_bulk")),
    )


def downgrade() -> None:
    op.drop_table("reorder_bulk")
