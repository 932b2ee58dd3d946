"""The app's log: a rotating file in the user's log folder, so a crash report can point at it."""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

import platformdirs

from stockdesk.db.engine import APP_NAME
from stockdesk.private_files import create_private

LOG_NAME = "stockdesk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5  # five old files of 1 MB: weeks of normal use, bounded on a small disk
FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s"


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose every file (the first and each after a rollover) is created 0600.

    Logs name people, items and file paths; other accounts on the PC have no business reading them.
    """

    def _open(self) -> Any:
        create_private(Path(self.baseFilename))
        return super()._open()


def log_folder() -> Path:
    """$STOCKDESK_LOG_DIR when set (tests, portable installs), else the platform's user log folder."""
    configured = os.environ.get("STOCKDESK_LOG_DIR")
    return Path(configured) if configured else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def configure_logging(*, folder: Path | None = None, level: int = logging.INFO) -> Path:
    """Send the `stockdesk` loggers to a rotating file; returns its path.

    Calling it again with the same folder changes nothing, so the CLI and the window may both call it.
    """
    path = (folder or log_folder()) / LOG_NAME
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    logger = logging.getLogger("stockdesk")
    for handler in logger.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path.resolve():
            return path
    handler = PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    logger.setLevel(level)
    return path


def current_log_file() -> Path | None:
    """The file `configure_logging` set up, if any (what a crash dialog shows)."""
    for handler in logging.getLogger("stockdesk").handlers:
        if isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    return None
