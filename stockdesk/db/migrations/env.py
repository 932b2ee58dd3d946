"""Alembic environment: the app passes an open connection in `config.attributes`."""

from __future__ import annotations

from alembic import context

from stockdesk.db import schema  # noqa: F401 - registers every table
from stockdesk.db.base import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    from stockdesk.db.engine import make_engine

    connection = make_engine(config.get_main_option("sqlalchemy.url") or "").connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
