"""item templates and their variants (issue 21)

Items gain `template_id`, `is_template`, `variant_values` and the two own-price flags; templates'
attributes get their table. Plain ADD COLUMNs: a batch copy of `item` would cost minutes at a million
items (and drop the sync triggers, which `capture.install` recreates after every migration anyway).

Revision ID: 0027_item_variants
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import stockdesk.db.types

revision = "0027_item_variants"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "item_attribute",
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("choices", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", stockdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", stockdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("origin_desk", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=40), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["item.id"], name=op.f("fk_item_attribute_item_id_item")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_attribute")),
        sa.UniqueConstraint("item_id", "name", name=op.f("uq_item_attribute_item_id")),
    )
    op.create_index(op.f("ix_item_attribute_item_id"), "item_attribute", ["item_id"])
    # Alembic adds a foreign key on SQLite only by copying the table; SQLite's own ADD COLUMN ...
    # REFERENCES keeps it an instant column addition.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE item ADD COLUMN template_id CHAR(32) REFERENCES item (id)")
    else:
        op.add_column("item", sa.Column("template_id", sa.Uuid(), nullable=True))
        op.create_foreign_key(op.f("fk_item_template_id_item"), "item", "item", ["template_id"], ["id"])
    op.create_index(op.f("ix_item_template_id"), "item", ["template_id"])
    false = sa.false()
    op.add_column("item", sa.Column("is_template", sa.Boolean(), nullable=False, server_default=false))
    op.add_column("item", sa.Column("variant_values", sa.Text(), nullable=False, server_default=""))
    op.add_column("item", sa.Column("own_sell_price", sa.Boolean(), nullable=False, server_default=false))
    op.add_column("item", sa.Column("own_cost_price", sa.Boolean(), nullable=False, server_default=false))


def downgrade() -> None:
    op.drop_index(op.f("ix_item_template_id"), table_name="item")
    with op.batch_alter_table("item") as batch:
        for column in ("own_cost_price", "own_sell_price", "variant_values", "is_template", "template_id"):
            batch.drop_column(column)
    op.drop_index(op.f("ix_item_attribute_item_id"), table_name="item_attribute")
    op.drop_table("item_attribute")
