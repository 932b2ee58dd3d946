"""Label sheet geometries (positions measured from the top-left corner of the sheet)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch, mm

from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message


@dataclass(frozen=True)
class LabelPreset:
    """One sheet layout: `columns` × `rows` labels of `width` × `height` points."""

    name: str
    description: str
    page: tuple[float, float]
    columns: int
    rows: int
    width: float
    height: float
    left: float
    top: float
    pitch_x: float
    pitch_y: float
    style: str = "product"  # "shelf": shelf-edge labels, the price big

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def origin(self, slot: int) -> tuple[float, float]:
        """Bottom-left corner (PDF coordinates) of label number `slot` on the sheet, row by row."""
        row, column = divmod(slot, self.columns)
        x = self.left + column * self.pitch_x
        y = self.page[1] - self.top - row * self.pitch_y - self.height
        return x, y


PRESETS: dict[str, LabelPreset] = {
    preset.name: preset
    for preset in (
        LabelPreset("a4-3x8", "A4, 24 labels 70 × 37 mm (Avery 3474 style)", A4, 3, 8,
                    70 * mm, 37 * mm, 0.0, 0.5 * mm, 70 * mm, 37 * mm),
        LabelPreset("a4-l7160", "A4, 21 labels 63.5 × 38.1 mm (Avery L7160)", A4, 3, 7,
                    63.5 * mm, 38.1 * mm, 7.21 * mm, 15.15 * mm, 66.04 * mm, 38.1 * mm),
        LabelPreset("letter-5160", "US Letter, 30 labels 2⅝ × 1 in (Avery 5160)", LETTER, 3, 10,
                    2.625 * inch, 1 * inch, 0.1875 * inch, 0.5 * inch, 2.75 * inch, 1 * inch),
        LabelPreset("a4-shelf-3x8", "A4, 24 shelf-edge labels 70 × 37 mm, large price", A4, 3, 8,
                    70 * mm, 37 * mm, 0.0, 0.5 * mm, 70 * mm, 37 * mm, style="shelf"),
    )
}


def preset_named(name: str) -> LabelPreset:
    """The preset called `name` (case-insensitive)."""
    try:
        return PRESETS[name.strip().lower()]
    except KeyError:
        raise ValidationError("preset", name, Message("one_of", choices=", ".join(PRESETS))) from None
