"""schemathesis over the whole published schema, against a real uvicorn process: no 5xx, and every
answer (status, content type, headers, body) conforms to the schema. Examples are bounded so the
run stays well under a minute; the number of requests sent is printed at the end (`-s` shows it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from stockdesk.services.accounts import api_keys
from stockdesk.services.database import open_database
from tests.integration.api.conftest import PASSWORDS, build_shop
from tests.support import api_server

EXAMPLES_PER_OPERATION = 8
SENT: list[str] = []


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
                # What the issue asks of every answer: no 5xx, and status, type, headers and body as
                # published. Whether each input the schema allows is accepted (it is looser than the
                # server: an empty name, a made-up cursor) and each it forbids refused (unknown query
                # parameters are ignored) is not asked here.
                excluded_checks=[positive_data_acceptance, negative_data_rejection],
            )

        call()
