"""`stockdesk serve` and `stockdesk api-key create|list|revoke`: the HTTP/JSON API and its keys.

The server's stack (FastAPI, uvicorn, pydantic) loads only inside `serve`, so other commands stay light.
"""

from __future__ import annotations

import argparse

from stockdesk.cli.database import database_url, open_db
from stockdesk.cli.options import Commands
from stockdesk.services.accounts import api_keys, users


def add_commands(commands: Commands) -> None:
    parser = commands.add_parser("serve", help="start the HTTP/JSON API server (docs at /api/v1/docs)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this PC only)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1, help="processes (PostgreSQL only for more than 1)")
    parser.add_argument("--certfile", help="TLS certificate (PEM); or run behind a reverse proxy")
    parser.add_argument("--keyfile", help="TLS private key (PEM)")
    parser.add_argument("--max-body", type=int, default=1_000_000, help="largest request body in bytes")
    parser.add_argument(
        "--log-level",
        default="info",
        choices=("critical", "error", "warning", "info", "debug"),
        help="uvicorn's log level (info logs every request)",
    )
    parser.set_defaults(handler=_cmd_serve)

    keys = commands.add_parser("api-key", help="API keys for integrations (web shop, ERP)")
    verbs = keys.add_subparsers(title="actions", metavar="ACTION", required=True)
    create = verbs.add_parser("create", help="make a key; it is shown once")
    create.add_argument("--name", required=True)
    create.add_argument("--scope", choices=api_keys.SCOPES, required=True)
    create.add_argument("--store", help="limit writes to this store code")
    create.set_defaults(handler=_cmd_key_create)
    verbs.add_parser("list", help="list keys (never their secrets)").set_defaults(handler=_cmd_key_list)
    revoke = verbs.add_parser("revoke", help="stop a key working at once")
    revoke.add_argument("name")
    revoke.set_defaults(handler=_cmd_key_revoke)


def _cmd_serve(args: argparse.Namespace) -> int:
    from stockdesk.api.server import serve  # uvicorn and FastAPI load only for this command
    from stockdesk.api.settings import ApiSettings

    settings = ApiSettings(database_url=database_url(args), max_body_bytes=args.max_body)
    serve(
        settings,
        host=args.host,
        port=args.port,
        workers=args.workers,
        certfile=args.certfile,
        keyfile=args.keyfile,
        log_level=args.log_level,
    )
    return 0


def _cmd_key_create(args: argparse.Namespace) -> int:
    db = open_db(args)
    made = api_keys.create_key(
        db.uow(), users.system_actor(db.uow()), name=args.name, scope=args.scope, store_code=args.store
    )
    where = f", store {made.view.store_code}" if made.view.store_code else ""
    print(f"API key {made.view.name!r} ({made.view.scope}{where}):")
    print(made.secret)
    print("It is shown only now: store it in the integration's settings.")
    return 0


def _cmd_key_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    for key in api_keys.list_keys(db.uow(), users.system_actor(db.uow())):
        state = "revoked" if key.revoked else "active"
        shown = f"sdk_{key.prefix}_…"
        store = key.store_code or "-"
        print(f"{key.name}\t{key.scope}\t{store}\t{shown}\t{state}\t{key.created_at:%Y-%m-%d}")
    return 0


def _cmd_key_revoke(args: argparse.Namespace) -> int:
    db = open_db(args)
    key = api_keys.revoke_key(db.uow(), users.system_actor(db.uow()), args.name)
    print(f"API key {key.name!r} revoked")
    return 0
