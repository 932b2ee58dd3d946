"""supplier: a postal address, printed on the purchase orders sent to it

Revision ID: 0022_supplier_address
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022_supplier_address"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch copy of the table would drop its sync capture triggers until the next start.
    op.add_column("supplier", sa.Column("address", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("supplier") as batch:
        batch.drop_column("address")
