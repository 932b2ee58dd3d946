"""tally_slots: PostgreSQL's item tally always holds its sixteen slots

0036's writers pick the first slot no other transaction holds (FOR UPDATE SKIP LOCKED). But 0036 made
slot 0 alone and upserted the others on first use: while a long import held slot 0, another desk's
new item found no free slot that existed, fell back to its backend's own slot, and when that was slot
0 waited for the import's commit (one backend in sixteen: a CI run caught it). Every slot now exists
from here on, so SKIP LOCKED finds a free one unless sixteen transactions are writing items at once;
emptying the items (TRUNCATE) sets the slots to zero instead of deleting them, and `check
--rebuild-tally` writes all sixteen.

Revision ID: 0038_tally_slots
Revises: 0037_item_low
"""

from __future__ import annotations

from alembic import op

revision = "0038_tally_slots"
down_revision = "0037_item_low"
branch_labels = None
depends_on = None

SLOTS = 16

ZEROED = """
CREATE OR REPLACE FUNCTION item_tally_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE item_tally SET listed = 0;
    RETURN NULL;
END $$
"""

DELETED = """
CREATE OR REPLACE FUNCTION item_tally_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM item_tally;
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"INSERT INTO item_tally (slot, listed) SELECT s, 0 FROM generate_series(0, {SLOTS - 1}) AS s "
        "ON CONFLICT (slot) DO NOTHING"
    )
    op.execute(ZEROED)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(DELETED)
