"""purchase_order_line: the supplier's pack the line was ordered in (name and factor, as they were)

The quantity stays in the item's stock unit (what receiving posts to the ledger); the pack is kept
on the line as it was when the line was written, so a later change to the item's packs does not
change what a sent order said.

Revision ID: 0024_order_line_pack
Revises: 0003_alerts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from stockdesk.db.types import ExactDecimal

revision = "0024_order_line_pack"
down_revision = "0003_alerts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: a batch copy of the table would drop its sync capture triggers until the next start.
    op.add_column("purchase_order_line", sa.Column("pack_name", sa.Text(), nullable=False, server_default=""))
    op.add_column("purchase_order_line", sa.Column("pack_factor", ExactDecimal(scale=3), nullable=True))


def downgrade() -> None:
    # resolve_fks=False: reflecting the line table must not reflect `item` too, whose expression index
    # SQLite reflection skips with a warning (which order the branches' downgrades run in decides).
    with op.batch_alter_table("purchase_order_line", reflect_kwargs={"resolve_fks": False}) as batch:
        batch.drop_column("pack_factor")
        batch.drop_column("pack_name")
