"""stock_place on PostgreSQL: one statement trigger over the inserted rows instead of a row trigger

The same sums, one upsert per statement instead of one PL/pgSQL call per placed movement (issue 20:
a 50,000-place stocktake post spent 7 of its 15 s there). SQLite keeps its row trigger, which
`open_database` installs anew on every open.

Revision ID: 0030_place_statement_trigger
Revises: 0025_places
"""

from __future__ import annotations

from alembic import op

from stockdesk.db import place_levels

revision = "0030_place_statement_trigger"
down_revision = "0025_places"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        place_levels.install(op.get_bind())


def downgrade() -> None:
    """Nothing to undo: the statement trigger keeps the very sums the row trigger kept."""
