"""`stockdesk serve` and `stockdesk api-key` as an operator runs them."""

from __future__ import annotations

import os
import sys

import httpx
import pytest

from stockdesk.cli import main
from stockdesk.services.accounts import users
from stockdesk.services.database import open_database
from tests.support.api_server import ROOT
from tests.support.serve_process import free_port, serving


@pytest.fixture
def shop_file(tmp_path):
    path = tmp_path / "shop.sqlite"
    db = open_database(str(path))
    users.create_first_admin(db.uow(), email="admin@example.com", password="admin-pass-1")
    db.close()
    return path


def test_api_key_create_shows_the_key_once_then_list_and_revoke(shop_file, capsys):
    assert main(["--db", str(shop_file), "api-key", "create", "--name", "shop", "--scope", "read"]) == 0
    secret = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("sdk_"))
    assert main(["--db", str(shop_file), "api-key", "list"]) == 0
    listed = capsys.readouterr().out
    assert "shop\tread" in listed and "active" in listed
    assert secret not in listed  # never shown again
    assert main(["--db", str(shop_file), "api-key", "revoke", "shop"]) == 0
    assert main(["--db", str(shop_file), "api-key", "list"]) == 0
    assert "revoked" in capsys.readouterr().out


def test_an_unknown_store_for_a_key_is_a_one_line_error(shop_file, capsys):
    code = main(
        ["--db", str(shop_file), "api-key", "create", "--name", "x", "--scope", "write", "--store", "NOPE"]
    )
    assert code == 2
    assert "store NOPE not found" in capsys.readouterr().err


def test_serve_refuses_several_workers_on_a_sqlite_file(shop_file, capsys):
    assert main(["--db", str(shop_file), "serve", "--workers", "2"]) == 2
    assert "--workers" in capsys.readouterr().err


def test_stockdesk_serve_answers_on_the_chosen_port(shop_file):
    port = free_port()
    command = [sys.executable, "-m", "stockdesk", "--db", str(shop_file), "serve", "--port", str(port)]
    with serving(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}):
        answer = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/auth/token",
            json={"email": "admin@example.com", "password": "admin-pass-1"},
        )
        assert answer.status_code == 200
        assert answer.json()["token_type"] == "Bearer"
