"""Desks of the database-login era move to the HTTPS API by themselves (issue 15): `stockdesk server
init` writes an upgrade file per old desk (a one-time code bound to its desk id, and the server's
address); the desk's first sync with it gets a token for the SAME desk id, so the outbox it kept since
the upgrade is pushed under its own id and clock, once. Refused: a code used twice, expired, made for
another desk, or for a revoked desk.

The old desk is made as the old code left it: a desk that synced (its rows and pull cursor), then
changes queued in its outbox, a `postgresql://` server address and its role's password in its secret
file; on the server a `sync_desk` row for its id and no token. A real uvicorn process serves a real
PostgreSQL database; the desks are SQLite files."""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from stockdesk.cli import main
from stockdesk.db.capture import queued_changes
from stockdesk.db.models import LocalSetting
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog
from stockdesk.services.database import Database, open_database
from stockdesk.services.inventory import check, stock
from stockdesk.sync.credentials import CredentialStore
from stockdesk.sync.server import desks
from stockdesk.sync.server.setup import SERVER_URL_KEY, default_store, is_old_registration
from stockdesk.sync.service import SyncService
from tests.integration.test_sync_http import BOSS, Shop, shop, synced

__all__ = ["shop"]  # the fixture

os.environ["STOCKDESK_NO_KEYRING"] = "1"
pytestmark = pytest.mark.pg


def make_old(shop: Shop, name: str) -> tuple[Database, str]:
    """A desk as the database-login era left it, with 2 changes queued since the server's upgrade.

    Returns the desk and the id of the item it created offline."""
    db = open_database(str(shop.folder / f"{name}.sqlite"))
    store = default_store(db)  # the CLI's: the secret file next to the desk's database
    from stockdesk.sync.server.setup import register_desk_over_http

    register_desk_over_http(db, shop.base, name=name, email=BOSS[0], password=BOSS[1], store=store)
    synced(SyncService(db, store=store))  # it had synced: rows, a pull cursor
    role = f"sd_desk_{db.desk_id.replace('-', '_')}"
    with shop.db.engine.begin() as connection:  # the server knew it by its role, not by a token
        connection.execute(text("DELETE FROM desk_token WHERE desk_id = :d"), {"d": db.desk_id})
        connection.execute(
            text("INSERT INTO sync_desk (desk_id, role_name) VALUES (:d, :r)"), {"d": db.desk_id, "r": role}
        )
    with db.engine.begin() as connection:
        connection.execute(
            LocalSetting.__table__.update()
            .where(LocalSetting.key == SERVER_URL_KEY)
            .values(value=f"postgresql://{role}@127.0.0.1:5432/shop")
        )
    store.save(db.desk_id, "the-old-role-password")
    shop.desks.append(db)
    boss = users.system_actor(db.uow())  # (a log-in writes the account's last log-in: a change too)
    item = catalog.create_item(db.uow(), boss, sku=f"OLD-{name}", name=f"Made offline on {name}")
    stock.receive(db.uow(), boss, item_id=item.id, store_id=shop.main.id, quantity="7")
    return db, str(item.id)


def outbox_ids(db: Database) -> list[str]:
    with db.engine.connect() as connection:
        return list(connection.scalars(text("SELECT hlc FROM sync_outbox ORDER BY hlc")))


def server_init(shop: Shop, out: Path, *extra: str) -> int:
    return main(["server", "init", "--db", shop.url, "--url", shop.base, "--out", str(out), *extra])


def slip_of(folder: Path, db: Database) -> Path:
    path = folder / f"stockdesk-upgrade-{db.desk_id}.txt"
    assert path.exists() and path.stat().st_mode & 0o777 == 0o600
    return path


def code_in(path: Path) -> str:
    found = re.search(r"code=(\S+)", path.read_text())
    assert found
    return found.group(1)


def sync_cli(db: Database, *arguments: str) -> int:
    return main(["sync", "--db", str(db.engine.url.database), "--name", "moved", *arguments])


def test_server_init_hands_out_a_code_and_the_old_desk_moves_with_its_outbox_once(shop, tmp_path, capsys):
    db, item_id = make_old(shop, "old-counter")
    queued = outbox_ids(db)
    assert len(queued) >= 2 and is_old_registration(db)
    # Before the upgrade file arrives: told what to do, nothing lost.
    report = SyncService(db).sync_once()
    assert not report.ok and "upgrade code" in report.error and outbox_ids(db) == queued

    assert server_init(shop, tmp_path / "slips") == 0
    printed = capsys.readouterr().out
    slip = slip_of(tmp_path / "slips", db)
    line = slip.read_text().splitlines()[-1]
    assert line == f"stockdesk-upgrade server={shop.base} desk={db.desk_id} code={code_in(slip)}"
    assert db.desk_id in printed and code_in(slip) in printed
    assert desks.old_desks(shop.db.uow()) == [db.desk_id]
    assert main(["desk", "list", "--db", shop.url]) == 0
    assert f"{db.desk_id:24} not moved yet" in capsys.readouterr().out

    assert sync_cli(db, "--upgrade-file", str(slip)) == 0
    printed = capsys.readouterr().out
    assert "moved to" in printed and f"its {len(queued)} queued change(s)" in printed
    assert f"pushed {len(queued)}," in printed and "refused" not in printed
    assert outbox_ids(db) == [] and not is_old_registration(db)
    assert desks.old_desks(shop.db.uow()) == []
    # The same desk id, not a new desk; its token replaced the role password in the same file.
    listed = [(d.desk_id, d.name) for d in desks.list_desks(shop.db.uow(), shop.boss)]
    assert listed == [(db.desk_id, "moved")]
    assert CredentialStore(Path(str(db.engine.url.database)).parent).load(db.desk_id).startswith("sdd_")
    # The server holds each queued change once, under the old desk's id and its own stamps.
    with shop.db.engine.connect() as connection:
        logged = connection.execute(
            text("SELECT change_id, hlc, origin_desk FROM change_log WHERE change_id = ANY(:ids)"),
            {"ids": queued},
        ).all()
    assert sorted(row.change_id for row in logged) == queued
    assert {row.origin_desk for row in logged} == {db.desk_id}
    assert all(row.hlc.endswith(db.desk_id) for row in logged)
    import uuid

    on_server = stock.on_hand_of(shop.db.uow(), uuid.UUID(item_id), shop.main.id)
    assert on_server == Decimal(7)
    # A second sync sends nothing again; both sides check clean.
    assert sync_cli(db) == 0 and "pushed 0" in capsys.readouterr().out
    with shop.db.engine.connect() as connection:
        again = connection.scalar(
            text("SELECT count(*) FROM change_log WHERE change_id = ANY(:ids)"), {"ids": queued}
        )
    assert again == len(queued)
    assert stock.on_hand_of(shop.db.uow(), uuid.UUID(item_id), shop.main.id) == Decimal(7)
    for each in (db, shop.db):
        assert check.find_differences(each.uow()) == []
    assert main(["check", "--db", shop.url]) == 0

    # Used once: the same file again is refused, and says why.
    assert sync_cli(db, "--upgrade-file", str(slip)) == 2
    assert "already used" in capsys.readouterr().err


def test_refusals_another_desks_code_an_expired_code_a_revoked_desk(shop, tmp_path, capsys):
    a, _ = make_old(shop, "old-a")
    b, _ = make_old(shop, "old-b")
    c, _ = make_old(shop, "old-c")
    assert server_init(shop, tmp_path) == 0
    capsys.readouterr()
    slip_a, slip_b, slip_c = (slip_of(tmp_path, db) for db in (a, b, c))

    # B's file on A: refused by the desk before it asks the server...
    assert sync_cli(a, "--upgrade-file", str(slip_b)) == 2
    assert f"was made for the desk {b.desk_id}" in capsys.readouterr().err
    # ...and B's bare code on A by the server, which says whose it is.
    assert sync_cli(a, "--server", shop.base, "--upgrade-code", code_in(slip_b)) == 2
    assert f"belongs to the desk {b.desk_id}" in capsys.readouterr().err
    # Expired (7 days).
    with shop.db.engine.begin() as connection:
        connection.execute(
            text("UPDATE desk_enrolment SET expires_at = now() - interval '1 minute' WHERE desk_id = :d"),
            {"d": a.desk_id},
        )
    assert sync_cli(a, "--upgrade-file", str(slip_a)) == 2
    assert "has expired" in capsys.readouterr().err
    # Revoked before it moved: its code stops working, and no new one is made for it.
    desks.revoke(shop.db.uow(), shop.boss, c.desk_id)
    assert sync_cli(c, "--upgrade-file", str(slip_c)) == 2
    assert "revoked" in capsys.readouterr().err
    # A second `server init` makes a code only for the desk whose code expired (A): none for B, which
    # holds a live one, nor for C (revoked).
    assert server_init(shop, tmp_path / "again") == 0
    printed = capsys.readouterr().out
    assert a.desk_id in printed and b.desk_id not in printed and c.desk_id not in printed
    assert sorted(p.name for p in (tmp_path / "again").iterdir()) == [f"stockdesk-upgrade-{a.desk_id}.txt"]
    # `desk upgrade-codes B` voids B's code and makes a new one, with the address `server init` was given.
    assert main(["desk", "upgrade-codes", "--db", shop.url, "--out", str(tmp_path / "new"), b.desk_id]) == 0
    assert b.desk_id in capsys.readouterr().out
    fresh_b = slip_of(tmp_path / "new", b)
    assert shop.base in fresh_b.read_text()
    for db in (a, b, c):  # nothing applied for any of them, every queue intact
        assert queued_count(db) >= 2
    assert sync_cli(b, "--upgrade-file", str(slip_b)) == 2
    assert "has expired" in capsys.readouterr().err
    assert sync_cli(a, "--upgrade-file", str(slip_of(tmp_path / "again", a))) == 0
    assert sync_cli(b, "--upgrade-file", str(fresh_b)) == 0
    assert queued_count(a) == 0 and queued_count(b) == 0 and queued_count(c) >= 2
    assert desks.old_desks(shop.db.uow()) == []  # C has its revoked row: not waiting any more
    listed = {d.desk_id: d.revoked for d in desks.list_desks(shop.db.uow(), shop.boss)}
    assert listed == {a.desk_id: False, b.desk_id: False, c.desk_id: True}
    assert main(["desk", "upgrade-codes", "--db", shop.url, c.desk_id]) == 2  # not an old desk any more


def queued_count(db: Database) -> int:
    with db.engine.connect() as connection:
        return queued_changes(connection)
