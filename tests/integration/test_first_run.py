"""First-run set-up is one transaction: killed or failed part-way, it leaves the database empty."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import func, select

from stockdesk.db.models import Item, Store, User
from stockdesk.services.accounts import users
from stockdesk.services.database import Database, open_database
from stockdesk.services.inventory import check
from stockdesk.services.maintenance.first_run import DemoSize, SetupPlan, Start, set_up

PLAN = SetupPlan(
    stores=(("MAIN", "Main store"),),
    email="owner@example.com",
    name="Olga Owner",
    password="owner-pass-1",
    default_store="MAIN",
    start=Start.DEMO,
    demo_size=DemoSize(items=120, days=8),
)


def counts(db: Database) -> tuple[int, int, int]:
    with db.uow() as uow:
        return tuple(uow.session.scalar(select(func.count()).select_from(m)) for m in (User, Store, Item))


def test_a_set_up_killed_while_writing_the_demo_history_leaves_an_empty_database(tmp_path):
    path = tmp_path / "shop.sqlite"
    script = textwrap.dedent(
        f"""
        import os, signal
        from stockdesk.services.database import open_database
        from stockdesk.services.maintenance.first_run import DemoSize, SetupPlan, Start, set_up

        def progress(stage, done, total):
            if stage == "history":  # the admin, stores and items are written by now
                os.kill(os.getpid(), signal.SIGKILL)

        plan = SetupPlan(stores=(("MAIN", "Main store"),), email="owner@example.com", name="Olga",
                         password="owner-pass-1", default_store="MAIN", start=Start.DEMO,
                         demo_size=DemoSize(items=120, days=8))
        set_up(open_database({str(path)!r}), plan, progress)
        """
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert run.returncode == -signal.SIGKILL, run.stderr
    db = open_database(str(path))
    try:
        assert counts(db) == (0, 0, 0)
        assert not users.has_users(db.uow())  # what makes the window offer the wizard again
        outcome = set_up(db, PLAN)  # and the wizard's second try succeeds
        assert outcome.actor.email == "owner@example.com"
        assert counts(db)[2] == 120 and check.find_differences(db.uow()) == []
    finally:
        db.close()


def test_a_set_up_that_fails_part_way_writes_nothing(db):
    def fail_in_history(stage: str, _done: int, _total: int) -> None:
        if stage == "history":
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        set_up(db, PLAN, fail_in_history)
    assert counts(db) == (0, 0, 0)
    outcome = set_up(db, PLAN)
    assert set(outcome.store_ids) == {"MAIN"}
    assert counts(db) == (1, 1, 120)  # the demo stocks MAIN and adds no stores of its own
