"""desks sync over HTTP with a token: registered desks, enrolment codes, and a desk's refused changes

Revision ID: 0013_desk_tokens
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import stockdesk.db.types

revision = "0013_desk_tokens"
down_revision = "0001"
branch_labels = None
depends_on = None


def _when() -> stockdesk.db.types.UTCDateTime:
    return stockdesk.db.types.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "desk_token",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("desk_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("last_sync_at", _when(), nullable=True),
        sa.Column("revoked_at", _when(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_token")),
        sa.UniqueConstraint("desk_id", name=op.f("uq_desk_token_desk_id")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_desk_token_token_hash")),
    )
    op.create_table(
        "desk_enrolment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("expires_at", _when(), nullable=False),
        sa.Column("used_at", _when(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_enrolment")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_desk_enrolment_code_hash")),
    )
    op.create_table(
        "sync_refused",
        sa.Column("change_id", sa.String(length=64), nullable=False),
        sa.Column("tbl", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", _when(), nullable=False),
        sa.PrimaryKeyConstraint("change_id", name=op.f("pk_sync_refused")),
    )


def downgrade() -> None:
    op.drop_table("sync_refused")
    op.drop_table("desk_enrolment")
    op.drop_table("desk_token")
