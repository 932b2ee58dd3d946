"""search: let a bulk insert of new items index them once, at the end of its batch (SQLite)

The 0002_search triggers index an item when it is inserted (name and SKU, no barcodes yet), index
it again when each barcode arrives (an FTS5 update re-tokenises the whole row) and touch its summary
for each store its opening stock is posted to. For a 100,000-row import that is most of the time
SQLite spends. While `search_deferred` has a row, those insert triggers stay quiet; the writer that
put the row there (`stockdesk.db.search_index.deferred`, in the same transaction) indexes the new
items set-based before it removes the row. Other connections never see the row: SQLite has one
writer and they read the last committed state.

PostgreSQL has no FTS table to keep (pg_trgm indexes are maintained by the server); the table is
created there too so both schemas list the same tables.

Revision ID: 0005_search_deferred
Revises: 0002_search
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_search_deferred"
down_revision = "0002_search"
branch_labels = None
depends_on = None

QUIET = "WHEN NOT EXISTS (SELECT 1 FROM search_deferred)"
# The insert triggers of 0002_search, by name: (event clause, body). Bodies are unchanged.
_CODES = (
    "(SELECT coalesce(group_concat(code, ' '), '') FROM item_barcode WHERE item_id = {x} AND deleted = 0)"
)
_FIRST_CODE = "(SELECT coalesce(min(code), '') FROM item_barcode WHERE item_id = {x} AND deleted = 0)"
TRIGGERS = {
    "search_item_ai": (
        "AFTER INSERT ON item",
        "INSERT INTO item_fts (rowid, name, sku, codes) VALUES (NEW.rowid, NEW.name, NEW.sku, ''); "
        "INSERT OR IGNORE INTO item_summary (item_id, on_hand, barcode) VALUES (NEW.id, 0, '');",
    ),
    "search_barcode_ai": (
        "AFTER INSERT ON item_barcode",
        f"UPDATE item_fts SET codes = {_CODES.format(x='NEW.item_id')} "
        "WHERE rowid = (SELECT rowid FROM item WHERE id = NEW.item_id); "
        f"UPDATE item_summary SET barcode = {_FIRST_CODE.format(x='NEW.item_id')} WHERE item_id = NEW.item_id;",
    ),
    "search_level_ai": (
        "AFTER INSERT ON stock_level",
        "UPDATE item_summary SET on_hand = on_hand + NEW.on_hand WHERE item_id = NEW.item_id;",
    ),
}


def _create(quiet: bool) -> None:
    for name, (event, body) in TRIGGERS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"CREATE TRIGGER {name} {event} {QUIET if quiet else ''} BEGIN {body} END")


def upgrade() -> None:
    op.create_table(
        "search_deferred",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_deferred")),
    )
    if op.get_bind().dialect.name == "sqlite":
        _create(quiet=True)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _create(quiet=False)
    op.drop_table("search_deferred")
