"""catalogue_version: a change of the category tree moves the catalogue's version too

Migration 0041 counts the commits that change items or barcodes, and the API keeps a search's first
page while that count stays (`services/catalogue/kept_searches`). A category's first page in price
order (the web shop's department page) is kept the same way now: which items it lists depends on the
items (their category, price and status) and on the category tree below the category asked for, which
the page's statement works out as it runs (`category_pages`). A category moved, added under it or
deleted changes that tree without touching an item, so `category` gets the same statement trigger as
`item` and `item_barcode`: one more step of the version per committed transaction that writes it
(renames too: rare, and never wrong to count).

SQLite gets nothing, as in 0041.

Revision ID: 0042_category_version
Revises: 0041_catalogue_version
"""

from __future__ import annotations

from alembic import op

revision = "0042_category_version"
down_revision = "0041_catalogue_version"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE TRIGGER catalogue_category_touched AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON category "
        "FOR EACH STATEMENT EXECUTE FUNCTION catalogue_touched()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER catalogue_category_touched ON category")
