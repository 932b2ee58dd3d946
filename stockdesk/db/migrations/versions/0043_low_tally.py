"""low_tally: PostgreSQL keeps the number of low items as their marks change

The low-stock list's first page carries the count of its matches, exact up to 10,000
(`item_pages.COUNT_LIMIT`): an index-only scan of up to 10,001 entries of `ix_item_summary_low` on
every first page. At a million items with 96,733 low ones that was about 40 % of the page's
PostgreSQL time. A tally now follows the marks, as 0036's follows the listed items: the count is the
sum of sixteen small rows.

- A row trigger on `item_summary` fires only when an item's `low_levels > 0` turns over (its WHEN
  clause, checked without calling any function, leaves every other write of the summary, a sale
  that stays above the point, as cheap as before), and adds or takes one.
- Sixteen slots as in 0036/0038: a writer adds to the first slot no other transaction holds (FOR
  UPDATE SKIP LOCKED, starting from its backend's own), so two desks turning items low do not wait
  for each other's commit.
- Emptying the summary (TRUNCATE) sets the slots to zero. `stockdesk check` compares the tally with
  the marks, and `check --rebuild-tally` counts it again (after a restore that bypassed triggers).

SQLite gets nothing: it keeps no marks.

Revision ID: 0043_low_tally
Revises: 0042_category_version
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0043_low_tally"
down_revision = "0042_category_version"
branch_labels = None
depends_on = None

SLOTS = 16

ADD = f"""
CREATE FUNCTION low_tally_add(delta bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    chosen smallint;
BEGIN
    SELECT slot INTO chosen FROM low_tally
        ORDER BY (slot + {SLOTS} - pg_backend_pid() % {SLOTS}) % {SLOTS}
        LIMIT 1 FOR UPDATE SKIP LOCKED;
    UPDATE low_tally SET low = low + delta WHERE slot = coalesce(chosen, pg_backend_pid() % {SLOTS});
END $$
"""

ROW = """
CREATE FUNCTION low_tally_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.low_levels > 0) THEN
        PERFORM low_tally_add(1);
    ELSE
        PERFORM low_tally_add(-1);
    END IF;
    RETURN NULL;
END $$
"""

EMPTIED = """
CREATE FUNCTION low_tally_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE low_tally SET low = 0;
    RETURN NULL;
END $$
"""

TRIGGERS = {
    "low_tally_inserted": "AFTER INSERT ON item_summary FOR EACH ROW WHEN (NEW.low_levels > 0)",
    "low_tally_deleted": "AFTER DELETE ON item_summary FOR EACH ROW WHEN (OLD.low_levels > 0)",
    "low_tally_updated": (
        "AFTER UPDATE ON item_summary FOR EACH ROW WHEN ((OLD.low_levels > 0) <> (NEW.low_levels > 0))"
    ),
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.create_table(
        "low_tally",
        sa.Column("slot", sa.SmallInteger, primary_key=True),
        sa.Column("low", sa.BigInteger, nullable=False),
    )
    op.execute("LOCK TABLE item_summary IN SHARE MODE")  # no mark turns over between count and triggers
    op.execute(
        f"INSERT INTO low_tally (slot, low) SELECT s, CASE WHEN s = 0 THEN "
        f"(SELECT count(*) FROM item_summary WHERE low_levels > 0) ELSE 0 END "
        f"FROM generate_series(0, {SLOTS - 1}) AS s"
    )
    op.execute(ADD)
    op.execute(ROW)
    op.execute(EMPTIED)
    for name, when in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION low_tally_row()")
    op.execute(
        "CREATE TRIGGER low_tally_truncated AFTER TRUNCATE ON item_summary EXECUTE FUNCTION low_tally_emptied()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in [*TRIGGERS, "low_tally_truncated"]:
        op.execute(f"DROP TRIGGER {name} ON item_summary")
    for function in ("low_tally_emptied", "low_tally_row", "low_tally_add"):
        op.execute(f"DROP FUNCTION {function}")
    op.drop_table("low_tally")
