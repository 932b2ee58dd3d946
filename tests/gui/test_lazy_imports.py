"""Opening the main window must not load the heavy stacks; each loads, and works, when its feature is used.

OpenCV, numpy, reportlab, QtCharts, QtMultimedia, psycopg and keyring together cost ~100 MB
resident, which a window opened on the items table at a million items cannot spare
(docs/items-at-scale.md). The check runs in a fresh interpreter: in the test process every other test
has imported them already.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = (
    "cv2",
    "numpy",
    "reportlab",
    "PySide6.QtCharts",
    "PySide6.QtMultimedia",
    "zxingcpp",
    "pyzbar",
    "psycopg",
    "keyring",
)

SCRIPT = r"""
import importlib.util, json, sys, time
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.accounts import users
from stockdesk.services.database import open_database
from stockdesk.ui.main_window import MainWindow

HEAVY = json.loads(sys.argv[2])
folder = Path(sys.argv[1])
import threading


class FirstImport:  # notes which thread first imports numpy; it finds nothing itself

    on_gui_thread = None

    def find_spec(self, name, path=None, target=None):
        if name == "numpy" and FirstImport.on_gui_thread is None:
            FirstImport.on_gui_thread = threading.current_thread() is threading.main_thread()
        return None


sys.meta_path.insert(0, FirstImport())
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
app = QApplication([])
db = open_database(str(folder / "t.sqlite"))
admin = users.create_first_admin(db.uow(), email="admin@example.com", password="admin-pass-1", name="Ada")
organisation.create_store(db.uow(), admin, code="MAIN", name="Main store")
catalog.create_item(db.uow(), admin, sku="H-1", name="Claw hammer", sell_price=Decimal("12.50"))


def loaded():
    return [name for name in HEAVY if name in sys.modules]


def wait(done, timeout=120.0):  # a hang guard: returns as soon as done() holds
    end = time.monotonic() + timeout
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    return done()


window = MainWindow(db, admin)
window.show_page(window.items_page)
window.show()
wait(lambda: window.model.is_complete)
for _ in range(30):  # timers and queued jobs of the first paint
    app.processEvents()
    time.sleep(0.01)
report = {"window_open": loaded()}

window.show_page(window.dashboard)
report["dashboard_loaded"] = wait(lambda: window.dashboard.is_loaded)
chart = window.dashboard.chart_view.chart() if window.dashboard.chart_view is not None else None
report["dashboard_series"] = len(chart.series()) if chart is not None else 0
report["dashboard_modules"] = loaded()

reorder = window.planning.reorder
window.show_page(reorder)
report["reorder_loaded"] = wait(lambda: reorder.is_loaded)
report["reorder_chart"] = reorder.chart.chart() is not None
report["reorder_modules"] = loaded()
report["numpy_on_gui_thread"] = FirstImport.on_gui_thread

beeper = window.counter.page.beeper
beeper.beep()
report["beeps"] = beeper.played
report["beep_modules"] = loaded()
report["multimedia_installed"] = importlib.util.find_spec("PySide6.QtMultimedia") is not None

picker = window.counter.dock.picker
picker.probe()  # no camera here: every entry is marked "not found", through OpenCV
report["picker_probed"] = picker.probed and picker.count() == 5
report["camera_modules"] = loaded()
window.close()
db.close()
print(json.dumps(report))
"""


def test_the_window_opens_without_the_heavy_stacks_and_each_loads_when_used(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path), json.dumps(HEAVY)], cwd=root,
                          env=env, capture_output=True, text=True, timeout=500, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])

    assert report["window_open"] == []
    assert report["dashboard_loaded"] and report["dashboard_series"] == 1
    assert "PySide6.QtCharts" in report["dashboard_modules"] and "numpy" not in report["dashboard_modules"]
    assert report["reorder_loaded"] and report["reorder_chart"] and "numpy" in report["reorder_modules"]
    assert report["numpy_on_gui_thread"] is False  # the calculation loads it on the pool: no stall
    assert report["beeps"] == 1
    if report["multimedia_installed"]:
        assert "PySide6.QtMultimedia" in report["beep_modules"]
    assert report["picker_probed"] and "cv2" in report["camera_modules"]
    assert "psycopg" not in report["camera_modules"]  # a desk that does not sync never loads them
    assert "keyring" not in report["camera_modules"]
