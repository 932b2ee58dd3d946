"""Parse GS1 element strings read from GS1-128, GS1 DataMatrix or GS1 QR codes.

Two spellings arrive from scanners: the raw transmission (AIs run together, variable-length fields
ended by FNC1, sent as ASCII 29 "GS", usually behind a symbology identifier such as "]C1" or "]d2")
and the human-readable one printed under the code, "(01)09521234543213(10)ABC123". Only the AIs the
app uses are interpreted (01 GTIN, 10 batch, 17 expiry, 21 serial); other common AIs are skipped so a
label that also carries e.g. a net weight still scans. Pure: no Qt, no SQL.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from stockdesk.domain.errors import InvalidBarcode
from stockdesk.domain.gtin import validate_gtin
from stockdesk.domain.messages import Message

GS = "\x1d"

# Fixed data lengths of the AIs we may meet, keyed by AI (GS1 General Specifications, figure 5.10.2).
_FIXED: dict[str, int] = {"00": 18, "01": 14, "02": 14, "11": 6, "12": 6, "13": 6, "15": 6, "16": 6,
                          "17": 6, "20": 2}
# Variable-length AIs with their maximum length; they end at GS or at the end of the data.
_VARIABLE: dict[str, int] = {"10": 20, "21": 20, "22": 20, "30": 8, "37": 8, "240": 30, "241": 30,
                             "250": 30, "251": 30, "400": 30, "401": 30, "403": 30}
# Four-digit AIs whose data is 6 digits: measures 310n-369n (n = decimal places).
_MEASURE = re.compile(r"3[1-6]\d\d")
_SYMBOLOGY_ID = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
_HRI_PART = re.compile(r"\((\d{2,4})\)([^()]*)")


def _bad(text: str, reason: Message) -> InvalidBarcode:
    return InvalidBarcode(field="barcode", value=text, reason=reason)


@dataclass(frozen=True)
class Gs1Data:
    """What a GS1 code says about the unit in hand; absent AIs are None."""

    gtin: str | None = None
    batch: str | None = None
    expiry: date | None = None
    serial: str | None = None


def looks_like_gs1(text: str) -> bool:
    """True when a scanned text is a GS1 element string rather than a plain code."""
    stripped = text.lstrip(GS)
    return (stripped.startswith(("]C1", "]d2", "]Q3", "]e0", "(0", "(1", "(2"))
            or (GS in text and stripped[:2].isdigit()))


def parse_gs1(text: str, *, today: date | None = None) -> Gs1Data:
    """Parse either spelling into Gs1Data; raise InvalidBarcode naming the AI that is malformed."""
    body = _SYMBOLOGY_ID.sub("", text.strip(), count=1).lstrip(GS)
    if not body:
        raise _bad(text, Message("gs1.empty"))
    pairs = _split_hri(text, body) if body.startswith("(") else _split_raw(text, body)
    return _interpret(text, pairs, today or date.today())


def _split_hri(text: str, body: str) -> list[tuple[str, str]]:
    pairs, pos = [], 0
    for match in _HRI_PART.finditer(body):
        if match.start() != pos:
            break
        pairs.append((match.group(1), match.group(2)))
        pos = match.end()
    if pos != len(body):
        raise _bad(text, Message("gs1.unreadable", at=body[pos:pos + 12]))
    return pairs


def _ai_length(text: str, data: str, pos: int) -> tuple[str, int | None, int]:
    """(ai, fixed length or None, maximum length) of the AI starting at data[pos]."""
    for size in (2, 3, 4):
        ai = data[pos:pos + size]
        if ai in _FIXED:
            return ai, _FIXED[ai], _FIXED[ai]
        if ai in _VARIABLE:
            return ai, None, _VARIABLE[ai]
        if size == 4 and _MEASURE.fullmatch(ai):
            return ai, 6, 6
    raise _bad(text, Message("gs1.unknown_ai", ai=data[pos:pos + 2]))


def _split_raw(text: str, data: str) -> list[tuple[str, str]]:
    pairs, pos = [], 0
    while pos < len(data):
        ai, fixed, maximum = _ai_length(text, data, pos)
        start = pos + len(ai)
        if fixed is not None:
            end = start + fixed
            if end > len(data) or GS in data[start:end]:
                raise _bad(text, Message("gs1.needs_characters", ai=ai, length=fixed))
        else:
            gs_at = data.find(GS, start)
            end = len(data) if gs_at == -1 else gs_at
            if end - start > maximum:
                raise _bad(text, Message("gs1.too_long", ai=ai, maximum=maximum))
        pairs.append((ai, data[start:end]))
        # Some printers put a GS after fixed-length fields too; it is harmless, skip it.
        pos = end + 1 if data[end:end + 1] == GS else end
    return pairs


def _interpret(text: str, pairs: list[tuple[str, str]], today: date) -> Gs1Data:
    values: dict[str, str] = {}
    for ai, value in pairs:
        if ai in values:
            raise _bad(text, Message("gs1.repeated", ai=ai))
        _check_length(text, ai, value)
        values[ai] = value
    gtin = values.get("01")
    if gtin is not None:
        try:
            validate_gtin(gtin)
        except InvalidBarcode as exc:
            raise _bad(text, Message("gs1.gtin", reason=exc.reason)) from exc
    expiry = values.get("17")
    return Gs1Data(gtin=gtin, batch=values.get("10"), serial=values.get("21"),
                   expiry=None if expiry is None else _parse_date(text, "17", expiry, today))


def _check_length(text: str, ai: str, value: str) -> None:
    fixed = _FIXED.get(ai) or (6 if _MEASURE.fullmatch(ai) else None)
    if fixed is not None and (len(value) != fixed or not value.isdigit()):
        raise _bad(text, Message("gs1.needs_digits", ai=ai, length=fixed, value=value))
    if not value:
        raise _bad(text, Message("gs1.ai_empty", ai=ai))
    if ai in _VARIABLE and len(value) > _VARIABLE[ai]:
        raise _bad(text, Message("gs1.too_long", ai=ai, maximum=_VARIABLE[ai]))


def _parse_date(text: str, ai: str, yymmdd: str, today: date) -> date:
    """A GS1 YYMMDD date; DD=00 means the last day of the month."""
    yy, month, day = int(yymmdd[0:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
    year = _century_year(yy, today.year)
    if not 1 <= month <= 12:
        raise _bad(text, Message("gs1.no_month", ai=ai, month=month))
    last = calendar.monthrange(year, month)[1]
    if day == 0:
        day = last
    if day > last:
        raise _bad(text, Message("gs1.no_day", ai=ai, day=day, year=year, month=month))
    return date(year, month, day)


def _century_year(yy: int, this_year: int) -> int:
    """GS1 General Specifications 7.12: a two-digit year lies within -49..+50 years of today."""
    century, current = divmod(this_year, 100)
    difference = yy - current
    if difference >= 51:
        century -= 1
    elif difference <= -50:
        century += 1
    return century * 100 + yy
