"""schemathesis over the whole published schema, against a real uvicorn process: no 5xx; every answer
(status, content type, headers, body) conforms to the schema; input the schema forbids is refused;
input it allows is accepted unless a rule of stored data or of another field refuses it (listed below,
each with its reason). Examples are bounded so the run stays well under a minute; the number of
requests sent is printed at the end (`-s` shows it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import CheckContext, positive_data_acceptance

from stockdesk.services.accounts import api_keys
from stockdesk.services.database import open_database
from tests.integration.api.conftest import PASSWORDS, build_shop
from tests.support import api_server

EXAMPLES_PER_OPERATION = 8
SENT: list[str] = []

# Statuses that say "not with this data", which no schema can foresee: an id of nothing (404), a
# duplicate or too little stock (409), an old ETag (412).
STATE_STATUSES = frozenset({401, 403, 404, 409, 412, 429})
# Schema-valid input that may still be refused with 422, by field: each rule depends on stored data
# or on another field of the request, which the schema cannot express.
REFUSED_BY_RULE = {
    "cursor": "a cursor the server never gave (its key is the list's last row)",
    "parent": "names no stored location",
    "location": "names no stored location",
    "to_location": "names no stored location",
    "to_store_id": "a transfer's target store, given for transfers only",
    "pack_id": "packs are for receipts, sales and transfers; adjustments and counts are in the stock unit",
    "quantity": "positive for receipts, sales and transfers; non-zero for adjustments; in the item's unit",
    "item_id": "an item that does not exist, in a line of several (the lines' problems come together)",
    "barcode": "a number of EAN or UPC length must end in its check digit",
    "code": "a number of EAN or UPC length must end in its check digit; or names no stored item",
    "sku": "a recall report names the item's SKU and the lot (the other reports take neither)",
    "lot": "a recall report names the item's SKU and the lot (the other reports take neither)",
}


@schemathesis.check
def accepted_unless_a_rule_of_data(ctx: CheckContext, response, case: schemathesis.Case) -> bool | None:
    """positive_data_acceptance, with the refusals of REFUSED_BY_RULE allowed."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    status = response.status_code
    if status < 400 or status in STATE_STATUSES:
        return None
    problem = response.json()
    field = str(problem.get("field") or "").split(".")[-1]
    assert status == 422 and field in REFUSED_BY_RULE, f"schema-valid input refused: {status} {problem}"
    return None


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    url = str(tmp_path_factory.mktemp("fuzz") / "shop.sqlite")
    db = open_database(url)
    admin, *_ = build_shop(db)
    api_keys.create_key(db.uow(), admin, name="fuzz", scope="read")
    server = api_server.start(url)
    try:
        import httpx

        answer = httpx.post(
            f"{server.base_url}/api/v1/auth/token",
            json={"email": "admin@example.com", "password": PASSWORDS["admin@example.com"]},
        )
        yield server.base_url, answer.json()["access_token"]
    finally:
        server.stop()
        db.close()
        print(f"\nschemathesis sent {len(SENT)} requests over {len(set(SENT))} operations")


def _operations(base_url: str) -> list[schemathesis.schemas.APIOperation]:
    schema = schemathesis.openapi.from_url(f"{base_url}/api/v1/openapi.json")
    # A body over the size limit is refused before it is read, with 413 (documented on every operation
    # with a body): a list longer than its maxItems can be refused that way rather than with 422.
    rejection = schema.config.checks.negative_data_rejection
    rejection.expected_statuses = [*rejection.expected_statuses, "413"]
    # Logging out would end the session every other example runs with; its rules have their own tests.
    every = [r.ok() for r in schema.get_all_operations()]
    # The published paths carry the /api/v1 prefix: compare the end, and prove one operation was left out.
    kept = [op for op in every if not op.path.endswith("/auth/logout")]
    assert len(kept) == len(every) - 1, [op.path for op in every if "logout" in op.path]
    return kept


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_answers_within_its_schema_and_never_5xx(fuzzed, mode):
    base_url, token = fuzzed
    operations = _operations(base_url)
    assert len(operations) > 25

    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def call(case: schemathesis.Case) -> None:
            SENT.append(f"{case.method} {case.path}")
            case.call_and_validate(
                base_url=base_url,
                headers={"Authorization": f"Bearer {token}"},
                excluded_checks=[positive_data_acceptance],
                additional_checks=[accepted_unless_a_rule_of_data],
            )

        call()
