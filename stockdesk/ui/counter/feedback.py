"""The beep and the coloured flash that tell a clerk a scan was taken (or refused) without looking."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from stockdesk.ui.qt_messages import silence_multimedia

log = logging.getLogger(__name__)

# resources/ sits beside the package in the source tree (stockdesk/ui/counter -> repository root).
BEEP_WAV = Path(__file__).resolve().parents[3] / "resources" / "sounds" / "beep.wav"
FLASH_MS = 300
OK_COLOUR = "#c8f7c5"
ERROR_COLOUR = "#ffd0d0"


class Beeper(QObject):
    """Plays beep.wav through QtMultimedia; without QtMultimedia, a sound file or an audio device it
    stays silent (a counter without speakers must still scan).

    The sound is loaded at the first beep, not when the window opens: QtMultimedia with its FFmpeg
    backend and audio server connection costs ~17 MB resident that a desk which never scans
    should not carry. The first scan pays the load once (~25 ms measured without a sound card).
    """

    def __init__(self, parent: QObject | None = None, *, enabled: bool = True) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.played = 0            # how often a beep was asked for (tests, and a muted desk's log)
        self._effect: QObject | None = None
        self._loaded = False

    def _load(self) -> QObject | None:
        if not BEEP_WAV.is_file():
            log.info("no beep sound at %s; scanning silently", BEEP_WAV)
            return None
        silence_multimedia()  # its library probing would print a dozen lines on the terminal
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError:  # a slimmed-down Qt without multimedia
            return None
        if QMediaDevices.defaultAudioOutput().isNull():
            # No sound card (or no sound server): QSoundEffect would only log a warning per beep.
            log.info("no audio output; scanning silently")
            return None
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(BEEP_WAV)))
        effect.setVolume(0.6)
        return effect

    def beep(self) -> None:
        """Play once; any audio failure is swallowed (no device, busy device)."""
        if not self.enabled:
            return
        self.played += 1
        if not self._loaded:
            self._loaded = True
            self._effect = self._load()
        try:
            if self._effect is not None:
                self._effect.play()  # type: ignore[attr-defined]
        except RuntimeError:  # pragma: no cover - depends on the audio stack
            log.debug("beep failed", exc_info=True)


class Flasher(QObject):
    """Tints a widget's background for a moment: green for a good scan, red for a refusal.

    The tint is a palette change on an auto-filled widget, not a style sheet: changing a style sheet
    re-polishes every child widget, which measured 10-14 ms per scan on the counter card.
    """

    def __init__(self, target: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._target = target
        self._base = QPalette(target.palette())
        self.colour = ""           # the tint showing now ("" when none)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._restore)
        target.setAutoFillBackground(True)

    def flash(self, colour: str) -> None:
        self.colour = colour
        palette = QPalette(self._base)
        palette.setColor(QPalette.ColorRole.Window, QColor(colour))
        self._target.setPalette(palette)
        self._timer.start(FLASH_MS)

    def _restore(self) -> None:
        self.colour = ""
        self._target.setPalette(self._base)
