"""bin locations inside a store, lots with expiry, serial numbers (issue 20)

Movements gain a location and a lot (NULL: the store's unplaced stock, as every movement of an
older database is); `stock_place` keeps the level per (item, store, location, lot) of those that
name one, by a trigger on `stock_movement`. Plain ADD COLUMNs: no batch copy of the ledger.

Revision ID: 0025_places
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import stockdesk.db.types
from stockdesk.db import place_levels

revision = "0025_places"
down_revision = "0001"
branch_labels = None
depends_on = None


def _synced_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", stockdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", stockdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("origin_desk", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=40), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "location",
        sa.Column("store_id", sa.Uuid(), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        *_synced_columns(),
        sa.ForeignKeyConstraint(["store_id"], ["store.id"], name=op.f("fk_location_store_id_store")),
        sa.ForeignKeyConstraint(["parent_id"], ["location.id"], name=op.f("fk_location_parent_id_location")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_location")),
        sa.UniqueConstraint("code", name=op.f("uq_location_code")),
    )
    op.create_index(op.f("ix_location_store_id"), "location", ["store_id"])
    op.create_index(op.f("ix_location_parent_id"), "location", ["parent_id"])
    op.create_table(
        "lot",
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        *_synced_columns(),
        sa.ForeignKeyConstraint(["item_id"], ["item.id"], name=op.f("fk_lot_item_id_item")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lot")),
        sa.UniqueConstraint("item_id", "code", name=op.f("uq_lot_item_id")),
    )
    op.create_table(
        "stock_place",
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("store_id", sa.Uuid(), nullable=False),
        sa.Column("location_id", sa.Uuid(), nullable=False),
        sa.Column("lot_id", sa.Uuid(), nullable=False),
        sa.Column("on_hand", stockdesk.db.types.ExactDecimal(scale=3), nullable=False),
        sa.PrimaryKeyConstraint("item_id", "store_id", "location_id", "lot_id", name=op.f("pk_stock_place")),
    )
    op.create_index("ix_stock_place_store_location", "stock_place", ["store_id", "location_id"])
    op.create_index("ix_stock_place_lot", "stock_place", ["lot_id"])
    # Alembic adds a foreign key on SQLite only by copying the table (the whole ledger); SQLite's own
    # ADD COLUMN ... REFERENCES keeps it a plain, instant column addition.
    for column, table in (("location_id", "location"), ("lot_id", "lot")):
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE stock_movement ADD COLUMN {column} CHAR(32) REFERENCES {table} (id)")
        else:
            op.add_column("stock_movement", sa.Column(column, sa.Uuid()))
            op.create_foreign_key(
                op.f(f"fk_stock_movement_{column}_{table}"), "stock_movement", table, [column], ["id"]
            )
    op.add_column("item", sa.Column("tracking", sa.String(length=8), nullable=False, server_default="none"))
    op.add_column("item", sa.Column("expiry_warn_days", sa.Integer(), nullable=True))
    op.add_column("category", sa.Column("expiry_warn_days", sa.Integer(), nullable=True))
    place_levels.install(op.get_bind())


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS stock_place_added ON stock_movement")
        op.execute("DROP FUNCTION IF EXISTS stock_place_added()")
    else:
        op.execute("DROP TRIGGER IF EXISTS stock_place_added")
    for table, column in (
        ("category", "expiry_warn_days"),
        ("item", "expiry_warn_days"),
        ("item", "tracking"),
    ):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)
    with op.batch_alter_table("stock_movement") as batch:
        batch.drop_column("lot_id")
        batch.drop_column("location_id")
    op.drop_table("stock_place")
    op.drop_table("lot")
    op.drop_table("location")
