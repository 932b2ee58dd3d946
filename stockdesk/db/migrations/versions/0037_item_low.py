"""item_low: PostgreSQL keeps, per item, how many of its stores are at or below its reorder point

The low-stock list ("items with a reorder point and a store at or below it") had to be worked out
from the levels on every request. Its first page through the API carries the count of its matches,
exact up to 10,000: at a million items, one in ten of them low, that count walked ~94,000 items and
~102,000 levels in a merge join, 88 ms of PostgreSQL's time (`EXPLAIN ANALYZE`, stop 40), and
`bench api` served 26 such pages a second (stop 41). Now `item_summary` says it directly:

- `low_point`: the item's reorder point while the item is listed (active, not deleted) and watched
  (reorder point above 0), else NULL;
- `low_levels`: how many of its stock levels have on-hand at or below `low_point` (0 when NULL);
- `ix_item_summary_low`, a partial index of the items with `low_levels > 0`: the listed low items.

The level triggers of 0021 add each statement's change to `low_levels` in the same UPDATE that adds
to `on_hand`. Which levels count depends on the item's reorder point, which another transaction may be
changing: so the level trigger compares with `s.low_point`, the summary row's own column, and an
UPDATE that waited for that row's lock compares with the value committed meanwhile. The item trigger
locks the summary row first and counts the levels in a later statement, which therefore sees every
level change committed before it had the lock (test_item_low covers both orders).

SQLite is left as it is: its desks filter low stock in the window, from the levels.

Revision ID: 0037_item_low
Revises: 0036_item_tally, 0021_pg_level_summary
"""

from __future__ import annotations

from alembic import op

revision = "0037_item_low"
# Both: 0036 before it, and 0021 whose level triggers it replaces. A merge, not a `depends_on`:
# 0021 was a head, and a desk compares its heads with the server's version rows.
down_revision = ("0036_item_tally", "0021_pg_level_summary")
branch_labels = None
depends_on = None

WATCHED_POINT = (
    "CASE WHEN {i}.active AND NOT {i}.deleted AND {i}.reorder_point > 0 THEN {i}.reorder_point END"
)

# The statement's change to an item's count of low levels, against the summary row's own low_point.
# `added` holds the on-hands the statement wrote, `removed` those it replaced or deleted. Most
# statements change one level of an item (a sale, a stocktake's post): compared directly, as a
# per-row subquery cost 4 us a row (a 50,000-level post, 0.2 s).
LOW_CHANGE = """CASE WHEN s.low_point IS NULL THEN 0
    WHEN coalesce(cardinality(d.added), 0) <= 1 AND coalesce(cardinality(d.removed), 0) <= 1 THEN
      coalesce((d.added[1] <= s.low_point)::integer, 0) - coalesce((d.removed[1] <= s.low_point)::integer, 0)
    ELSE (SELECT count(*) FROM unnest(d.added) AS v WHERE v <= s.low_point)::integer
      - (SELECT count(*) FROM unnest(d.removed) AS v WHERE v <= s.low_point)::integer END"""

# 0021's statement triggers, now adding to low_levels too. An item whose total did not change may
# still have changed its low levels (moved between stores, a new level of 0): then it is written too.
APPLY = f"""
  UPDATE item_summary s SET on_hand = s.on_hand + d.delta, low_levels = s.low_levels + {LOW_CHANGE}
  FROM (
    SELECT item_id, sum(change) AS delta,
      array_agg(on_hand) FILTER (WHERE added) AS added,
      array_agg(on_hand) FILTER (WHERE NOT added) AS removed
    FROM ({{changes}}) c GROUP BY item_id
  ) d
  WHERE s.item_id = d.item_id AND (d.delta <> 0 OR {LOW_CHANGE} <> 0);
  RETURN NULL;
"""
CHANGES = {
    "inserted": "SELECT item_id, on_hand AS change, on_hand, true AS added FROM new_levels",
    "updated": "SELECT item_id, on_hand AS change, on_hand, true AS added FROM new_levels "
    "UNION ALL SELECT item_id, -on_hand, on_hand, false FROM old_levels",
    "deleted": "SELECT item_id, -on_hand AS change, on_hand, false AS added FROM old_levels",
}
OLD_APPLY = """
  UPDATE item_summary s SET on_hand = s.on_hand + d.delta
  FROM (SELECT item_id, sum(change) AS delta FROM ({changes}) c GROUP BY item_id) d
  WHERE s.item_id = d.item_id AND d.delta <> 0;
  RETURN NULL;
"""
OLD_CHANGES = {
    "inserted": "SELECT item_id, on_hand AS change FROM new_levels",
    "updated": "SELECT item_id, on_hand AS change FROM new_levels UNION ALL SELECT item_id, -on_hand FROM old_levels",
    "deleted": "SELECT item_id, -on_hand AS change FROM old_levels",
}

ADDED = f"""
CREATE OR REPLACE FUNCTION search_item_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO item_summary (item_id, on_hand, barcode, low_point)
    VALUES (NEW.id, 0, '', {WATCHED_POINT.format(i="NEW")}) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$
"""
OLD_ADDED = """
CREATE OR REPLACE FUNCTION search_item_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO item_summary (item_id, on_hand, barcode) VALUES (NEW.id, 0, '') ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$
"""

WATCH = f"""
CREATE FUNCTION item_low_watch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  point numeric := {WATCHED_POINT.format(i="NEW")};
BEGIN
  -- Waits for the transactions whose level changes have reached this row; the next statement
  -- reads the levels afresh and so counts what they committed.
  PERFORM 1 FROM item_summary WHERE item_id = NEW.id FOR UPDATE;
  UPDATE item_summary SET low_point = point, low_levels = CASE WHEN point IS NULL THEN 0 ELSE
      (SELECT count(*) FROM stock_level l WHERE l.item_id = NEW.id AND l.on_hand <= point) END
    WHERE item_id = NEW.id AND low_point IS DISTINCT FROM point;
  RETURN NULL;
END $$
"""
WATCH_TRIGGER = """
CREATE TRIGGER item_low_watch AFTER UPDATE OF reorder_point, active, deleted ON item FOR EACH ROW
  WHEN (OLD.reorder_point IS DISTINCT FROM NEW.reorder_point OR OLD.active IS DISTINCT FROM NEW.active
        OR OLD.deleted IS DISTINCT FROM NEW.deleted)
  EXECUTE FUNCTION item_low_watch()
"""

FILL = f"""
UPDATE item_summary s SET low_point = w.point, low_levels = w.low
FROM (
  SELECT p.id, p.point, count(l.item_id) FILTER (WHERE l.on_hand <= p.point) AS low
  FROM (SELECT i.id, {WATCHED_POINT.format(i="i")} AS point FROM item i) p
  LEFT JOIN stock_level l ON l.item_id = p.id
  WHERE p.point IS NOT NULL
  GROUP BY p.id, p.point
) w
WHERE w.id = s.item_id
"""


def _level_functions(apply: str, changes: dict[str, str]) -> None:
    for name, chosen in changes.items():
        op.execute(
            f"CREATE OR REPLACE FUNCTION search_levels_{name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN{apply.format(changes=chosen)}END $$"
        )


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("LOCK TABLE item, stock_level, item_summary IN SHARE ROW EXCLUSIVE MODE")
    op.execute(
        "ALTER TABLE item_summary ADD COLUMN low_point numeric(18, 3), "
        "ADD COLUMN low_levels integer NOT NULL DEFAULT 0"
    )
    op.execute(FILL)
    op.execute("CREATE INDEX ix_item_summary_low ON item_summary (item_id) WHERE low_levels > 0")
    _level_functions(APPLY, CHANGES)
    op.execute(ADDED)
    op.execute(WATCH)
    op.execute(WATCH_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS item_low_watch ON item")
    op.execute("DROP FUNCTION IF EXISTS item_low_watch()")
    op.execute(OLD_ADDED)
    _level_functions(OLD_APPLY, OLD_CHANGES)
    op.execute("DROP INDEX IF EXISTS ix_item_summary_low")
    op.execute("ALTER TABLE item_summary DROP COLUMN low_levels, DROP COLUMN low_point")
