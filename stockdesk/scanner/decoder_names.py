"""The decoders' names (`decoders.DECODERS`), for a command line that offers them without loading
OpenCV, zbar and zxing-cpp: `stockdesk check` or `mail --flush` need none of them."""

from __future__ import annotations

DECODER_NAMES = ("zbar", "zxing", "combined", "zbar-first")
