"""item pictures: content-addressed picture blobs, the item's link to one, local thumbnails

New tables only: nothing of `item` is copied or altered.

Revision ID: 0028_item_pictures
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import stockdesk.db.types

revision = "0028_item_pictures"
down_revision = "0001"
branch_labels = None
depends_on = None


def _synced_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", stockdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", stockdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("origin_desk", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=40), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "picture_blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("mime", sa.String(length=32), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        *_synced_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_picture_blob")),
    )
    op.create_index(op.f("ix_picture_blob_sha256"), "picture_blob", ["sha256"])
    op.create_table(
        "item_picture",
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("blob_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_synced_columns(),
        sa.ForeignKeyConstraint(["item_id"], ["item.id"], name=op.f("fk_item_picture_item_id_item")),
        sa.ForeignKeyConstraint(
            ["blob_id"], ["picture_blob.id"], name=op.f("fk_item_picture_blob_id_picture_blob")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_picture")),
        sa.UniqueConstraint("item_id", "position", name=op.f("uq_item_picture_item_id")),
    )
    op.create_index(op.f("ix_item_picture_item_id"), "item_picture", ["item_id"])
    op.create_table(
        "picture_thumb",
        sa.Column("blob_id", sa.Uuid(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("blob_id", name=op.f("pk_picture_thumb")),
    )


def downgrade() -> None:
    op.drop_table("picture_thumb")
    op.drop_index(op.f("ix_item_picture_item_id"), table_name="item_picture")
    op.drop_table("item_picture")
    op.drop_index(op.f("ix_picture_blob_sha256"), table_name="picture_blob")
    op.drop_table("picture_blob")
