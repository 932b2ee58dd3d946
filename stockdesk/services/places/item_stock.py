"""An item's stock by place in every store, for a client that wants one list (the API's
`/items/{id}/places`): the item card's places, and the stock of stores that keep none by place."""

from __future__ import annotations

from datetime import date

from stockdesk.domain.ids import ItemId
from stockdesk.services.inventory.stock import levels
from stockdesk.services.places.place_levels import PlaceLevelView, item_places
from stockdesk.services.uow import UnitOfWork


def stock_by_place(uow: UnitOfWork, item_id: ItemId) -> list[PlaceLevelView]:
    """Each store, location and lot with stock; a store whose stock sits at no location (every store
    without locations) as one line with neither, so the lines add up to the item's stock."""
    totals = levels(uow, item_id)  # NotFound for an unknown item
    places = item_places(uow, item_id)
    placed = {p.store_id for p in places}
    rest = [
        PlaceLevelView(level.store_id, level.store_code, None, "", None, "", None, level.on_hand)
        for level in totals
        if level.store_id not in placed and level.on_hand != 0
    ]
    return sorted(
        [*places, *rest], key=lambda v: (v.store_code, v.location_code, v.expires_on or date.max, v.lot_code)
    )
