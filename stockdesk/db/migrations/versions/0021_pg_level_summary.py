"""search: keep item_summary.on_hand once per statement on PostgreSQL, not once per level row

0002_search keeps each item's total on-hand in `item_summary` with a row trigger on `stock_level`:
two plpgsql UPDATEs for every level row a statement changes. A batch that moves 50,000 places at
once (a stocktake, an import, a set-based level update) paid about 0.2 ms a row for it, more than
the write itself. Statement triggers with transition tables sum each item's change and update its
summary once. The totals are the same; SQLite keeps its row triggers (no transition tables there).

Revision ID: 0021_pg_level_summary
Revises: 0002_search
"""

from __future__ import annotations

from alembic import op

revision = "0021_pg_level_summary"
down_revision = "0002_search"
branch_labels = None
depends_on = None

# Transition tables allow one event per trigger and no column list: three triggers.
_APPLY = """
  UPDATE item_summary s SET on_hand = s.on_hand + d.delta
  FROM (SELECT item_id, sum(change) AS delta FROM ({changes}) c GROUP BY item_id) d
  WHERE s.item_id = d.item_id AND d.delta <> 0;
  RETURN NULL;
"""
_EVENTS = {
    "inserted": ("INSERT", "NEW TABLE AS new_levels", "SELECT item_id, on_hand AS change FROM new_levels"),
    "updated": (
        "UPDATE",
        "OLD TABLE AS old_levels NEW TABLE AS new_levels",
        "SELECT item_id, on_hand AS change FROM new_levels "
        "UNION ALL SELECT item_id, -on_hand FROM old_levels",
    ),
    "deleted": ("DELETE", "OLD TABLE AS old_levels", "SELECT item_id, -on_hand AS change FROM old_levels"),
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS search_level_changed ON stock_level")
    for name, (event, tables, changes) in _EVENTS.items():
        op.execute(
            f"CREATE OR REPLACE FUNCTION search_levels_{name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN{_APPLY.format(changes=changes)}END $$"
        )
        op.execute(
            f"CREATE TRIGGER search_levels_{name} AFTER {event} ON stock_level REFERENCING {tables} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION search_levels_{name}()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in _EVENTS:
        op.execute(f"DROP TRIGGER IF EXISTS search_levels_{name} ON stock_level")
        op.execute(f"DROP FUNCTION IF EXISTS search_levels_{name}()")
    op.execute(
        "CREATE TRIGGER search_level_changed AFTER INSERT OR UPDATE OF on_hand OR DELETE ON stock_level "
        "FOR EACH ROW EXECUTE FUNCTION search_level_changed()"
    )
