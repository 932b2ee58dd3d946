"""stocktakes by location: zones, where each count was made, and the places' expected frozen at start

A stocktake may be limited to zones (a location and its sub-tree) and is counted by location when its
store keeps stock by location; each count line names its location and lot; `stocktake_place` holds
what the books said per (item, location, lot) when the count started. Plain ADD COLUMNs: a batch copy
would drop the tables' sync capture triggers until the next start.

Revision ID: 0026_stocktake_locations
Revises: 0025_places
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import stockdesk.db.types

revision = "0026_stocktake_locations"
down_revision = "0025_places"
branch_labels = None
depends_on = "0003_alerts"  # the stocktake tables


def upgrade() -> None:
    op.add_column("stocktake", sa.Column("zones", sa.Text(), nullable=False, server_default=""))
    op.add_column("stocktake", sa.Column("by_place", sa.Boolean(), nullable=False, server_default=sa.false()))
    for column, table in (("location_id", "location"), ("lot_id", "lot")):
        if op.get_bind().dialect.name == "sqlite":  # ADD COLUMN ... REFERENCES: no copy of the table
            op.execute(f"ALTER TABLE stocktake_count ADD COLUMN {column} CHAR(32) REFERENCES {table} (id)")
        else:
            op.add_column("stocktake_count", sa.Column(column, sa.Uuid()))
            op.create_foreign_key(
                op.f(f"fk_stocktake_count_{column}_{table}"), "stocktake_count", table, [column], ["id"]
            )
    op.create_table(
        "stocktake_place",
        sa.Column("stocktake_id", sa.Uuid(), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("location_id", sa.Uuid(), nullable=True),
        sa.Column("lot_id", sa.Uuid(), nullable=True),
        sa.Column("expected", stockdesk.db.types.ExactDecimal(scale=3), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", stockdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", stockdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("origin_desk", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=40), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["stocktake_id"], ["stocktake.id"], name=op.f("fk_stocktake_place_stocktake_id_stocktake")
        ),
        sa.ForeignKeyConstraint(["item_id"], ["item.id"], name=op.f("fk_stocktake_place_item_id_item")),
        sa.ForeignKeyConstraint(
            ["location_id"], ["location.id"], name=op.f("fk_stocktake_place_location_id_location")
        ),
        sa.ForeignKeyConstraint(["lot_id"], ["lot.id"], name=op.f("fk_stocktake_place_lot_id_lot")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stocktake_place")),
    )
    op.create_index("ix_stocktake_place_take_item", "stocktake_place", ["stocktake_id", "item_id"])


def downgrade() -> None:
    op.drop_index("ix_stocktake_place_take_item", table_name="stocktake_place")
    op.drop_table("stocktake_place")
    with op.batch_alter_table("stocktake_count") as batch:
        batch.drop_column("lot_id")
        batch.drop_column("location_id")
    with op.batch_alter_table("stocktake") as batch:
        batch.drop_column("by_place")
        batch.drop_column("zones")
