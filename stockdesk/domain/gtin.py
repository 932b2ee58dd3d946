"""GTIN check digits (GS1 mod-10), UPC-E expansion and the normalisation of scanned retail codes.

Pure: no Qt, no SQL. Every retail code (EAN-8, UPC-E, UPC-A, EAN-13, GTIN-14) ends in a mod-10
check digit; a wrong one means a misread or a typo, so callers refuse the code instead of looking it up.
"""

from __future__ import annotations

from stockdesk.domain.errors import InvalidBarcode, ValidationError
from stockdesk.domain.messages import Message

GTIN_LENGTHS = (8, 12, 13, 14)

# Symbologies whose content is a GTIN and therefore carries a check digit.
RETAIL_SYMBOLOGIES = frozenset({"EAN13", "EAN8", "UPCA", "UPCE"})


def gtin_check_digit(body: str) -> int:
    """The GS1 mod-10 check digit for `body` (the code without its last digit).

    Weights alternate 3, 1, 3, ... starting from the rightmost digit of the body, which works for
    every GTIN length because the weights are anchored at the check digit's end.
    """
    if not body.isdigit():
        raise ValueError(f"check digit body must be digits, got {body!r}")
    backwards = body[::-1]  # an import checks a hundred thousand of these: no per-digit generator
    total = 3 * sum(map(int, backwards[0::2])) + sum(map(int, backwards[1::2]))
    return (10 - total % 10) % 10


def _check_ok(code: str) -> bool:
    return int(code[-1]) == gtin_check_digit(code[:-1])


def looks_like_gtin(code: str) -> bool:
    """True when `code` is all digits of a GTIN length, i.e. a check digit should be demanded."""
    return code.isdigit() and code.isascii() and len(code) in GTIN_LENGTHS


def _upce_digits_ok(code: str) -> bool:
    return len(code) == 8 and code.isdigit() and code.isascii() and code[0] in "01"


def expand_upce(code: str) -> str:
    """Expand an 8-digit UPC-E (number system 0 or 1) to its 12-digit UPC-A; the check digit is kept."""
    if not _upce_digits_ok(code):
        raise InvalidBarcode(field="barcode", value=code,
                             reason=Message("not_upce"))
    ns, d, check = code[0], code[1:7], code[7]
    last = d[5]
    if last in "012":
        manufacturer, product = d[0:2] + last + "00", "00" + d[2:5]
    elif last == "3":
        manufacturer, product = d[0:3] + "00", "000" + d[3:5]
    elif last == "4":
        manufacturer, product = d[0:4] + "0", "0000" + d[4]
    else:
        manufacturer, product = d[0:5], "0000" + last
    return ns + manufacturer + product + check


def compress_upca(upca: str) -> str | None:
    """The UPC-E form of a 12-digit UPC-A, or None when the code has no zero-suppressed form."""
    if len(upca) != 12 or not upca.isdigit() or upca[0] not in "01":
        return None
    m, p = upca[1:6], upca[6:11]
    if m[2] in "012" and m[3:] == "00" and p[:2] == "00":
        middle = m[0:2] + p[2:5] + m[2]
    elif m[3:] == "00" and p[:3] == "000":
        middle = m[0:3] + p[3:5] + "3"
    elif m[4] == "0" and p[:4] == "0000":
        middle = m[0:4] + p[4] + "4"
    elif p[:4] == "0000" and p[4] in "56789":
        middle = m + p[4]
    else:
        return None
    upce = upca[0] + middle + upca[11]
    # Several UPC-A codes never round-trip (e.g. product 00005 after a 3-digit manufacturer); check.
    return upce if expand_upce(upce) == upca else None


def is_valid_gtin(code: str, symbology: str | None = None) -> bool:
    """True for a GTIN-8/12/13/14 (or UPC-E) whose check digit is right.

    An 8-digit code is an EAN-8 or a UPC-E; without a symbology either reading is accepted.
    """
    if not looks_like_gtin(code):
        return False
    if len(code) != 8:
        return _check_ok(code)
    if symbology == "EAN8":
        return _check_ok(code)
    upce_ok = _upce_digits_ok(code) and _check_ok(expand_upce(code))
    if symbology == "UPCE":
        return upce_ok
    return upce_ok or _check_ok(code)


def validate_gtin(code: str, symbology: str | None = None) -> str:
    """Return the code stripped of surrounding blanks, or raise InvalidBarcode saying what is wrong."""
    cleaned = code.strip()
    if not cleaned:
        raise InvalidBarcode(field="barcode", value=code, reason=Message("empty"))
    if not (cleaned.isdigit() and cleaned.isascii()):
        raise InvalidBarcode(field="barcode", value=code, reason=Message("digits_only"))
    if len(cleaned) not in GTIN_LENGTHS:
        raise InvalidBarcode(field="barcode", value=code,
                             reason=Message("gtin_length", digits=len(cleaned)))
    if is_valid_gtin(cleaned, symbology):
        return cleaned
    body = expand_upce(cleaned)[:-1] if symbology == "UPCE" else cleaned[:-1]
    expected = gtin_check_digit(body)
    raise InvalidBarcode(field="barcode", value=code, reason=Message("check_digit", expected=expected))


def normalise_scanned(code: str, symbology: str) -> tuple[str, str]:
    """Report a decoded retail code the way it is printed under the bars.

    zbar and zxing report a UPC-A as an EAN-13 with a leading 0 (the two are the same GTIN), and
    zxing expands UPC-E to 13 digits. Items are catalogued by the printed code, so turn both back:
    a 13-digit EAN-13 starting with 0 becomes a 12-digit UPC-A, a long UPC-E becomes its 8 digits.
    """
    name = symbology.upper().replace("-", "").replace("_", "").replace(" ", "")
    if name == "EAN13" and len(code) == 13 and code.startswith("0") and code.isdigit():
        return code[1:], "UPCA"
    if name == "UPCA" and len(code) == 13 and code.startswith("0"):
        return code[1:], "UPCA"
    if name == "UPCE" and len(code) in (12, 13):
        upca = code[-12:]
        upce = compress_upca(upca)
        return (upce, "UPCE") if upce is not None else (upca, "UPCA")
    return code, name


def make_instore_ean13(prefix: int, number: int) -> str:
    """An EAN-13 in the restricted-circulation range 20-29 (for a shop's own items), check digit included."""
    if not 20 <= prefix <= 29:
        raise ValidationError(field="prefix", value=prefix,
                              reason=Message("in_store_prefix"))
    if not 0 <= number < 10**10:
        raise ValidationError(field="number", value=number,
                              reason=Message("between", minimum=0, maximum=9999999999))
    body = f"{prefix:02d}{number:010d}"
    return body + str(gtin_check_digit(body))
