"""The main window's actions: names, shortcuts, and where they appear (menu and toolbar)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar


@dataclass(frozen=True)
class ActionSpec:
    key: str
    text: str
    shortcuts: tuple[str, ...]
    tip: str
    menu: str
    toolbar: bool = True


SPECS = (
    ActionSpec("quit", "&Quit", ("Ctrl+Q",), "Close StockDesk", "&File", toolbar=False),
    ActionSpec("new_item", "&New item", ("Ctrl+N",), "Create a catalogue item", "&Item"),
    ActionSpec("edit_item", "&Edit item", ("Ctrl+E",), "Edit the selected item (or press Enter)", "&Item"),
    ActionSpec("archive_item", "&Archive", ("Ctrl+Del",), "Archive or restore the selected item", "&Item"),
    ActionSpec("receive", "&Receive", ("F2",), "Receive a delivery of the selected item", "&Stock"),
    ActionSpec("sell", "&Sell", ("F3",), "Sell or issue the selected item", "&Stock"),
    ActionSpec("transfer", "&Transfer", ("F4",), "Move stock to another store", "&Stock"),
    ActionSpec("adjust", "A&djust", ("F5",), "Correct stock for breakage or found goods", "&Stock"),
    ActionSpec("count", "&Count", ("F6",), "Record a shelf count", "&Stock"),
    ActionSpec("find", "&Find", ("Ctrl+F",), "Search by SKU, name or barcode", "&View", toolbar=False),
    ActionSpec("refresh", "Re&fresh", ("Ctrl+R",), "Read the items again", "&View", toolbar=False),
)


def build_actions(window: QMainWindow, handlers: dict[str, Callable[[], None]]) -> dict[str, QAction]:
    """One QAction per spec, wired to its handler, in the menu bar and (mostly) on a toolbar."""
    toolbar = QToolBar("Main", window)
    toolbar.setObjectName("main_toolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    window.addToolBar(toolbar)
    menus: dict[str, object] = {}
    actions: dict[str, QAction] = {}
    previous_menu = ""
    for spec in SPECS:
        action = QAction(spec.text, window)
        action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        shortcut = ", ".join(spec.shortcuts)
        action.setToolTip(f"{spec.tip} ({shortcut})")
        action.setStatusTip(spec.tip)
        action.triggered.connect(handlers[spec.key])
        if spec.menu not in menus:
            menus[spec.menu] = window.menuBar().addMenu(spec.menu)
        menus[spec.menu].addAction(action)  # type: ignore[attr-defined]
        if spec.toolbar:
            if previous_menu and previous_menu != spec.menu:
                toolbar.addSeparator()
            toolbar.addAction(action)
            previous_menu = spec.menu
        actions[spec.key] = action
    return actions
