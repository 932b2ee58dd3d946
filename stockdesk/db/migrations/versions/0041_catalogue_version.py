"""catalogue_version: PostgreSQL counts the commits that change the catalogue (items, barcodes)

A name search's first page costs PostgreSQL ~7.5 ms at a million items: the trigram indexes decode
the posting lists of every trigram of the text ("hinge" is in 49,708 names), and every match is read
to be counted and sorted. Searches repeat, and between two catalogue edits the answer's items do not
change; only their stock does. The API's search keeps each first page in memory
(`services/catalogue/kept_searches`) under the version read with it, and serves it again while
`catalogue_version.version` is the same. `stockdesk check --rebuild-tally` moves it on too (after a
restore that bypassed the triggers).

The version is exact, never a guess:
- A statement trigger on `item` and `item_barcode` (any insert, update, delete or truncate, by any
  writer: the desks, the API, an import, a sync pull) marks its transaction in `catalogue_touch`.
- A deferred constraint trigger on that mark adds one to the version as the transaction commits, in
  the same transaction: a statement that reads the version sees exactly the catalogue of that version.
- The version row is taken only at commit, the writer's very last lock: two desks editing items never
  wait on each other before then, and no deadlock can form around it (the holder waits for nothing).
- A transaction that rolls back, or a savepoint that does, takes its mark away with it.

SQLite gets nothing: its desks search through FTS5 and keep no such pages.

Revision ID: 0041_catalogue_version
Revises: 0040_search_pending_limit
"""

from __future__ import annotations

from alembic import op

revision = "0041_catalogue_version"
down_revision = "0040_search_pending_limit"
branch_labels = None
depends_on = None

TABLES = ("item", "item_barcode")

UPGRADE = """
CREATE TABLE catalogue_version (
    id smallint PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO catalogue_version (id, version) VALUES (1, 0);
CREATE TABLE catalogue_touch (txid xid8 PRIMARY KEY);

CREATE FUNCTION catalogue_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO catalogue_touch (txid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE FUNCTION catalogue_committed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
    DELETE FROM catalogue_touch WHERE txid = NEW.txid;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER catalogue_committed AFTER INSERT ON catalogue_touch
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_committed();
"""


def _touch_trigger(table: str) -> str:
    return (
        f"CREATE TRIGGER catalogue_{table}_touched AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION catalogue_touched()"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(UPGRADE)
    for table in TABLES:
        op.execute(_touch_trigger(table))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER catalogue_{table}_touched ON {table}")
    op.execute("DROP TABLE catalogue_touch")
    op.execute("DROP TABLE catalogue_version")
    op.execute("DROP FUNCTION catalogue_committed()")
    op.execute("DROP FUNCTION catalogue_touched()")
