"""Reading an item file as a person saved it: CSV in whatever encoding and separator, or XLSX.

Spreadsheet programs write CSV in many ways: Excel on Windows saves cp1252 (or UTF-8 with a BOM, or
UTF-16 for "Unicode text"), German Excel separates with ";", "text" exports use tabs. The reader
guesses each of these instead of asking, and says what it guessed so a preview can show it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message
from stockdesk.services.exchange import import_guard as guard
from stockdesk.services.exchange.csv_files import csv_output

FIELDS = (
    "sku",
    "name",
    "description",
    "unit",
    "sell_price",
    "cost_price",
    "reorder_point",
    "reorder_qty",
    "category",
    "supplier",
    "barcodes",
    "packs",  # NAME=CONTENTS[:CODE][*]; ... (domain/pack_cells.py)
    "tracking",  # none | lot | expiry | serial (domain/tracking.py)
    "expiry_warn_days",
    "template",  # a variant's template, by SKU (docs/variants.md)
    "attributes",  # a variant's values: size=M; colour=Red
    "picture",  # a file (relative to the item file's folder), an http(s) address, or - (item_pictures.py)
)
STOCK_PREFIX = "stock:"
# A store's own reorder point and quantity for the item (issue 17 item 6): `reorder_point:BR`.
POINT_PREFIX = "reorder_point:"
QTY_PREFIX = "reorder_qty:"
STORE_PREFIXES = (STOCK_PREFIX, POINT_PREFIX, QTY_PREFIX)
IGNORE = "ignore"

# Header names people use, compared after `_key` (lower case, no spaces, dashes, dots or underscores).
ALIASES: dict[str, tuple[str, ...]] = {
    "sku": (
        "sku",
        "itemcode",
        "articlenumber",
        "articleno",
        "artikelnummer",
        "artikelnr",
        "partnumber",
        "productcode",
        "code",
        "ref",
        "reference",
    ),
    "name": (
        "name",
        "itemname",
        "productname",
        "product",
        "title",
        "bezeichnung",
        "artikelname",
        "artikel",
        "nombre",
    ),
    "description": ("description", "details", "notes", "beschreibung", "descripcion"),
    "unit": ("unit", "uom", "unitofmeasure", "einheit", "unidad"),
    "sell_price": (
        "sellprice",
        "price",
        "saleprice",
        "retailprice",
        "verkaufspreis",
        "preis",
        "vk",
        "precio",
    ),
    "cost_price": ("costprice", "cost", "purchaseprice", "einkaufspreis", "ek", "coste"),
    "reorder_point": ("reorderpoint", "minstock", "minimum", "min", "meldebestand", "mindestbestand"),
    "reorder_qty": ("reorderqty", "reorderquantity", "orderqty", "orderquantity", "bestellmenge"),
    "category": ("category", "categorypath", "group", "kategorie", "warengruppe", "categoria"),
    "supplier": ("supplier", "vendor", "lieferant", "proveedor"),
    "barcodes": ("barcodes", "barcode", "ean", "ean13", "gtin", "upc", "codes"),
    "packs": ("packs", "packunits", "packsizes", "packaging", "gebinde", "verpackungseinheiten"),
    "tracking": ("tracking", "tracked", "trackedby", "verfolgung", "chargenpflicht"),
    "expiry_warn_days": ("expirywarndays", "expirywarning", "warndays", "mhdwarnung", "warntage"),
    "template": ("template", "templatesku", "variantof", "parentsku", "vorlage", "stammartikel"),
    "attributes": ("attributes", "variantattributes", "variantvalues", "merkmale", "variantenmerkmale"),
    "picture": (
        "picture",
        "picturefile",
        "pictureurl",
        "image",
        "imagefile",
        "imageurl",
        "imagesrc",
        "photo",
        "bild",
        "bilddatei",
        "foto",
        "artikelbild",
        "imagen",
    ),
}
_STOCK_PREFIXES = ("stock:", "stock ", "bestand:", "bestand ", "openingstock:", "opening stock ")
_POINT_PREFIXES = tuple(
    f"{name}{sep}" for name in ("reorder_point", "reorder point", "meldebestand") for sep in (":", " ")
)
_QTY_PREFIXES = tuple(
    f"{name}{sep}"
    for name in ("reorder_qty", "reorder qty", "reorder quantity", "bestellmenge")
    for sep in (":", " ")
)


@dataclass(frozen=True)
class Table:
    """Cells as text, exactly as read; `first_row` is the file row number of `rows[0]`."""

    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    encoding: str
    delimiter: str
    first_row: int = 2


def read_table(path: Path, *, sheet: str | None = None, limit: int | None = None) -> Table:
    """The header row and data rows of a CSV/TSV/TXT or XLSX file (blank rows dropped).

    Whatever the file holds, the outcome is a Table or a ValidationError naming the file or the row and
    column (`import_guard` sets the limits): never a parser's traceback.
    """
    guard.check_file_size(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        guard.check_xlsx(path)
        return _read_xlsx(path, sheet, limit)
    text, encoding = guard.decode(path.read_bytes(), path.name)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _table(reader, encoding, delimiter, limit)
    except csv.Error as error:
        raise ValidationError(
            f"row {reader.line_num}", path.name, Message("not_csv", error=str(error))
        ) from None


def detect_encoding(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 (what Excel saves by default).

    Raises ValidationError (naming the row) for text that is not valid in the encoding it must be.
    """
    return guard.decode(data, "the file")[1]


def sniff_delimiter(text: str, candidates: str = ",;\t") -> str:
    """The separator that splits the first lines into the same, largest number of columns."""
    sample = text.lstrip("\ufeff")[:64_000].splitlines()[:20]
    best, best_score = ",", (False, 1)
    for delimiter in candidates:
        widths = [len(row) for row in csv.reader(sample, delimiter=delimiter) if row]
        if not widths:
            continue
        score = (len(set(widths)) == 1, widths[0])
        if widths[0] > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def _table(rows: Iterable[Sequence[str]], encoding: str, delimiter: str, limit: int | None) -> Table:
    iterator = iter(rows)
    header: tuple[str, ...] = ()
    skipped = 0
    for row in iterator:  # the header is the first row with any text in it
        skipped += 1
        _check_cells(skipped, row, ())
        if any(cell.strip() for cell in row):
            header = tuple(cell.strip().lstrip("\ufeff") for cell in row)
            break
    body: list[tuple[str, ...]] = []
    for row in iterator:
        if limit is not None and len(body) >= limit:
            break
        _check_cells(skipped + 1 + len(body), row, header)
        body.append(tuple(row))
    # Trailing blank rows (Excel leaves them) are not data; blank rows in the middle keep their numbers.
    while body and not any(cell.strip() for cell in body[-1]):
        body.pop()
    return Table(header, body, encoding, delimiter, first_row=skipped + 1)


if TYPE_CHECKING:  # openpyxl is loaded only when an XLSX file is read
    from openpyxl.cell.rich_text import CellRichText
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    # What openpyxl hands back for a cell with values_only=True.
    Cell = (
        (str | int | float | Decimal | bool | dt.datetime | dt.date | dt.time | dt.timedelta | None)
        | CellRichText
        | DataTableFormula
        | ArrayFormula
    )


def _check_cells(number: int, row: Sequence[str], header: Sequence[str]) -> None:
    for index, cell in enumerate(row):
        if len(cell) > guard.MAX_CELL_CHARS:
            guard.check_cell(number, header[index] if index < len(header) else str(index + 1), cell)


def _read_xlsx(path: Path, sheet: str | None, limit: int | None) -> Table:
    from openpyxl import load_workbook  # only XLSX imports pay for loading it

    with warnings.catch_warnings():
        # Files written by other tools often lack a default style; openpyxl warns and reads them fine.
        warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # any failure of a hostile file gets the same answer
            raise ValidationError("file", path.name, Message("not_workbook", error=str(error))) from None
        try:
            if sheet is not None and sheet not in book.sheetnames:
                names = ", ".join(book.sheetnames)
                raise ValidationError("sheet", sheet, Message("sheet_missing", names=names))
            if not book.worksheets:
                raise ValidationError("file", path.name, Message("no_worksheet"))
            worksheet = book[sheet] if sheet else book.worksheets[0]
            rows = ([_cell_text(v) for v in row] for row in worksheet.iter_rows(values_only=True))
            return _table(rows, "xlsx", "", limit)
        except ValidationError:
            raise
        except Exception as error:  # damaged sheet XML surfaces while rows are read
            raise ValidationError("file", path.name, Message("unreadable_sheet", error=str(error))) from None
        finally:
            book.close()


def _cell_text(value: Cell) -> str:
    """A spreadsheet cell as the text a person sees: 12 not 12.0, barcodes without exponent."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return str(Decimal(repr(value)))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _key(header: str) -> str:
    return "".join(ch for ch in header.lower() if ch not in " _-.#/").strip()


_BY_ALIAS = {alias: field for field, aliases in ALIASES.items() for alias in aliases}


def guess_field(header: str) -> str:
    """The field a header names (`stock:CODE` for opening stock), or IGNORE."""
    lowered = header.strip().lower()
    for prefixes, field in (
        (_STOCK_PREFIXES, STOCK_PREFIX),
        (_POINT_PREFIXES, POINT_PREFIX),
        (_QTY_PREFIXES, QTY_PREFIX),
    ):
        for prefix in prefixes:
            if lowered.startswith(prefix) and lowered[len(prefix) :].strip():
                return field + header.strip()[len(prefix) :].strip().upper()
    return _BY_ALIAS.get(_key(header), IGNORE)


def map_columns(headers: Sequence[str], mapping: Mapping[str, str] | None = None) -> list[str]:
    """The field of each column: an explicit `mapping` (header -> field) wins over the guess."""
    explicit = {h.strip().lower(): f for h, f in (mapping or {}).items()}
    fields: list[str] = []
    for header in headers:
        field = explicit.get(header.strip().lower())
        if field is None:
            field = guess_field(header)
        else:
            for prefix in STORE_PREFIXES:
                if field.lower().startswith(prefix):
                    field = prefix + field[len(prefix) :].strip().upper()
        fields.append(field)
    return fields


def write_rejects(
    path: Path, headers: Sequence[str], rows: Iterable[tuple[Sequence[str], str]], *, delimiter: str = ","
) -> None:
    """The rejected rows as they were read plus a `problems` column; UTF-8 with BOM so Excel opens it.

    Rejected cells are exactly what a hostile file may contain, so they go through the formula-safe writer.
    """
    with csv_output(path, delimiter=delimiter) as writer:
        writer.writerow([*headers, "problems"])
        for cells, reason in rows:
            padded = list(cells) + [""] * (len(headers) - len(cells))
            writer.writerow([*padded[: len(headers)], reason])
