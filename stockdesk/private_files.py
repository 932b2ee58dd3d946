"""Files only the person who runs StockDesk may read: the database, backups, exports, logs.

The desk's SQLite file holds every account's password hash and every export lists people and stock,
so none of them may be readable by other accounts on the same PC. Files are created with mode 0600
from the start (a chmod after writing would leave a moment in which another account could open them)
and written next to their final name, then moved into place, so a failed write leaves nothing behind.
"""

from __future__ import annotations

import os
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PRIVATE_MODE = 0o600
_umask_lock = threading.Lock()


@contextmanager
def atomic_private(path: Path) -> Iterator[Path]:
    """Yield a 0600 temporary path next to `path`; move it into place only if the block succeeds."""
    path = Path(path)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)  # mkstemp creates the file 0600, and os.replace keeps that mode
    temp = Path(temp_name)
    try:
        yield temp
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def create_private(path: Path) -> None:
    """Create `path` empty with mode 0600 unless it exists; tighten an existing file's mode."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE))
    except FileExistsError:
        make_private(path)


def make_private(path: Path) -> None:
    """Take group and other access away from an existing file (files from older versions were 0644)."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return
    if mode & 0o077 and os.name == "posix":
        os.chmod(path, mode & 0o700)


@contextmanager
def private_umask() -> Iterator[None]:
    """New files inside the block are user-only whatever creates them (SQLite, logging, a library).

    The umask is process-wide: the lock keeps two threads from restoring each other's value.
    """
    with _umask_lock:
        previous = os.umask(0o077)
        try:
            yield
        finally:
            os.umask(previous)
