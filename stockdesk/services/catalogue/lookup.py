"""Look a code up the way the counter does, for callers that want the item or a reason why not."""

from __future__ import annotations

from typing import Any, cast

from stockdesk.domain.errors import UnresolvedCode
from stockdesk.services.catalogue import code_lookup, scanning
from stockdesk.services.catalogue.scanning import ItemCard, ScanKind
from stockdesk.services.uow import UnitOfWork


def first_reads(code: str) -> list[code_lookup.BarcodeRead]:
    """The statements a look-up of a barcode starts with (its rows, the levels of the items holding it;
    none for other codes), for a caller that runs them with its own (the API's token check: one round
    trip for all) and hands their rows to `look_up(known=...)`."""
    return scanning.barcode_reads(code)


def look_up(uow: UnitOfWork, code: str, *, known: list[code_lookup.Rows] | None = None) -> ItemCard:
    """The item a code names (EAN/UPC in any printed form, in-store code, GS1 string, SKU) with its stock
    in every store (no movements, no places: the API answers with the levels); UnresolvedCode says
    whether the code is unknown or was refused (bad check digit)."""
    barcode_rows, level_rows = known if known else (None, None)
    result = scanning.resolve_scan(uow, code, barcode_rows=barcode_rows)
    if result.kind is not ScanKind.ITEM or result.item is None:
        reason = result.reason or "names a store, not an item"
        raise UnresolvedCode((code or "").strip(), result.kind.value, reason)
    return scanning.stock_card(uow, result.item, level_rows)


def look_up_read(code: str, known: list[code_lookup.Rows]) -> ItemCard | None:
    """`look_up` from the rows of `first_reads(code)` alone, or None when it needs more (a code that
    is no barcode, a pack's item, an item found with no level rows): an answer made of rows read at
    one moment only (`moments`), for a caller that keeps it while that moment stands."""
    try:
        return look_up(cast(UnitOfWork, _NoMoreReads()), code, known=known)
    except _WouldRead:
        return None


class _WouldRead(Exception):
    pass


class _NoMoreReads:
    """A unit of work that refuses every use, so a look-up given it answers from its rows or not at all."""

    def __getattr__(self, name: str) -> Any:
        raise _WouldRead(name)

    def __enter__(self) -> Any:  # `with uow:` looks it up on the class, past __getattr__
        raise _WouldRead("__enter__")

    def __exit__(self, *_exception: object) -> None:
        return None
