"""The items export carries each store's own reorder point and quantity, and the import reads them back."""

from __future__ import annotations

import csv
from decimal import Decimal

from stockdesk.services.catalogue import catalog
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.exchange import imports
from stockdesk.services.planning import store_points
from stockdesk.ui.export import write_items_csv


def test_store_points_leave_in_the_export_and_come_back_through_the_import(
    db, admin, main_store, branch_store, tmp_path
) -> None:
    drill = catalog.create_item(
        db.uow(), admin, sku="DRILL", name="Drill", reorder_point="2", reorder_qty="4"
    )
    saw = catalog.create_item(db.uow(), admin, sku="SAW", name="Saw", reorder_point="1")
    store_points.set_overrides(db.uow(), admin, drill.id, {branch_store.id: ("8", "24")})
    exported = tmp_path / "items.csv"
    assert write_items_csv(db, ItemFilter(), exported) == 2
    with exported.open(newline="", encoding="utf-8") as file:
        rows = {row["SKU"]: row for row in csv.DictReader(file)}
    assert (rows["DRILL"]["reorder_point:BR"], rows["DRILL"]["reorder_qty:BR"]) == ("8.000", "24.000")
    assert rows["DRILL"]["reorder_point:MAIN"] == rows["DRILL"]["reorder_qty:MAIN"] == ""  # follows the item
    assert rows["SAW"]["reorder_point:BR"] == ""

    # The branch's figures are removed; importing the exported file as it is brings them back.
    store_points.set_overrides(db.uow(), admin, drill.id, {branch_store.id: None})
    result = imports.import_file(db.uow(), admin, exported, options=imports.ImportOptions(upsert=True))
    assert result.updated == 2
    with db.uow() as uow:
        assert store_points.overrides_of(uow.session, drill.id) == {
            branch_store.id: store_points.StorePoint(Decimal(8), Decimal(24))
        }
        assert store_points.overrides_of(uow.session, saw.id) == {}
