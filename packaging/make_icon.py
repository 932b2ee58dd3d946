"""Write resources/icons/stockdesk.svg and its PNG renderings (run again after changing the drawing).

The icon: three stacked boxes on a rounded blue tile with a barcode on the front box, drawn as plain
SVG so any tool can edit it; the PNGs are rendered with Qt's SVG renderer (no extra dependency).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def _box(x: int, y: int, w: int, h: int) -> str:
    return (
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="10" fill="#F4B544" stroke="#8A5A12" '
        f'stroke-width="6"/>\n  <rect x="{x + w // 2 - 14}" y="{y}" width="28" height="{h // 3}" '
        f'fill="#E39B22"/>'
    )


def _barcode(x: int, y: int, height: int) -> str:
    widths = [3, 1, 2, 1, 1, 3, 2, 1, 3, 1, 1, 2, 3, 1, 2, 1]
    bars, cursor = [], x
    for index, width in enumerate(widths):
        if index % 2 == 0:
            bars.append(f'<rect x="{cursor}" y="{y}" width="{width * 4}" height="{height}" fill="#1F2933"/>')
        cursor += width * 4
    return "\n  ".join(bars)


def svg() -> str:
    return "\n".join(
        [
            '<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">',
            '  <rect x="16" y="16" width="480" height="480" rx="96" fill="#1E5AA8"/>',
            "  " + _box(96, 250, 150, 150),
            "  " + _box(266, 250, 150, 150),
            "  " + _box(181, 100, 150, 150),
            '  <rect x="118" y="330" width="108" height="52" rx="4" fill="#FFFFFF"/>',
            "  " + _barcode(126, 336, 40),
            "</svg>",
            "",
        ]
    )


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    ICONS.mkdir(parents=True, exist_ok=True)
    text = svg()
    (ICONS / "stockdesk.svg").write_text(text, encoding="utf-8")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(QByteArray(text.encode()))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"stockdesk-{size}.png"))
    del app
    print(f"wrote {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
