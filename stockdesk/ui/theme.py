"""Light or dark: a Fusion palette, following the system's colour scheme when asked to."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from stockdesk.config import Theme

_DARK = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1e1e",
    QPalette.ColorRole.AlternateBase: "#262626",
    QPalette.ColorRole.ToolTipBase: "#3a3a3a",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#8c8c8c",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Link: "#6cb4ff",
    QPalette.ColorRole.Highlight: "#2f6fb3",
    QPalette.ColorRole.HighlightedText: "#ffffff",
}
_DISABLED = (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText)


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role in _DISABLED:
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


def system_is_dark() -> bool:
    """The platform's colour scheme (Qt 6.5+); Unknown counts as light."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def wants_dark(theme: Theme) -> bool:
    return theme is Theme.DARK or (theme is Theme.SYSTEM and system_is_dark())


class ThemeKeeper:
    """Applies a theme and, for Theme.SYSTEM, re-applies it when the system scheme changes."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.theme = Theme.SYSTEM
        self.dark = False
        app.styleHints().colorSchemeChanged.connect(self._system_changed)

    def apply(self, theme: Theme) -> bool:
        """Set `theme`; returns True when the dark palette is now in use."""
        self.theme = Theme(theme)
        self.dark = wants_dark(self.theme)
        # Fusion draws every control from the palette; native styles ignore parts of a dark one.
        self.app.setStyle("Fusion")
        style = self.app.style()
        self.app.setPalette(dark_palette() if self.dark else style.standardPalette())
        return self.dark

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.theme is Theme.SYSTEM:
            self.apply(Theme.SYSTEM)


_keeper: ThemeKeeper | None = None


def apply_theme(theme: Theme) -> bool:
    """Apply `theme` to the running application; True when it is dark now."""
    global _keeper
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("create the QApplication before choosing a theme")
    if _keeper is None or _keeper.app is not app:
        _keeper = ThemeKeeper(app)
    return _keeper.apply(theme)
