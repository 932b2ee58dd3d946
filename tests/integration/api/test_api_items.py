"""Items over HTTP: create/read/edit with ETag and If-Match, keyset pages, filters, look-ups, users."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from stockdesk.services.catalogue import catalog, organisation
from tests.integration.api.conftest import Shop, problem_of


@pytest.fixture(scope="module")
def admin_token(shop: Shop) -> str:
    return shop.token("admin@example.com")


@pytest.fixture(scope="module")
def catalogue(shop: Shop) -> dict[str, object]:
    """45 "Bolt" items in Tools > Fasteners at prices 1..45, and 5 "Glue" items elsewhere."""
    tools = organisation.create_category(shop.db.uow(), shop.admin, name="Tools")
    fasteners = organisation.create_category(shop.db.uow(), shop.admin, name="Fasteners", parent_id=tools.id)
    glue = organisation.create_category(shop.db.uow(), shop.admin, name="Glue")
    for n in range(1, 46):
        # Names repeat in fives so the tie-breaker (row key) decides the order inside each name.
        catalog.create_item(
            shop.db.uow(),
            shop.admin,
            sku=f"BOLT-{n:03d}",
            name=f"Bolt {n % 9}",
            sell_price=Decimal(n),
            category_id=fasteners.id,
        )
    for n in range(5):
        catalog.create_item(
            shop.db.uow(),
            shop.admin,
            sku=f"GLUE-{n}",
            name=f"Wood glue {n}",
            sell_price=Decimal(3),
            category_id=glue.id,
        )
    return {"tools": tools.id, "fasteners": fasteners.id, "glue": glue.id}


def _walk(client, params: dict[str, object], *, backwards_check: bool = True) -> list[dict]:
    """Every row, page by page through `next`; then back through `previous` to the start."""
    pages = [client.get("/items", params=params).json()]
    while pages[-1]["next"]:
        pages.append(client.get(pages[-1]["next"]).json())
    rows = [row for page in pages for row in page["results"]]
    if backwards_check and len(pages) > 1:
        back = [pages[-1]]
        while back[-1]["previous"]:
            back.append(client.get(back[-1]["previous"]).json())
        assert [r["id"] for p in reversed(back) for r in p["results"]] == [r["id"] for r in rows]
    return rows


def test_keyset_pages_give_every_row_once_in_order_both_ways(shop, admin_token, catalogue):
    with shop.client(admin_token) as client:
        first = client.get("/items", params={"search": "Bolt", "limit": 7}).json()
        rows = _walk(client, {"search": "Bolt", "limit": 7})
    assert first["count"] == 45
    assert len(rows) == 45 and len({r["id"] for r in rows}) == 45
    names = [r["name"] for r in rows]
    assert names == sorted(names)


def test_the_whole_list_pages_in_any_ordering_as_the_same_list_through_the_filters_does(
    shop, admin_token, catalogue
):
    # The unfiltered list is answered before routing (api/fast_paths.py); `low_stock=0` (not the plain
    # `false`) asks the same list of the route, which the fast path leaves such spellings to.
    with shop.client(admin_token) as client:
        for ordering in ("name", "-sell_price"):
            whole = _walk(client, {"ordering": ordering, "limit": 6})
            routed = _walk(client, {"ordering": ordering, "limit": 6, "status": "active", "low_stock": "0"})
            first = client.get("/items", params={"ordering": ordering}).json()
            assert whole == routed, ordering
            assert first["count"] == len(whole) > 45
            assert [r["id"] for r in first["results"]] == [r["id"] for r in whole[:50]]
        # A filter in its plainest spelling is answered before routing too; the same values spelt
        # otherwise (prices with three decimals, `low_stock=0`) are read by the route.
        plain = {"category_id": str(catalogue["tools"]), "min_price": "10", "max_price": "20",
                 "low_stock": "false", "ordering": "-sell_price", "limit": 4}
        spelt = plain | {"min_price": "10.000", "max_price": "20.000", "low_stock": "0"}
        filtered = _walk(client, plain)
        assert filtered == _walk(client, spelt)
        assert [Decimal(r["sell_price"]) for r in filtered] == [Decimal(n) for n in range(20, 9, -1)]


def test_a_search_first_page_in_descending_order_counts_and_continues_where_it_stopped(
    shop, admin_token, catalogue
):
    # On PostgreSQL the first page of a search and its count come from one shared set of matches.
    with shop.client(admin_token) as client:
        first = client.get("/items", params={"search": "bolt-0", "ordering": "-sku", "limit": 3}).json()
        second = client.get(first["next"]).json()
        stocked = client.get("/items", params={"search": "hammer", "store_id": str(shop.main.id)}).json()
    assert first["count"] == 45
    assert [r["sku"] for r in first["results"]] == ["BOLT-045", "BOLT-044", "BOLT-043"]
    assert [r["sku"] for r in second["results"]] == ["BOLT-042", "BOLT-041", "BOLT-040"]
    assert stocked["count"] == 1
    assert [(r["sku"], Decimal(r["on_hand"])) for r in stocked["results"]] == [("CLERK-1", Decimal(10))]


def test_descending_price_ordering_with_category_subtree_and_price_range(shop, admin_token, catalogue):
    params = {
        "category_id": str(catalogue["tools"]),
        "min_price": "10",
        "max_price": "20",
        "ordering": "-sell_price",
        "limit": 4,
    }
    with shop.client(admin_token) as client:
        rows = _walk(client, params)
    assert [Decimal(r["sell_price"]) for r in rows] == [Decimal(n) for n in range(20, 9, -1)]


def test_a_cursor_from_another_ordering_or_garbage_is_refused_with_the_field(shop, admin_token, catalogue):
    with shop.client(admin_token) as client:
        page = client.get("/items", params={"limit": 2}).json()
        cursor = page["next"].split("cursor=")[1]
        other = client.get("/items", params={"ordering": "sku", "cursor": cursor})
        garbage = client.get("/items", params={"cursor": "not-a-cursor"})
        too_many = client.get("/items", params={"limit": 501})
    assert problem_of(other)["field"] == "cursor"
    assert problem_of(garbage)["status"] == 422
    assert problem_of(too_many)["field"] == "limit"


def test_updated_since_lists_the_items_changed_at_or_after_a_moment(shop, admin_token, catalogue):
    with shop.client(admin_token) as client:
        edited = client.patch(f"/items/{shop.admin_item.id}", json={"description": "touched"})
        changed_at = _moment_of(edited.headers["etag"])
        at = client.get("/items", params={"updated_since": changed_at.isoformat(), "limit": 500}).json()
        later = changed_at + timedelta(microseconds=1)
        after = client.get("/items", params={"updated_since": later.isoformat(), "limit": 500}).json()
    assert str(shop.admin_item.id) in [r["id"] for r in at["results"]]
    assert str(shop.admin_item.id) not in [r["id"] for r in after["results"]]


def _moment_of(etag: str) -> datetime:
    """The ETag is the item's last change in microseconds since 1970 (hex): documented in docs/api.md."""
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=int(etag.strip('"'), 16))


def test_an_edit_with_a_stale_etag_gets_412_and_changes_nothing(shop, admin_token):
    with shop.client(admin_token) as client:
        created = client.post("/items", json={"sku": f"E-{uuid.uuid4().hex[:6]}", "name": "Etag test"})
        assert created.status_code == 201
        assert created.headers["location"].endswith(created.json()["id"])
        url, etag = f"/items/{created.json()['id']}", created.headers["etag"]
        first = client.patch(url, json={"name": "First edit"}, headers={"If-Match": etag})
        stale = client.patch(url, json={"name": "Second edit"}, headers={"If-Match": etag})
        now = client.get(url)
    assert first.status_code == 200 and first.headers["etag"] != etag
    assert stale.status_code == 412
    assert problem_of(stale)["field"] == "If-Match"
    assert now.json()["name"] == "First edit"
    assert now.headers["etag"] == first.headers["etag"]


def test_bad_item_input_names_the_field(shop, admin_token):
    with shop.client(admin_token) as client:
        duplicate = client.post("/items", json={"sku": "ADMIN-1", "name": "Again"})
        negative = client.post("/items", json={"sku": "NEG-1", "name": "Neg", "sell_price": "-1"})
        missing = client.post("/items", json={"name": "No SKU"})
        not_json = client.post("/items", content=b"{", headers={"content-type": "application/json"})
    assert duplicate.status_code == 409 and problem_of(duplicate)["field"] == "sku"
    assert negative.status_code == 422 and problem_of(negative)["field"] == "sell_price"
    assert missing.status_code == 422 and problem_of(missing)["field"] == "sku"
    assert not_json.status_code == 422 and problem_of(not_json)["status"] == 422


def test_input_is_refused_in_the_words_of_its_rule_as_the_schema_publishes_it(shop, admin_token):
    with shop.client(admin_token) as client:
        as_float = client.post("/items", json={"sku": "F-1", "name": "Float", "sell_price": 9.9})
        blank = client.post("/items", json={"sku": "B-1", "name": "   "})
        exponent = client.post("/items", json={"sku": "E-1", "name": "Exp", "sell_price": "1e3"})
        fine = client.post(
            "/items", json={"sku": "OK-1", "name": "Fine", "sell_price": "9.90", "cost_price": 4}
        )
        schema = client.get("/openapi.json").json()["components"]["schemas"]["ItemIn"]["properties"]
    assert problem_of(as_float)["field"] == "sell_price" and '"9.90"' in problem_of(as_float)["reason"]
    assert problem_of(blank)["field"] == "name" and "not blank" in problem_of(blank)["reason"]
    assert problem_of(exponent)["field"] == "sell_price"
    assert fine.status_code == 201 and Decimal(fine.json()["cost_price"]) == 4
    # What the server refuses is what the schema tells a client generator.
    price_forms = schema["sell_price"]["anyOf"][0]["anyOf"]
    assert {form["type"] for form in price_forms} == {"string", "integer"}
    assert all(form["type"] != "number" for form in price_forms)


def test_a_misspelt_query_parameter_is_refused_not_ignored_and_only_after_log_in(shop, admin_token):
    with shop.client(admin_token) as client:
        misspelt = client.get("/items", params={"categroy_id": str(uuid.uuid4())})
    with shop.client() as anonymous:
        not_logged_in = anonymous.get("/items", params={"categroy_id": "x"})
    problem = problem_of(misspelt)
    assert misspelt.status_code == 422 and problem["field"] == "categroy_id"
    assert "category_id" in problem["reason"]  # it says what the request takes
    assert not_logged_in.status_code == 401


def test_lookup_finds_the_item_with_stock_per_store_or_says_why_not(shop, admin_token):
    with shop.client(admin_token) as client:
        found = client.get("/lookup", params={"code": "4006381333931"})
        upc_form = client.get("/lookup", params={"code": "04006381333931"})  # GTIN-14 of the same code
        unknown = client.get("/lookup", params={"code": "4006381333948"})
        bad_digit = client.get("/lookup", params={"code": "4006381333932"})
        misspelt = client.get("/lookup", params={"code": "4006381333931", "stroe": "MAIN"})
    assert found.status_code == 200
    assert found.json()["item"]["sku"] == "CLERK-1"
    assert {s["store_code"]: Decimal(s["on_hand"]) for s in found.json()["stock"]}["MAIN"] >= 10
    assert upc_form.status_code == 200 and upc_form.json()["item"]["sku"] == "CLERK-1"
    assert problem_of(unknown)["code_status"] == "unknown"
    assert problem_of(bad_digit)["code_status"] == "wrong_check_digit"
    assert unknown.status_code == bad_digit.status_code == 404
    assert misspelt.status_code == 422 and problem_of(misspelt)["field"] == "stroe"


def test_a_second_account_with_the_same_email_in_other_case_is_409_naming_email(shop, admin_token):
    with shop.client(admin_token) as client:
        answer = client.post(
            "/users", json={"email": "CLERK@Example.com", "password": "long-enough-1", "role": "clerk"}
        )
    assert answer.status_code == 409
    assert problem_of(answer)["field"] == "email"


def test_categories_come_as_a_tree(shop, admin_token, catalogue):
    with shop.client(admin_token) as client:
        tree = client.get("/categories").json()
    tools = next(node for node in tree if node["name"] == "Tools")
    assert [child["name"] for child in tools["children"]] == ["Fasteners"]


def test_errors_are_problems_never_500_nor_a_trace(shop, admin_token):
    with shop.client(admin_token) as client:
        answers = [
            client.get("/no-such-thing"),
            client.delete("/stores"),
            client.get("/items/not-a-uuid"),
            client.get(f"/items/{uuid.uuid4()}"),
            client.post("/movements", content=b"x" * 2_000_000, headers={"content-type": "application/json"}),
        ]
    assert [a.status_code for a in answers] == [404, 405, 422, 404, 413]
    for answer in answers:
        problem_of(answer)


def test_the_schema_is_openapi_3_1_and_the_docs_page_works_offline(shop):
    with shop.client() as client:
        schema = client.get("/openapi.json").json()
        page = client.get("/docs")
        script = client.get("/docs/assets/swagger-ui-bundle.js")
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/items" in schema["paths"]
    assert page.status_code == 200 and "/api/v1/docs/assets/swagger-ui-bundle.js" in page.text
    assert "http" not in page.text.split("<script")[1].split(">")[0]  # the script is ours, not a CDN's
    assert script.status_code == 200 and len(script.content) > 100_000
