"""Read-only look-ups of stocktakes for the variance report and its dialog (which stocktake to report on).

Kept apart from `services.stocktake`, which owns the counting workflow: these functions only read, and
take the stores a person may see so a clerk is never offered another store's count.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select

from stockdesk.db.models import Store
from stockdesk.db.planning_models import Stocktake, StocktakeLine
from stockdesk.domain.errors import NotFound, ValidationError
from stockdesk.domain.ids import StocktakeId, StoreId
from stockdesk.domain.messages import Message
from stockdesk.services.uow import UnitOfWork


@dataclass(frozen=True)
class StocktakeSummary:
    """One stocktake as a person picks it from a list."""

    id: StocktakeId
    store_id: StoreId
    store_code: str
    store_name: str
    status: str
    started_at: datetime
    posted_at: datetime | None
    note: str
    lines: int


def _query(store_ids: Collection[StoreId] | None) -> Select[tuple[Stocktake, str, str]]:
    query = (
        select(Stocktake, Store.code, Store.name)
        .join(Store, Store.id == Stocktake.store_id)
        .where(Stocktake.deleted.is_(False))
        # started_at ties (two sessions in one clock tick) fall back to the time-ordered UUIDv7 id
        .order_by(Stocktake.started_at.desc(), Stocktake.id.desc())
    )
    if store_ids is not None:
        query = query.where(Stocktake.store_id.in_(store_ids))
    return query


def _summaries(uow: UnitOfWork, found: list[tuple[Stocktake, str, str]]) -> list[StocktakeSummary]:
    ids = [take.id for take, _, _ in found]
    sizes: dict[uuid.UUID, int] = {}
    if ids:
        sizes = dict(
            uow.session.execute(
                select(StocktakeLine.stocktake_id, func.count())
                .where(StocktakeLine.stocktake_id.in_(ids))
                .group_by(StocktakeLine.stocktake_id)
            )
            .tuples()
            .all()
        )
    return [
        StocktakeSummary(
            StocktakeId(t.id),
            StoreId(t.store_id),
            code,
            name,
            t.status,
            t.started_at,
            t.posted_at,
            t.note,
            sizes.get(t.id, 0),
        )
        for t, code, name in found
    ]


def recent_stocktakes(
    uow: UnitOfWork, *, store_ids: Collection[StoreId] | None = None, limit: int = 50
) -> list[StocktakeSummary]:
    """The latest stocktakes first (of the given stores, or all), open and posted alike."""
    with uow:
        found = [(t, c, n) for t, c, n in uow.session.execute(_query(store_ids).limit(limit)).tuples()]
        return _summaries(uow, found)


def stocktake_for_report(
    uow: UnitOfWork, stocktake: str | None, *, store_ids: Collection[StoreId] | None = None
) -> StocktakeSummary:
    """The stocktake a report names (its id as typed), or the latest one of `store_ids`.

    A named stocktake outside `store_ids` is "not found" rather than "forbidden": it does not tell a
    clerk that another store's count exists.
    """
    with uow:
        query = _query(store_ids).limit(1)
        if stocktake is not None and stocktake.strip():
            try:
                wanted = uuid.UUID(stocktake.strip())
            except ValueError:
                raise ValidationError("stocktake", stocktake, Message("not_stocktake_id")) from None
            query = query.where(Stocktake.id == wanted)
        row = uow.session.execute(query).tuples().first()
        if row is None:
            raise NotFound("stocktake", stocktake.strip() if stocktake else "of the chosen store(s)")
        return _summaries(uow, [row])[0]
