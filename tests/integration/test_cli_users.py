"""`stockdesk user ...`: a server's accounts set up without a window, with the wizard's rules."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from stockdesk.cli import main
from stockdesk.domain.errors import AuthenticationFailed
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import open_database


@pytest.fixture
def url(tmp_path) -> str:
    return str(tmp_path / "server.sqlite")


def typed(monkeypatch, *lines: str) -> None:
    """What a person types at the password prompts, in order."""
    answers = iter(lines)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))


def piped(monkeypatch, *lines: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


def login(url: str, email: str, password: str):
    db = open_database(url)
    try:
        return users.authenticate(db.uow(), email=email, password=password)
    finally:
        db.close()


def first_admin(url: str, monkeypatch) -> None:
    typed(monkeypatch, "boss-pass-1", "boss-pass-1")
    assert main(["user", "add", "--email", "boss@example.com", "--role", "admin", "--db", url]) == 0


def test_the_first_administrator_is_created_from_a_prompt_and_can_log_in(url, monkeypatch, capsys):
    first_admin(url, monkeypatch)
    assert "created administrator boss@example.com" in capsys.readouterr().out
    assert login(url, "boss@example.com", "boss-pass-1").role.value == "admin"


@pytest.mark.parametrize(
    ("arguments", "typed_lines", "refusal"),
    [
        (["--role", "clerk"], [], "role: 'clerk' must be admin"),
        (["--role", "admin"], ["short", "short"], "must have at least 8 characters"),
        (["--role", "admin"], ["boss-pass-1", "boss-pass-2"], "typed differently"),
        (["--role", "admin", "--store", "MAIN"], [], "store: 'MAIN' cannot be given"),
    ],
)
def test_the_first_administrator_is_refused_as_the_wizard_refuses(
    url, monkeypatch, capsys, arguments, typed_lines, refusal
):
    typed(monkeypatch, *typed_lines)
    assert main(["--db", url, "user", "add", "--email", "boss@example.com", *arguments]) == 2
    assert refusal in capsys.readouterr().err
    db = open_database(url)
    assert not users.has_users(db.uow())  # nothing half-written
    db.close()


def test_an_address_that_is_not_one_is_refused(url, monkeypatch, capsys):
    typed(monkeypatch, "boss-pass-1", "boss-pass-1")
    assert main(["--db", url, "user", "add", "--email", "boss@example", "--role", "admin"]) == 2
    assert "is not an e-mail address" in capsys.readouterr().err


def test_later_accounts_list_change_password_and_deactivate(url, monkeypatch, capsys):
    first_admin(url, monkeypatch)
    db = open_database(url)
    boss = users.authenticate(db.uow(), email="boss@example.com", password="boss-pass-1")
    organisation.create_store(db.uow(), boss, code="MAIN", name="Main")
    db.close()
    piped(monkeypatch, "clerk-pass-1")
    assert (
        main(
            [
                "--db",
                url,
                "user",
                "add",
                "--email",
                "Cleo@example.com",
                "--role",
                "clerk",
                "--name",
                "Cleo",
                "--store",
                "MAIN",
                "--password-stdin",
            ]
        )
        == 0
    )
    assert login(url, "cleo@example.com", "clerk-pass-1").role.value == "clerk"

    capsys.readouterr()
    assert main(["--db", url, "user", "list"]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert rows == [
        ["boss@example.com", "admin", "active", "-"],
        ["Cleo@example.com", "clerk", "active", "MAIN", "Cleo"],
    ]

    typed(monkeypatch, "clerk-pass-2", "clerk-pass-2")
    assert main(["--db", url, "user", "passwd", "--email", "cleo@example.com"]) == 0
    assert login(url, "cleo@example.com", "clerk-pass-2")

    assert main(["--db", url, "user", "deactivate", "--email", "cleo@example.com"]) == 0
    with pytest.raises(AuthenticationFailed):
        login(url, "cleo@example.com", "clerk-pass-2")
    capsys.readouterr()
    assert main(["--db", url, "user", "list"]) == 0
    assert "inactive" in capsys.readouterr().out


def test_acting_as_a_named_administrator_needs_their_password(url, monkeypatch, capsys):
    first_admin(url, monkeypatch)
    piped(monkeypatch, "wrong-pass", "mgr-pass-1")
    assert (
        main(
            [
                "--db",
                url,
                "user",
                "add",
                "--as",
                "boss@example.com",
                "--password-stdin",
                "--email",
                "mo@example.com",
                "--role",
                "manager",
            ]
        )
        == 2
    )
    assert "wrong e-mail or password" in capsys.readouterr().err
    piped(monkeypatch, "boss-pass-1", "mgr-pass-1")
    assert (
        main(
            [
                "--db",
                url,
                "user",
                "add",
                "--as",
                "boss@example.com",
                "--password-stdin",
                "--email",
                "mo@example.com",
                "--role",
                "manager",
            ]
        )
        == 0
    )
    assert login(url, "mo@example.com", "mgr-pass-1").role.value == "manager"


def test_a_manager_acting_as_themself_may_not_manage_accounts(url, monkeypatch, capsys):
    first_admin(url, monkeypatch)
    piped(monkeypatch, "mgr-pass-1")
    assert (
        main(
            ["--db", url, "user", "add", "--email", "mo@example.com", "--role", "manager", "--password-stdin"]
        )
        == 0
    )
    piped(monkeypatch, "mgr-pass-1")
    assert main(["--db", url, "user", "list", "--as", "mo@example.com", "--password-stdin"]) == 2
    assert capsys.readouterr().err.startswith("stockdesk: ")


def test_the_oldest_administrator_cannot_deactivate_itself(url, monkeypatch, capsys):
    first_admin(url, monkeypatch)
    assert main(["--db", url, "user", "deactivate", "--email", "boss@example.com"]) == 2
    assert "would lock you out" in capsys.readouterr().err
    assert login(url, "boss@example.com", "boss-pass-1")


def test_a_server_is_set_up_over_a_pipe_without_a_terminal(tmp_path):
    url = str(tmp_path / "piped.sqlite")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "stockdesk",
            "user",
            "add",
            "--email",
            "root@example.com",
            "--role",
            "admin",
            "--password-stdin",
            "--db",
            url,
        ],
        input="root-pass-1\n",
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "root-pass-1" not in done.stdout + done.stderr
    assert login(url, "root@example.com", "root-pass-1")
