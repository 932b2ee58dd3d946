"""`stockdesk mail --flush`, `stockdesk reorder --out` and the stocktake commands, headless."""

from __future__ import annotations

import csv

from stockdesk.cli import main
from stockdesk.config import Config, ConfigStore, SmtpConfig
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog
from stockdesk.services.database import open_database
from stockdesk.services.inventory import stock
from stockdesk.services.planning import alert_recipients
from tests.support.smtp import SmtpServer


def setup_file(path):
    db = open_database(str(path))
    admin = users.create_first_admin(db.uow(), email="admin@example.com", password="admin-pass-1")
    from stockdesk.services.catalogue import organisation

    store = organisation.create_store(db.uow(), admin, code="MAIN", name="Main")
    item = catalog.create_item(db.uow(), admin, sku="HAM", name="Hammer", reorder_point="5")
    stock.receive(db.uow(), admin, item_id=item.id, store_id=store.id, quantity="10")
    return db, admin, store, item


def test_mail_flush_sends_the_queue_headless(tmp_path, capsys):
    db, admin, store, item = setup_file(tmp_path / "d.sqlite")
    server = SmtpServer().start()
    try:
        smtp = SmtpConfig(host="127.0.0.1", port=server.port, security="none", sender="d@example.com")
        ConfigStore().save(Config(smtp=smtp))  # the configuration the window's settings dialog saves
        alert_recipients.add_recipient(db.uow(), admin, email="buyer@example.com")
        stock.sell(db.uow(), admin, item_id=item.id, store_id=store.id, quantity="6")
        assert main(["--db", str(tmp_path / "d.sqlite"), "mail"]) == 0
        assert "1 e-mail(s) not sent yet" in capsys.readouterr().out
        assert main(["--db", str(tmp_path / "d.sqlite"), "mail", "--flush"]) == 0
        assert "sent 1" in capsys.readouterr().out
        assert len(server.inbox.messages) == 1
    finally:
        server.stop()
        db.close()


def test_reorder_writes_suggestions_with_reasons(tmp_path, capsys):
    db, admin, store, item = setup_file(tmp_path / "d.sqlite")
    stock.sell(db.uow(), admin, item_id=item.id, store_id=store.id, quantity="8")
    db.close()
    out = tmp_path / "s.csv"
    assert main(["--db", str(tmp_path / "d.sqlite"), "reorder", "--store", "MAIN", "--out", str(out)]) == 0
    [row] = list(csv.DictReader(out.open(encoding="utf-8")))
    assert row["sku"] == "HAM" and row["suggested_qty"] != "0" and "set by manager" in row["reason"]
    assert main(["--db", str(tmp_path / "d.sqlite"), "reorder", "--store", "NOPE", "--out", str(out)]) == 2
    assert "store NOPE not found" in capsys.readouterr().err


def test_stocktake_start_count_post(tmp_path, capsys):
    db, _admin, store, item = setup_file(tmp_path / "d.sqlite")
    db.close()
    url = str(tmp_path / "d.sqlite")
    assert main(["--db", url, "stocktake", "start", "--store", "MAIN"]) == 0
    take_id = capsys.readouterr().out.split()[1]
    counts = tmp_path / "counts.csv"
    counts.write_text("code,quantity\nHAM,7\n", encoding="utf-8")
    assert main(["--db", url, "stocktake", "count", take_id, str(counts)]) == 0
    assert main(["--db", url, "stocktake", "post", take_id]) == 0
    assert "posted 1 count movement" in capsys.readouterr().out
    db = open_database(url)
    assert stock.on_hand_of(db.uow(), item.id, store.id) == 7
    db.close()
    assert main(["--db", url, "stocktake", "post", take_id]) == 2
    assert "already posted" in capsys.readouterr().err
