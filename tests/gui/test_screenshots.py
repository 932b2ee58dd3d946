"""`stockdesk screenshot --page NAME`: every page renders offscreen; an unknown name lists the known ones."""

import pytest
from PySide6.QtGui import QImage

from stockdesk.domain.errors import ValidationError
from stockdesk.services.catalogue import catalog
from stockdesk.ui.app import save_screenshot
from stockdesk.ui.main_window import MainWindow
from stockdesk.ui.screenshot import page_names, pages_by_name, show_named_page

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_every_page_has_a_name_and_each_renders_into_a_png(qtbot, gui_db, gui_admin, gui_store, tmp_path):
    catalog.create_item(gui_db.uow(), gui_admin, sku="HAM-16", name="Claw hammer")
    window = MainWindow(gui_db, gui_admin)
    qtbot.addWidget(window)
    names = page_names(window)
    wanted = {"dashboard", "counter", "items", "alerts", "reorder", "orders", "stocktake", "audit"}
    assert wanted <= set(names)
    assert len(pages_by_name(window)) == window.pages.count()  # no tab without a name
    for name in ("items", "stocktake"):
        path = tmp_path / f"{name}.png"
        save_screenshot(gui_db, gui_admin, path, page=name)
        assert (QImage(str(path)).width(), QImage(str(path)).height()) == (1280, 760)


def test_an_unknown_page_is_refused_naming_the_pages_there_are(qtbot, gui_db, gui_admin):
    window = MainWindow(gui_db, gui_admin)
    qtbot.addWidget(window)
    with pytest.raises(ValidationError, match="dashboard") as refused:
        show_named_page(window, "kitchen")
    assert refused.value.field == "page"


def test_the_dashboard_chart_has_day_labels_and_a_legend_above_it(qtbot, gui_db, gui_admin, gui_store):
    from datetime import UTC, date, datetime

    from PySide6.QtCharts import QCategoryAxis
    from PySide6.QtCore import Qt

    from stockdesk.ui.formatting import format_short_day
    from stockdesk.ui.pages.dashboard import DashboardPage

    page = DashboardPage(gui_db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.is_loaded, timeout=30_000)
    chart = page.chart_view.chart()
    labelled = [a for a in chart.axes(Qt.Orientation.Horizontal) if isinstance(a, QCategoryAxis)]
    assert len(labelled) == 1
    labels = labelled[0].categoriesLabels()
    today = {format_short_day(date.today()), format_short_day(datetime.now(UTC).date())}  # local or UTC
    assert len(labels) >= 6 and labels[-1] in today  # one every five days, the last one today
    assert chart.legend().alignment() == Qt.AlignmentFlag.AlignTop
    assert [m.label() for m in chart.legend().markers()] == ["Sold", "Received"]
