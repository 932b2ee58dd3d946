"""pack units of items (a case of 12 with its own barcode)

Revision ID: 0020_item_packs
Revises: 0001
Create Date: 2026-12-04 01:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import stockdesk.db.types

revision = "0020_item_packs"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "item_pack",
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("factor", stockdesk.db.types.ExactDecimal(scale=3), nullable=False),
        sa.Column("code", sa.String(length=128), nullable=True),
        sa.Column("purchase", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", stockdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", stockdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("origin_desk", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=40), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["item.id"], name=op.f("fk_item_pack_item_id_item")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_pack")),
        sa.UniqueConstraint("code", name=op.f("uq_item_pack_code")),
        sa.UniqueConstraint("item_id", "name", name=op.f("uq_item_pack_item_id")),
    )
    op.create_index(op.f("ix_item_pack_item_id"), "item_pack", ["item_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_item_pack_item_id"), table_name="item_pack")
    op.drop_table("item_pack")
