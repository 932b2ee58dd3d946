"""Putting counter mode into the main window: the page, the scanner dock and the app-wide wedge filter.

The main window calls `install_counter(window)` once; everything scanning needs is wired here so the
window itself only gains two lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

from stockdesk.domain.permissions import Actor
from stockdesk.scanner.wedge import WedgeFilter
from stockdesk.services.database import Database
from stockdesk.ui.counter.page import CounterPage
from stockdesk.ui.scanner_dock import ScannerDock


class PagedWindow(Protocol):
    db: Database
    actor: Actor

    def add_page(self, title: str, widget: QWidget, shortcut: str = "", *, position: int = -1) -> QAction: ...

    def show_page(self, widget: QWidget) -> None: ...

    def current_page(self) -> QWidget: ...


class CounterWedge(WedgeFilter):
    """The wedge for the counter, which stands aside where a scan belongs to a text field elsewhere:
    in a dialog (the item editor's barcode box) or another page's field (the items search box), the
    scanner types there like a keyboard. Everywhere else a burst goes to the counter.

    It filters one object at a time, the main window's focus widget (the window itself when nothing
    has focus): that object receives every key press and ShortcutOverride of the window. As an
    application filter it saw every event of every object, each call wrapping the receiver for
    Python, which made PySide create ~170 enum types during the window's first paint (~60-100 ms).
    """

    def __init__(self, page: CounterPage, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self._page = page
        self._window: QWidget | None = None
        self._watched: QObject | None = None

    def follow_focus(self, window: QWidget, app: QApplication) -> None:
        """Filter `window`'s focus widget from now on, moving along as the focus moves."""
        self._window = window
        app.focusChanged.connect(self._focus_changed)
        self._focus_changed(None, QApplication.focusWidget())

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        window = self._window
        if window is None or not isValid(window):
            return
        target = new if new is not None and new.window() is window else window
        if target is self._watched:
            return
        if self._watched is not None and isValid(self._watched):
            self._watched.removeEventFilter(self)
        self._watched = target
        target.installEventFilter(self)

    def counts_delivery(self, watched: QObject) -> bool:
        """Only the focus widget (or the window) is filtered: it sees each key press once."""
        return watched is self._watched

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Recognise bursts unless the focus is in a dialog or in a text field off the counter page."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            return self._claim_enter(watched, event)
        if event.type() != QEvent.Type.KeyPress:
            return False
        focus = QApplication.focusWidget()
        if QApplication.activeModalWidget() is not None or (
                focus is not None and focus.window() is not self._page.window()):
            return False
        if isinstance(focus, _TEXT_FIELDS) and not self._page.isAncestorOf(focus):
            return False
        return super().eventFilter(watched, event)

    def _claim_enter(self, watched: QObject, event: QKeyEvent) -> bool:
        """Keep an Enter that ends a burst from firing an Enter shortcut (e.g. "edit item" on the items
        table): Qt offers shortcuts the key before any event filter sees the key press."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if not enter or watched is not self._watched:
            return False
        burst, last_ms = self._burst, self._last_ms
        if len(burst) >= self.min_length and float(event.timestamp()) - last_ms <= self.max_gap_ms:
            event.accept()  # accepted override: no shortcut, the key press comes to us as usual
            return True
        return False


_TEXT_FIELDS = (QLineEdit, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QComboBox)


@dataclass
class CounterSetup:
    page: CounterPage
    dock: ScannerDock
    wedge: WedgeFilter


def install_counter(window: PagedWindow, *, shortcut: str = "Ctrl+1") -> CounterSetup:
    """Add the counter page (first tab, Ctrl+1), the scanner dock (hidden; Ctrl+Shift+S) and the wedge."""
    assert isinstance(window, QMainWindow)
    page = CounterPage(window.db, window.actor)
    window.add_page(QCoreApplication.translate("CounterPage", "Counter"), page, shortcut, position=1)
    dock = ScannerDock(window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                     | QDockWidget.DockWidgetFeature.DockWidgetMovable)
    toggle = dock.toggleViewAction()
    toggle.setShortcut("Ctrl+Shift+S")
    window.menuBar().addAction(toggle)
    wedge = CounterWedge(page, parent=window)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        wedge.follow_focus(window, app)

    def scanned(code: str, symbology: str = "") -> None:
        current = window.current_page()
        if current is not page and getattr(current, "takes_scans", False):
            current.handle_scan(code, symbology)  # e.g. the stocktake page counting a shelf
            return
        window.show_page(page)   # a scan anywhere else brings the counter up with the item
        page.handle_scan(code, symbology)

    dock.scanned.connect(scanned)
    wedge.scanned.connect(scanned)
    return CounterSetup(page, dock, wedge)
