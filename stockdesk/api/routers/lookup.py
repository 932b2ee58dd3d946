"""`GET /lookup?code=`: any code the counter resolves, to the item and its stock per store."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from stockdesk.api.deps import actor, unit_of_work
from stockdesk.api.problems import documented
from stockdesk.api.routers.item_models import LookupOut
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import lookup as lookup_service
from stockdesk.services.uow import UnitOfWork

router = APIRouter(tags=["lookup"])
MAX_CODE = 200  # characters of a code: a GS1 string with its data fits well within


@router.get(
    "/lookup",
    response_model=LookupOut,
    summary="Resolve a barcode, in-store code, GS1 string or SKU",
    responses={
        404: documented(
            "unknown code, or refused: `code_status` says which "
            "(unknown, wrong_check_digit, invalid, location)"
        )
    },
)
def look_up(
    code: str = Query(min_length=1, max_length=MAX_CODE),
    uow: UnitOfWork = Depends(unit_of_work),
    _actor: Actor = Depends(actor),
) -> LookupOut:
    return LookupOut.of(lookup_service.look_up(uow, code))
