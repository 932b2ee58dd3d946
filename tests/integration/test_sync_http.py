"""Desks syncing through the server's HTTP API (issue 15): registration with a manager's log-in or an
enrolment code, a token instead of a database role, convergence of two desks, and the server checking
every pushed change (a desk pushing as another desk, a clerk changing another clerk's item or a role,
a deactivated user, a revoked desk, malformed and oversized batches). A real uvicorn process serves a
real PostgreSQL database; the desks are SQLite files."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from stockdesk.domain.permissions import Actor
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.database import Database, open_database
from stockdesk.services.inventory import check, stock
from stockdesk.sync.credentials import CredentialStore
from stockdesk.sync.server import desks
from stockdesk.sync.server.setup import init_server, register_desk_over_http
from stockdesk.sync.service import SyncService
from tests.support import api_server
from tests.support.sqlite_template import new_sqlite_database

os.environ["STOCKDESK_NO_KEYRING"] = "1"  # the desk token goes to the 0600 file in the test's folder
pytestmark = pytest.mark.pg

BOSS = ("boss@example.com", "boss-pass-1")


class Shop:
    """A server on PostgreSQL behind uvicorn, with its boss and its MAIN store; desks made on demand."""

    def __init__(self, url: str, server: api_server.RunningServer, folder: Path) -> None:
        self.url, self.server, self.folder = url, server, folder
        self.db = open_database(url)
        self.boss = users.create_first_admin(self.db.uow(), email=BOSS[0], password=BOSS[1], name="Boss")
        self.main = organisation.create_store(self.db.uow(), self.boss, code="MAIN", name="Main")
        self.desks: list[Database] = []

    @property
    def base(self) -> str:
        return self.server.base_url

    def desk(self, name: str, *, code: str = "") -> tuple[Database, SyncService]:
        db = new_sqlite_database(self.folder / f"{name}.sqlite")
        store = CredentialStore(self.folder / name)
        if code:
            register_desk_over_http(db, self.base, name=name, code=code, store=store)
        else:
            register_desk_over_http(db, self.base, name=name, email=BOSS[0], password=BOSS[1], store=store)
        self.desks.append(db)
        return db, SyncService(db, store=store)

    def token_of(self, db: Database, name: str) -> str:
        token = CredentialStore(self.folder / name).load(db.desk_id)
        assert token and token.startswith(desks.TOKEN_PREFIX)
        return token

    def close(self) -> None:
        for db in self.desks:
            db.close()
        self.db.close()


@pytest.fixture
def shop(
    pg_database_factory: Callable[..., str], sync_server_template: str, tmp_path: Path
) -> Iterator[Shop]:
    url = pg_database_factory(template=sync_server_template)  # as `init_server` leaves it, 0.1 s not 1.3 s
    server = api_server.start(url)
    made = Shop(url, server, tmp_path)
    try:
        yield made
    finally:
        server.stop()
        made.close()


def synced(service: SyncService) -> None:
    report = service.sync_once()
    assert report.ok, report.error


def login(db: Database, email: str, password: str) -> Actor:
    return users.authenticate(db.uow(), email=email, password=password)


def test_two_desks_converge_through_the_api_and_hold_no_database_credential(shop):
    a_db, a = shop.desk("counter-1")
    b_db, b = shop.desk("counter-2")
    synced(a)
    synced(b)
    boss_a = login(a_db, *BOSS)
    item = catalog.create_item(a_db.uow(), boss_a, sku="SAW-1", name="Hand saw", sell_price="12.50")
    stock.receive(a_db.uow(), boss_a, item_id=item.id, store_id=shop.main.id, quantity="10")
    synced(a)
    synced(b)
    boss_b = login(b_db, *BOSS)
    stock.sell(b_db.uow(), boss_b, item_id=item.id, store_id=shop.main.id, quantity="3")
    stock.sell(a_db.uow(), boss_a, item_id=item.id, store_id=shop.main.id, quantity="2")
    for service in (a, b, a, b):
        synced(service)
    for db in (a_db, b_db, shop.db):
        assert stock.on_hand_of(db.uow(), item.id, shop.main.id) == Decimal(5)
        assert check.find_differences(db.uow()) == []
    # What the desk keeps: an address and a token, never a database URL or password.
    files = "".join(p.read_text(errors="ignore") for p in (shop.folder / "counter-1").iterdir())
    assert "postgresql" not in files and files.startswith(desks.TOKEN_PREFIX)
    listed = {d.name: d for d in desks.list_desks(shop.db.uow(), shop.boss)}
    assert set(listed) == {"counter-1", "counter-2"} and listed["counter-1"].last_sync_at is not None


def test_a_desk_registers_with_a_one_time_enrolment_code(shop):
    code = desks.enrolment_code(shop.db.uow(), shop.boss)
    db, service = shop.desk("back-office", code=code)
    synced(service)
    assert login(db, *BOSS).email == BOSS[0]  # the snapshot brought the accounts
    with pytest.raises(Exception, match="enrolment code is not valid"):
        shop.desk("thief", code=code)  # used once
    # A fresh code registers a new desk, never an existing one: it would take over its identity.
    fresh = desks.enrolment_code(shop.db.uow(), shop.boss)
    with httpx.Client(base_url=shop.base + "/api/v1", timeout=30) as client:
        taken = client.post(
            "/sync/desks", json={"desk_id": db.desk_id, "name": "impostor", "enrolment_code": fresh}
        )
    assert taken.status_code == 401
    assert "is registered already" in taken.json()["detail"]
    synced(service)  # the real desk's token still works
    assert {d.name for d in desks.list_desks(shop.db.uow(), shop.boss)} >= {"back-office"}


def _push(shop: Shop, token: str, changes: list[dict], *, heads: list[str] | None = None) -> httpx.Response:
    from stockdesk.db import migrate

    body = {"heads": heads if heads is not None else sorted(migrate.head_revisions()), "changes": changes}
    with httpx.Client(base_url=shop.base + "/api/v1", timeout=30) as client:
        return client.post("/sync/push", json=body, headers={"Authorization": f"Bearer {token}"})


def _outbox(db: Database) -> list[dict]:
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT seq, hlc, tbl, row_id, op, fields, data, base_cursor FROM sync_outbox ORDER BY seq"
        ).all()
    return [
        {
            "change_id": r[1],
            "hlc": r[1],
            "tbl": r[2],
            "row_id": r[3],
            "op": r[4],
            "fields": [f for f in r[5].split(",") if f],
            "data": r[6],
            "base_cursor": r[7],
            "local_seq": r[0],
        }
        for r in rows
    ]


def _server_value(shop: Shop, sql: str, **params: object) -> object:
    engine = create_engine(shop.url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql), params).scalar()
    finally:
        engine.dispose()


@pytest.fixture
def clerk_desk(shop):
    """A clerk of MAIN with an item of their own, and the boss's item, on a synced desk."""
    users.create_user(
        shop.db.uow(),
        shop.boss,
        email="clerk@example.com",
        password="clerk-pass-1",
        role="clerk",
        store_ids=[shop.main.id],
    )
    boss_item = catalog.create_item(
        shop.db.uow(), shop.boss, sku="BOSS-1", name="Boss's drill", sell_price="10.00"
    )
    db, service = shop.desk("clerk-desk")
    synced(service)
    return db, service, boss_item


def test_a_clerks_desk_cannot_change_another_persons_item_even_by_editing_its_own_file(shop, clerk_desk):
    db, service, boss_item = clerk_desk
    clerk = login(db, "clerk@example.com", "clerk-pass-1")
    # The window refuses; a tampered desk writes the file directly (the capture trigger still logs it).
    with db.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE item SET sell_price = 1, updated_by = ? WHERE id = ?", (clerk.id.hex, boss_item.id.hex)
        )
    own = catalog.create_item(db.uow(), clerk, sku="CLERK-1", name="Clerk's own", sell_price="3.00")
    report = service.sync_once()
    assert report.ok, report.error
    assert _server_value(shop, "SELECT sell_price FROM item WHERE id = :i", i=boss_item.id) == Decimal(
        "10.00"
    )
    assert _server_value(shop, "SELECT count(*) FROM item WHERE id = :i", i=own.id) == 1  # the rest applied
    with db.engine.connect() as connection:
        refused = connection.exec_driver_sql("SELECT tbl, reason FROM sync_refused").all()
        queued = connection.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar()
    assert [
        (tbl, "clerks may only change items they created themselves" in reason) for tbl, reason in refused
    ] == [("item", True)]
    assert queued == 0  # not retried
    kinds = _server_value(
        shop, "SELECT count(*) FROM sync_conflict WHERE kind = 'refused' AND lost_desk = :d", d=db.desk_id
    )
    assert kinds == 1
    assert _server_value(shop, "SELECT count(*) FROM audit_event WHERE action = 'sync.refused'") == 1


def test_a_forged_role_change_or_password_hash_from_a_clerks_desk_is_refused(shop, clerk_desk):
    db, service, _ = clerk_desk
    clerk = login(db, "clerk@example.com", "clerk-pass-1")
    boss_id = _server_value(shop, "SELECT id FROM user_account WHERE email = :e", e=BOSS[0])
    with db.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE user_account SET role = 'admin', updated_by = ? WHERE id = ?",
            (clerk.id.hex, clerk.id.hex),
        )
        connection.exec_driver_sql(
            "UPDATE user_account SET password_hash = 'x', updated_by = ? WHERE id = ?",
            (clerk.id.hex, boss_id.hex),
        )
    synced(service)
    assert _server_value(shop, "SELECT role FROM user_account WHERE id = :i", i=clerk.id) == "clerk"
    assert _server_value(shop, "SELECT password_hash FROM user_account WHERE id = :i", i=boss_id) != "x"
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM sync_refused").scalar() == 2


def test_a_desk_cannot_push_as_another_desk_or_as_the_server(shop, clerk_desk):
    db, _service, _ = clerk_desk
    other_db, other = shop.desk("other-desk")
    synced(other)
    boss = login(other_db, *BOSS)
    catalog.create_item(other_db.uow(), boss, sku="OTHER-1", name="Other desk's item")
    changes = _outbox(other_db)
    assert changes
    answer = _push(
        shop, shop.token_of(db, "clerk-desk"), changes
    )  # the clerk's token, the other desk's stamps
    assert answer.status_code == 200
    assert len(answer.json()["refused"]) == len(changes) and answer.json()["applied"] == 0
    assert "not stamped by this desk" in answer.json()["refused"][0]["reason"]
    forged = [
        {
            **changes[0],
            "change_id": changes[0]["hlc"].rsplit("-", 1)[0] + "-server",
            "hlc": changes[0]["hlc"].rsplit("-", 1)[0] + "-server",
        }
    ]
    assert _push(shop, shop.token_of(db, "clerk-desk"), forged).json()["refused"]
    assert _server_value(shop, "SELECT count(*) FROM item WHERE sku = 'OTHER-1'") == 0


def test_a_deactivated_users_changes_and_a_revoked_desk_are_refused(shop, clerk_desk):
    db, service, _ = clerk_desk
    clerk = login(db, "clerk@example.com", "clerk-pass-1")
    catalog.create_item(db.uow(), clerk, sku="LATE-1", name="Made before the clerk left")
    server_clerk = users.find_user(shop.db.uow(), shop.boss, "clerk@example.com")
    users.update_user(shop.db.uow(), shop.boss, server_clerk.id, active=False)
    synced(service)
    assert _server_value(shop, "SELECT count(*) FROM item WHERE sku = 'LATE-1'") == 0
    with db.engine.connect() as connection:
        assert "deactivated" in connection.exec_driver_sql("SELECT reason FROM sync_refused").scalar()

    desks.revoke(shop.db.uow(), shop.boss, "clerk-desk")
    boss = login(db, *BOSS)
    catalog.create_item(db.uow(), boss, sku="AFTER-1", name="After the revocation")
    report = service.sync_once()
    assert not report.ok and "revoked" in report.error
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar() > 0  # kept


def test_malformed_truncated_and_oversized_batches_are_refused_whole(shop, clerk_desk):
    db, _service, _ = clerk_desk
    token = shop.token_of(db, "clerk-desk")
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    with httpx.Client(base_url=shop.base + "/api/v1", timeout=30) as client:
        garbage = client.post("/sync/push", content=b'{"heads": [], "changes": [{"tbl": 1', headers=headers)
        truncated = client.post(
            "/sync/push",
            content=gzip.compress(b'{"heads": []')[:-6],
            headers={**headers, "Content-Encoding": "gzip"},
        )
        huge = {
            "heads": [],
            "changes": [
                {
                    "change_id": str(n),
                    "hlc": str(n),
                    "tbl": "item",
                    "row_id": "0" * 32,
                    "op": "I",
                    "data": "{}",
                }
                for n in range(50_000)
            ],
        }
        oversized = client.post(
            "/sync/push",
            content=gzip.compress(json.dumps(huge).encode()),
            headers={**headers, "Content-Encoding": "gzip"},
        )
        no_token = client.post("/sync/push", json={"heads": [], "changes": []})
    for answer in (garbage, truncated):
        assert answer.status_code == 422, answer.text
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert "not a batch of changes" in answer.json()["detail"]
    assert oversized.status_code == 422 and "larger than 5000 changes" in oversized.json()["detail"]
    assert no_token.status_code == 401
    assert _server_value(shop, "SELECT count(*) FROM item") == 1  # only the boss's item


def test_an_older_desk_schema_is_refused_before_anything_applies(shop, clerk_desk):
    db, _service, _ = clerk_desk
    from stockdesk.db import migrate

    older = sorted(migrate.head_revisions())[:-1]  # a desk from before the newest migration
    answer = _push(shop, shop.token_of(db, "clerk-desk"), [], heads=older)
    assert answer.status_code == 422 and "newer database schema" in answer.json()["detail"]


def test_server_init_takes_the_login_and_every_privilege_from_old_desk_roles(pg_database_factory, pg_server):
    """A desk of the database-login era still holds its role's password: after `server init` it opens
    nothing (the attacks of the issue's probe all started from such a login)."""
    import secrets

    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    url = pg_database_factory()
    init_server(url)
    role, password = f"sd_old_{secrets.token_hex(4)}", secrets.token_urlsafe(16)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}'"))
        connection.execute(text(f'GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO "{role}"'))
        connection.execute(
            text("INSERT INTO sync_desk (desk_id, role_name) VALUES ('old-desk', :r)"), {"r": role}
        )
    try:
        assert "1 old desk login(s) disabled" in init_server(url)
        with admin.connect() as connection:
            can_login, may_update = connection.execute(
                text(
                    "SELECT rolcanlogin, has_table_privilege(:r, 'stock_level', 'UPDATE') "
                    "FROM pg_roles WHERE rolname = :r"
                ),
                {"r": role},
            ).one()
        assert (can_login, may_update) == (False, False)
        as_desk = create_engine(make_url(url).set(username=role, password=password, host="127.0.0.1"))
        with pytest.raises(OperationalError):
            as_desk.connect().close()
        as_desk.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP OWNED BY "{role}"'))
            connection.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()


def test_moving_another_persons_barcode_onto_ones_own_item_is_refused(shop, clerk_desk):
    db, service, boss_item = clerk_desk
    catalog.add_barcode(shop.db.uow(), shop.boss, boss_item.id, "4006381333931")
    clerk = login(db, "clerk@example.com", "clerk-pass-1")
    own = catalog.create_item(db.uow(), clerk, sku="CLERK-2", name="Clerk's own")
    synced(service)
    with db.engine.begin() as connection:  # a tampered desk file
        connection.exec_driver_sql(
            "UPDATE item_barcode SET item_id = ?, updated_by = ? WHERE code = '4006381333931'",
            (own.id.hex, clerk.id.hex),
        )
    synced(service)
    owner = _server_value(shop, "SELECT item_id FROM item_barcode WHERE code = '4006381333931'")
    assert owner == boss_item.id
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT tbl FROM sync_refused").scalars().all() == ["item_barcode"]


def test_locations_and_a_lot_both_desks_received_offline_meet_in_one_place_everywhere(shop):
    """Lots get their id from (item, code): two desks receiving lot L1 offline make one lot, not two."""
    from datetime import date

    from stockdesk.services.places import locations
    from stockdesk.services.places.place_levels import item_places
    from stockdesk.services.places.placing import PlaceChoice

    a_db, a = shop.desk("counter-1")
    b_db, b = shop.desk("counter-2")
    synced(a)
    boss_a = login(a_db, *BOSS)
    shelf = locations.create_location(a_db.uow(), boss_a, store_id=shop.main.id, code="A-01")
    milk = catalog.create_item(a_db.uow(), boss_a, sku="MILK", name="Milk", tracking="expiry")
    synced(a)
    synced(b)
    boss_b = login(b_db, *BOSS)
    lot = PlaceChoice(lot="L1", expires_on=date(2030, 1, 31), location_id=shelf.id)
    stock.receive(a_db.uow(), boss_a, item_id=milk.id, store_id=shop.main.id, quantity="4", place=lot)
    stock.receive(b_db.uow(), boss_b, item_id=milk.id, store_id=shop.main.id, quantity="6", place=lot)
    stock.sell(b_db.uow(), boss_b, item_id=milk.id, store_id=shop.main.id, quantity="1")
    for service in (a, b, a):
        synced(service)
    for db in (a_db, b_db, shop.db):
        places = [
            (p.location_code, p.lot_code, p.expires_on, p.on_hand) for p in item_places(db.uow(), milk.id)
        ]
        assert places == [("A-01", "L1", date(2030, 1, 31), Decimal(9))]
        assert check.find_differences(db.uow()) == []


def test_a_movement_at_another_stores_location_or_a_lot_with_a_forged_id_is_refused(shop, clerk_desk):
    import uuid

    from stockdesk.services.places import locations
    from stockdesk.services.places.placing import PlaceChoice

    branch = organisation.create_store(shop.db.uow(), shop.boss, code="BR", name="Branch")
    far_shelf = locations.create_location(shop.db.uow(), shop.boss, store_id=branch.id, code="BR-01")
    db, service, _ = clerk_desk
    synced(service)
    clerk = login(db, "clerk@example.com", "clerk-pass-1")
    glue = catalog.create_item(db.uow(), clerk, sku="GLUE", name="Glue", tracking="lot")
    good = stock.receive(
        db.uow(), clerk, item_id=glue.id, store_id=shop.main.id, quantity="2", place=PlaceChoice(lot="B1")
    )
    forged_lot = uuid.uuid4()
    with db.engine.begin() as connection:  # what a tampered desk writes straight into its file
        connection.exec_driver_sql(
            "INSERT INTO lot (id, item_id, code, created_at, updated_at, updated_by, origin_desk, hlc, "
            "deleted) SELECT ?, item_id, 'B2', created_at, updated_at, updated_by, origin_desk, '', 0 "
            "FROM lot",
            (forged_lot.hex,),
        )
        for column, value in (("location_id", far_shelf.id.hex), ("lot_id", forged_lot.hex)):
            connection.exec_driver_sql(
                f"INSERT INTO stock_movement (id, item_id, store_id, kind, quantity, reference, {column}, "
                "user_id, at, created_at, updated_at, updated_by, origin_desk, hlc, deleted) "
                f"SELECT ?, item_id, store_id, 'receive', 1000, 'forged', ?, user_id, at, created_at, "
                "updated_at, updated_by, origin_desk, '', 0 FROM stock_movement WHERE id = ?",
                (uuid.uuid4().hex, value, good.id.hex),
            )
    synced(service)
    with db.engine.connect() as connection:
        refused = sorted(connection.exec_driver_sql("SELECT tbl, reason FROM sync_refused").all())
    expected = [
        ("lot", "a lot's id must be derived from its item and code"),
        ("stock_movement", f"location {far_shelf.id} is not a location of the movement's store"),
        ("stock_movement", f"lot {forged_lot} is not a lot of the movement's item"),
    ]
    assert [(tbl, any(reason.endswith(e) for _t, e in expected)) for tbl, reason in refused] == [
        (t, True) for t, _e in expected
    ]
    assert _server_value(shop, "SELECT sum(quantity) FROM stock_movement WHERE item_id = :i", i=glue.id) == 2
    assert check.find_differences(shop.db.uow()) == []


def test_a_managers_correction_of_a_use_by_date_travels_and_a_clerks_forged_one_is_refused(shop, clerk_desk):
    from datetime import date

    from stockdesk.services.places import lots
    from stockdesk.services.places.place_levels import item_places
    from stockdesk.services.places.placing import PlaceChoice

    db, service, _ = clerk_desk
    clerk = login(db, "clerk@example.com", "clerk-pass-1")
    milk = catalog.create_item(db.uow(), clerk, sku="MILK", name="Milk", tracking="expiry")
    typed = PlaceChoice(lot="L1", expires_on=date(2031, 1, 31))
    stock.receive(db.uow(), clerk, item_id=milk.id, store_id=shop.main.id, quantity="4", place=typed)
    synced(service)
    boss_db, boss_service = shop.desk("office")
    synced(boss_service)
    boss = login(boss_db, *BOSS)
    [place] = item_places(boss_db.uow(), milk.id)
    right = date(2030, 1, 31)
    lots.correct_lot_expiry(boss_db.uow(), boss, place.lot_id, expires_on=right, reason="misprint")
    synced(boss_service)
    synced(service)
    for where in (db, shop.db):
        assert [p.expires_on for p in item_places(where.uow(), milk.id)] == [date(2030, 1, 31)]
    # A tampered clerk's desk writes another date straight into its file: the server keeps the manager's.
    with db.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE lot SET expires_on = '2032-01-31', updated_by = ? WHERE id = ?",
            (clerk.id.hex, place.lot_id.hex),
        )
    synced(service)
    assert _server_value(shop, "SELECT expires_on FROM lot WHERE id = :i", i=place.lot_id) == right
    with db.engine.connect() as connection:
        refused = connection.exec_driver_sql("SELECT tbl, reason FROM sync_refused").all()
    assert [(tbl, "correct a lot's use-by date" in reason) for tbl, reason in refused] == [("lot", True)]
