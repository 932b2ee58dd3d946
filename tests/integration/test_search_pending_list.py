"""PostgreSQL's search indexes merge new entries early, so a search never reads megabytes of them
(migration 0040_search_pending_limit)."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, text, update

from stockdesk.db.models import Item
from stockdesk.domain.ids import new_id
from stockdesk.services.catalogue import item_pages
from stockdesk.services.catalogue.item_query import ItemFilter, ItemSort
from stockdesk.services.database import Database

pytestmark = pytest.mark.parametrize("db", [pytest.param("postgresql", marks=pytest.mark.pg)], indirect=True)

SEARCH_INDEXES = ("ix_item_name_trgm", "ix_item_sku_trgm", "ix_item_barcode_code_trgm")
PAGE_BYTES = 8192
LIMIT_BYTES = 256 * 1024


def _pending_pages(db: Database) -> dict[str, int]:
    with db.engine.begin() as connection:
        connection.execute(text("CREATE EXTENSION IF NOT EXISTS pageinspect"))  # this test's own database
        return {
            index: connection.scalar(
                text("SELECT n_pending_pages FROM gin_metapage_info(get_raw_page(:index, 0))"),
                {"index": index},
            )
            for index in SEARCH_INDEXES
        }


def test_new_and_edited_items_leave_the_search_at_most_256_kb_of_unmerged_entries(db: Database):
    # With PostgreSQL's default (4 MB a list) these 3,000 new items and their price edits left about
    # 140 pending pages in the name index, which every search then read to the end.
    items = [{"id": new_id(), "sku": f"HNG-{n:05d}", "name": f"Copper hinge {n} mm"} for n in range(3_000)]
    with db.engine.begin() as connection:
        connection.execute(insert(Item), items)
    with db.engine.begin() as connection:
        connection.execute(update(Item).values(sell_price=Item.sell_price + 1))  # a price list's import

    most = LIMIT_BYTES // PAGE_BYTES + 1  # the page that crossed the limit is merged by the next write
    assert all(pages <= most for pages in _pending_pages(db).values()), _pending_pages(db)
    page = item_pages.keyset_page(db.uow(), ItemFilter(text="hinge 12"), sort=ItemSort.NAME, limit=5)
    assert page.count == 111  # 12 and 120-129 and 1200-1299
    assert len(page.rows) == 5 and all("hinge 12" in row.name for row in page.rows)
