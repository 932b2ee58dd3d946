"""Two small read-only tables for the stock panel: on hand per store, and the latest movements."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from stockdesk.services.places.place_levels import PlaceLevelView
from stockdesk.services.views import MovementView
from stockdesk.ui.formatting import format_day, format_money, format_quantity, format_when, kind_label
from stockdesk.ui.models.rows import Column, RowsModel


def _what(movement: MovementView) -> str:
    if movement.counted_quantity is not None:
        return f"{kind_label(movement.kind)} {format_quantity(movement.counted_quantity)}"
    return kind_label(movement.kind)


class StockLevelsModel(RowsModel):
    """On hand in each active store (rows: StockLevelView)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(_LEVEL_COLUMNS, parent, context="StockLevelsModel")


_LEVEL_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("StockLevelsModel", "Store"), lambda r: f"{r.store_code} — {r.store_name}"),
    Column(QT_TRANSLATE_NOOP("StockLevelsModel", "On hand"), lambda r: format_quantity(r.on_hand), True),
)


class PlacesModel(RowsModel):
    """Stock by store, location and lot, expired lots said so (rows: PlaceLevelView)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(_PLACE_COLUMNS, parent, context="PlacesModel")


def _expiry(row: PlaceLevelView) -> str:
    if row.expires_on is None:
        return ""
    if row.expires_on < date.today():
        return QCoreApplication.translate("PlacesModel", "{day} EXPIRED").format(
            day=format_day(row.expires_on)
        )
    return format_day(row.expires_on)


_PLACE_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("PlacesModel", "Store"), lambda r: r.store_code),
    Column(
        QT_TRANSLATE_NOOP("PlacesModel", "Location"),
        lambda r: r.location_code or QCoreApplication.translate("PlacesModel", "(unplaced)"),
    ),
    Column(QT_TRANSLATE_NOOP("PlacesModel", "Lot / serial"), lambda r: r.lot_code),
    Column(QT_TRANSLATE_NOOP("PlacesModel", "Use by"), _expiry),
    Column(QT_TRANSLATE_NOOP("PlacesModel", "On hand"), lambda r: format_quantity(r.on_hand), True),
)


class MovementsModel(RowsModel):
    """The latest movements of one item, newest first; stores shown by code (rows: MovementView)."""

    def __init__(self, parent: Any = None) -> None:
        columns = (
            Column(QT_TRANSLATE_NOOP("MovementsModel", "When"), lambda m: format_when(m.at)),
            Column(
                QT_TRANSLATE_NOOP("MovementsModel", "Store"), lambda m: self.store_codes.get(m.store_id, "?")
            ),
            Column(QT_TRANSLATE_NOOP("MovementsModel", "What"), _what),
            Column(
                QT_TRANSLATE_NOOP("MovementsModel", "Qty"),
                lambda m: format_quantity(m.quantity, signed=True),
                True,
            ),
            Column(
                QT_TRANSLATE_NOOP("MovementsModel", "Unit cost"), lambda m: format_money(m.unit_cost), True
            ),
            Column(QT_TRANSLATE_NOOP("MovementsModel", "Reference"), lambda m: m.reference),
        )
        super().__init__(columns, parent, context="MovementsModel")
        self.store_codes: dict[uuid.UUID, str] = {}
