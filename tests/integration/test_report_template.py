"""The shared report template, read back from the PDF and CSV files it writes."""

from __future__ import annotations

import csv
import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader

from stockdesk.reports.csv_writer import write_csv
from stockdesk.reports.formatters import money, quantity
from stockdesk.reports.model import Column, ReportCancelled, ReportMeta, Section
from stockdesk.reports.template import ReportDocument

COLUMNS = [
    Column("sku", "SKU", 24),
    Column("name", "Item", 62),
    Column("on_hand", "On hand", 18, "right", quantity, total=True),
    Column("unit_cost", "Unit cost", 20, "right", money),
    Column("value", "Value", 26, "right", money, total=True),
]
META = ReportMeta(
    title="Stock valuation",
    stores=["Main warehouse", "Shop Nord"],
    period="As of 2024-05-31",
    generated_by="Anna Clerk",
    generated_at=datetime(2024, 6, 1, 9, 30),
)
GROUP_SIZES = {"Tools": 170, "Fasteners": 205, "Paint": 125}
SKU_LINE = re.compile(r"^[A-Z]{3}-\d{5}$")


@dataclass(frozen=True)
class StockRow:
    """What a valuation service would hand over: a plain dataclass."""

    sku: str
    name: str
    on_hand: Decimal
    unit_cost: Decimal
    value: Decimal


def make_rows(group: str, count: int) -> list[StockRow]:
    rows = []
    for i in range(count):
        on_hand = Decimal(i % 37) + Decimal("0.5") * (i % 2)
        unit_cost = Decimal(f"{(i * 7919) % 2500}.{(i * 13) % 100:02d}")
        value = (on_hand * unit_cost).quantize(Decimal("0.01"))
        name = f"{group} item {i} with a fairly long description"
        rows.append(StockRow(f"{group[:3].upper()}-{i:05d}", name, on_hand, unit_cost, value))
    return rows


@pytest.fixture(scope="module")
def groups() -> dict[str, list[StockRow]]:
    return {group: make_rows(group, count) for group, count in GROUP_SIZES.items()}


def sections_of(groups: dict[str, list[StockRow]]) -> list[Section]:
    # iter(): the template must cope with one-shot iterators, as a database cursor would give.
    return [Section(title, iter(rows)) for title, rows in groups.items()]


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory, groups) -> tuple[Path, list[int]]:
    path = tmp_path_factory.mktemp("report") / "valuation.pdf"
    progress: list[int] = []
    ReportDocument(META, COLUMNS).write_pdf(path, sections_of(groups), progress=progress.append)
    return path, progress


@pytest.fixture(scope="module")
def page_lines(report_pdf) -> list[list[str]]:
    reader = PdfReader(report_pdf[0])
    texts = [page.extract_text() for page in reader.pages]
    return [[line.strip() for line in text.splitlines() if line.strip()] for text in texts]


def flat(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


def value_after(lines: list[str], label: str, offset: int) -> str:
    """The cell `offset` lines after the line `label` (pypdf puts each table cell on its own line)."""
    return lines[lines.index(label) + offset]


def test_every_page_carries_title_stores_period_and_author(page_lines):
    assert len(page_lines) > 3, "500 rows should need several pages"
    for lines in page_lines:
        text = flat(lines)
        assert "Stock valuation" in text
        assert "Main warehouse, Shop Nord" in text
        assert "As of 2024-05-31" in text
        assert "Generated 2024-06-01 09:30 by Anna Clerk" in text


def test_pages_are_numbered_page_x_of_y(page_lines):
    total = len(page_lines)
    assert f"Page 1 of {total}" in flat(page_lines[0])
    assert f"Page {total} of {total}" in flat(page_lines[-1])
    for number, lines in enumerate(page_lines, start=1):
        assert f"Page {number} of {total}" in flat(lines)


def test_the_column_header_row_is_repeated_on_every_page(page_lines):
    for lines in page_lines:
        headers = lines.index("SKU")
        assert lines[headers : headers + 5] == ["SKU", "Item", "On hand", "Unit cost", "Value"]


def test_every_row_appears_once_with_its_formatted_figures(page_lines, groups):
    printed = {}
    for lines in page_lines:
        for index, line in enumerate(lines):
            if SKU_LINE.match(line):
                assert line not in printed, f"{line} printed twice"
                printed[line] = lines[index + 2 : index + 5]
    expected = {
        row.sku: [quantity(row.on_hand), money(row.unit_cost), money(row.value)]
        for rows in groups.values()
        for row in rows
    }
    assert printed == expected


def test_subtotals_and_grand_total_equal_exact_decimal_sums(page_lines, groups):
    everything = [line for lines in page_lines for line in lines]
    for title, rows in groups.items():
        assert value_after(everything, f"Subtotal {title}", 1) == quantity(sum(r.on_hand for r in rows))
        assert value_after(everything, f"Subtotal {title}", 2) == money(sum(r.value for r in rows))
    all_rows = [row for rows in groups.values() for row in rows]
    assert value_after(everything, "Grand total", 1) == quantity(sum(r.on_hand for r in all_rows))
    assert value_after(everything, "Grand total", 2) == money(sum(r.value for r in all_rows))


def test_carried_forward_matches_brought_forward_and_the_running_sum(page_lines, groups):
    checked = 0
    for page, lines in enumerate(page_lines[:-1]):
        carried = [line for line in lines if line.endswith(", carried forward")]
        if not carried:
            continue
        title = carried[0].removesuffix(", carried forward")
        last_sku = [line for line in lines if SKU_LINE.match(line)][-1]
        rows = groups[title]
        upto = next(i for i, row in enumerate(rows) if row.sku == last_sku) + 1
        running = money(sum(row.value for row in rows[:upto]))
        assert value_after(lines, carried[0], 2) == running
        assert value_after(page_lines[page + 1], f"{title}, brought forward", 2) == running
        checked += 1
    assert checked >= 3


def test_progress_reports_rows_written_up_to_all_of_them(report_pdf):
    _, progress = report_pdf
    assert progress == sorted(progress)
    assert progress[-1] == sum(GROUP_SIZES.values())


def test_cancelling_raises_and_leaves_no_file(tmp_path, groups):
    target = tmp_path / "cancelled.pdf"
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2  # cancel on the third page

    with pytest.raises(ReportCancelled):
        ReportDocument(META, COLUMNS).write_pdf(target, sections_of(groups), cancelled=cancelled)
    assert list(tmp_path.iterdir()) == []


def test_cancelling_keeps_the_previous_report_of_the_same_name(tmp_path, groups):
    target = tmp_path / "valuation.pdf"
    target.write_bytes(b"%PDF- the report from yesterday")
    with pytest.raises(ReportCancelled):
        ReportDocument(META, COLUMNS).write_pdf(target, sections_of(groups), cancelled=lambda: True)
    assert target.read_bytes() == b"%PDF- the report from yesterday"


def test_a_report_without_rows_still_has_its_page(tmp_path):
    path = tmp_path / "empty.pdf"
    ReportDocument(META, COLUMNS[:2]).write_pdf(path, [])
    (page,) = PdfReader(path).pages
    text = " ".join(page.extract_text().split())
    assert "Nothing to report for this selection." in text
    assert "Page 1 of 1" in text


def test_float_money_is_refused_rather_than_summed_inexactly(tmp_path):
    row = {"sku": "X-1", "name": "x", "on_hand": Decimal(1), "unit_cost": Decimal(1), "value": 0.1}
    with pytest.raises(TypeError, match="value"):
        ReportDocument(META, COLUMNS).write_pdf(tmp_path / "r.pdf", [Section("A", [row])])
    assert list(tmp_path.iterdir()) == []


def test_csv_round_trip_has_the_same_rows_subtotals_and_total(tmp_path, groups):
    path = tmp_path / "valuation.csv"
    write_csv(path, COLUMNS, sections_of(groups))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.DictReader(handle))
    rows = [line for line in lines if line["Line"] == "row"]
    expected = [(title, row) for title, group in groups.items() for row in group]
    assert [(line["Section"], line["SKU"], line["Item"]) for line in rows] == [
        (title, row.sku, row.name) for title, row in expected
    ]
    assert [(Decimal(line["On hand"]), Decimal(line["Value"])) for line in rows] == [
        (row.on_hand, row.value) for _, row in expected
    ]
    subtotals = {line["Section"]: Decimal(line["Value"]) for line in lines if line["Line"] == "subtotal"}
    assert subtotals == {title: sum(row.value for row in group) for title, group in groups.items()}
    (total,) = [line for line in lines if line["Line"] == "total"]
    assert Decimal(total["Value"]) == sum(row.value for _, row in expected)


def test_csv_keeps_decimals_exact_and_defuses_formulas(tmp_path):
    row = {
        "sku": '=HYPERLINK("x")',
        "name": "Größe 10",
        "on_hand": Decimal("0.001"),
        "unit_cost": Decimal("1234567.891"),
        "value": Decimal("0.10"),
    }
    path = tmp_path / "one.csv"
    write_csv(path, COLUMNS, [Section("Ä", [row])])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        (line, _subtotal, _total) = list(csv.DictReader(handle))
    assert line["SKU"] == '\'=HYPERLINK("x")'
    assert line["Item"] == "Größe 10"
    assert (line["On hand"], line["Unit cost"], line["Value"]) == ("0.001", "1234567.891", "0.10")


def test_cancelling_csv_leaves_no_file(tmp_path):
    rows = ({"sku": f"S-{i}", "name": "n", "on_hand": 1, "unit_cost": 1, "value": 1} for i in range(20_000))
    with pytest.raises(ReportCancelled):
        write_csv(tmp_path / "big.csv", COLUMNS, [Section("A", rows)], cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_first_page_renders_for_a_person_to_look_at(report_pdf, tmp_path):
    document = pypdfium2.PdfDocument(report_pdf[0])
    try:
        image = document[0].render(scale=150 / 72).to_pil()
    finally:
        document.close()
    png = tmp_path / "report-page1.png"
    image.save(png)
    # A rendered page is mostly white paper with dark text: not blank, not solid.
    histogram = image.convert("L").histogram()
    dark = sum(histogram[:128]) / sum(histogram)
    assert 0.005 < dark < 0.3
    if artifacts := os.environ.get("STOCKDESK_ARTIFACTS"):
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(artifacts) / "report-page1.png")


def test_awkward_cell_texts_read_back_as_written_one_row_per_line(tmp_path):
    """Brackets and backslashes (PDF string syntax), Latin-1 and euro signs, a line break in a name."""
    columns = [*COLUMNS[:2], Column("tag", "Tag", 20, "center"), *COLUMNS[2:]]
    awkward = [
        ("A(1)", "Back\\slash (paren) name", "x)", Decimal(1), Decimal("2.5")),
        ("B-2", "Größe 10 – Köln", "€ 5", Decimal("2.5"), Decimal(10)),
        ("C-3", "Line one\nline two", "", Decimal(0), Decimal("0.5")),
    ]
    rows = [{"sku": sku, "name": name, "tag": tag, "on_hand": qty, "unit_cost": cost, "value": qty * cost}
            for sku, name, tag, qty, cost in awkward]
    path = tmp_path / "awkward.pdf"
    ReportDocument(META, columns).write_pdf(path, [Section("Odd (names) \\ €", rows)])
    (lines,) = [[line.strip() for line in page.extract_text().splitlines() if line.strip()]
                for page in PdfReader(path).pages]
    assert "Odd (names) \\ €" in lines
    start = lines.index("A(1)")
    assert lines[start : start + 14] == [
        "A(1)", "Back\\slash (paren) name", "x)", "1", "2.50", "2.50",
        "B-2", "Größe 10 – Köln", "€ 5", "2.5", "10.00", "25.00",
        "C-3", "Line one line two",  # a row has room for one line: the break becomes a space
    ]
    assert lines[start + 14 : start + 17] == ["0", "0.50", "0.00"]


def test_memory_grows_with_the_compressed_file_not_with_the_rows(tmp_path):
    """Finished pages are kept compressed: 6,000 more rows cost well under the ~500 bytes a row of page
    text took (which is what let a 100,000-row valuation grow by 50 MB)."""
    import tracemalloc

    def peak(count: int) -> int:
        rows = ({"sku": f"S-{i:06d}", "name": f"Item {i} of the catalogue, standard pack",
                 "on_hand": Decimal(i % 97), "unit_cost": Decimal(i % 2500) / 100,
                 "value": Decimal(i % 97) * Decimal(i % 2500) / 100}
                for i in range(count))
        tracemalloc.start()
        try:
            ReportDocument(META, COLUMNS).write_pdf(tmp_path / f"{count}.pdf", [Section("All", rows)])
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(2_000), peak(8_000)
    assert (large - small) / 6_000 < 300
