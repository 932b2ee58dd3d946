"""Where PostgreSQL's autovacuum does not run, `check` and `serve` say so;
`stockdesk vacuum` does its work."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import create_engine, text, update

from stockdesk.cli import main
from stockdesk.db import upkeep as db_upkeep
from stockdesk.db.models import Item
from stockdesk.domain.ids import new_id
from stockdesk.services.catalogue import item_pages
from stockdesk.services.catalogue.item_query import ItemFilter, ItemSort
from stockdesk.services.database import Database, open_database
from stockdesk.services.maintenance import upkeep
from tests.support.api_server import ROOT
from tests.support.serve_process import free_port, serving

NO_STATISTICS = "-c track_counts=off"  # a superuser's per-session setting; autovacuum cannot run without it


@pytest.fixture
def own_pg(pg_database_factory: Callable[..., str], pg_migrated_template: str) -> Iterator[str]:
    """A shop of its own: its tables' settings are changed here."""
    yield pg_database_factory(template=pg_migrated_template)


def _server_autovacuum_off(url: str) -> bool:
    engine = create_engine(url)
    with engine.connect() as connection:
        off = connection.scalar(text("SELECT current_setting('autovacuum') = 'off'"))
    engine.dispose()
    return bool(off)


@pytest.mark.pg
def test_a_table_without_autovacuum_is_named(own_pg):
    db = open_database(own_pg)
    try:
        assert db_upkeep.autovacuum_gaps(db.engine).tables_off == ()
        with db.engine.begin() as connection:
            connection.execute(text("ALTER TABLE item_summary SET (autovacuum_enabled = false)"))
        gaps = db_upkeep.autovacuum_gaps(db.engine)
        assert gaps.tables_off == ("item_summary",)
        # The server's own setting is read as it is (this is the one place the machine decides).
        assert gaps.server_off is _server_autovacuum_off(own_pg)
        warning = upkeep.autovacuum_warning(db)
        assert warning is not None and "stockdesk vacuum" in warning
        if not gaps.server_off:
            assert "item_summary" in warning
    finally:
        db.close()


@pytest.mark.pg
def test_check_warns_when_the_server_keeps_no_statistics_for_autovacuum(own_pg, capsys, monkeypatch):
    monkeypatch.setenv("PGOPTIONS", NO_STATISTICS)  # libpq's options for every connection this process opens
    assert main(["--db", own_pg, "check"]) == 0
    said = capsys.readouterr().out
    assert "warning: PostgreSQL's autovacuum is off" in said
    assert "stockdesk vacuum" in said
    assert "ok: every stock level equals the sum of its movements" in said


def test_the_warning_names_what_is_off_and_nothing_where_autovacuum_runs():
    assert upkeep.warning_for(db_upkeep.AutovacuumGaps(server_off=False, tables_off=())) is None
    two_tables = db_upkeep.AutovacuumGaps(server_off=False, tables_off=("item", "stock_level"))
    tables = upkeep.warning_for(two_tables)
    assert tables is not None and "autovacuum is off for table(s) item, stock_level" in tables
    server = upkeep.warning_for(db_upkeep.AutovacuumGaps(server_off=True, tables_off=("item",)))
    assert server is not None and server.startswith("warning: PostgreSQL's autovacuum is off")


def test_sqlite_has_no_autovacuum_to_miss_and_vacuum_runs(tmp_path, capsys):
    path = str(tmp_path / "shop.sqlite")
    db = open_database(path)
    try:
        assert upkeep.autovacuum_warning(db) is None
    finally:
        db.close()
    assert main(["--db", path, "vacuum"]) == 0
    assert capsys.readouterr().out.startswith("nothing to vacuum in SQLite")
    assert main(["--db", path, "check"]) == 0
    assert "autovacuum" not in capsys.readouterr().out


@pytest.mark.pg
def test_serve_warns_at_start_when_autovacuum_cannot_run(own_pg):
    port = free_port()
    command = [sys.executable, "-m", "stockdesk", "--db", own_pg, "serve", "--port", str(port)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PGOPTIONS": NO_STATISTICS}
    with serving(command, cwd=ROOT, env=env) as served:
        assert "warning: PostgreSQL's autovacuum is off" in served.said_before


def _dead_rows_and_pending_pages(db: Database) -> tuple[int, int]:
    with db.engine.begin() as connection:
        connection.execute(text("CREATE EXTENSION IF NOT EXISTS pgstattuple"))  # this test's own database
        connection.execute(text("CREATE EXTENSION IF NOT EXISTS pageinspect"))
        dead = connection.scalar(text("SELECT dead_tuple_count FROM pgstattuple('item')"))
        pending = connection.scalar(
            text("SELECT n_pending_pages FROM gin_metapage_info(get_raw_page('ix_item_name_trgm', 0))")
        )
    return int(dead), int(pending)


@pytest.mark.pg
def test_vacuum_clears_dead_rows_and_merges_pending_search_entries(own_pg, capsys):
    db = open_database(own_pg)
    try:
        items = [{"id": new_id(), "sku": f"HNG-{n:04d}", "name": f"Brass hinge {n} mm"} for n in range(400)]
        with db.engine.begin() as connection:
            connection.execute(Item.__table__.insert(), items)
        with db.engine.begin() as connection:
            connection.execute(update(Item).values(sell_price=Item.sell_price + 1))  # a price list's import
        dead, pending = _dead_rows_and_pending_pages(db)
        assert dead >= 400 and pending > 0

        assert main(["--db", own_pg, "vacuum"]) == 0
        assert capsys.readouterr().out.startswith("vacuumed PostgreSQL")

        assert _dead_rows_and_pending_pages(db) == (0, 0)
        page = item_pages.keyset_page(db.uow(), ItemFilter(text="hinge 12"), sort=ItemSort.NAME, limit=50)
        assert page.count == 11  # 12 and 120-129: nothing lost
    finally:
        db.close()
