"""An item's packs in one spreadsheet cell, as the items export writes them and the import reads them.

    case=12:4012345678901*; bag=5

Each pack is `NAME=CONTENTS`, then `:CODE` when it has a barcode, then `*` when it is the supplier's
pack; packs are separated by `;`. A single `-` means "no packs"; an empty cell leaves them alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message

FIELD = "packs"
NONE = "-"
NAME_LIMIT = 32


@dataclass(frozen=True)
class PackEntry:
    name: str
    factor: Decimal  # stock units in one pack
    code: str = ""  # "" : no barcode
    purchase: bool = False  # the supplier's pack


def format_pack_cell(packs: Iterable[PackEntry], write_number: Callable[[Decimal], str]) -> str:
    """The cell for `packs` ("" for none: an export must not remove packs when read back unchanged)."""
    return "; ".join(
        f"{p.name}={write_number(p.factor)}{':' + p.code if p.code else ''}{'*' if p.purchase else ''}"
        for p in packs
    )


def parse_pack_cell(text: str, read_number: Callable[[str], Decimal]) -> list[PackEntry]:
    """The packs a cell lists; a part that is not `NAME=CONTENTS[:CODE][*]` is refused naming it."""
    if text.strip() == NONE:
        return []
    entries: list[PackEntry] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        purchase = part.endswith("*")
        body = part.removesuffix("*").strip()
        name, equals, rest = body.partition("=")
        contents, _colon, code = rest.partition(":")
        name, contents, code = name.strip(), contents.strip(), code.strip()
        if not equals or not name or not contents or "*" in body:
            raise ValidationError(FIELD, part, Message("pack.cell_form"))
        if len(name) > NAME_LIMIT:
            raise ValidationError(FIELD, part, Message("too_long", maximum=NAME_LIMIT))
        if any(e.name.lower() == name.lower() for e in entries):
            raise ValidationError(FIELD, part, Message("pack.name_taken"))
        if purchase and any(e.purchase for e in entries):
            raise ValidationError(FIELD, part, Message("pack.one_purchase_pack"))
        entries.append(PackEntry(name, read_number(contents), code, purchase))
    return entries
