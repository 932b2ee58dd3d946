"""New SQLite databases for tests, copied from one migrated file instead of migrated each time.

`open_database` on a new file runs every Alembic revision: 0.3 s, up to 0.8 s on a busy machine, and
the suite opens hundreds of them. So each test process migrates one file once, and a test of the
`db` fixture gets a copy of it (SQLite's backup API) with the desk id removed: `open_database` on the
copy then finds the schema current, gives the desk a new id of its own and installs the capture and
place triggers, as on a new file. What a test sees is the same "empty, migrated database" with its
own identity; the migrations themselves are tested on new files by tests/integration/test_migrations.py
and the first-run tests, which do not use this.

Only the `db` fixture (services on SQLite and PostgreSQL) uses it. `sqlite_db`, and so the window's
`gui_db`, still migrate a new file: with copies, the wizard's demo first start crashed inside SQLite
on its worker thread in 4 of 8 runs (seen while making this; cause not found), and the window's tests
are where a first start's real path matters most.
"""

from __future__ import annotations

import atexit
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from stockdesk.private_files import create_private
from stockdesk.services.database import Database, open_database

_template: list[Path] = []


def _migrated_template() -> Path:
    if not _template:
        folder = Path(tempfile.mkdtemp(prefix="stockdesk-template-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        path = folder / "template.sqlite"
        open_database(str(path)).close()  # closing the last connection folds the WAL into the file
        _template.append(path)
    return _template[0]


def new_sqlite_database(path: Path | str) -> Database:
    """Opens a new database at `path` (which must not exist yet): empty, migrated, its own desk id."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    create_private(path)  # 0600 from the start, as make_engine creates a new file
    with closing(sqlite3.connect(_migrated_template())) as source, closing(sqlite3.connect(path)) as copy:
        source.backup(copy)
        copy.execute("DELETE FROM local_setting WHERE key = 'desk_id'")  # open_database makes a new one
        copy.commit()
    return open_database(str(path))
