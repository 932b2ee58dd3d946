"""per-store reorder points (an item x store override of reorder point and quantity)

Revision ID: 0012_store_reorder_points
Revises: 0001
Create Date: 2026-12-03 09:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import stockdesk.db.types

revision = "0012_store_reorder_points"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "store_reorder_point",
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("store_id", sa.Uuid(), nullable=False),
        sa.Column("reorder_point", stockdesk.db.types.ExactDecimal(scale=3), nullable=False),
        sa.Column("reorder_qty", stockdesk.db.types.ExactDecimal(scale=3), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", stockdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", stockdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("origin_desk", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=40), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["item.id"], name=op.f("fk_store_reorder_point_item_id_item")),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_store_reorder_point_store_id_store")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_reorder_point")),
        sa.UniqueConstraint("item_id", "store_id", name=op.f("uq_store_reorder_point_item_id")),
    )


def downgrade() -> None:
    op.drop_table("store_reorder_point")
