"""A page built the first time it is shown, so opening the window costs only the page on screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyPage(QWidget):
    """Holds `factory()`'s page once built; `page` builds it on demand (tests, shortcuts)."""

    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._page: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def is_built(self) -> bool:
        return self._page is not None

    @property
    def page(self) -> Any:
        if self._page is None:
            self._page = self._factory()
            self.layout().addWidget(self._page)
            if self.isVisible():  # built as the tab comes into view: show it now, not after a queued event
                self._page.show()
        return self._page

    def showEvent(self, event: Any) -> None:
        """Build the page as it comes into view."""
        _ = self.page
        super().showEvent(event)
