"""The reports' and label presets' names (`registry.REPORTS`, `label_presets.PRESETS`), for a command
line that offers them without loading reportlab and every report: a command that writes no PDF needs
none of it."""

from __future__ import annotations

REPORT_NAMES = (
    "valuation",
    "low-stock",
    "movements",
    "stocktake-sheet",
    "stocktake-variance",
    "item-card",
    "recall",
    "variants",
)
LABEL_PRESET_NAMES = ("a4-3x8", "a4-l7160", "letter-5160", "a4-shelf-3x8")
