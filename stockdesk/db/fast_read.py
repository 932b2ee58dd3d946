"""A small read on the hottest path (a scan's look-up) run straight on a pooled DB-API connection.

Executing even a cached Core statement costs SQLAlchemy ~50-90 µs of bookkeeping (an execution
context, parameter and result set-up, a Connection around the pooled one): several times what SQLite
spends on an indexed join of a few rows. Here the statement is compiled once per dialect, its
parameter order and each column's result conversion are looked up once, and each run is one
`cursor.execute` on a connection from the engine's pool (checked out and returned as SQLAlchemy
would, with its reset, but not pinged: a connection found dead is replaced and the read run again),
or, for the reads an API worker runs on its event loop, on a connection kept for them (kept_reads).
The SQL and the values are exactly those SQLAlchemy would have produced; only single-statement reads
take this path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import CompoundSelect, Engine, Select
from sqlalchemy.engine import Dialect

from stockdesk.db import idle_ping, kept_reads

Converter = Callable[[Any], Any] | None


class _DeadConnection(Exception):
    """The pooled connection was dead (and is thrown away); `error` is what the driver said."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass
class _Compiled:
    sql: str
    positional: list[str] | None  # parameter names in placeholder order; None for named placeholders
    binds: dict[str, Converter]
    values: dict[str, Any]  # what each parameter was built with: used when a run does not give it
    results: list[Converter] | None = None  # known after the first run (needs the driver's type codes)


class FastRead:
    """`statement` run as plain driver calls; `rows(engine, params)` gives converted tuples.

    A parameter missing from `params` takes the value its bind was built with (a LIMIT, a filter's
    fixed value), so a statement built once for a shape of query is run with only what varies."""

    def __init__(self, statement: Select[Any] | CompoundSelect[Any], *, plan: Plan | None = None) -> None:
        """`plan` (PostgreSQL, see _GENERIC): "generic" when the best plan does not depend on the values
        (a keyset page of the whole list walks its sort index from any edge): planned once for all of
        them; "custom" when it does (a category of 100 items or of 100,000): planned for each run's."""
        self.statement = statement
        self.plan = plan
        self._by_dialect: dict[str, _Compiled] = {}

    def _compiled(self, dialect: Dialect) -> _Compiled:
        compiled = self._by_dialect.get(dialect.name)
        if compiled is None:
            done = self.statement.compile(dialect=dialect)
            # Keyed by the compiled name: an anonymous bind (a LIMIT's) is "param_1" there, not its key.
            binds: dict[str, Converter] = {name: bind.type.dialect_impl(dialect).bind_processor(dialect)
                     for name, bind in done.binds.items()}
            positional = list(done.positiontup) if done.positiontup is not None else None
            values = {name: bind.value for name, bind in done.binds.items()}
            compiled = self._by_dialect[dialect.name] = _Compiled(done.string, positional, binds, values)
        return compiled

    def _results(self, dialect: Dialect, description: Sequence[Sequence[Any]]) -> list[Converter]:
        # The driver's type code decides some conversions (psycopg's NUMERIC vs FLOAT), hence the first run.
        return [column.type.dialect_impl(dialect).result_processor(dialect, entry[1])
                for column, entry in zip(self.statement.selected_columns, description, strict=True)]

    def sql(self, dialect: Dialect) -> str:
        """The SQL sent to the driver (tests explain it)."""
        return self._compiled(dialect).sql

    def arguments(self, dialect: Dialect, params: Mapping[str, Any]) -> Any:
        """The driver's parameters for `params`: a tuple for "?" placeholders, else a dict."""
        compiled = self._compiled(dialect)
        given = {name: params.get(name, compiled.values[name]) for name in compiled.binds}
        values = {name: convert(given[name]) if convert else given[name]
                  for name, convert in compiled.binds.items()}
        order = compiled.positional
        return values if order is None else tuple(values[name] for name in order)

    def rows(self, engine: Engine, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        return rows_together(engine, [(self, params)])[0]

    def _describe(self, dialect: Dialect) -> bool:
        """Whether the driver's description is still needed (read once: building it costs each run)."""
        return self._compiled(dialect).results is None

    def _converted(self, dialect: Dialect, fetched: Sequence[Any], description: Any) -> list[tuple[Any, ...]]:
        compiled = self._compiled(dialect)
        if compiled.results is None:
            compiled.results = self._results(dialect, description)
        converted = [(i, convert) for i, convert in enumerate(compiled.results) if convert is not None]
        if not converted:  # the driver's own values (psycopg's Decimals, UUIDs, strings): as they are
            return list(fetched)
        rows = []
        for row in fetched:
            values = list(row)
            for i, convert in converted:
                if values[i] is not None:
                    values[i] = convert(values[i])
            rows.append(tuple(values))
        return rows


Rows = list[tuple[Any, ...]]
_Fetched = list[tuple[Sequence[Any], Any]]  # each read's driver rows and cursor description


def rows_together(engine: Engine, reads: Sequence[tuple[FastRead, Mapping[str, Any]]]) -> list[Rows]:
    """The rows of each read, all run on one pooled connection; on PostgreSQL in one round trip.

    A request that asks several independent things before its work (its token's session and its
    idempotency key's answer) waits for one answer instead of several (psycopg's pipeline mode)."""
    dialect = engine.dialect
    if dialect.server_version_info is None:
        # The dialect learns the server's settings on its engine's first connection. Compiled before
        # that, it assumed a server without standard strings and doubled the backslash of a LIKE's
        # ESCAPE; PostgreSQL refused the two characters, on every later run too (compiled once).
        with engine.connect():
            pass
    postgresql = dialect.name == "postgresql"
    work = [
        _Work(read._compiled(dialect).sql, read.arguments(dialect, params), read._describe(dialect),
              prepare=False if postgresql and read.plan == "custom" else None)
        for read, params in reads
    ]
    generic = postgresql and any(read.plan == "generic" for read, _params in reads)
    try:
        fetched = _fetched(engine, work, generic)
    except _DeadConnection:
        try:
            fetched = _fetched(engine, work, generic)  # once more, on a fresh connection
        except _DeadConnection as dead:
            raise dead.error from None  # the server itself is away
    return [read._converted(dialect, rows, description)
            for (read, _params), (rows, description) in zip(reads, fetched, strict=True)]


# psycopg prepares a statement it has run five times, and PostgreSQL then weighs one generic plan
# against planning each run for its values, by its estimates alone. For a keyset page it kept planning
# (its generic estimate of `name >= $1` is a third of the table): 0.3 of the 0.5 ms the server spent
# on a deep page. For a filtered page it may settle on a generic plan that suits the values it saw
# and not the next ones: walking the price index for a category's items is quick for a big category
# and reads most of the table for a small one. So a "custom" read is never prepared (an unnamed
# statement is planned for its values), and "generic" reads run in a read-only transaction that asks
# for the generic plan (SET LOCAL: it ends with the transaction, whatever happens), still in one round
# trip: the deep page's server work fell from 0.5 to 0.21 ms.
Plan = Literal["generic", "custom"]
_GENERIC = ("BEGIN READ ONLY", "SET LOCAL plan_cache_mode = force_generic_plan")


@dataclass(frozen=True)
class _Work:
    sql: str
    arguments: Any
    describe: bool  # the cursor's description is wanted (FastRead._describe)
    prepare: bool | None  # psycopg's: False never prepares, None prepares a statement run often


def _execute(cursor: Any, work: _Work) -> None:
    if work.prepare is None:
        cursor.execute(work.sql, work.arguments)
    else:
        cursor.execute(work.sql, work.arguments, prepare=work.prepare)


def _fetched(engine: Engine, work: list[_Work], generic: bool = False) -> _Fetched:
    """The driver's rows of each statement, on a pooled connection taken without a ping (idle_ping
    says why), or on a kept one (kept_reads). A connection found dead is thrown away and
    `_DeadConnection` raised: the caller may run it again. `generic` (PostgreSQL): the statements run
    with their generic plans (see _GENERIC)."""
    kept = kept_reads.kept_for(engine)
    if kept is not None:
        return _fetched_kept(engine, kept, work, generic)
    connection = idle_ping.unpinged_connection(engine)
    driver = connection.driver_connection
    # One statement is its own consistent snapshot: on PostgreSQL run it in autocommit, one round
    # trip instead of three (BEGIN, the query, the ROLLBACK of the pool's reset).
    autocommit = engine.dialect.name == "postgresql"
    try:
        if autocommit:
            driver.autocommit = True  # type: ignore[union-attr]
        return _run(connection, driver, work, pipelined=autocommit, generic=generic)
    except engine.dialect.loaded_dbapi.Error as error:
        if engine.dialect.is_disconnect(error, driver, None):
            connection.invalidate(error)
            raise _DeadConnection(error) from error
        raise
    finally:
        try:
            if autocommit and connection.is_valid:
                # A failed statement leaves its transaction (a generic plan's) open: end it before leaving
                # autocommit, which psycopg refuses inside a transaction.
                driver.rollback()  # type: ignore[union-attr]
                driver.autocommit = False  # type: ignore[union-attr]
        finally:
            connection.close()  # back to the pool, reset as SQLAlchemy's own checkouts are


def _fetched_kept(engine: Engine, kept: kept_reads.KeptReads, work: list[_Work], generic: bool) -> _Fetched:
    """`_fetched` on a kept connection: in autocommit already, and the generic one plans generically
    for the whole session, so no transaction is needed to ask for it."""
    connection = kept.connection(generic)
    try:
        return _run(connection, connection, work, pipelined=True, generic=False)
    except Exception as error:
        kept.drop(generic)  # whatever failed, the next read starts on a fresh connection
        dead = isinstance(error, engine.dialect.loaded_dbapi.Error) and engine.dialect.is_disconnect(
            error, connection, None
        )
        if dead:
            raise _DeadConnection(error) from error
        raise


def _run(connection: Any, driver: Any, work: list[_Work], *, pipelined: bool, generic: bool) -> _Fetched:
    """Each statement's rows, on `connection` (pooled or the driver's own; `driver`: the driver's), in
    one pipeline when `pipelined` and more than one; `generic`: inside a transaction that asks for
    generic plans (_GENERIC)."""
    if len(work) == 1 and not generic:  # the usual case, without the pipeline's set-up
        cursor = connection.cursor()
        _execute(cursor, work[0])
        answer = (cursor.fetchall(), cursor.description if work[0].describe else None)
        cursor.close()
        return [answer]
    cursors = [connection.cursor() for _ in work]
    # The generic plan's transaction around the reads, on a cursor of its own (its answers unread).
    control = connection.cursor() if generic else None
    with driver.pipeline() if pipelined else nullcontext():
        if control is not None:
            for statement in _GENERIC:
                control.execute(statement)
        for cursor, statement_work in zip(cursors, work, strict=True):
            _execute(cursor, statement_work)
        if control is not None:
            control.execute("COMMIT")
            control.close()
    answers: _Fetched = []
    for cursor, statement_work in zip(cursors, work, strict=True):
        answers.append((cursor.fetchall(), cursor.description if statement_work.describe else None))
        cursor.close()
    return answers
