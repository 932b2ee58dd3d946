"""A store's locations page by page in label order (by path), with keyset cursors for the API.

The cursor is the last path shown: the next page starts after it, so a location added or archived
between two pages moves no other location from one page to the next (an offset would).
"""

from __future__ import annotations

import base64
import binascii
import uuid
from dataclasses import dataclass

from stockdesk.db.models import Store
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.ids import StoreId
from stockdesk.domain.messages import Message
from stockdesk.services.places.locations import LocationView, locations_of
from stockdesk.services.uow import UnitOfWork

MAX_LIMIT = 500


@dataclass(frozen=True)
class LocationPage:
    rows: list[LocationView]
    next_cursor: str | None


def location_page(
    uow: UnitOfWork,
    store_id: uuid.UUID,
    *,
    cursor: str | None = None,
    limit: int = 100,
    include_archived: bool = False,
) -> LocationPage:
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationError("limit", limit, Message("api.limit", maximum=MAX_LIMIT))
    after = _decode(cursor) if cursor else None
    with uow:
        uow.get(Store, store_id, "store")  # an unknown store is a 404, not an empty list
    # The tree is read whole (a store's locations are thousands at most); the path is built from it.
    views = locations_of(uow, StoreId(store_id), include_archived=include_archived)
    if after is not None:
        views = [v for v in views if v.path > after]
    rows = views[:limit]
    more = len(views) > limit
    return LocationPage(rows, _encode(rows[-1].path) if more else None)


def _encode(path: str) -> str:
    return base64.urlsafe_b64encode(path.encode()).decode()


def _decode(cursor: str) -> str:
    try:
        return base64.urlsafe_b64decode(cursor.encode()).decode()
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ValidationError("cursor", cursor, Message("api.bad_cursor")) from None
