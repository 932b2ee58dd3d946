"""Global options where people type them: `stockdesk --db X check` and `stockdesk check --db X` alike."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from stockdesk.cli import main
from stockdesk.config import Config, ConfigStore
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.database import open_database
from stockdesk.services.inventory import stock

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def shop(tmp_path) -> str:
    path = str(tmp_path / "shop.sqlite")
    db = open_database(path)
    admin = users.create_first_admin(db.uow(), email="admin@example.com", password="admin-pass-1")
    store = organisation.create_store(db.uow(), admin, code="MAIN", name="Main")
    item = catalog.create_item(db.uow(), admin, sku="HAM", name="Hammer", reorder_point="5")
    stock.receive(db.uow(), admin, item_id=item.id, store_id=store.id, quantity="10")
    db.close()
    return path


@pytest.mark.parametrize("before", [True, False], ids=["db-before", "db-after"])
def test_every_kind_of_command_takes_db_before_or_after_its_name(shop, tmp_path, capsys, before):
    def run(*command: str) -> int:
        return main(["--db", shop, *command] if before else [*command, "--db", shop])

    assert run("check") == 0
    assert "ok: every stock level" in capsys.readouterr().out
    out = tmp_path / "valuation.csv"
    assert run("report", "valuation", "--out", str(out)) == 0
    assert "HAM" in out.read_text(encoding="utf-8")
    assert run("stocktake", "start", "--store", "MAIN") == 0  # a command's own sub-command too
    assert "1 item(s) expected" in capsys.readouterr().out
    assert run("user", "list") == 0
    assert "admin@example.com" in capsys.readouterr().out
    assert run("mail") == 0
    assert "0 e-mail(s) not sent yet" in capsys.readouterr().out


def test_a_db_typed_after_the_command_wins_over_one_typed_before(shop, tmp_path, capsys):
    assert main(["--db", str(tmp_path / "other.sqlite"), "user", "list", "--db", shop]) == 0
    assert "admin@example.com" in capsys.readouterr().out


def test_without_db_a_command_works_on_the_configured_database(shop, capsys):
    ConfigStore().save(Config(database_url=shop))
    assert main(["user", "list"]) == 0
    assert "admin@example.com" in capsys.readouterr().out


def stockdesk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stockdesk", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


def test_the_installed_command_accepts_db_after_demo_and_check(tmp_path):
    fresh = str(tmp_path / "demo.sqlite")
    made = stockdesk("demo", "--items", "30", "--stores", "2", "--days", "3", "--db", fresh, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "demo data: 30 items, 2 stores" in made.stdout
    checked = stockdesk("check", "--db", fresh, cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("ok:")
    before = stockdesk("--db", fresh, "init-db", cwd=tmp_path)
    assert before.returncode == 0 and "database ready" in before.stdout
