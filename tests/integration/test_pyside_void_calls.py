"""Guard against the PySide6 6.12.0 + CPython 3.11 abort ("Fatal Python error: none_dealloc").

That release returns None from void methods without taking a reference, so every call of e.g.
QLabel.setText() steals one reference from None; a few hundred thousand calls later CPython 3.11
frees None and aborts the whole app. A clerk's session easily makes that many calls, so the abort
would look like a random crash after some hours. pyproject.toml pins PySide6 < 6.12 on Python < 3.12
(where None is not immortal); these tests fail if that pin is lost or a new release regresses.
"""

import os
import subprocess
import sys
import textwrap

import pytest

VOID_CALLS_SCRIPT = textwrap.dedent(
    """
    import sys

    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Signal
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QLabel

    ROUNDS = {rounds}


    class Counter(QObject):
        changed = Signal(int)


    class GrowingModel(QAbstractTableModel):
        def __init__(self):
            super().__init__()
            self.rows = 0

        def rowCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else self.rows

        def columnCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else 2

        def data(self, index, role=0):
            return None


    app = QApplication(sys.argv)
    label = QLabel()
    items = QStandardItemModel()
    table = GrowingModel()
    counter = Counter()
    received = []
    counter.changed.connect(received.append)

    none_refs_before = sys.getrefcount(None)
    void_calls = 0
    for i in range(ROUNDS):
        label.setText(str(i % 97))
        label.setToolTip("tip")
        void_calls += 2
        items.appendRow(QStandardItem("x"))
        void_calls += 1
        if items.rowCount() >= 500:
            items.clear()
            void_calls += 1
        table.beginInsertRows(QModelIndex(), table.rows, table.rows)
        table.rows += 1
        table.endInsertRows()
        void_calls += 2
        if table.rows >= 500:
            table.beginResetModel()
            table.rows = 0
            table.endResetModel()
            void_calls += 2
        if i % 4 == 0:
            counter.changed.emit(i)  # delivered to a Python slot whose result is None
            void_calls += 1
            if len(received) >= 1000:
                received.clear()
    none_refs_after = sys.getrefcount(None)

    print("void calls", void_calls)
    print("None references", none_refs_before, "->", none_refs_after)
    # On 3.12+ None is immortal and its count is constant; on 3.11 a leak shows as a steady drop.
    assert none_refs_after > none_refs_before - 2000, "void calls are consuming references to None"
    print("done")
    """
)
ROUNDS = 95_000  # about 5.3 void calls per round: ~500,000 calls in all


def test_half_a_million_void_pyside_calls_do_not_abort_the_interpreter():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", VOID_CALLS_SCRIPT.format(rounds=ROUNDS)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = f"exit code {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr[-3000:]}"
    assert result.returncode == 0, report
    assert result.stdout.rstrip().endswith("done"), report
    calls = int(result.stdout.split("void calls", 1)[1].split()[0])
    assert calls >= 480_000, report


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_installed_pyside6_is_older_than_the_release_that_aborts_on_python_3_11():
    import PySide6

    assert tuple(PySide6.__version_info__[:2]) < (6, 12), PySide6.__version__
