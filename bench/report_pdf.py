"""Report output speed: `python -m bench.report_pdf [--quick]`.

Valuation-like rows (SKU, name, on hand, unit cost, value; 20 store/category groups) written as
PDF through the shared template, as CSV, and, for comparison, as one naive reportlab Table with
`repeatRows` (the approach whose split time grows quadratically). Each case runs in a fresh
interpreter so that its peak RSS is its own.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from stockdesk.reports.csv_writer import write_csv
from stockdesk.reports.formatters import money, quantity
from stockdesk.reports.model import Column, ReportMeta, Section
from stockdesk.reports.template import ReportDocument

COLUMNS = [
    Column("sku", "SKU", 24),
    Column("name", "Item", 62),
    Column("on_hand", "On hand", 18, "right", quantity, total=True),
    Column("unit_cost", "Unit cost", 20, "right", money),
    Column("value", "Value", 26, "right", money, total=True),
]
META = ReportMeta("Stock valuation", ["Main warehouse"], "As of 2024-05-31", "bench", datetime(2024, 6, 1))
GROUPS = 20

# name, kind, rows, target seconds (None: comparison only)
CASES = [
    ("pdf 10k", "pdf", 10_000, 3.0),
    ("pdf 100k", "pdf", 100_000, 30.0),
    ("pdf 10k, 1/4 non-Latin", "pdf-scripts", 10_000, 3.0),
    ("csv 1M", "csv", 1_000_000, 10.0),
    ("naive single Table 10k", "naive", 10_000, None),
    # The anchor of issue 18: plain reportlab, one styled Table per page (what a careful user writes).
    ("reportlab page Tables 10k", "paged", 10_000, None),
    ("reportlab page Tables 100k", "paged", 100_000, None),
]
RATIOS = [("pdf 10k", "reportlab page Tables 10k"), ("pdf 100k", "reportlab page Tables 100k")]


# Every fourth name of the "scripts" case is Greek, Cyrillic, Arabic or Chinese (drawn in the bundled fonts).
SCRIPT_NAMES = ("Σφυρί καρφιών {i}", "Молоток столярный {i}", "مطرقة نجار {i}", "羊角锤 {i} 号")


def rows(group: int, count: int, scripts: bool = False) -> Iterator[dict[str, object]]:
    for i in range(count):
        on_hand = Decimal(i % 97)
        unit_cost = Decimal(f"{(i * 7919) % 2500}.{(i * 13) % 100:02d}")
        name = f"Item {i} of group {group}, standard pack"
        if scripts and i % 4 == 0:
            name = SCRIPT_NAMES[(i // 4) % len(SCRIPT_NAMES)].format(i=i)
        yield {"sku": f"G{group:02d}-{i:07d}", "name": name,
               "on_hand": on_hand, "unit_cost": unit_cost, "value": on_hand * unit_cost}


def sections(total: int, scripts: bool = False) -> list[Section]:
    return [Section(f"Group {g}", rows(g, total // GROUPS, scripts)) for g in range(GROUPS)]


def naive_pdf(path: Path, total: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table

    data: list[list[str]] = [[c.header for c in COLUMNS]]
    for section in sections(total):
        data += [[c.formatter(row[c.key]) for c in COLUMNS] for row in section.rows]
    SimpleDocTemplate(str(path), pagesize=A4).build([Table(data, repeatRows=1)])


def paged_pdf(path: Path, total: int) -> None:
    """Each section's rows in Tables of one page each, header and zebra rows styled as ours are."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from stockdesk.reports.pdf_style import ROW_H

    per_page = int((A4[1] - 2 * 72 - 40) // ROW_H) - 1  # the frame's height, one row for the header
    header = [c.header for c in COLUMNS]
    style = [("FONT", (0, 0), (-1, -1), "Helvetica", 8), ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E4E9F0")),
             ("ALIGN", (2, 0), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    zebra = colors.HexColor("#F5F7FA")
    story = []
    for section in sections(total):
        data = [[c.formatter(row[c.key]) for c in COLUMNS] for row in section.rows]
        for start in range(0, len(data), per_page):
            page = [header, *data[start : start + per_page]]
            stripes = [("BACKGROUND", (0, r), (-1, r), zebra) for r in range(2, len(page), 2)]
            story.append(Table(page, colWidths=[c.width * mm for c in COLUMNS],
                               rowHeights=ROW_H, style=TableStyle(style + stripes)))
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


def run_case(kind: str, total: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"out.{'csv' if kind == 'csv' else 'pdf'}"
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start, cpu = time.perf_counter(), time.process_time()
        if kind in ("pdf", "pdf-scripts"):
            ReportDocument(META, COLUMNS).write_pdf(path, sections(total, scripts=kind == "pdf-scripts"))
        elif kind == "csv":
            write_csv(path, COLUMNS, sections(total))
        elif kind == "paged":
            paged_pdf(path, total)
        else:
            naive_pdf(path, total)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        return {"seconds": seconds, "cpu": cpu, "peak_mib": peak / 1024, "growth_mib": (peak - before) / 1024,
                "size_mib": path.stat().st_size / 2**20}


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        print(json.dumps(run_case(sys.argv[2], int(sys.argv[3]))))
        return
    quick = "--quick" in sys.argv
    seconds: dict[str, float] = {}
    cpu_seconds: dict[str, float] = {}
    print(f"{'case':<24} {'rows':>9} {'seconds':>8} {'cpu s':>7} {'target':>7} {'peak RSS':>9} {'growth':>8} "
          f"{'file':>8}")
    for name, kind, total, target in CASES:
        total = total // 10 if quick else total
        output = subprocess.run([sys.executable, "-m", "bench.report_pdf", "--one", kind, str(total)],
                                check=True, capture_output=True, text=True).stdout
        result = json.loads(output)
        seconds[name] = result["seconds"]
        cpu_seconds[name] = result["cpu"]
        verdict = "" if target is None else ("ok" if result["seconds"] < target else "SLOW")
        target_text = "-" if target is None else f"<{target:g}s"
        memory = f"{result['peak_mib']:>7.0f}Mi {result['growth_mib']:>6.0f}Mi {result['size_mib']:>6.1f}Mi"
        cpu = result['cpu']
        print(f"{name:<24} {total:>9,} {result['seconds']:>8.2f} {cpu:>7.2f} {target_text:>7} {memory} "
              f"{verdict}")
    for ours, anchor in RATIOS:
        if ours in seconds and anchor in seconds:
            ratio = seconds[anchor] / seconds[ours]
            verdict = "ok" if ratio >= 2 else "SLOW"
            # CPU time too: on a machine busy with other work the wall-clock ratio wanders with the load.
            cpu_ratio = cpu_seconds[anchor] / cpu_seconds[ours]
            print(f"{ours}: {ratio:.2f}x faster than {anchor} (goal >= 2x) {verdict}; "
                  f"in CPU time {cpu_ratio:.2f}x")


if __name__ == "__main__":
    main()
