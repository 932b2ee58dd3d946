"""Imports every module that defines tables, so `Base.metadata` (and Alembic) sees the whole schema.

A feature with its own tables keeps them in its own module under `stockdesk/db/` and adds its name
to this import.
"""

from stockdesk.db import (  # noqa: F401 - imported for the tables they register
    alerts_models,
    api_models,
    desk_models,
    models,
    pack_models,
    picture_models,
    place_models,
    planning_models,
    reorder_models,
    search_models,
    store_points_models,
    sync_models,
    variant_models,
)
