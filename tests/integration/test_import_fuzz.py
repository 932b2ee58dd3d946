"""Fuzzing the CSV and XLSX readers: whatever the bytes, a Table or a ValidationError, never a traceback.

Bounded: a fixed number of examples each, no deadline (the machine is shared; speed is not asserted).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from stockdesk.domain.errors import ValidationError
from stockdesk.services.exchange.import_files import Table, read_table

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_bytes_as(data: bytes, suffix: str) -> Table | ValidationError:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            return read_table(path)
        except ValidationError as error:
            return error


csv_like = st.one_of(
    st.binary(max_size=2000),
    st.lists(st.lists(st.text(max_size=30), max_size=6), max_size=20).flatmap(
        lambda rows: st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]).map(
            lambda encoding: "\n".join(",".join(row) for row in rows).encode(encoding, errors="replace")
        )
    ),
)


@FUZZ
@given(data=csv_like)
def test_any_bytes_read_as_csv_give_a_table_or_a_clear_refusal(data):
    result = read_bytes_as(data, ".csv")
    assert isinstance(result, Table | ValidationError)
    if isinstance(result, Table):
        assert all(isinstance(cell, str) for row in result.rows for cell in row)


@FUZZ
@given(data=st.binary(max_size=3000))
def test_any_bytes_read_as_xlsx_give_a_table_or_a_clear_refusal(data):
    assert isinstance(read_bytes_as(data, ".xlsx"), Table | ValidationError)


def _workbook(rows: list[list[str]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


xml_text = st.text(max_size=40).map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text))


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.lists(xml_text, min_size=1, max_size=5), min_size=1, max_size=8),
       cut=st.integers(0, 4000), flip=st.integers(0, 255))
def test_real_workbooks_read_back_and_damaged_ones_are_refused_clearly(rows, cut, flip):
    data = _workbook(rows)
    result = read_bytes_as(data, ".xlsx")
    assert isinstance(result, Table)  # an intact workbook always reads
    damaged = bytearray(data[: max(cut, 1)] if cut < len(data) else data)
    if damaged:
        damaged[len(damaged) // 2] ^= flip
    assert isinstance(read_bytes_as(bytes(damaged), ".xlsx"), Table | ValidationError)


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from(["xl/workbook.xml", "xl/worksheets/sheet1.xml", "[Content_Types].xml"]),
       body=st.binary(max_size=500))
def test_zips_with_garbage_parts_are_refused_clearly(name, body):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, body)
    assert isinstance(read_bytes_as(buffer.getvalue(), ".xlsx"), Table | ValidationError)
