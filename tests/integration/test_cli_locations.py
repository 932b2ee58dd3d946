"""`stockdesk location add|list`: a store's locations from the command line, refusals naming the field."""

from __future__ import annotations

from stockdesk.cli import main
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import open_database


def test_locations_are_added_under_their_parent_and_listed_in_label_order(tmp_path, capsys):
    url = str(tmp_path / "shop.sqlite")
    db = open_database(url)
    admin = users.create_first_admin(db.uow(), email="admin@example.com", password="admin-pass-1")
    organisation.create_store(db.uow(), admin, code="MAIN", name="Main")
    db.close()

    def run(*args: str) -> int:
        return main(["--db", url, "location", *args])

    assert run("add", "--store", "MAIN", "--code", "B", "--kind", "zone") == 0
    assert run("add", "--store", "MAIN", "--code", "B-2", "--parent", "b", "--kind", "shelf") == 0
    assert run("add", "--store", "MAIN", "--code", "A-9") == 0
    assert "created shelf B › B-2 in MAIN" in capsys.readouterr().out
    assert run("add", "--store", "MAIN", "--code", "B-3", "--parent", "NOPE") == 2
    assert "parent: 'NOPE' names no location" in capsys.readouterr().err
    assert run("add", "--store", "MAIN", "--code", "b-2") == 2
    assert "code: 'b-2' is taken" in capsys.readouterr().err
    assert run("list", "--store", "MAIN") == 0
    listed = [line.split("  ")[0].strip() for line in capsys.readouterr().out.splitlines()]
    assert listed == ["A-9", "B", "B › B-2"]
