"""Text in any script on a PDF page: which font draws which characters, and right-to-left order.

Text the standard PDF fonts can show (Windows-1252: English, German, French, ...) stays in
Helvetica: nothing to embed, and the fast paths of pdf_style keep working. Anything else (Greek,
Cyrillic, Arabic, Chinese names) is split into runs, each drawn with the first bundled TrueType font
that has its glyphs (DejaVu Sans, then Droid Sans Fallback for CJK), embedded as a subset. Only
such texts pay for the split, so a catalogue in Latin script reports as fast as before.

reportlab draws glyphs in the order given and does not join Arabic letters by itself (its shaping
needs uharfbuzz, its bidi needs rlbidi: neither is a dependency), so right-to-left text is reshaped
(arabic-reshaper: joined letter forms) and put into visual order (python-bidi) before drawing.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import registerFont, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

# Source checkout: <repo>/resources; PyInstaller bundle: <_internal>/resources (see packaging/).
FONTS_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
UNICODE_FONT = "StockDeskSans"
UNICODE_BOLD = "StockDeskSans-Bold"
CJK_FONT = "StockDeskCJK"
_FILES = {
    UNICODE_FONT: "DejaVuSans.ttf",
    UNICODE_BOLD: "DejaVuSans-Bold.ttf",
    CJK_FONT: "DroidSansFallbackFull.ttf",
}
# Hebrew, Arabic, Syriac, Thaana, N'Ko and the Arabic presentation forms.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_lock = threading.Lock()
_coverage: dict[str, frozenset[int]] = {}


def _load() -> dict[str, frozenset[int]]:
    """Register the bundled fonts once (reports run on worker threads, so under a lock)."""
    with _lock:
        if not _coverage:
            for name, file in _FILES.items():
                font = TTFont(name, str(FONTS_DIR / file))
                registerFont(font)
                _coverage[name] = frozenset(font.face.charToGlyph)
    return _coverage


def is_standard(text: str) -> bool:
    """Whether the standard fonts (WinAnsi encoding) can show every character of `text`."""
    if text.isascii():
        return True
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _bold(base: str) -> bool:
    return "Bold" in base


@lru_cache(maxsize=4096)
def runs(text: str, base: str) -> tuple[tuple[str, str], ...]:
    """(font, text) pieces in drawing order; one piece in `base` when the standard font suffices."""
    if is_standard(text):
        return ((base, text),)
    coverage = _load()
    primary = UNICODE_BOLD if _bold(base) else UNICODE_FONT
    pieces: list[tuple[str, list[str]]] = []
    for char in visual(text):
        code = ord(char)
        if pieces and code in coverage[pieces[-1][0]]:
            font = pieces[-1][0]  # spaces and digits stay in the run they are in
        elif code in coverage[primary] or code not in coverage[CJK_FONT]:
            font = primary
        else:
            font = CJK_FONT
        if pieces and pieces[-1][0] == font:
            pieces[-1][1].append(char)
        else:
            pieces.append((font, [char]))
    return tuple((font, "".join(chars)) for font, chars in pieces)


def visual(text: str) -> str:
    """Right-to-left text joined and in the order it is drawn; other text as it is."""
    if not _RTL.search(text):
        return text
    from arabic_reshaper import reshape  # imported on first use: most reports never need them
    from bidi import get_display

    return str(get_display(reshape(text)))


def text_width(text: str, base: str, size: float) -> float:
    return sum(stringWidth(piece, font, size) for font, piece in runs(text, base))


def draw_text(canvas: Canvas, x: float, y: float, text: str, *, font: str, size: float,
              align: str = "left") -> None:
    """Draw `text` starting at x ("left"), ending at x ("right") or centred on x ("centre")."""
    pieces = runs(text, font)
    if align != "left":
        width = sum(stringWidth(piece, name, size) for name, piece in pieces)
        x -= width if align == "right" else width / 2
    if len(pieces) == 1:  # the common case, drawn exactly as canvas.drawString always drew it
        name, piece = pieces[0]
        current = (getattr(canvas, "_fontname", None), getattr(canvas, "_fontsize", None))
        if current != (name, size):  # each setFont writes operators
            canvas.setFont(name, size)
        canvas.drawString(x, y, piece)
        if name != font:
            canvas.setFont(font, size)
        return
    # One text object for all runs: text extraction (and copy and paste) sees one line, not pieces.
    text_object = canvas.beginText(x, y)
    for index, (name, piece) in enumerate(pieces):
        text_object.setFont(name, size)
        if index < len(pieces) - 1:
            text_object.textOut(piece)
        else:
            text_object.textLine(piece)  # ends the line, as drawString does
    canvas.drawText(text_object)
    canvas.setFont(font, size)
