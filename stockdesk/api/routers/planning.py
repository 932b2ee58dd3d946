"""Reorder suggestions with their reasons, and every report as a PDF or CSV file, streamed."""

from __future__ import annotations

import enum
import tempfile
import uuid
from decimal import Decimal
from pathlib import Path

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse
from pydantic import BaseModel
from starlette.background import BackgroundTask

from stockdesk.api.deps import actor, database, unit_of_work
from stockdesk.api.fields import IsoDate
from stockdesk.api.problems import language_of
from stockdesk.domain.movements import MovementKind
from stockdesk.domain.permissions import Actor
from stockdesk.reports import registry
from stockdesk.reports.spec import ReportOptions
from stockdesk.services.database import Database
from stockdesk.services.planning import reorder
from stockdesk.services.planning.reorder import SuggestionRow
from stockdesk.services.uow import UnitOfWork

router = APIRouter(tags=["planning"])

ReportName = enum.StrEnum("ReportName", {name: name for name in registry.REPORTS})  # type: ignore[misc]
MEDIA = {"pdf": "application/pdf", "csv": "text/csv; charset=utf-8"}


class Format(enum.StrEnum):
    PDF = "pdf"
    CSV = "csv"


class SuggestionOut(BaseModel):
    item_id: uuid.UUID
    sku: str
    name: str
    store_id: uuid.UUID
    store_code: str
    supplier: str
    method: str
    daily_rate: Decimal
    safety_stock: Decimal
    reorder_point: Decimal
    on_hand: Decimal
    on_order: Decimal
    suggested_qty: Decimal
    unit_cost: Decimal
    reason: str

    @classmethod
    def of(cls, r: SuggestionRow) -> SuggestionOut:
        return cls(
            item_id=r.item_id,
            sku=r.sku,
            name=r.name,
            store_id=r.store_id,
            store_code=r.store_code,
            supplier=r.supplier,
            method=r.method,
            daily_rate=r.daily_rate,
            safety_stock=r.safety_stock,
            reorder_point=r.reorder_point,
            on_hand=r.on_hand,
            on_order=r.on_order,
            suggested_qty=r.suggested_qty,
            unit_cost=r.unit_cost,
            reason=r.reason,
        )


@router.get(
    "/reorder/suggestions",
    response_model=list[SuggestionOut],
    summary="What to order, per item and store, each with the reason in words",
)
def suggestions(
    store_id: uuid.UUID | None = None,
    only_orders: bool = Query(True),
    uow: UnitOfWork = Depends(unit_of_work),
    _actor: Actor = Depends(actor),
) -> list[SuggestionOut]:
    return [SuggestionOut.of(r) for r in reorder.suggestions(uow, store_id=store_id, only_orders=only_orders)]


@router.get(
    "/reports/{name}.{fmt}",
    response_class=FileResponse,
    responses={200: {"content": {"application/pdf": {}, "text/csv": {}}, "description": "the report file"}},
    summary="A report as PDF or CSV (the same file the window and `stockdesk report` write)",
)
def report(
    request: Request,
    name: ReportName,  # type: ignore[valid-type]
    fmt: Format,
    store: str | None = Query(None, max_length=32, description="store code (clerks: their stores only)"),
    date_from: IsoDate | None = Query(None, alias="from"),
    date_to: IsoDate | None = Query(None, alias="to"),
    as_of: IsoDate | None = None,
    kind: MovementKind | None = Query(None, description="movements report: only this kind"),
    sku: str | None = Query(None, max_length=64),
    lot: str | None = Query(None, max_length=64, description="recall: the lot's code or a serial number"),
    stocktake: uuid.UUID | None = Query(None, description="stocktake-variance: its id (else the latest)"),
    by_location: bool = Query(
        False, description="valuation: a store that has locations per location instead of per category"
    ),
    db: Database = Depends(database),
    who: Actor = Depends(actor),
) -> FileResponse:
    folder = Path(tempfile.mkdtemp(prefix="stockdesk-report-"))
    out = folder / f"{name}.{fmt}"
    options = ReportOptions(
        store=store,
        date_from=date_from,
        date_to=date_to,
        as_of=as_of,
        kind=kind.value if kind else None,
        sku=sku,
        lot=lot,
        stocktake=str(stocktake) if stocktake else None,
        by_location=by_location,
    )
    try:
        registry.run_report(db, who, str(name), options, out, language=language_of(request))
    except BaseException:
        _remove(folder)
        raise
    # Streamed from the file in chunks, then the file is removed.
    return FileResponse(
        out, media_type=MEDIA[str(fmt)], filename=out.name, background=BackgroundTask(_remove, folder)
    )


def _remove(folder: Path) -> None:
    for path in folder.glob("*"):
        path.unlink(missing_ok=True)
    folder.rmdir()
