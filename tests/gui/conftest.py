"""GUI fixtures: Qt offscreen, and a fresh SQLite file with an admin and a store built through services."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSettings, QThreadPool

# Before any QApplication exists (pytest-qt creates it lazily in the qapp fixture).
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from stockdesk.domain.permissions import Actor
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database
from stockdesk.services.views import StoreView
from stockdesk.ui.collector import GuiThreadCollector
from stockdesk.ui.i18n import current_language, set_language

DRAIN_MS = 120_000  # a cap for a job that never ends; normal jobs finish in well under a second


@pytest.fixture(autouse=True)
def _application(qapp: QObject) -> Iterator[QObject]:
    """Every GUI test runs with the QApplication, also those that only build a model: without it Qt
    objects made on the test's thread have no event dispatcher (their timers warn and never fire),
    which only showed when such a test file ran on its own. English is installed as the app's start
    does (apply_appearance): its file holds the plural forms ("1 alert", "22 alerts")."""
    if current_language() == "en":
        set_language("en")
    collector = GuiThreadCollector(qapp)  # as the app runs: cycles freed on the GUI thread only
    collector.start()
    yield qapp
    collector.stop()  # the process's next tests (not GUI ones) collect as usual
    collector.deleteLater()
    # ...but not this test's cycles: left to automatic collection, they were freed on whatever thread a
    # later test allocated on (an SMTP server's, in a mail test), Qt objects among them: a segfault.
    gc.collect()


@pytest.fixture(autouse=True)
def _idle_thread_pool() -> Iterator[None]:
    """Each test ends with Qt's shared thread pool idle: a page's background job still running (a
    forecast, a chart's history) would otherwise take a pool thread from the next test's jobs,
    whose signals the next test waits for. A drain, not a check: nothing is asserted on its time."""
    yield
    QThreadPool.globalInstance().waitForDone(DRAIN_MS)


@pytest.fixture(autouse=True)
def _no_window_left_open() -> Iterator[None]:
    """Each test ends with no window of its own left on screen: a message box a test left open (the
    backup's "written to …" box outlived its main window) stays the application's active modal widget,
    and a later test in the same process sends its clicks into a window that box may block."""
    yield
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()


@pytest.fixture(autouse=True)
def _own_settings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each test's QSettings() start empty in a folder of its own: a window closed by one test saves
    its geometry and columns, and the next test must not open with them (whatever the order)."""
    folder = tmp_path_factory.mktemp("settings")
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def gui_db(sqlite_db: Database) -> Database:
    """An empty, migrated SQLite file of this test's own (the window always runs on a local file)."""
    return sqlite_db


@pytest.fixture
def gui_admin(gui_db: Database) -> Actor:
    return users.create_first_admin(
        gui_db.uow(), email="admin@example.com", password="admin-pass-1", name="Ada Admin"
    )


@pytest.fixture
def gui_store(gui_db: Database, gui_admin: Actor) -> StoreView:
    return organisation.create_store(gui_db.uow(), gui_admin, code="MAIN", name="Main store")


@pytest.fixture
def save_artifact(tmp_path: Path) -> Callable[[object, str], Path]:
    """Save a widget's picture to tmp_path (and to $STOCKDESK_ARTIFACTS when set); returns the path."""

    def save(widget: object, name: str) -> Path:
        pixmap = widget.grab()  # type: ignore[attr-defined]
        path = tmp_path / name
        assert pixmap.save(str(path), "PNG")
        folder = os.environ.get("STOCKDESK_ARTIFACTS")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            assert pixmap.save(str(Path(folder) / name), "PNG")
        return path

    return save
