"""Column types that keep money and time exact on SQLite as on PostgreSQL.

SQLite has no decimal type: a NUMERIC column stores 0.10 as a binary float, so sums drift by
fractions of a cent. On SQLite we therefore store Decimals as integers scaled by 10**scale (exact,
sortable, summable in SQL); on PostgreSQL as NUMERIC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Numeric
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

_PG_NUMERIC = 1700  # the type oid PostgreSQL reports for a NUMERIC column


class ExactDecimal(TypeDecorator[Decimal]):
    """A Decimal with a fixed number of places; a scaled BIGINT on SQLite, NUMERIC elsewhere."""

    impl = Numeric
    cache_ok = True

    def __init__(self, scale: int) -> None:
        super().__init__()
        self.scale = scale
        self._quantum = Decimal(1).scaleb(-scale)

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(18, self.scale, asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        number = Decimal(value).quantize(self._quantum, rounding=ROUND_HALF_UP)
        if dialect.name == "sqlite":
            return int(number.scaleb(self.scale))
        return number

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return Decimal(int(value)).scaleb(-self.scale)
        return Decimal(value)

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        # A NUMERIC column read by psycopg is a Decimal already: no conversion at all. A Python call per
        # value was a tenth of a worker's CPU for a page of 50 items (four amounts a row). Anything
        # else (an integer expression typed as an amount) is still made a Decimal.
        if dialect.name == "postgresql" and coltype == _PG_NUMERIC:
            return None
        return super().result_processor(dialect, coltype)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps always come back timezone-aware in UTC (SQLite forgets the zone)."""

    impl = DateTime
    cache_ok = True

    def __init__(self, timezone: bool = True) -> None:
        super().__init__(timezone=timezone)

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
