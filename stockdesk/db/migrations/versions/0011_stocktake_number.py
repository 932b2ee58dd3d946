"""stocktake: a number people can say ("Stocktake 12 — Brushes") instead of its UUID

Existing stocktakes are numbered in the order they were started.

Revision ID: 0011_stocktake_number
Revises: 0003_alerts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_stocktake_number"
down_revision = "0003_alerts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch copy of the table would drop its sync capture triggers until the next start.
    op.add_column("stocktake", sa.Column("number", sa.Integer(), nullable=False, server_default="0"))
    stocktake = sa.table("stocktake", sa.column("id", sa.Uuid()), sa.column("number", sa.Integer()),
                         sa.column("started_at", sa.DateTime()))
    connection = op.get_bind()
    ids = connection.execute(sa.select(stocktake.c.id).order_by(stocktake.c.started_at, stocktake.c.id))
    for number, (stocktake_id,) in enumerate(ids.all(), start=1):
        connection.execute(stocktake.update().where(stocktake.c.id == stocktake_id).values(number=number))


def downgrade() -> None:
    with op.batch_alter_table("stocktake") as batch:
        batch.drop_column("number")
