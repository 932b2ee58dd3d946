"""Recognise a USB "keyboard wedge" scanner by its typing speed, wherever the keyboard focus is.

A wedge scanner types the code as key presses a few milliseconds apart and ends with Enter; a person
types 80-300 ms apart. The filter watches every key press in the application, and when a burst of at
least `min_length` printable keys, each less than `max_gap_ms` after the one before, ends in Enter, it
emits `scanned(code)`.

Why keys are let through rather than held back: the first key of a burst looks exactly like a
person's key, so holding keys would mean delaying (and re-sending) every keystroke a person types.
Instead every key reaches its widget as usual and only the final Enter is swallowed, so the scan does
not also press a dialog's default button or submit a form. When the focus is in a QLineEdit that now
ends with the scanned code, the code is removed again (as an undoable edit), so the field keeps what
the person typed; turn that off with `strip_from_line_edits=False` where the field should keep it.
A QShortcut bound to Enter itself would still fire: Qt matches shortcuts before the key press.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

_ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
# Scanners press Shift for capitals (Code 39, Code 128); a modifier alone neither adds nor breaks a burst.
_MODIFIER_KEYS = frozenset({Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta,
                            Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock})
_COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)


class WedgeFilter(QObject):
    """Application-wide event filter: install with `QApplication.instance().installEventFilter(f)`."""

    scanned = Signal(str)

    def __init__(self, *, max_gap_ms: float = 30.0, min_length: int = 4, strip_from_line_edits: bool = True,
                 clock: Callable[[], float] | None = None, parent: QObject | None = None) -> None:
        """`clock` returns milliseconds; by default the key events' own timestamps are used."""
        super().__init__(parent)
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self.strip_from_line_edits = strip_from_line_edits
        self._clock = clock
        self._enabled = True
        self._burst: list[str] = []
        self._last_ms = 0.0

    def counts_delivery(self, watched: QObject) -> bool:
        """Is this delivery of a key press the one to count? (An application filter sees it several times.)"""
        return _is_first_delivery(watched)

    def set_enabled(self, enabled: bool) -> None:
        """Pause or resume recognition (keys always pass through)."""
        self._enabled = enabled
        self._burst.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Watch key presses; return True only for the Enter that ends a recognised burst."""
        if not self._enabled or event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not self.counts_delivery(watched):
            return False
        now = self._clock() if self._clock is not None else float(event.timestamp())
        key = event.key()
        if key in _ENTER_KEYS:
            return self._finish(now)
        if key in _MODIFIER_KEYS:
            return False
        text = event.text()
        typed = (len(text) == 1 and text.isprintable() and not event.isAutoRepeat()
                 and not event.modifiers() & _COMMAND_MODIFIERS)
        if not typed:  # arrows, Tab, Ctrl+C, a held key repeating: not a scanner
            self._burst.clear()
            return False
        if self._burst and now - self._last_ms > self.max_gap_ms:
            self._burst.clear()
        self._burst.append(text)
        self._last_ms = now
        return False

    def _finish(self, now: float) -> bool:
        code = "".join(self._burst)
        recognised = len(code) >= self.min_length and now - self._last_ms <= self.max_gap_ms
        self._burst.clear()
        if not recognised:
            return False
        if self.strip_from_line_edits:
            _strip_trailing(QApplication.focusWidget(), code)
        self.scanned.emit(code)
        return True


def _is_first_delivery(watched: QObject) -> bool:
    """True for the one delivery of a key press we count.

    Qt shows an application filter the same key event several times: first for the top-level
    QWindow, then for the focus widget, then for each parent it propagates to. Count it at the focus
    widget, or at the window when no widget has focus.
    """
    focus = QApplication.focusWidget()
    if isinstance(watched, QWindow):
        return focus is None
    return isinstance(watched, QWidget) and watched is focus


def _strip_trailing(widget: QWidget | None, code: str) -> None:
    """Take the scanned characters back out of a line edit the scanner typed into."""
    if not isinstance(widget, QLineEdit) or widget.isReadOnly():
        return
    text = widget.text()
    if text.endswith(code) and widget.cursorPosition() == len(text):
        widget.setSelection(len(text) - len(code), len(code))
        widget.del_()
