"""What a server process needs to know, from its arguments or (for uvicorn's worker processes) the
environment that `stockdesk serve` sets before it starts them."""

from __future__ import annotations

import os
from dataclasses import dataclass

from stockdesk.services.database import default_database_url

ENV_DB = "STOCKDESK_API_DB"
ENV_MAX_BODY = "STOCKDESK_API_MAX_BODY"
API_PREFIX = "/api/v1"


@dataclass(frozen=True)
class ApiSettings:
    database_url: str
    max_body_bytes: int = 1_000_000  # an item or a movement is a few hundred bytes

    @classmethod
    def from_environment(cls) -> ApiSettings:
        return cls(
            database_url=os.environ.get(ENV_DB) or default_database_url(),
            max_body_bytes=int(os.environ.get(ENV_MAX_BODY) or cls.max_body_bytes),
        )

    def to_environment(self) -> dict[str, str]:
        return {ENV_DB: self.database_url, ENV_MAX_BODY: str(self.max_body_bytes)}
