"""Look a code up the way the counter does, for callers that want the item or a reason why not."""

from __future__ import annotations

from stockdesk.domain.errors import UnresolvedCode
from stockdesk.services.catalogue import code_lookup, scanning
from stockdesk.services.catalogue.scanning import ItemCard, ScanKind
from stockdesk.services.uow import UnitOfWork


def first_read(code: str) -> code_lookup.BarcodeRead | None:
    """The statement `look_up` starts with (None: none), for a caller that runs it alongside its own
    (the API's token check: one round trip for both) and hands its rows to `look_up(known=...)`."""
    return scanning.barcode_read(code)


def look_up(uow: UnitOfWork, code: str, *, known: code_lookup.Rows | None = None) -> ItemCard:
    """The item a code names (EAN/UPC in any printed form, in-store code, GS1 string, SKU) with its stock
    in every store (no movements, no places: the API answers with the levels); UnresolvedCode says
    whether the code is unknown or was refused (bad check digit)."""
    result = scanning.resolve_scan(uow, code, barcode_rows=known)
    if result.kind is not ScanKind.ITEM or result.item is None:
        reason = result.reason or "names a store, not an item"
        raise UnresolvedCode((code or "").strip(), result.kind.value, reason)
    return scanning.stock_card(uow, result.item)
