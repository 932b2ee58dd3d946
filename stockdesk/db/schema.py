"""Imports every module that defines tables, so `Base.metadata` (and Alembic) sees the whole schema.

A feature with its own tables keeps them in its own module under `stockdesk/db/` and adds one
import line here.
"""

import stockdesk.db.alerts_models
import stockdesk.db.planning_models  # noqa: F401
from stockdesk.db import models  # noqa: F401
from stockdesk.db import search_models  # noqa: F401
from stockdesk.db import sync_models  # noqa: F401
