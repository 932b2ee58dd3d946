"""security: log-in back-off per (e-mail, source), the adjust grant, SKUs unique ignoring case and spaces

- `login_throttle` is rebuilt keyed by (e-mail, source): the old table keyed by e-mail alone let anyone
  lock the admin out and grew by one row per unknown e-mail tried. Its rows are only counters of recent
  failures, so they are dropped, not copied.
- `user_account.may_adjust`: a clerk an admin trusted with adjustments (write-offs).
- An index on upper(trim(sku)): the services refuse a SKU that differs from another only by case or
  surrounding spaces, and look it up through this index. It is not UNIQUE on purpose: sync settles two
  desks that created the same SKU offline by renaming the later row on its exact value, and a unique
  normalised index would fail the whole batch instead. SKUs that already clash are reported (logged
  here, and listed by `stockdesk check`) instead of failing the upgrade.

Revision ID: 0009_security
Revises: 0001
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

import stockdesk.db.types

revision = "0009_security"
down_revision = "0001"
branch_labels = None
depends_on = None

log = logging.getLogger("stockdesk.migrations")
SKU_INDEX = "ix_item_sku_normalised"
CLASHES = (
    "SELECT upper(trim(sku)) AS normalised, count(*) FROM item WHERE deleted = :no"
    " GROUP BY upper(trim(sku)) HAVING count(*) > 1 ORDER BY 1"
)


def upgrade() -> None:
    op.drop_table("login_throttle")
    op.create_table(
        "login_throttle",
        sa.Column("email_key", sa.String(length=254), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", stockdesk.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_failure", stockdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("email_key", "source", name=op.f("pk_login_throttle")),
    )
    op.create_index(op.f("ix_login_throttle_last_failure"), "login_throttle", ["last_failure"])
    op.add_column("user_account", sa.Column("may_adjust", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_index(SKU_INDEX, "item", [sa.text("upper(trim(sku))")])
    clashes = op.get_bind().execute(sa.text(CLASHES), {"no": False}).all()
    for normalised, count in clashes:
        log.warning("%d items share the SKU %r (ignoring case and spaces): rename all but one", count, normalised)


def downgrade() -> None:
    op.drop_index(SKU_INDEX, table_name="item")
    with op.batch_alter_table("user_account") as batch_op:
        batch_op.drop_column("may_adjust")
    op.drop_index(op.f("ix_login_throttle_last_failure"), table_name="login_throttle")
    op.drop_table("login_throttle")
    op.create_table(
        "login_throttle",
        sa.Column("email_key", sa.String(length=254), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", stockdesk.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("email_key", name=op.f("pk_login_throttle")),
    )
