"""api: log-in sessions, API keys and idempotent requests of the HTTP server

(The keyset pages of `GET /api/v1/items` need no new index: 0002_search made (column, id) indexes on
PostgreSQL, and on SQLite every index already ends with the rowid.)

Revision ID: 0008_api
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import stockdesk.db.types

revision = "0008_api"
down_revision = "0001"
branch_labels = None
depends_on = None

def _when() -> stockdesk.db.types.UTCDateTime:
    return stockdesk.db.types.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "api_session",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("refresh_hash", sa.String(length=64), nullable=False),
        sa.Column("stamp", sa.String(length=32), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("expires_at", _when(), nullable=False),
        sa.Column("revoked_at", _when(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], name=op.f("fk_api_session_user_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_session")),
    )
    op.create_index(op.f("ix_api_session_user_id"), "api_session", ["user_id"], unique=False)
    op.create_table(
        "api_key",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("scope", sa.String(length=8), nullable=False),
        sa.Column("store_id", sa.Uuid(), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("revoked_at", _when(), nullable=True),
        sa.ForeignKeyConstraint(["store_id"], ["store.id"], name=op.f("fk_api_key_store_id_store")),
        sa.ForeignKeyConstraint(["created_by"], ["user_account.id"], name=op.f("fk_api_key_created_by_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_key")),
        sa.UniqueConstraint("name", name=op.f("uq_api_key_name")),
        sa.UniqueConstraint("prefix", name=op.f("uq_api_key_prefix")),
    )
    op.create_table(
        "api_idempotent_request",
        sa.Column("principal", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.PrimaryKeyConstraint("principal", "key", name=op.f("pk_api_idempotent_request")),
    )
    op.create_index(
        op.f("ix_api_idempotent_request_created_at"), "api_idempotent_request", ["created_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_api_idempotent_request_created_at"), table_name="api_idempotent_request")
    op.drop_table("api_idempotent_request")
    op.drop_table("api_key")
    op.drop_index(op.f("ix_api_session_user_id"), table_name="api_session")
    op.drop_table("api_session")
