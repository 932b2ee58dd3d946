"""sync: capture a bulk insert's new rows set-based, after the batch (SQLite desks)

While `sync_bulk` names a table, that table's insert trigger stays quiet; the writer that named it
(`stockdesk.db.capture.bulk_inserts`, in the same transaction) then appends one outbox change per
new row with a single INSERT ... SELECT, stamped in the order the rows were written, exactly as the
trigger would have. The triggers themselves are (re)created by `capture.install` on every start.

Revision ID: 0006_sync_bulk
Revises: 0004_sync
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_sync_bulk"
down_revision = "0004_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_bulk",
        sa.Column("tbl", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("tbl", name=op.f("pk_sync_bulk")),
    )


def downgrade() -> None:
    op.drop_table("sync_bulk")
