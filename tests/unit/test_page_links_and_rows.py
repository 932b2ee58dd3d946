"""A page's links and rows, made the quick way, are exactly what the plain way made."""

from __future__ import annotations

import uuid
from collections import namedtuple
from decimal import Decimal

import pytest
from starlette.requests import Request

from stockdesk.api.paging import link, links
from stockdesk.services.catalogue.item_query import to_row, to_rows

QUERIES = [
    "",
    "ordering=name&limit=50",
    "cursor=abc&ordering=-name",  # the old cursor goes, the new one comes last
    "search=hinge+12&cursor=x%3D&x=1&x=2",  # a repeated name keeps both
    "a=%20b&&c",  # a blank value, an empty pair
    "search=%C3%A9t%C3%A9&cursor=1&cursor=2",
    "k=v;w",
]


def _request(query: str) -> Request:
    scope = {
        "type": "http",
        "method": "GET",
        "scheme": "https",
        "path": "/api/v1/items",
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"shop.lan:8443")],
        "server": ("shop.lan", 8443),
    }
    return Request(scope)


@pytest.mark.parametrize("query", QUERIES)
def test_each_link_is_the_requests_own_url_with_its_cursor_as_starlette_writes_it(query):
    request = _request(query)
    cursors = ["eyJzIjoibmFtZSJ9", "a b=/+&é"]
    expected = [str(request.url.include_query_params(cursor=c)) for c in cursors]
    assert links(request, *cursors) == expected
    assert links(request, None, cursors[1]) == [None, expected[1]]
    assert links(request, None, None) == [None, None]
    assert link(request, cursors[0]) == expected[0]
    assert expected[0].startswith("https://shop.lan:8443/api/v1/items?")


COLUMNS = ["k", "id", "sku", "name", "unit", "sell_price", "cost_price", "reorder_point", "on_hand", "active",
           "barcode"]


@pytest.mark.parametrize("extra", [[], ["store_point"], ["matches"], ["store_point", "matches"]])
def test_rows_made_at_once_equal_rows_made_one_field_at_a_time(extra):
    row = namedtuple("PageRow", [*COLUMNS[:3], *extra[::-1], *COLUMNS[3:]])  # any order of columns
    values = {
        "k": 7, "id": uuid.uuid4(), "sku": "SKU-1", "name": 'Hinge "12"', "unit": "pcs",
        "sell_price": Decimal("1.50"), "cost_price": Decimal("1.00"), "reorder_point": Decimal("5"),
        "on_hand": Decimal("12.000"), "active": True, "barcode": "4006381333931",
        "store_point": Decimal("3"), "matches": 2,
    }
    found = [row(**{name: values[name] for name in row._fields}) for _ in range(3)]
    made = to_rows(found)
    assert made == [to_row(r) for r in found]
    assert made[0].store_point == (Decimal("3") if "store_point" in extra else None)
    with pytest.raises(AttributeError):  # frozen, as a row made by its __init__ is
        made[0].name = "changed"  # type: ignore[misc]
    assert to_rows([]) == []
