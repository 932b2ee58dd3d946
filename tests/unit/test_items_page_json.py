"""A page of the items list is serialised straight from the service's rows: the bytes must be those of
the published model, `Page[ItemRowOut]`, or a client reading the schema would be misled."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from starlette.requests import Request

from stockdesk.api.paging import Page, link
from stockdesk.api.routers import items
from stockdesk.api.routers.item_models import ItemRowOut
from stockdesk.domain.ids import ItemId
from stockdesk.services.catalogue.item_pages import ItemPage
from stockdesk.services.views import ItemRow

ROWS = [
    ItemRow(
        ItemId(uuid.uuid4()),
        "H-1",
        'Claw "hammer" 500 g',
        "pc",
        Decimal("12.50"),
        Decimal("7.1000"),
        Decimal("0"),
        Decimal("-3.000"),
        True,
        "4006381333931",
    ),
    ItemRow(
        ItemId(uuid.uuid4()),
        "É-2",
        "Säge ✂ \u2028 \\",
        "m",
        Decimal("1E+3"),
        Decimal("0.0001"),
        Decimal("5"),
        Decimal("12"),
        False,
        "",
    ),
]


def _request(query: str) -> Request:
    return Request(
        {
            "type": "http",
            "method": "GET",
            "path": "/api/v1/items",
            "query_string": query.encode(),
            "headers": [(b"host", b"shop.example:8000")],
            "scheme": "https",
            "root_path": "",
        }
    )


@pytest.mark.parametrize(
    "page",
    [
        ItemPage(ROWS, 2, "bmV4dA", None),
        ItemPage(ROWS[1:], None, None, "cHJldg"),
        ItemPage([], 0, None, None),
    ],
)
def test_a_page_is_the_published_models_bytes(page: ItemPage) -> None:
    request = _request("ordering=-name&limit=2&search=s%C3%A4ge")
    published = Page[ItemRowOut](
        count=page.count,
        next=link(request, page.next_cursor),
        previous=link(request, page.previous_cursor),
        results=[ItemRowOut.of(r) for r in page.rows],
    )
    assert items.page_json(request, page) == published.model_dump_json().encode()
