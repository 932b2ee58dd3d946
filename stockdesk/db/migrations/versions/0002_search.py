"""search: item_summary (total on-hand, first barcode), text search index, sort indexes

SQLite: an FTS5 table with the trigram tokenizer over name, SKU and barcodes (rowid = item.rowid).
PostgreSQL: pg_trgm GIN indexes on item.name, item.sku and item_barcode.code.
Both: triggers keep `item_summary` (and on SQLite the FTS table) in step with every write, because
the ledger and bulk imports write with Core executemany, which no ORM event sees.
Sort indexes: every sortable column of the items table ends in the tie-breaker the query uses
(SQLite: the implicit rowid of every index; PostgreSQL: item.id), so a first page is an index walk.

Revision ID: 0002_search
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import stockdesk.db.types

revision = "0002_search"
down_revision = "0001"
branch_labels = None
depends_on = None

SORT_COLUMNS = ("sku", "name", "sell_price", "cost_price", "reorder_point", "unit")
NEW_SQLITE_INDEXES = ("cost_price", "reorder_point", "unit")
# Partial indexes over the rows the table shows by default (live, active): reading the ordered keys of
# a million items then walks one index and never the table (0.5 s instead of 4 s on a 2-core desk).
# The WHERE must read exactly as SQLAlchemy renders the query's condition, or SQLite ignores the index.
LIVE = "WHERE deleted IS 0 AND active IS 1"
SQLITE_LIVE_INDEXES = {
    f"ix_item_live_{column}": f"CREATE INDEX IF NOT EXISTS ix_item_live_{column} ON item ({column}) {LIVE}"
    for column in (*SORT_COLUMNS, "id")
}

_SQLITE_CODES = (
    "(SELECT coalesce(group_concat(code, ' '), '') FROM item_barcode WHERE item_id = {x} AND deleted = 0)"
)
_FIRST_CODE = "(SELECT coalesce(min(code), '') FROM item_barcode WHERE item_id = {x} AND deleted = 0)"


def _sqlite_barcode_sync(x: str) -> str:
    return (
        f"UPDATE item_fts SET codes = {_SQLITE_CODES.format(x=x)} "
        f"WHERE rowid = (SELECT rowid FROM item WHERE id = {x}); "
        f"UPDATE item_summary SET barcode = {_FIRST_CODE.format(x=x)} WHERE item_id = {x};"
    )


SQLITE_TRIGGERS = {
    "search_item_ai": "AFTER INSERT ON item BEGIN "
    "INSERT INTO item_fts (rowid, name, sku, codes) VALUES (NEW.rowid, NEW.name, NEW.sku, ''); "
    "INSERT OR IGNORE INTO item_summary (item_id, on_hand, barcode) VALUES (NEW.id, 0, ''); END",
    "search_item_au": "AFTER UPDATE OF name, sku ON item BEGIN "
    "UPDATE item_fts SET name = NEW.name, sku = NEW.sku WHERE rowid = NEW.rowid; END",
    "search_item_ad": "AFTER DELETE ON item BEGIN DELETE FROM item_fts WHERE rowid = OLD.rowid; "
    "DELETE FROM item_summary WHERE item_id = OLD.id; END",
    "search_barcode_ai": f"AFTER INSERT ON item_barcode BEGIN {_sqlite_barcode_sync('NEW.item_id')} END",
    "search_barcode_au": "AFTER UPDATE OF code, item_id, deleted ON item_barcode BEGIN "
    f"{_sqlite_barcode_sync('OLD.item_id')} {_sqlite_barcode_sync('NEW.item_id')} END",
    "search_barcode_ad": f"AFTER DELETE ON item_barcode BEGIN {_sqlite_barcode_sync('OLD.item_id')} END",
    "search_level_ai": "AFTER INSERT ON stock_level BEGIN "
    "UPDATE item_summary SET on_hand = on_hand + NEW.on_hand WHERE item_id = NEW.item_id; END",
    "search_level_au": "AFTER UPDATE OF on_hand ON stock_level BEGIN "
    "UPDATE item_summary SET on_hand = on_hand + NEW.on_hand - OLD.on_hand WHERE item_id = NEW.item_id; END",
    "search_level_ad": "AFTER DELETE ON stock_level BEGIN "
    "UPDATE item_summary SET on_hand = on_hand - OLD.on_hand WHERE item_id = OLD.item_id; END",
}

PG_FUNCTIONS = """
CREATE OR REPLACE FUNCTION search_item_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO item_summary (item_id, on_hand, barcode) VALUES (NEW.id, 0, '') ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION search_barcode_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE target uuid;
BEGIN
  FOREACH target IN ARRAY ARRAY[
      CASE WHEN TG_OP <> 'INSERT' THEN OLD.item_id END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.item_id END]
  LOOP
    CONTINUE WHEN target IS NULL;
    UPDATE item_summary SET barcode = coalesce(
      (SELECT min(code) FROM item_barcode WHERE item_id = target AND NOT deleted), '')
    WHERE item_id = target;
  END LOOP;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION search_level_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    UPDATE item_summary SET on_hand = on_hand + NEW.on_hand WHERE item_id = NEW.item_id;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    UPDATE item_summary SET on_hand = on_hand - OLD.on_hand WHERE item_id = OLD.item_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_item_ai AFTER INSERT ON item FOR EACH ROW EXECUTE FUNCTION search_item_added();
CREATE TRIGGER search_barcode_changed AFTER INSERT OR UPDATE OR DELETE ON item_barcode
  FOR EACH ROW EXECUTE FUNCTION search_barcode_changed();
CREATE TRIGGER search_level_changed AFTER INSERT OR UPDATE OF on_hand OR DELETE ON stock_level
  FOR EACH ROW EXECUTE FUNCTION search_level_changed();
"""


def upgrade() -> None:
    op.create_table(
        "item_summary",
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("on_hand", stockdesk.db.types.ExactDecimal(3), nullable=False),
        sa.Column("barcode", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["item.id"], name=op.f("fk_item_summary_item_id_item"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_item_summary")),
    )
    op.create_index("ix_item_summary_on_hand", "item_summary", ["on_hand", "item_id"])
    op.create_index("ix_item_summary_barcode", "item_summary", ["barcode", "item_id"])
    if op.get_bind().dialect.name == "postgresql":
        _upgrade_postgresql()
    else:
        _upgrade_sqlite()
    op.execute(
        "INSERT INTO item_summary (item_id, on_hand, barcode) SELECT i.id, "
        "coalesce((SELECT sum(l.on_hand) FROM stock_level l WHERE l.item_id = i.id), 0), "
        "coalesce((SELECT min(b.code) FROM item_barcode b WHERE b.item_id = i.id AND b.deleted = false), '') "
        "FROM item i"
    )


def _upgrade_sqlite() -> None:
    for column in NEW_SQLITE_INDEXES:
        op.create_index(f"ix_item_{column}", "item", [column])
    # A per-store on-hand sort walks this index (the store's levels in on-hand order).
    op.create_index("ix_stock_level_store_on_hand", "stock_level", ["store_id", "on_hand", "item_id"])
    for statement in SQLITE_LIVE_INDEXES.values():
        op.execute(statement)
    op.execute("CREATE VIRTUAL TABLE item_fts USING fts5(name, sku, codes, tokenize = 'trigram')")
    op.execute(
        "INSERT INTO item_fts (rowid, name, sku, codes) SELECT i.rowid, i.name, i.sku, "
        f"{_SQLITE_CODES.format(x='i.id')} FROM item i"
    )
    for name, body in SQLITE_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def _upgrade_postgresql() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute("CREATE INDEX ix_item_name_trgm ON item USING gin (name gin_trgm_ops)")
    op.execute("CREATE INDEX ix_item_sku_trgm ON item USING gin (sku gin_trgm_ops)")
    op.execute("CREATE INDEX ix_item_barcode_code_trgm ON item_barcode USING gin (code gin_trgm_ops)")
    for column in SORT_COLUMNS:
        op.create_index(f"ix_item_{column}_id", "item", [column, "id"])
    op.create_index("ix_stock_level_store_on_hand", "stock_level", ["store_id", "on_hand", "item_id"])
    op.execute(PG_FUNCTIONS)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS search_item_ai ON item")
        op.execute("DROP TRIGGER IF EXISTS search_barcode_changed ON item_barcode")
        op.execute("DROP TRIGGER IF EXISTS search_level_changed ON stock_level")
        for function in ("search_item_added", "search_barcode_changed", "search_level_changed"):
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
        for index in ("ix_item_name_trgm", "ix_item_sku_trgm", "ix_item_barcode_code_trgm"):
            op.execute(f"DROP INDEX IF EXISTS {index}")
        for column in SORT_COLUMNS:
            op.drop_index(f"ix_item_{column}_id", table_name="item")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS item_fts")
        for index in SQLITE_LIVE_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {index}")
        for column in NEW_SQLITE_INDEXES:
            op.drop_index(f"ix_item_{column}", table_name="item")
    op.drop_index("ix_stock_level_store_on_hand", table_name="stock_level")
    op.drop_index("ix_item_summary_barcode", table_name="item_summary")
    op.drop_index("ix_item_summary_on_hand", table_name="item_summary")
    op.drop_table("item_summary")
