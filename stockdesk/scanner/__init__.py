"""Barcode scanning: frame sources, decoders, de-bounce, the scan pipeline, the camera worker, the wedge.

Headless users (`stockdesk scan`, tests, benchmarks) import `sources`, `decoders`, `debounce` and
`pipeline`, which need no Qt; `worker` and `wedge` are the Qt parts for the window. Nothing is
re-exported here so that importing the package never pulls in Qt.
"""
