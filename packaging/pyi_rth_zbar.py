# PyInstaller runtime hook: make pyzbar load the libzbar shipped inside the bundle.
# pyzbar finds libzbar with ctypes.util.find_library("zbar"), which searches the system's linker cache and
# never the bundle; this hook runs before the application imports pyzbar and answers that one question
# with the bundled copy (stockdesk.spec puts it next to the other shared libraries).
import ctypes.util
import glob
import os
import sys

_bundled = sorted(glob.glob(os.path.join(getattr(sys, "_MEIPASS", ""), "libzbar.so*")))
if _bundled:
    _system_find_library = ctypes.util.find_library

    def _find_library(name, _zbar=_bundled[0]):
        return _zbar if name == "zbar" else _system_find_library(name)

    ctypes.util.find_library = _find_library
