"""search_pending_limit: PostgreSQL's trigram indexes keep at most 256 kB of unmerged entries

A GIN index takes new entries into a pending list (its "fast update") and merges them into the
index when the list reaches `gin_pending_list_limit` (4 MB by default) or on VACUUM. Every search
reads the whole list. An item edit that changes an indexed column (a price, say) adds the row's
trigrams to all three search indexes, so a shop that changed 6,000 prices made every name search
scan some 450 pending pages: 1,000,000 items, median of 15 runs of the API's search, 7.8-8.0 ms before
the edits and 11.2-11.8 ms after (measured, docs/benchmarks.md, stop 46).

With 256 kB per index the list is merged about sixteen times as often, in smaller batches: the same
edits cost the same (0.15-0.18 ms a row, against 0.14-0.24 ms) and the search stayed at 6.7-7.6 ms
(once 9.7 ms).
Turning fast update off altogether kept the search there too but made each edit cost 0.25-0.33 ms.

SQLite's FTS5 table has no such list: nothing changes there.

Revision ID: 0040_search_pending_limit
Revises: 0039_store_point_marks
"""

from __future__ import annotations

from alembic import op

revision = "0040_search_pending_limit"
down_revision = "0039_store_point_marks"
branch_labels = None
depends_on = None

INDEXES = ("ix_item_name_trgm", "ix_item_sku_trgm", "ix_item_barcode_code_trgm")
PENDING_LIMIT_KB = 256


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for index in INDEXES:
        op.execute(f"ALTER INDEX {index} SET (gin_pending_list_limit = {PENDING_LIMIT_KB})")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for index in INDEXES:
        op.execute(f"ALTER INDEX {index} RESET (gin_pending_list_limit)")
