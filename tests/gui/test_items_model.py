"""The items table model: Qt's model rules, paging through a large catalogue, SQL sort and search."""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from stockdesk.services.accounts import users
from stockdesk.services.catalogue import bulk, catalog, organisation
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.database import Database, open_database
from stockdesk.services.inventory import stock
from stockdesk.services.planning import store_points
from stockdesk.ui.models.items import ITEM_ID_ROLE, LOW_STOCK_COLOUR, PAGE_SIZE, ItemsModel

SKU, NAME, BARCODE, SELL, ON_HAND = 0, 1, 2, 4, 7
MANY = 1_000


def ready(qtbot, model: ItemsModel) -> ItemsModel:
    """Wait for the ordered keys of a long list, read on the thread pool after the first page."""
    qtbot.waitUntil(lambda: model.is_complete)
    return model


def cell(model: ItemsModel, row: int, column: int) -> str:
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


@pytest.fixture
def small(gui_db, gui_admin, gui_store) -> Database:
    """Three items, one with a barcode and 7 on hand, one archived."""
    hammer = catalog.create_item(
        gui_db.uow(),
        gui_admin,
        sku="HAM-1",
        name="Claw hammer",
        sell_price="12.5",
        barcodes=["4006381333931"],
    )
    catalog.create_item(gui_db.uow(), gui_admin, sku="NAIL-50", name="Nails 50 mm", sell_price="0.0345")
    old = catalog.create_item(gui_db.uow(), gui_admin, sku="OLD-1", name="Old saw")
    catalog.archive_item(gui_db.uow(), gui_admin, old.id)
    stock.receive(gui_db.uow(), gui_admin, item_id=hammer.id, store_id=gui_store.id, quantity="10")
    stock.sell(gui_db.uow(), gui_admin, item_id=hammer.id, store_id=gui_store.id, quantity="3")
    return gui_db


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> Iterator[Database]:
    """A thousand items named "Item 0" … "Item 999", SKUs SKU-0000 … SKU-0999."""
    db = open_database(str(tmp_path_factory.mktemp("large") / "t.sqlite"))
    admin = users.create_first_admin(db.uow(), email="admin@example.com", password="admin-pass-1")
    organisation.create_store(db.uow(), admin, code="MAIN", name="Main")
    # One transaction (the bulk create of imports and the demo), not a thousand: 6 s less.
    bulk.create_items(
        db.uow(), admin, [{"sku": f"SKU-{number:04d}", "name": f"Item {number}"} for number in range(MANY)]
    )
    yield db
    db.close()


def test_the_model_follows_qts_rules(qtmodeltester, small):
    model = ItemsModel(small)
    qtmodeltester.check(model)
    model.set_include_archived(True)
    qtmodeltester.check(model)


def test_rows_show_formatted_numbers_without_needless_zeros(small):
    model = ItemsModel(small)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "SKU",
        "Name",
        "Barcode",
        "Unit",
        "Sell price",
        "Cost price",
        "Reorder point",
        "On hand",
        "Picture",
    ]
    assert model.rowCount() == 2  # the archived saw is hidden
    assert (cell(model, 0, SKU), cell(model, 0, BARCODE), cell(model, 0, SELL), cell(model, 0, ON_HAND)) == (
        "HAM-1",
        "4006381333931",
        "12.50",
        "7",
    )
    assert cell(model, 1, SELL) == "0.0345"
    assert model.index(0, 0).data(ITEM_ID_ROLE)


def test_stock_at_or_below_the_reorder_point_is_shown_in_red(small, gui_admin):
    model = ItemsModel(small)
    hammer = model.item_id(0)
    assert model.index(0, ON_HAND).data(Qt.ItemDataRole.ForegroundRole) is None
    catalog.update_item(small.uow(), gui_admin, hammer, reorder_point="7")
    model.refresh()
    assert model.index(0, ON_HAND).data(Qt.ItemDataRole.ForegroundRole).name() == LOW_STOCK_COLOUR
    assert model.index(0, SKU).data(Qt.ItemDataRole.ForegroundRole) is None


def test_in_one_stores_list_red_follows_that_stores_own_reorder_point(small, gui_admin, gui_store):
    """7 on hand, the item's point 5: not low. The store's own point 8 makes it low there, as the
    low-stock filter and the alerts judge it; the list of all stores keeps the item's point."""
    model = ItemsModel(small)
    hammer = model.item_id(0)
    catalog.update_item(small.uow(), gui_admin, hammer, reorder_point="5")
    store_points.set_overrides(small.uow(), gui_admin, hammer, {gui_store.id: ("8", "20")})
    model.set_filter(ItemFilter(store_id=gui_store.id))
    assert cell(model, 0, SKU) == "HAM-1"
    assert model.index(0, ON_HAND).data(Qt.ItemDataRole.ForegroundRole).name() == LOW_STOCK_COLOUR
    model.set_filter(ItemFilter(store_id=gui_store.id, low_stock=True))
    assert [cell(model, row, SKU) for row in range(model.rowCount())] == ["HAM-1"]
    model.set_filter(ItemFilter())
    assert model.index(0, ON_HAND).data(Qt.ItemDataRole.ForegroundRole) is None


def test_archived_items_appear_only_when_asked_for(small):
    model = ItemsModel(small)
    model.set_include_archived(True)
    assert [cell(model, row, SKU) for row in range(model.rowCount())] == ["HAM-1", "NAIL-50", "OLD-1"]


def test_a_large_catalogue_is_read_one_page_at_a_time(qtbot, large):
    model = ItemsModel(large)
    assert model.rowCount() == PAGE_SIZE and not model.is_complete  # the first page paints at once
    assert cell(model, 0, SKU) == "SKU-0000"
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        pass
    assert inserted.args[1:] == [PAGE_SIZE, MANY - 1]  # the rest arrives from the thread pool
    assert model.rowCount() == MANY and model.is_complete
    assert model.page_loads == 0
    assert cell(model, 900, SKU) == "SKU-0900"
    assert cell(model, 900, NAME) == "Item 900"
    assert model.page_loads == 1
    assert cell(model, 901, SKU) == "SKU-0901"  # same page: no second read
    assert cell(model, 900 - PAGE_SIZE, SKU) == f"SKU-{900 - PAGE_SIZE:04d}"
    assert model.page_loads == 2
    assert cell(model, MANY - 1, SKU) == "SKU-0999"
    assert model.data(model.index(MANY, SKU)) is None


def test_sorting_by_name_descending_happens_in_the_database(qtbot, large):
    model = ItemsModel(large)
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    ready(qtbot, model)
    assert cell(model, 0, NAME) == "Item 999"  # text order: "Item 999" > "Item 998" > … > "Item 0"
    assert cell(model, MANY - 1, NAME) == "Item 0"
    model.sort(SKU, Qt.SortOrder.AscendingOrder)
    assert cell(model, 0, SKU) == "SKU-0000"


def test_every_column_sorts_in_the_database(small):
    model = ItemsModel(small)
    model.set_include_archived(True)
    model.sort(BARCODE, Qt.SortOrder.DescendingOrder)
    assert cell(model, 0, BARCODE) == "4006381333931" and model.sort_column == BARCODE
    model.sort(ON_HAND, Qt.SortOrder.DescendingOrder)
    assert [cell(model, row, ON_HAND) for row in range(3)] == ["7", "0", "0"]
    model.sort(SELL, Qt.SortOrder.AscendingOrder)
    assert [cell(model, row, SKU) for row in range(3)] == ["OLD-1", "NAIL-50", "HAM-1"]


def test_search_narrows_the_rows_and_clearing_it_brings_them_back(qtbot, large):
    model = ItemsModel(large)
    model.set_filter_text("Item 12")
    assert model.rowCount() == 11  # Item 12 and Item 120 … Item 129
    assert {cell(model, row, NAME) for row in range(model.rowCount())} == {
        "Item 12",
        *(f"Item {n}" for n in range(120, 130)),
    }
    model.set_filter_text("")
    assert ready(qtbot, model).rowCount() == MANY


def test_search_finds_an_item_by_its_exact_barcode(small):
    model = ItemsModel(small)
    model.set_filter_text("4006381333931")
    assert model.rowCount() == 1
    assert cell(model, 0, SKU) == "HAM-1"


def test_refresh_shows_a_write_made_after_the_page_was_read(small, gui_admin, gui_store):
    model = ItemsModel(small)
    assert cell(model, 0, ON_HAND) == "7"
    stock.receive(small.uow(), gui_admin, item_id=model.item_id(0), store_id=gui_store.id, quantity="1")
    assert cell(model, 0, ON_HAND) == "7"  # still the cached page
    model.refresh()
    assert cell(model, 0, ON_HAND) == "8"


def test_invalidate_rereads_the_pages_in_view_and_keeps_the_count(qtbot, large):
    model = ready(qtbot, ItemsModel(large))
    assert cell(model, 900, NAME) == "Item 900"
    admin = users.authenticate(large.uow(), email="admin@example.com", password="admin-pass-1")
    catalog.update_item(large.uow(), admin, model.item_id(900), name="Item 900 renamed")
    assert cell(model, 900, NAME) == "Item 900"  # cached
    with qtbot.waitSignal(model.dataChanged):
        model.invalidate()
    assert cell(model, 900, NAME) == "Item 900 renamed" and model.rowCount() == MANY
    catalog.update_item(large.uow(), admin, model.item_id(900), name="Item 900")


def test_the_stock_panel_tables_follow_qts_rules(qtmodeltester, small, gui_store):
    from stockdesk.ui.models.stock_levels import MovementsModel, StockLevelsModel

    hammer = ItemsModel(small).item_id(0)
    levels, moves = StockLevelsModel(), MovementsModel()
    levels.set_rows(stock.levels(small.uow(), hammer))
    moves.set_rows(stock.movements_of(small.uow(), hammer))
    moves.store_codes = {gui_store.id: gui_store.code}
    qtmodeltester.check(levels)
    qtmodeltester.check(moves)
    assert levels.headerData(1, Qt.Orientation.Horizontal) == "On hand"
    assert [moves.data(moves.index(r, 1)) for r in range(moves.rowCount())] == ["MAIN", "MAIN"]
    assert [moves.data(moves.index(r, 3)) for r in range(2)] == ["-3", "+10"]  # newest first, signed
