"""store_point_marks: PostgreSQL's low-stock marks judge each store by the reorder point that applies there

A store may have its own reorder point for an item (`store_reorder_point`, issue 17); the alerts and
the reorder suggestions use it, but 0037's marks compared every level with the item's point, so a
branch alerted at its own point 20 with 10 on hand while the low-stock list said nothing was low.

`item_summary.own_points` holds, for a listed item with live store points, each store's point
(`{"<store id>": point}`; NULL for an item without any, the common case, or not listed). A level is
low when its on-hand is at or below `low_point_at(own_points, store, low_point)`: the store's own point
(0: not watched in that store), else the item's watched point (`low_point`, as in 0037).

- The level statement triggers of 0037 compare directly with `low_point` as before when `own_points`
  is NULL; otherwise each changed level with the point of its store. Both are columns of the summary
  row the UPDATE locks, so a level change that waited for a point change compares with the new point.
- `item_low_recount(item)` locks the summary row first and then works out `low_point`, `own_points`
  and `low_levels` in a later statement, which sees every level and store point committed before the
  lock: the item trigger of 0037 (reorder point, active, deleted) and a new trigger on
  `store_reorder_point` both call it.

The readers do not change: the marks' partial index is the low-stock list. `stockdesk check` proves
`own_points` too, and `--rebuild-tally` works it out again.

Revision ID: 0039_store_point_marks
Revises: 0038_tally_slots
"""

from __future__ import annotations

from alembic import op

revision = "0039_store_point_marks"
down_revision = "0038_tally_slots"
branch_labels = None
depends_on = None

WATCHED_POINT = (
    "CASE WHEN {i}.active AND NOT {i}.deleted AND {i}.reorder_point > 0 THEN {i}.reorder_point END"
)

POINT_AT = """
CREATE FUNCTION low_point_at(own jsonb, store uuid, point numeric) RETURNS numeric
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN own ? store::text THEN nullif(greatest((own ->> store::text)::numeric, 0), 0) ELSE point END
$$
"""

# The statement's change to an item's count of low levels. `added` holds the on-hands the statement
# wrote, `removed` those it replaced or deleted, and `added_at`/`removed_at` their stores. Without store
# points as 0037 had it (most statements change one level of an item: compared directly); with them,
# each level against its store's point.
ONE_LEVEL = "coalesce(cardinality(d.added), 0) <= 1 AND coalesce(cardinality(d.removed), 0) <= 1"
DIRECT = (
    "coalesce((d.added[1] <= s.low_point)::integer, 0) - coalesce((d.removed[1] <= s.low_point)::integer, 0)"
)
UNNESTED = """(SELECT count(*) FROM unnest(d.added) AS v WHERE v <= s.low_point)::integer
      - (SELECT count(*) FROM unnest(d.removed) AS v WHERE v <= s.low_point)::integer"""
BY_STORE = """(SELECT count(*) FROM unnest(d.added, d.added_at) AS v(q, st)
          WHERE q <= low_point_at(s.own_points, st, s.low_point))::integer
      - (SELECT count(*) FROM unnest(d.removed, d.removed_at) AS v(q, st)
         WHERE q <= low_point_at(s.own_points, st, s.low_point))::integer"""
LOW_CHANGE = f"""CASE WHEN s.low_point IS NULL AND s.own_points IS NULL THEN 0
    WHEN s.own_points IS NULL AND {ONE_LEVEL} THEN {DIRECT}
    WHEN s.own_points IS NULL THEN {UNNESTED}
    ELSE {BY_STORE} END"""
OLD_LOW_CHANGE = f"""CASE WHEN s.low_point IS NULL THEN 0
    WHEN {ONE_LEVEL} THEN {DIRECT}
    ELSE {UNNESTED} END"""  # 0037's, to go back to


def _apply(low_change: str, *, stores: bool) -> str:
    """0021's level statement triggers with low_levels kept too (0037); `stores`: with each level's store."""
    at = (
        ",\n      array_agg(store_id) FILTER (WHERE added) AS added_at,"
        "\n      array_agg(store_id) FILTER (WHERE NOT added) AS removed_at"
        if stores
        else ""
    )
    return f"""
  UPDATE item_summary s SET on_hand = s.on_hand + d.delta, low_levels = s.low_levels + {low_change}
  FROM (
    SELECT item_id, sum(change) AS delta,
      array_agg(on_hand) FILTER (WHERE added) AS added,
      array_agg(on_hand) FILTER (WHERE NOT added) AS removed{at}
    FROM ({{changes}}) c GROUP BY item_id
  ) d
  WHERE s.item_id = d.item_id AND (d.delta <> 0 OR {low_change} <> 0);
  RETURN NULL;
"""


def _changes(*, stores: bool) -> dict[str, str]:
    """Each level statement's rows as changes of its items' totals; `stores`: with each level's store."""
    store = "store_id, " if stores else ""
    new = f"SELECT item_id, {store}on_hand AS change, on_hand, true AS added FROM new_levels"
    old = f"SELECT item_id, {store}-on_hand AS change, on_hand, false AS added FROM old_levels"
    return {"inserted": new, "updated": f"{new} UNION ALL {old}", "deleted": old}


RECOUNT = f"""
CREATE FUNCTION item_low_recount(target uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Waits for the transactions whose level changes have reached this row; the next statement
  -- reads the levels and the store points afresh and so counts what they committed.
  PERFORM 1 FROM item_summary WHERE item_id = target FOR UPDATE;
  UPDATE item_summary s SET low_point = w.point, own_points = w.own, low_levels = w.low
  FROM (
    SELECT p.point, p.own,
      CASE WHEN p.point IS NULL AND p.own IS NULL THEN 0 ELSE
        (SELECT count(*) FROM stock_level l
         WHERE l.item_id = target AND l.on_hand <= low_point_at(p.own, l.store_id, p.point)) END AS low
    FROM (
      SELECT {WATCHED_POINT.format(i="i")} AS point,
        CASE WHEN i.active AND NOT i.deleted THEN
          (SELECT jsonb_object_agg(o.store_id::text, o.reorder_point) FROM store_reorder_point o
           WHERE o.item_id = i.id AND NOT o.deleted) END AS own
      FROM item i WHERE i.id = target
    ) p
  ) w
  WHERE s.item_id = target
    AND (s.low_point, s.own_points, s.low_levels) IS DISTINCT FROM (w.point, w.own, w.low);
END $$
"""

WATCH = """
CREATE OR REPLACE FUNCTION item_low_watch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM item_low_recount(NEW.id);
  RETURN NULL;
END $$
"""
OLD_WATCH = f"""
CREATE OR REPLACE FUNCTION item_low_watch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  point numeric := {WATCHED_POINT.format(i="NEW")};
BEGIN
  PERFORM 1 FROM item_summary WHERE item_id = NEW.id FOR UPDATE;
  UPDATE item_summary SET low_point = point, low_levels = CASE WHEN point IS NULL THEN 0 ELSE
      (SELECT count(*) FROM stock_level l WHERE l.item_id = NEW.id AND l.on_hand <= point) END
    WHERE item_id = NEW.id AND low_point IS DISTINCT FROM point;
  RETURN NULL;
END $$
"""

OWN_WATCH = """
CREATE FUNCTION item_low_own_watch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM item_low_recount(OLD.item_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.item_id <> OLD.item_id) THEN
    PERFORM item_low_recount(NEW.item_id);
  END IF;
  RETURN NULL;
END $$
"""
OWN_TRIGGERS = {
    "item_low_own_added": "AFTER INSERT ON store_reorder_point FOR EACH ROW",
    "item_low_own_changed": "AFTER UPDATE OF item_id, store_id, reorder_point, deleted ON store_reorder_point "
    "FOR EACH ROW WHEN (OLD.item_id IS DISTINCT FROM NEW.item_id OR OLD.store_id IS DISTINCT FROM NEW.store_id "
    "OR OLD.reorder_point IS DISTINCT FROM NEW.reorder_point OR OLD.deleted IS DISTINCT FROM NEW.deleted)",
    "item_low_own_removed": "AFTER DELETE ON store_reorder_point FOR EACH ROW",
}


def _level_functions(apply: str, changes: dict[str, str]) -> None:
    for name, chosen in changes.items():
        op.execute(
            f"CREATE OR REPLACE FUNCTION search_levels_{name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN{apply.format(changes=chosen)}END $$"
        )


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("LOCK TABLE item, stock_level, item_summary, store_reorder_point IN SHARE ROW EXCLUSIVE MODE")
    op.execute("ALTER TABLE item_summary ADD COLUMN own_points jsonb")
    op.execute(POINT_AT)
    op.execute(RECOUNT)
    _level_functions(_apply(LOW_CHANGE, stores=True), _changes(stores=True))
    op.execute(WATCH)
    op.execute(OWN_WATCH)
    for name, when in OWN_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION item_low_own_watch()")
    # Store points are few (a manager sets each): their items are worked out one by one.
    op.execute("SELECT item_low_recount(item_id) FROM (SELECT DISTINCT item_id FROM store_reorder_point) o")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in OWN_TRIGGERS:
        op.execute(f"DROP TRIGGER {name} ON store_reorder_point")
    op.execute("DROP FUNCTION item_low_own_watch()")
    op.execute(OLD_WATCH)
    _level_functions(_apply(OLD_LOW_CHANGE, stores=False), _changes(stores=False))
    op.execute("DROP FUNCTION item_low_recount(uuid)")
    op.execute("DROP FUNCTION low_point_at(jsonb, uuid, numeric)")
    op.execute("ALTER TABLE item_summary DROP COLUMN own_points")
    # The marks by the item's point alone, as 0037 keeps them.
    op.execute(
        "UPDATE item_summary s SET low_levels = CASE WHEN s.low_point IS NULL THEN 0 ELSE "
        "(SELECT count(*) FROM stock_level l WHERE l.item_id = s.item_id AND l.on_hand <= s.low_point) END "
        "WHERE EXISTS (SELECT 1 FROM store_reorder_point o WHERE o.item_id = s.item_id)"
    )
