"""An item's barcode drawn with QPainter from python-barcode's bar pattern, the digits underneath.

The bars come from the same encoder the label sheets use (reports.labels.bar_modules), so what the
editor and the counter show is exactly what will be printed, and a camera can read it off the screen.
Codes python-barcode cannot draw (a QR payload, a GS1 string) are shown as text only.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from stockdesk.domain.errors import ValidationError
from stockdesk.domain.gtin import expand_upce

_KEYS = {"EAN13": "ean13", "EAN8": "ean8", "UPCA": "upca"}
QUIET_MODULES = 10


def bar_pattern(code: str, symbology: str = "") -> str:
    """'1'/'0' modules for `code`, or "" when it cannot be drawn as a linear barcode."""
    name = symbology.upper().replace("-", "").replace(" ", "")
    code = code.strip()
    if not code:
        return ""
    if name == "UPCE":
        code, name = expand_upce(code), "UPCA"
    if not name and code.isdigit():
        name = {13: "EAN13", 8: "EAN8", 12: "UPCA"}.get(len(code), "")
    key = _KEYS.get(name, "code128")
    # The label module brings python-barcode, Pillow and reportlab (~15 MB): load with the first code drawn.
    from stockdesk.reports.labels import bar_modules

    try:
        return bar_modules(code, key)
    except ValidationError:
        if key == "code128":
            return ""
        try:  # a retail symbology recorded for a code that is not one: still draw it
            return bar_modules(code, "code128")
        except ValidationError:
            return ""


class BarcodeView(QWidget):
    """Shows one code; `set_code("")` shows nothing."""

    def __init__(self, parent: QWidget | None = None, *, bar_height: int = 56) -> None:
        super().__init__(parent)
        self._code = ""
        self._modules = ""
        self._bar_height = bar_height
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(bar_height + 24)

    def set_code(self, code: str, symbology: str = "") -> None:
        self._code = code
        self._modules = bar_pattern(code, symbology)
        self.setToolTip(code)
        self.update()

    def code(self) -> str:
        return self._code

    def modules(self) -> str:
        """The drawn bar pattern ("" when only text is shown)."""
        return self._modules

    def sizeHint(self) -> QSize:
        """Two pixels per module when possible."""
        return QSize(max(160, 2 * (len(self._modules) + 2 * QUIET_MODULES)), self._bar_height + 24)

    def paintEvent(self, _event: QPaintEvent) -> None:
        """White card, black bars scaled to whole pixels per module (sharp, decodable), digits below."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if not self._code:
            painter.end()
            return
        text_height = 18
        font = QFont(self.font())
        font.setPointSizeF(10)
        painter.setFont(font)
        painter.setPen(QColor("black"))
        if self._modules:
            total = len(self._modules) + 2 * QUIET_MODULES
            module = max(1, self.width() // total)
            left = (self.width() - module * len(self._modules)) // 2
            bar_height = max(10, self.height() - text_height - 6)
            for index, bit in enumerate(self._modules):
                if bit == "1":
                    painter.fillRect(left + index * module, 4, module, bar_height, QColor("black"))
        text_box = QRectF(0, self.height() - text_height, self.width(), text_height)
        painter.drawText(text_box, Qt.AlignmentFlag.AlignCenter, self._code)
        painter.end()
