"""sync: outbox, clock, cursor, conflicts, reviews; on PostgreSQL also the server's change log

Revision ID: 0004_sync
Revises: 0001
Create Date: 2026-11-25

The capture triggers themselves are not created here: stockdesk.db.capture.install() (re)creates
them for every Synced table after each upgrade, so tables added by later migrations are covered.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import stockdesk.db.types

revision = "0004_sync"
down_revision = "0001"
branch_labels = None
depends_on = None

# Stamps more than this far ahead of the server's clock are refused (a desk with a runaway clock
# would otherwise win every last-writer-wins merge for as long as its clock stays ahead).
MAX_SKEW_MS = 300_000

STAMP_FUNCTION = f"""
CREATE OR REPLACE FUNCTION sync_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  me text;
BEGIN
  SELECT desk_id INTO me FROM sync_desk WHERE role_name = session_user;
  IF me IS NOT NULL THEN
    IF NEW.origin_desk IS NULL OR NEW.origin_desk = '' THEN
      NEW.origin_desk := me;
    END IF;
    IF NEW.origin_desk <> me AND NEW.origin_desk <> 'server' THEN
      RAISE EXCEPTION 'desk % cannot push changes as desk %', me, NEW.origin_desk
        USING ERRCODE = '42501';
    END IF;
    IF NEW.origin_desk = me AND right(NEW.hlc, length(me) + 1) <> '-' || me THEN
      RAISE EXCEPTION 'desk % cannot push a change stamped %', me, NEW.hlc USING ERRCODE = '42501';
    END IF;
  END IF;
  IF split_part(NEW.hlc, '-', 1)::bigint
     > (extract(epoch FROM clock_timestamp()) * 1000)::bigint + {MAX_SKEW_MS} THEN
    RAISE EXCEPTION 'clock ahead: change % is stamped in the future', NEW.change_id
      USING ERRCODE = '22008';
  END IF;
  RETURN NEW;
END $$;
"""


def _synced_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", stockdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", stockdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("origin_desk", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=40), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
    ]


def _local_tables() -> None:
    op.create_table(
        "sync_outbox",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("tbl", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.String(length=40), nullable=False),
        sa.Column("op", sa.String(length=1), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("base_cursor", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_outbox")),
    )
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cursor", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "sync_clock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wall", sa.BigInteger(), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.Column("desk_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_clock")),
    )
    op.create_table("sync_mute", sa.Column("id", sa.Integer(), nullable=False), sa.PrimaryKeyConstraint("id"))
    op.create_table(
        "sync_field_clock",
        sa.Column("tbl", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.String(length=40), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("tbl", "row_id", "field", name=op.f("pk_sync_field_clock")),
    )
    op.execute("INSERT INTO sync_state (id, cursor) VALUES (1, 0)")
    op.execute("INSERT INTO sync_clock (id, wall, counter, desk_id) VALUES (1, 0, 0, '')")


def _shared_tables() -> None:
    op.create_table(
        "sync_conflict",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("tbl", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("kept_value", sa.Text(), nullable=False),
        sa.Column("lost_value", sa.Text(), nullable=False),
        sa.Column("kept_desk", sa.String(length=64), nullable=False),
        sa.Column("lost_desk", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        *_synced_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_conflict_status"), ["status"], unique=False)
    op.create_table(
        "sync_review",
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("store_id", sa.Uuid(), nullable=False),
        sa.Column("on_hand", stockdesk.db.types.ExactDecimal(3), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_synced_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_review")),
    )
    with op.batch_alter_table("sync_review", schema=None) as batch_op:
        batch_op.create_index("ix_sync_review_item_store", ["item_id", "store_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_review_status"), ["status"], unique=False)


def _server_tables() -> None:
    op.create_table(
        "change_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("change_id", sa.String(length=80), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("tbl", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.String(length=40), nullable=False),
        sa.Column("op", sa.String(length=1), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("origin_desk", sa.String(length=64), nullable=False),
        sa.Column("base_cursor", sa.BigInteger(), nullable=False),
        sa.Column("logged_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_change_log")),
        sa.UniqueConstraint("change_id", name=op.f("uq_change_log_change_id")),
    )
    op.create_table(
        "sync_desk",
        sa.Column("desk_id", sa.String(length=64), nullable=False),
        sa.Column("role_name", sa.String(length=64), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("desk_id", name=op.f("pk_sync_desk")),
        sa.UniqueConstraint("role_name", name=op.f("uq_sync_desk_role_name")),
    )
    op.create_table(
        "server_field_clock",
        sa.Column("tbl", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.String(length=40), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("desk", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("tbl", "row_id", "field", name=op.f("pk_server_field_clock")),
    )
    op.create_table(
        "sync_server",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_server")),
    )
    op.execute(STAMP_FUNCTION)
    op.execute(
        "CREATE TRIGGER change_log_stamp BEFORE INSERT ON change_log "
        "FOR EACH ROW EXECUTE FUNCTION sync_stamp_change()"
    )


def upgrade() -> None:
    _local_tables()
    _shared_tables()
    if op.get_bind().dialect.name == "postgresql":
        _server_tables()


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS change_log_stamp ON change_log")
        op.execute("DROP FUNCTION IF EXISTS sync_stamp_change()")
        for table in ("sync_server", "server_field_clock", "sync_desk", "change_log"):
            op.drop_table(table)
    else:
        # Capture triggers write to sync_outbox: they must go before it does.
        names = bind.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'"
        ).scalars()
        for name in list(names):
            op.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    for table in (
        "sync_review",
        "sync_conflict",
        "sync_field_clock",
        "sync_mute",
        "sync_clock",
        "sync_state",
        "sync_outbox",
    ):
        op.drop_table(table)
