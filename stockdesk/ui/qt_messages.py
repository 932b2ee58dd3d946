"""A quiet terminal: Qt's own chatter goes to the log file, not to the clerk's console.

QtMultimedia (loaded at the first beep) reports every audio and video-acceleration library it does
not find, and its FFmpeg version, through the `qt.multimedia.*` categories; those are switched off.
What remains (a sound server that is not running, a font that is missing) is written to the log
through `stockdesk.qt`, where a support person looks, instead of to stderr. `QT_LOGGING_RULES` in the
environment still overrides the rules, for a developer who wants to see them.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLoggingCategory, QMessageLogContext, QtMsgType, qInstallMessageHandler

MULTIMEDIA_RULES = "qt.multimedia.*=false\nqt.multimedia=false"
log = logging.getLogger("stockdesk.qt")
_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def silence_multimedia() -> None:
    """Switch off QtMultimedia's categories (call before QtMultimedia is imported)."""
    QLoggingCategory.setFilterRules(MULTIMEDIA_RULES)


def _to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    log.log(_LEVELS.get(kind, logging.WARNING), "%s: %s", context.category or "qt", message)


def send_qt_messages_to_log() -> None:
    """Route every Qt message of this process into the log file (the window's start only: tests keep
    pytest-qt's own handler, which turns Qt warnings into failures)."""
    silence_multimedia()
    qInstallMessageHandler(_to_log)
