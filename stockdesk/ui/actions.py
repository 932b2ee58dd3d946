"""The main window's actions: names, shortcuts, and where they appear (menu and toolbar)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
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
    ActionSpec(
        "quit",
        QT_TRANSLATE_NOOP("Actions", "&Quit"),
        ("Ctrl+Q",),
        QT_TRANSLATE_NOOP("Actions", "Close StockDesk"),
        QT_TRANSLATE_NOOP("Actions", "&File"),
        toolbar=False,
    ),
    ActionSpec(
        "new_item",
        QT_TRANSLATE_NOOP("Actions", "&New item"),
        ("Ctrl+N",),
        QT_TRANSLATE_NOOP("Actions", "Create a catalogue item"),
        QT_TRANSLATE_NOOP("Actions", "&Item"),
    ),
    ActionSpec(
        "edit_item",
        QT_TRANSLATE_NOOP("Actions", "&Edit item"),
        ("Ctrl+E",),
        QT_TRANSLATE_NOOP("Actions", "Edit the selected item (or press Enter)"),
        QT_TRANSLATE_NOOP("Actions", "&Item"),
    ),
    ActionSpec(
        "archive_item",
        QT_TRANSLATE_NOOP("Actions", "&Archive"),
        ("Ctrl+Del",),
        QT_TRANSLATE_NOOP("Actions", "Archive or restore the selected item"),
        QT_TRANSLATE_NOOP("Actions", "&Item"),
    ),
    ActionSpec(
        "labels",
        QT_TRANSLATE_NOOP("Actions", "Print &labels…"),
        ("Ctrl+L",),
        QT_TRANSLATE_NOOP("Actions", "Label sheets for the selected items (Shift/Ctrl+click for several)"),
        QT_TRANSLATE_NOOP("Actions", "&Item"),
        toolbar=False,
    ),
    ActionSpec(
        "receive",
        QT_TRANSLATE_NOOP("Actions", "&Receive"),
        ("F2",),
        QT_TRANSLATE_NOOP("Actions", "Receive a delivery of the selected item"),
        QT_TRANSLATE_NOOP("Actions", "&Stock"),
    ),
    ActionSpec(
        "sell",
        QT_TRANSLATE_NOOP("Actions", "&Sell"),
        ("F3",),
        QT_TRANSLATE_NOOP("Actions", "Sell or issue the selected item"),
        QT_TRANSLATE_NOOP("Actions", "&Stock"),
    ),
    ActionSpec(
        "transfer",
        QT_TRANSLATE_NOOP("Actions", "&Transfer"),
        ("F4",),
        QT_TRANSLATE_NOOP("Actions", "Move stock to another store"),
        QT_TRANSLATE_NOOP("Actions", "&Stock"),
    ),
    ActionSpec(
        "move_location",
        QT_TRANSLATE_NOOP("Actions", "&Move between locations…"),
        ("F8",),  # F7 prints a label at the counter
        QT_TRANSLATE_NOOP("Actions", "Move stock from one shelf or bin of a store to another"),
        QT_TRANSLATE_NOOP("Actions", "&Stock"),
        toolbar=False,
    ),
    ActionSpec(
        "adjust",
        QT_TRANSLATE_NOOP("Actions", "A&djust"),
        ("F5",),
        QT_TRANSLATE_NOOP("Actions", "Correct stock for breakage or found goods"),
        QT_TRANSLATE_NOOP("Actions", "&Stock"),
    ),
    ActionSpec(
        "count",
        QT_TRANSLATE_NOOP("Actions", "&Count"),
        ("F6",),
        QT_TRANSLATE_NOOP("Actions", "Record a shelf count"),
        QT_TRANSLATE_NOOP("Actions", "&Stock"),
    ),
    ActionSpec(
        "find",
        QT_TRANSLATE_NOOP("Actions", "&Find"),
        ("Ctrl+F",),
        QT_TRANSLATE_NOOP("Actions", "Search by SKU, name or barcode"),
        QT_TRANSLATE_NOOP("Actions", "&View"),
        toolbar=False,
    ),
    ActionSpec(
        "refresh",
        QT_TRANSLATE_NOOP("Actions", "Re&fresh"),
        ("Ctrl+R",),
        QT_TRANSLATE_NOOP("Actions", "Read the items again"),
        QT_TRANSLATE_NOOP("Actions", "&View"),
        toolbar=False,
    ),
)


def build_actions(window: QMainWindow, handlers: dict[str, Callable[[], None]]) -> dict[str, QAction]:
    """One QAction per spec, wired to its handler, in the menu bar and (mostly) on a toolbar."""
    toolbar = QToolBar(QCoreApplication.translate("Actions", "Main"), window)
    toolbar.setObjectName("main_toolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    window.addToolBar(toolbar)
    menus: dict[str, object] = {}
    actions: dict[str, QAction] = {}
    previous_menu = ""
    for spec in SPECS:
        text = QCoreApplication.translate("Actions", spec.text)
        tip = QCoreApplication.translate("Actions", spec.tip)
        action = QAction(text, window)
        action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        shortcut = ", ".join(spec.shortcuts)
        action.setToolTip(f"{tip} ({shortcut})")
        action.setStatusTip(tip)
        action.triggered.connect(handlers[spec.key])
        if spec.menu not in menus:
            menus[spec.menu] = window.menuBar().addMenu(QCoreApplication.translate("Actions", spec.menu))
        menus[spec.menu].addAction(action)  # type: ignore[attr-defined]
        if spec.toolbar:
            if previous_menu and previous_menu != spec.menu:
                toolbar.addSeparator()
            toolbar.addAction(action)
            previous_menu = spec.menu
        actions[spec.key] = action
    return actions
