import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget

from stockdesk.scanner.wedge import WedgeFilter

# The offscreen platform used in CI cannot resize native windows; Qt says so once per shown window.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

KEYS = {"\r": Qt.Key.Key_Return, " ": Qt.Key.Key_Space, "-": Qt.Key.Key_Minus}


class Keyboard:
    """Sends key presses and releases to the focus widget with timestamps we choose."""

    def __init__(self):
        self.ms = 1_000

    def press(self, key, text="", modifiers=Qt.KeyboardModifier.NoModifier):
        target = QApplication.focusWidget()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, modifiers, text)
            event.setTimestamp(self.ms)
            QApplication.sendEvent(target, event)

    def type(self, text, gap_ms):
        for char in text:
            if char in KEYS:
                key = KEYS[char]
            elif char.isupper():
                self.press(Qt.Key.Key_Shift)  # scanners press Shift for capitals, as people do
                key = Qt.Key(ord(char))
            else:
                key = Qt.Key(ord(char.upper()))
            shift = Qt.KeyboardModifier.ShiftModifier if char.isupper() else Qt.KeyboardModifier.NoModifier
            self.press(key, "" if char == "\r" else char, shift)
            self.ms += gap_ms

    def pause(self, ms):
        self.ms += ms


@pytest.fixture
def form(qtbot):
    window = QWidget()
    layout = QVBoxLayout(window)
    field = QLineEdit()
    button = QPushButton("OK")
    layout.addWidget(field)
    layout.addWidget(button)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    return window, field, button


@pytest.fixture
def wedge(qtbot):
    wedge = WedgeFilter()
    app = QApplication.instance()
    app.installEventFilter(wedge)
    scans = []
    wedge.scanned.connect(scans.append)
    yield wedge, scans
    app.removeEventFilter(wedge)


def test_a_burst_ending_in_enter_is_a_scan_and_the_person_keeps_their_text(form, wedge):
    _, field, _ = form
    _, scans = wedge
    returns = []
    field.returnPressed.connect(lambda: returns.append(field.text()))
    keyboard = Keyboard()

    keyboard.type("bolt\r", gap_ms=150)  # a person, then Enter
    keyboard.pause(2_000)
    keyboard.type("4006381333931\r", gap_ms=5)  # the scanner

    assert scans == ["4006381333931"]
    assert field.text() == "bolt"
    assert returns == ["bolt"]  # the scanner's Enter was swallowed


def test_human_typing_never_becomes_a_scan(form, wedge):
    _, field, _ = form
    _, scans = wedge
    keyboard = Keyboard()
    keyboard.type("4006381333931\r", gap_ms=150)
    keyboard.type("fast typist\r", gap_ms=60)
    assert scans == []
    assert field.text() == "4006381333931fast typist"


def test_too_short_a_burst_is_not_a_scan(form, wedge):
    _, field, _ = form
    _, scans = wedge
    Keyboard().type("123\r", gap_ms=5)
    assert scans == []
    assert field.text() == "123"


def test_code39_with_shifted_capitals_is_one_scan(form, wedge):
    _, field, _ = form
    _, scans = wedge
    keyboard = Keyboard()
    keyboard.type("SHELF-A12\r", gap_ms=4)
    assert scans == ["SHELF-A12"]
    assert field.text() == ""


def test_a_scan_is_seen_wherever_the_focus_is(qtbot, form, wedge):
    _, field, button = form
    _, scans = wedge
    clicks = []
    button.setAutoDefault(True)
    button.clicked.connect(lambda: clicks.append(1))
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    Keyboard().type("96385074\r", gap_ms=5)
    assert scans == ["96385074"]
    assert field.text() == ""
    assert clicks == []


def test_a_slow_enter_after_a_burst_is_an_ordinary_enter(form, wedge):
    _, field, _ = form
    _, scans = wedge
    returns = []
    field.returnPressed.connect(lambda: returns.append(field.text()))
    keyboard = Keyboard()
    keyboard.type("4006381333931", gap_ms=5)
    keyboard.pause(500)
    keyboard.type("\r", gap_ms=5)
    assert scans == []
    assert returns == ["4006381333931"]


def test_a_paused_filter_lets_everything_through(form, wedge):
    _, field, _ = form
    wedge_filter, scans = wedge
    wedge_filter.set_enabled(False)
    Keyboard().type("4006381333931\r", gap_ms=5)
    assert scans == []
    assert field.text() == "4006381333931"


def test_keys_arriving_through_the_native_window_are_counted_once(form, wedge):
    # Real key presses reach the QWindow first, which forwards them to the focus widget: the filter
    # sees each press twice (and more while it propagates) and must count it once.
    window, field, _ = form
    _, scans = wedge
    handle = window.windowHandle()
    for number, char in enumerate("4006381333931\r"):
        key, text = (Qt.Key.Key_Return, "") if char == "\r" else (Qt.Key(ord(char)), char)
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
        event.setTimestamp(1_000 + number * 5)
        QApplication.sendEvent(handle, event)
    assert scans == ["4006381333931"]
    assert field.text() == ""
