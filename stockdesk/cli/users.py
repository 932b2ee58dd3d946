"""`stockdesk user add|list|passwd|deactivate`: accounts without a window (a server set up over SSH).

Who acts. The first administrator of an empty database is created by no one, with the wizard's
rules and refusals: only while no account exists, a real e-mail address, a password of at least 8
characters typed twice the same. Every later command runs as the machine's operator: whoever can
run it holds the database (the file, or a server URL with its credentials) and could change it
directly, so it acts as the oldest active administrator, as `import` and `stocktake` do, and the
audit trail names that account. `--as EMAIL` acts as that administrator instead, after their
password, so the trail names the person.

Passwords are never arguments (they would stay in the shell history and in `ps`): a prompt that
does not echo, or `--password-stdin`: one line each, the `--as` password first, then the new one.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from stockdesk.cli.database import open_db
from stockdesk.cli.options import CommandParser, Commands
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.ids import StoreId
from stockdesk.domain.permissions import Actor, Role
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database
from stockdesk.services.views import UserView

ROLES = tuple(role.value for role in Role)


def add_commands(commands: Commands) -> None:
    group = commands.add_parser(
        "user",
        help="add, list and deactivate accounts; set a password",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    steps = group.add_subparsers(title="user commands", metavar="STEP", required=True)

    add = steps.add_parser("add", help="add an account (the first one: the administrator)")
    add.add_argument("--email", required=True)
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--name", default="", help="the name shown in the window and the audit trail")
    add.add_argument(
        "--store", action="append", default=[], metavar="CODE", help="a store the account works in (repeat)"
    )
    _acting_options(add)
    add.set_defaults(handler=_cmd_add)

    listing = steps.add_parser("list", help="every account: e-mail, role, active or not, stores, name")
    _acting_options(listing)
    listing.set_defaults(handler=_cmd_list)

    passwd = steps.add_parser("passwd", help="set a new password for an account")
    passwd.add_argument("--email", required=True)
    _acting_options(passwd)
    passwd.set_defaults(handler=_cmd_passwd)

    deactivate = steps.add_parser("deactivate", help="stop an account from logging in (its history stays)")
    deactivate.add_argument("--email", required=True)
    _acting_options(deactivate)
    deactivate.set_defaults(handler=_cmd_deactivate)

    unlock = steps.add_parser("unlock", help="lift the failed log-in back-off of an e-mail and/or a source")
    unlock.add_argument("--email", default="")
    unlock.add_argument("--source", default="", help="also lift this source's back-off (desk, an address)")
    _acting_options(unlock)
    unlock.set_defaults(handler=_cmd_unlock)

    grant = steps.add_parser("grant-adjust", help="let a clerk post adjustments (write-offs)")
    grant.add_argument("--email", required=True)
    grant.add_argument("--revoke", action="store_true", help="take the permission away again")
    _acting_options(grant)
    grant.set_defaults(handler=_cmd_grant_adjust)


def _acting_options(parser: CommandParser) -> None:
    parser.add_argument(
        "--as",
        dest="as_email",
        metavar="EMAIL",
        help="act as this administrator (asks their password) instead of the oldest administrator",
    )
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read passwords from standard input, one line each (--as password first), no prompt",
    )


class Passwords:
    """Passwords from a prompt that does not echo, or lines of standard input."""

    def __init__(self, *, from_stdin: bool) -> None:
        self.from_stdin = from_stdin

    def read(self, prompt: str, *, twice: bool) -> str:
        if self.from_stdin:
            line = sys.stdin.readline()
            if not line:
                raise ValidationError("password", "", "is missing on standard input")
            return line.rstrip("\r\n")
        try:
            password = getpass.getpass(prompt)
            if twice and getpass.getpass("The same password again: ") != password:
                raise ValidationError(
                    "password", "•" * len(password), "was typed differently the second time"
                )
        except EOFError:
            raise ValidationError("password", "", "was not typed") from None
        return password


def _acting(db: Database, args: argparse.Namespace, passwords: Passwords) -> Actor:
    if args.as_email:
        password = passwords.read(f"Password of {args.as_email}: ", twice=False)
        return users.authenticate(db.uow(), email=args.as_email, password=password)
    return users.system_actor(db.uow())


def _store_ids(db: Database, codes: list[str]) -> list[StoreId]:
    known = organisation.store_ids_by_code(db.uow())
    missing = [code for code in codes if code not in known]
    if missing:
        raise ValidationError("store", missing[0], f"is not a store code (known: {', '.join(sorted(known))})")
    return [known[code] for code in codes]


def _cmd_add(args: argparse.Namespace) -> int:
    db = open_db(args)
    passwords = Passwords(from_stdin=args.password_stdin)
    if not users.has_users(db.uow()):
        return _add_first_admin(db, args, passwords)
    actor = _acting(db, args, passwords)
    store_ids = _store_ids(db, args.store)
    password = passwords.read(f"Password for {args.email}: ", twice=True)
    made = users.create_user(
        db.uow(),
        actor,
        email=args.email,
        password=password,
        role=args.role,
        name=args.name,
        store_ids=store_ids,
    )
    print(f"created {made.role} {made.email}")
    return 0


def _add_first_admin(db: Database, args: argparse.Namespace, passwords: Passwords) -> int:
    """As the wizard: the first account is the administrator who sets up stores and users."""
    if args.role != Role.ADMIN.value:
        raise ValidationError("role", args.role, "must be admin: the first account sets up the others")
    if args.as_email:
        raise ValidationError("as", args.as_email, "names no account: this database has none yet")
    if args.store:
        raise ValidationError(
            "store", args.store[0], "cannot be given: an administrator works in every store"
        )
    password = passwords.read(f"Password for {args.email}: ", twice=True)
    actor = users.create_first_admin(db.uow(), email=args.email, password=password, name=args.name)
    print(f"created administrator {actor.email}, the first account of {db.description}")
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = _acting(db, args, Passwords(from_stdin=args.password_stdin))
    codes = {store.id: store.code for store in organisation.list_stores(db.uow())}
    accounts = users.list_users(db.uow(), actor)
    width = max((len(account.email) for account in accounts), default=5)
    for account in accounts:
        stores = ",".join(sorted(codes.get(store_id, "?") for store_id in account.store_ids)) or "-"
        state = "active" if account.active else "inactive"
        print(
            f"{account.email:<{width}}  {account.role:<7}  {state:<8}  {stores:<12}  {account.name}".rstrip()
        )
    return 0


def _target(db: Database, actor: Actor, email: str) -> UserView:
    return users.find_user(db.uow(), actor, email)


def _cmd_passwd(args: argparse.Namespace) -> int:
    db = open_db(args)
    passwords = Passwords(from_stdin=args.password_stdin)
    actor = _acting(db, args, passwords)
    account = _target(db, actor, args.email)
    password = passwords.read(f"New password for {account.email}: ", twice=True)
    users.reset_password(db.uow(), actor, account.id, new_password=password)
    print(f"password of {account.email} changed")
    return 0


def _cmd_deactivate(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = _acting(db, args, Passwords(from_stdin=args.password_stdin))
    account = _target(db, actor, args.email)
    users.update_user(db.uow(), actor, account.id, active=False)
    print(f"{account.email} deactivated: the account can no longer log in")
    return 0


def _cmd_unlock(args: argparse.Namespace) -> int:
    if not args.email and not args.source:
        raise ValidationError("email", "", "name an e-mail, a --source, or both")
    db = open_db(args)
    actor = _acting(db, args, Passwords(from_stdin=args.password_stdin))
    removed = users.unlock(db.uow(), actor, email=args.email, source=args.source)
    print(f"unlocked {args.email or args.source} ({removed} back-off record(s) removed)")
    return 0


def _cmd_grant_adjust(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = _acting(db, args, Passwords(from_stdin=args.password_stdin))
    view = users.set_may_adjust(db.uow(), actor, email=args.email, allowed=not args.revoke)
    print(f"{view.email} {'may' if view.may_adjust else 'may not'} post adjustments")
    return 0
