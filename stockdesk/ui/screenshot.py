"""Rendering any page of the main window into a PNG, offscreen (`stockdesk screenshot --page NAME`).

Pages are named by stable English words (not their translated tab titles), so a script that keeps
the screenshots in docs/ current works in any language.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QWidget

from stockdesk.domain.errors import ValidationError
from stockdesk.ui.main_window import MainWindow

SCREENSHOT_SIZE = (1280, 760)
SETTLE_SECONDS = 30  # figures arrive from worker threads; a stuck job must not hang the command


def pages_by_name(window: MainWindow) -> dict[str, QWidget]:
    """Every page the window has, by its stable name."""
    pages: dict[str, QWidget] = {
        "dashboard": window.dashboard,
        "counter": window.counter.page,
        "items": window.items_page,
        "categories": window.categories_page,
        "suppliers": window.suppliers_page,
        "stores": window.stores_page,
        "locations": window.locations_page,
        "users": window.users_page,
        "ledger": window.ledger_page,
        "audit": window.audit_page,
        "alerts": window.planning.alerts,
        "reorder": window.planning.reorder,
        "orders": window.planning.orders,
        "stocktake": window.planning.stocktake,
    }
    if window.sync is not None:  # only a desk registered with a server has the sync page
        pages["sync"] = window.sync.panel
    return pages


def page_names(window: MainWindow) -> list[str]:
    return sorted(pages_by_name(window))


def _wait_for(condition: Callable[[], bool], *, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    QApplication.processEvents()
    while not condition() and time.monotonic() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    QApplication.processEvents()


def show_named_page(window: MainWindow, name: str) -> QWidget:
    """Bring page `name` forward; an unknown name is refused with the list of the known ones."""
    pages = pages_by_name(window)
    page = pages.get(name.strip().lower())
    if page is None:
        raise ValidationError("page", name, "is not a page; choose one of " + ", ".join(sorted(pages)))
    window.show_page(page)
    return page


def render_window(window: MainWindow, path: Path, *, page: str = "dashboard") -> Path:
    """Show `page` in `window` (already built and shown), let its figures arrive, save a PNG."""
    show_named_page(window, page)
    # A picture for the docs shows the database kind and file name, not this machine's folders.
    window.db_label.setText(window.db_label.text().replace(str(Path.cwd()), "").split("/")[-1])
    if page == "items" and window.model.rowCount():
        window.select_row(0)  # a picture of the items page shows an item's stock panel
    _wait_for(lambda: window.dashboard.is_loaded or page != "dashboard", seconds=SETTLE_SECONDS)
    QApplication.processEvents()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path
