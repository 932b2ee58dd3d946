"""reorder_change: what changed for the reorder calculation since its last run (issue 17, item 1)

One stamped row per (item, store) key, written by triggers on every table the calculation reads, so
a recalculation recomputes only the keys changed since the last one. A new, empty table: an upgraded
database's first run is a full one.

Revision ID: 0031_reorder_changes
Revises: 0003_alerts, 0012_store_reorder_points, 0020_item_packs (the tables its triggers watch)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from stockdesk.db import reorder_marks

revision = "0031_reorder_changes"
down_revision = ("0003_alerts", "0012_store_reorder_points", "0020_item_packs")
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reorder_change",
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("store_id", sa.Uuid(), nullable=False),
        sa.Column("stamp", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("item_id", "store_id", name=op.f("pk_reorder_change")),
    )
    op.create_index("ix_reorder_change_stamp", "reorder_change", ["stamp"])
    if op.get_bind().dialect.name == "postgresql":  # SQLite's are installed on every open (database.py)
        reorder_marks.install(op.get_bind())


def downgrade() -> None:
    reorder_marks.uninstall(op.get_bind())
    op.drop_index("ix_reorder_change_stamp", table_name="reorder_change")
    op.drop_table("reorder_change")
