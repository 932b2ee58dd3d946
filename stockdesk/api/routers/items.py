"""Items: a keyset-paginated list with the items window's filters, and create / read / edit / archive."""

from __future__ import annotations

import enum
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from pydantic import Field, TypeAdapter, WithJsonSchema

from stockdesk.api.deps import actor, unit_of_work
from stockdesk.api.paging import Page, links
from stockdesk.api.problems import documented
from stockdesk.api.routers.item_models import (
    BarcodeIn,
    BarcodeOut,
    ItemIn,
    ItemOut,
    ItemPatch,
    ItemRowOut,
    StockLevelOut,
    etag_of,
    version_of,
)
from stockdesk.api.routers.place_models import PlaceOut
from stockdesk.api.settings import API_PREFIX
from stockdesk.domain.ids import ItemId
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import catalog, item_pages
from stockdesk.services.catalogue.item_query import ItemFilter, ItemSort
from stockdesk.services.inventory import stock
from stockdesk.services.places.item_stock import stock_by_place
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.views import ItemRow

# Published as the decimal text a query string carries, with the digits the check allows: pydantic's
# own schema for a Decimal adds "any string", which no client can know is refused.
PriceBound = Annotated[
    Decimal,
    Field(ge=0, max_digits=14),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{1,12}(\.[0-9]{1,2})?$", "examples": ["9.99"]}),
]


router = APIRouter(prefix="/items", tags=["items"])

Ordering = enum.StrEnum(  # type: ignore[misc]
    "Ordering", {f"{sign}{s.value}": f"{sign}{s.value}" for s in item_pages.SORTS for sign in ("", "-")}
)


MAX_SEARCH = 200


class Status(enum.StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"
    ALL = "all"


async def _filter(
    search: str = Query("", max_length=MAX_SEARCH, description="text in name, SKU or barcode (FTS index)"),
    category_id: uuid.UUID | None = Query(None, description="this category and all below it"),
    supplier_id: uuid.UUID | None = None,
    store_id: uuid.UUID | None = Query(None, description="only items stocked there; on_hand is that store's"),
    min_price: PriceBound | None = Query(None, description="sell price, inclusive"),
    max_price: PriceBound | None = Query(None, description="sell price, inclusive"),
    low_stock: bool = Query(False, description="at or below the reorder point"),
    status: Status = Status.ACTIVE,
    updated_since: datetime | None = Query(None, description="changed at or after (incremental pulls)"),
    template_id: uuid.UUID | None = Query(None, description="only the variants of this template"),
) -> ItemFilter:
    return ItemFilter(
        text=search,
        category_id=category_id,
        supplier_id=supplier_id,
        store_id=store_id,
        min_price=min_price,
        max_price=max_price,
        low_stock=low_stock,
        include_archived=status is Status.ALL,
        archived_only=status is Status.ARCHIVED,
        updated_since=updated_since,
        template_id=ItemId(template_id) if template_id else None,
    )


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_PRICE = re.compile(r"[0-9]{1,12}(\.[0-9]{1,2})?")  # `PriceBound`'s published pattern
_BOOLEANS = {"true": True, "false": False}
PLAIN_NAMES = frozenset(
    {"search", "category_id", "supplier_id", "store_id", "min_price", "max_price", "low_stock", "status"}
)


def plain_filter(asked: dict[str, str]) -> ItemFilter | None:
    """The filter of an items list query whose names are all `PLAIN_NAMES`, each value in its plainest
    spelling (an id in its canonical form, a price as the pattern the schema publishes, `true` or
    `false`, a status by name); else None. Such a query means here what it means to the route
    (`_filter`), which reads every other spelling (or refuses it): api/fast_paths.py answers these
    queries before routing and leaves the others to the route."""
    if not asked.keys() <= PLAIN_NAMES:
        return None
    ids = {name: asked.get(name) for name in ("category_id", "supplier_id", "store_id")}
    prices = {name: asked.get(name) for name in ("min_price", "max_price")}
    status = asked.get("status", Status.ACTIVE.value)
    low_stock = _BOOLEANS.get(asked.get("low_stock", "false"))
    if any(v is not None and not _UUID.fullmatch(v) for v in ids.values()):
        return None
    if any(v is not None and not _PRICE.fullmatch(v) for v in prices.values()):
        return None
    if low_stock is None or status not in {s.value for s in Status}:
        return None
    if len(asked.get("search", "")) > MAX_SEARCH:
        return None
    category, supplier, store = (uuid.UUID(v) if v else None for v in ids.values())
    low_price, high_price = (Decimal(v) if v is not None else None for v in prices.values())
    return ItemFilter(
        text=asked.get("search", ""),
        category_id=category,
        supplier_id=supplier,
        store_id=store,
        min_price=low_price,
        max_price=high_price,
        low_stock=low_stock,
        include_archived=status == Status.ALL,
        archived_only=status == Status.ARCHIVED,
    )


@router.get("", response_model=Page[ItemRowOut], summary="List items (filters, ordering, keyset pages)")
def list_items(
    request: Request,
    item_filter: ItemFilter = Depends(_filter),
    ordering: Ordering = Query("name", description="a column, `-` first for descending; ties by row key"),  # type: ignore[valid-type]
    cursor: str | None = Query(None, max_length=500, description="from a `next` or `previous` link"),
    limit: int = Query(50, ge=1, le=item_pages.MAX_LIMIT),
    uow: UnitOfWork = Depends(unit_of_work),
    _actor: Actor = Depends(actor),
) -> Response:
    text = str(ordering)  # a StrEnum member, or the default as a plain string
    sort = ItemSort(text.lstrip("-"))
    page = item_pages.keyset_page(
        uow, item_filter, sort=sort, descending=text.startswith("-"), cursor=cursor, limit=limit
    )
    # Encoded here: returned as a model, FastAPI validated it again against `response_model`, made it
    # a dict and encoded that (0.2 ms a page); the schema it publishes is `response_model`'s still.
    return Response(page_json(request, page), media_type="application/json")


@dataclass(frozen=True)
class _RowsPage:
    """A page as `Page[ItemRowOut]` publishes it, its rows serialised straight from the service's rows
    (an `ItemRowOut` model each cost three times the whole serialisation; a test holds the bytes equal)."""

    count: int | None
    next: str | None
    previous: str | None
    results: list[ItemRow]


_PAGE_JSON = TypeAdapter(_RowsPage)
# `ItemRow.store_point` colours the window's list of one store; the published row has no such field.
_UNPUBLISHED = {"results": {"__all__": {"store_point"}}}


def page_json(request: Request, page: item_pages.ItemPage) -> bytes:
    """A page of the items list as its JSON answer, its links made from the request's own URL."""
    next_link, previous_link = links(request, page.next_cursor, page.previous_cursor)
    answer = _RowsPage(page.count, next_link, previous_link, page.rows)
    return _PAGE_JSON.dump_json(answer, exclude=_UNPUBLISHED)


@router.post("", status_code=201, response_model=ItemOut, summary="Create an item (owned by the caller)")
def create_item(
    body: ItemIn, response: Response, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> ItemOut:
    view = catalog.create_item(
        uow, who, sku=body.sku, name=body.name, barcodes=body.barcodes, **body.fields()
    )
    response.headers["Location"] = f"{API_PREFIX}/items/{view.id}"
    response.headers["ETag"] = etag_of(view)
    return ItemOut.of(view)


@router.get("/{item_id}", response_model=ItemOut, summary="One item with its barcodes (and its ETag)")
def get_item(
    item_id: uuid.UUID,
    response: Response,
    uow: UnitOfWork = Depends(unit_of_work),
    _actor: Actor = Depends(actor),
) -> ItemOut:
    view = catalog.get_item(uow, item_id)
    response.headers["ETag"] = etag_of(view)
    return ItemOut.of(view)


@router.patch(
    "/{item_id}",
    response_model=ItemOut,
    summary="Change fields; with If-Match a stale version gets 412",
    responses={412: documented("the item changed since the ETag was read")},
)
def update_item(
    item_id: uuid.UUID,
    body: ItemPatch,
    response: Response,
    if_match: str | None = Header(None, max_length=100),
    uow: UnitOfWork = Depends(unit_of_work),
    who: Actor = Depends(actor),
) -> ItemOut:
    view = catalog.update_item(uow, who, item_id, if_unchanged_since=version_of(if_match), **body.changes())
    response.headers["ETag"] = etag_of(view)
    return ItemOut.of(view)


@router.delete("/{item_id}", response_model=ItemOut, summary="Archive an item (history is kept)")
def archive_item(
    item_id: uuid.UUID, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> ItemOut:
    return ItemOut.of(catalog.archive_item(uow, who, item_id))


@router.post("/{item_id}/restore", response_model=ItemOut, summary="Bring an archived item back")
def restore_item(
    item_id: uuid.UUID, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> ItemOut:
    return ItemOut.of(catalog.set_item_active(uow, who, item_id, active=True))


@router.post("/{item_id}/barcodes", status_code=201, response_model=BarcodeOut, summary="Attach a barcode")
def add_barcode(
    item_id: uuid.UUID, body: BarcodeIn, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> BarcodeOut:
    view = catalog.add_barcode(uow, who, item_id, body.code, body.symbology)
    return BarcodeOut(id=view.id, code=view.code, symbology=view.symbology)


@router.get("/{item_id}/stock", response_model=list[StockLevelOut], summary="On-hand in every store")
def stock_levels(
    item_id: uuid.UUID, uow: UnitOfWork = Depends(unit_of_work), _actor: Actor = Depends(actor)
) -> list[StockLevelOut]:
    return [StockLevelOut.of(level) for level in stock.levels(uow, item_id)]


@router.get(
    "/{item_id}/places",
    response_model=list[PlaceOut],
    summary="On-hand per store, location and lot (the item card); a store's unplaced stock as its own line",
)
def stock_places(
    item_id: uuid.UUID, uow: UnitOfWork = Depends(unit_of_work), _actor: Actor = Depends(actor)
) -> list[PlaceOut]:
    return [PlaceOut.of(v) for v in stock_by_place(uow, ItemId(item_id))]
