"""An unhandled exception is logged and shown in a dialog naming the log file."""

from __future__ import annotations

import logging
import sys
import threading

import pytest

from stockdesk.services.maintenance.logging_setup import configure_logging
from stockdesk.ui import crash

# The offscreen platform says so whenever a dialog is shown; it is not about our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def reporter(qtbot, tmp_path):
    log_file = configure_logging(folder=tmp_path)
    saved_hook, saved_thread_hook = sys.excepthook, threading.excepthook
    reporter = crash.install(log_file, modal=False)
    yield reporter
    reporter.uninstall()
    sys.excepthook, threading.excepthook = saved_hook, saved_thread_hook
    for handler in list(logging.getLogger("stockdesk").handlers):
        if str(tmp_path) in getattr(handler, "baseFilename", ""):
            logging.getLogger("stockdesk").removeHandler(handler)
            handler.close()


def _raise_and_hook(message: str) -> None:
    try:
        raise RuntimeError(message)
    except RuntimeError:
        sys.excepthook(*sys.exc_info())


def test_an_unhandled_exception_shows_a_dialog_with_the_log_path_and_is_logged(qtbot, reporter):
    _raise_and_hook("shelf fell over")
    qtbot.waitUntil(lambda: bool(reporter.dialogs) and reporter.dialogs[0].isVisible())
    dialog = reporter.dialogs[0]
    qtbot.addWidget(dialog)
    assert str(reporter.log_file) in dialog.message.text()
    assert "RuntimeError: shelf fell over" in dialog.message.text()
    logged = reporter.log_file.read_text(encoding="utf-8")
    assert "unhandled exception" in logged and "shelf fell over" in logged and "Traceback" in logged
    dialog.copy_details()
    from PySide6.QtGui import QGuiApplication

    assert "shelf fell over" in QGuiApplication.clipboard().text()
    assert str(reporter.log_file) in QGuiApplication.clipboard().text()


def test_an_exception_on_a_worker_thread_reaches_the_dialog_on_the_gui_thread(qtbot, reporter):
    thread = threading.Thread(target=lambda: (_ for _ in ()).throw(ValueError("bad frame")))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(reporter.dialogs))
    qtbot.addWidget(reporter.dialogs[0])
    assert "ValueError: bad frame" in reporter.dialogs[0].message.text()
    assert "bad frame" in reporter.log_file.read_text(encoding="utf-8")


def test_the_log_rotates_instead_of_growing_without_bound(tmp_path):
    path = configure_logging(folder=tmp_path / "rot")
    logger = logging.getLogger("stockdesk.test")
    try:
        for _ in range(3000):
            logger.info("x" * 1000)
        files = sorted(p.name for p in path.parent.iterdir())
        assert files[0] == "stockdesk.log" and "stockdesk.log.1" in files and len(files) <= 6
        assert configure_logging(folder=tmp_path / "rot") == path  # a second call adds no handler
    finally:
        for handler in list(logging.getLogger("stockdesk").handlers):
            logging.getLogger("stockdesk").removeHandler(handler)
            handler.close()
