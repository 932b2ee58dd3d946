"""Issue 8 figure: a 100,000-row item file (categories, suppliers, barcodes, stock in 2 stores) imported.

`python -m bench imports` (set STOCKDESK_BENCH_PG to a PostgreSQL URL to time the server too).
The target is under 15 s for 100,000 rows (issue 18; issue 8 asked for 30 s).
"""

from __future__ import annotations

import csv
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.table import print_table
from stockdesk.domain.gtin import make_instore_ean13
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database, open_database
from stockdesk.services.exchange import imports
from stockdesk.services.inventory import check

ROWS = 100_000
HEADER = [
    "SKU",
    "Name",
    "Unit",
    "Sell price",
    "Cost price",
    "Reorder point",
    "Category",
    "Supplier",
    "Barcodes",
    "stock:MAIN",
    "stock:BR",
]


def write_file(path: Path, rows: int, *, delimiter: str = ",", encoding: str = "utf-8") -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(HEADER)
        for n in range(rows):
            writer.writerow(
                [
                    f"IMP-{n:07d}",
                    f"Imported item {n}",
                    "pcs",
                    f"{n % 500 + 1}.95",
                    f"{n % 500}.10",
                    str(n % 20),
                    ("Tools > Saws", "Tools > Drills", "Garden")[n % 3],
                    ("Acme", "Nordic")[n % 2],
                    make_instore_ean13(21, n),
                    str(n % 40),
                    str(n % 7),
                ]
            )


def _prepare(db: Database) -> users.Actor:
    admin = users.create_first_admin(db.uow(), email="bench@example.com", password="bench-pass")
    for code in ("MAIN", "BR"):
        organisation.create_store(db.uow(), admin, code=code, name=code)
    tools = organisation.create_category(db.uow(), admin, name="Tools")
    for name in ("Saws", "Drills"):
        organisation.create_category(db.uow(), admin, name=name, parent_id=tools.id)
    organisation.create_category(db.uow(), admin, name="Garden")
    for name in ("Acme", "Nordic"):
        organisation.create_supplier(db.uow(), admin, name=name)
    return admin


def _time(run: Callable[[], object]) -> tuple[str, object]:
    """Wall and CPU seconds: on a shared machine the CPU time is the steadier figure."""
    started, cpu = time.perf_counter(), time.process_time()
    result = run()
    return f"{time.perf_counter() - started:.1f} / {time.process_time() - cpu:.1f}", result


def _measure(label: str, open_db: Callable[[], Database], source: Path) -> list[list[object]]:
    db = open_db()
    admin = _prepare(db)
    checked_s, _ = _time(
        lambda: imports.import_file(db.uow(), admin, source, options=imports.ImportOptions(dry_run=True))
    )
    import_s, result = _time(lambda: imports.import_file(db.uow(), admin, source))
    upsert_s, _ = _time(
        lambda: imports.import_file(db.uow(), admin, source, options=imports.ImportOptions(upsert=True))
    )
    assert not check.find_differences(db.uow())
    db.close()
    assert isinstance(result, imports.ImportResult)
    return [
        [label, "check only (dry run)", f"{ROWS:,}", checked_s],
        [label, f"import ({result.movements:,} movements)", f"{ROWS:,}", import_s],
        [label, "re-import as upsert", f"{ROWS:,}", upsert_s],
    ]


def main() -> None:
    rows: list[list[object]] = []
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "items.csv"
        write_file(source, ROWS)
        rows += _measure("SQLite", lambda: open_database(str(Path(folder) / "bench.sqlite")), source)
        pg_url = os.environ.get("STOCKDESK_BENCH_PG")
        if pg_url:
            rows += _measure("PostgreSQL", lambda: open_database(pg_url), source)
    print_table(
        "Item import from CSV (issue 18 target: 100,000 rows < 15 s)",
        ["database", "step", "rows", "wall / CPU s"],
        rows,
    )


if __name__ == "__main__":
    main()
