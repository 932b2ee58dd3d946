"""upgrade codes: an enrolment code bound to the desk id of a desk of the database-login era

Revision ID: 0031_desk_upgrade_codes
Revises: 0013_desk_tokens
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0031_desk_upgrade_codes"
down_revision = "0013_desk_tokens"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("desk_enrolment") as table:
        table.add_column(sa.Column("desk_id", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("desk_enrolment") as table:
        table.drop_column("desk_id")
