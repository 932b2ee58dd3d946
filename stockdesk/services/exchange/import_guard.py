"""Limits on item files, checked before a parser sees them: a hostile file ends in a clear message.

- A file over MAX_FILE_BYTES is refused before it is read (a catalogue of 100,000 items is ~20 MB).
- A cell over MAX_CELL_CHARS (128 KB, what Python's csv module allows by default) is refused naming its
  row and column; an unclosed quote that swallows the rest of the file ends here too.
- Text must be valid in the encoding it is read in: a file that is mostly UTF-8 with a broken byte is
  refused at that row instead of being decoded as Windows-1252 garbage, and a byte that Windows-1252
  leaves undefined is refused instead of being guessed as Latin-1.
- An .xlsx must be a zip whose members expand to at most MAX_XLSX_UNCOMPRESSED bytes in total, none
  of them more than MAX_XLSX_RATIO times its compressed size (a zip bomb is refused without expanding
  it). Python's zipfile stops reading a member at its declared size, so the declared sizes checked
  here bound what openpyxl can be made to inflate.
"""

from __future__ import annotations

import codecs
import csv
import re
import zipfile
from pathlib import Path

from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_CELL_CHARS = 128 * 1024
MAX_XLSX_UNCOMPRESSED = 512 * 1024 * 1024
MAX_XLSX_RATIO = 200
MAX_XLSX_MEMBERS = 10_000
_RATIO_FROM = 1024 * 1024  # tiny members compress absurdly well without harm (an empty sheet)

# The csv module's own limit raises an error that names neither row nor column; the whole file is
# already in memory (and bounded by MAX_FILE_BYTES), so let it parse and check each cell here instead.
csv.field_size_limit(MAX_FILE_BYTES)

# A UTF-8 sequence of two to four bytes: a Windows-1252 text practically never contains one by chance.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def check_file_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024 // 1024
        raise ValidationError(
            "file", path.name, Message("file_too_big", size=f"{size / 1024 / 1024:.0f}", limit=limit)
        )


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text and the encoding it was read in: UTF-8/UTF-16 with a BOM, UTF-8, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig", name), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        if _UTF8_SEQUENCE.search(data):  # UTF-8 elsewhere in the file: this byte is damage, not cp1252
            raise _bad_byte(data, error, "utf-8", name) from None
    return _strict(data, "cp1252", name), "cp1252"


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise _bad_byte(data, error, encoding, name) from None


def _bad_byte(data: bytes, error: UnicodeDecodeError, encoding: str, name: str) -> ValidationError:
    row = data[: error.start].count(b"\n") + 1
    shown = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252"}[encoding]
    return ValidationError(
        f"row {row}",
        data[error.start : error.end].hex(" "),
        Message("bad_encoding", encoding=shown, name=name),
    )


def check_cell(row: int, column: str, cell: str) -> None:
    if len(cell) > MAX_CELL_CHARS:
        raise ValidationError(
            f"row {row}, column {column}",
            cell[:40] + "…",
            Message("cell_too_long", length=f"{len(cell):,}", maximum=f"{MAX_CELL_CHARS:,}"),
        )


def check_xlsx(path: Path) -> None:
    """Refuse what is not a workbook, and a workbook that would expand beyond the limits."""
    if not zipfile.is_zipfile(path):
        raise ValidationError("file", path.name, Message("xlsx_not_zip"))
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ValidationError("file", path.name, Message("xlsx_damaged", error=str(error))) from None
    if len(members) > MAX_XLSX_MEMBERS:
        raise ValidationError("file", path.name, Message("xlsx_parts", parts=f"{len(members):,}"))
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_FROM and ratio > MAX_XLSX_RATIO:
            raise ValidationError(
                "file", path.name, Message("zip_bomb", part=member.filename, ratio=f"{ratio:,.0f}")
            )
    if total > MAX_XLSX_UNCOMPRESSED:
        raise ValidationError(
            "file",
            path.name,
            Message(
                "xlsx_expands",
                size=f"{total / 1024 / 1024:,.0f}",
                limit=MAX_XLSX_UNCOMPRESSED // 1024 // 1024,
            ),
        )
