"""What a text cell must look like so that a spreadsheet shows it instead of running it.

Excel, LibreOffice and Google Sheets treat a cell that starts with `=`, `+`, `-` or `@` as a formula
(`=HYPERLINK(...)` leaks data, `-2+3` and DDE payloads run), and a leading tab or carriage return is
stripped on import and exposes what follows. Such a cell gets a leading apostrophe, which every one of
those programs reads as "this is text" (OWASP's CSV injection advice).

One exception keeps numbers readable: a cell that is only a decimal number with a minus sign ("-3",
"-12.50") is left as it is. A spreadsheet reads it as the number it is, nothing in it can run, and a
quantity column full of "'-3" would no longer sum. Anything else that starts with "-" ("-2+3",
"-cmd|...") is neutralised.
"""

from __future__ import annotations

import re

# A text cell starting with one of these is run as a formula (or exposes one) in spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEGATIVE_NUMBER = re.compile(r"-\d+(?:\.\d+)?")


def safe_cell(text: str) -> str:
    """`text` as a spreadsheet must receive it: prefixed with an apostrophe when it would be a formula."""
    if not text.startswith(FORMULA_START):
        return text
    if _NEGATIVE_NUMBER.fullmatch(text):
        return text
    return "'" + text
