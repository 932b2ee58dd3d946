"""lookup: an index on upper(item.sku), for case-insensitive SKU look-ups

A scan or typed code that is no barcode is looked up by SKU in any case (`upper(sku) = ?`), and
imports and stocktakes resolve whole lists of codes the same way. Without this index each such
look-up read every item (~0.1 s at a million items, on every unknown code scanned at the counter).
The expression is the one the services write, so SQLite and PostgreSQL both use the index.

Revision ID: 0010_sku_lookup
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0010_sku_lookup"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX ix_item_sku_upper ON item (upper(sku))")
    if op.get_bind().dialect.name == "postgresql":
        # PostgreSQL keeps statistics of an expression only from the next ANALYZE: until then it guessed
        # 5,000 matches in a million and ran a SKU look-up as a parallel bitmap scan (30 ms, not 0.4 ms).
        op.execute("ANALYZE item")


def downgrade() -> None:
    op.execute("DROP INDEX ix_item_sku_upper")
