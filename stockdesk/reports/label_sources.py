"""What goes on labels: an item's own label, its packs', a store's (location-first counting), a
store's bin locations (with everything under them), and a purchase order's receipt (one label per
unit received). The window and `stockdesk labels` both take their labels from here, so a sheet
printed from either is the same."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING

from stockdesk.domain.gtin import expand_upce
from stockdesk.domain.ids import LocationId, PurchaseOrderId
from stockdesk.reports.labels import Label
from stockdesk.services.catalogue import catalog, packs
from stockdesk.services.catalogue.packs import PackView
from stockdesk.services.database import Database
from stockdesk.services.places.locations import LocationView, locations_of
from stockdesk.services.planning import purchasing
from stockdesk.services.views import ItemView, StoreView

_PRINTABLE = {"EAN13": "ean13", "EAN8": "ean8", "UPCA": "upca"}
STORE_PREFIX = "STORE:"  # what the counter reads as a location (services/catalogue/scanning.py)
MAX_COPIES = 10_000  # a receipt of 40,000 screws wants a box label, not 40,000 sheets


@dataclass(frozen=True)
class LabelLine:
    """One row of a label job: the label and how many of it to print."""

    label: Label
    copies: int


def item_label(item: ItemView) -> Label:
    """A label for the item: its first retail barcode, else its first code, else its SKU (Code 128)."""
    for barcode in item.barcodes:
        key = _PRINTABLE.get(barcode.symbology.upper())
        if key is not None:
            return Label(item.name, item.sell_price, barcode.code, key)
        if barcode.symbology.upper() == "UPCE":  # printed as its UPC-A: the same GTIN, scans the same
            return Label(item.name, item.sell_price, expand_upce(barcode.code), "upca")
    code = item.barcodes[0].code if item.barcodes else item.sku
    return Label(item.name, item.sell_price, code, "code128")


def pack_label(item: ItemView, pack: PackView) -> Label:
    """A case's label: the item and the pack's content, the case's price, the case's own code."""
    name = f"{item.name} — {pack.name} × {pack.factor.normalize():f} {item.unit}"
    code = pack.code
    retail = {13: "ean13", 8: "ean8", 12: "upca"}.get(len(code)) if code.isdigit() else None
    symbology = retail or "code128"
    return Label(name, item.sell_price * pack.factor, code, symbology)


def store_label(store: StoreView) -> Label:
    """A location label: scanned at the counter, later counts and movements go to that store."""
    return Label(f"{store.code} — {store.name}", None, f"{STORE_PREFIX}{store.code}", "code128")


def location_label(location: LocationView, store: StoreView) -> Label:
    """A bin's label: its code as Code 128 (what a scan at the counter names), its path from the zone
    down (and its name) to read from the aisle, and the store's code in the corner."""
    name = f"{location.path} — {location.name}" if location.name else location.path
    return Label(name, None, location.code, "code128", corner=store.code)


def location_lines(
    db: Database, store: StoreView, chosen: Iterable[LocationId] = (), *, copies: int = 1
) -> list[LabelLine]:
    """Labels of the `chosen` locations and of everything under them, in path order (a zone's label,
    then its aisles', shelves' and bins'); every active location of the store when none is chosen.
    Archived locations get no label: nothing may be posted there."""
    locations = locations_of(db.uow(), store.id)
    wanted = set(chosen)
    if wanted:
        children: dict[LocationId, list[LocationId]] = {}
        for location in locations:
            if location.parent_id is not None:
                children.setdefault(location.parent_id, []).append(location.id)
        todo = list(wanted)
        while todo:
            for child in children.get(todo.pop(), []):
                if child not in wanted:
                    wanted.add(child)
                    todo.append(child)
        locations = [location for location in locations if location.id in wanted]
    return [LabelLine(location_label(location, store), copies) for location in locations]


def item_lines(
    db: Database, items: Iterable[ItemView], *, copies: int = 1, with_packs: bool = False
) -> list[LabelLine]:
    """Each item's label `copies` times, followed by its packs' labels (those with a code) if asked."""
    lines: list[LabelLine] = []
    for item in items:
        lines.append(LabelLine(item_label(item), copies))
        if with_packs:
            lines += [
                LabelLine(pack_label(item, pack), copies)
                for pack in packs.packs_of(db.uow(), item.id)
                if pack.code
            ]
    return lines


def receipt_lines(db: Database, order_id: PurchaseOrderId) -> list[LabelLine]:
    """One label per unit ordered on each line (whole units, rounded up), for labelling a delivery."""
    order = purchasing.get_order(db.uow(), order_id)
    lines: list[LabelLine] = []
    for line in order.lines:
        item = catalog.get_item(db.uow(), line.item_id)
        count = int(line.quantity.to_integral_value(rounding=ROUND_CEILING))
        if count > 0:
            lines.append(LabelLine(item_label(item), min(count, MAX_COPIES)))
    return lines


def expanded(lines: Iterable[LabelLine]) -> Iterable[Label]:
    """The labels in print order: each line's label `copies` times in a row."""
    for line in lines:
        for _ in range(line.copies):
            yield line.label


def label_count(lines: Iterable[LabelLine]) -> int:
    return sum(line.copies for line in lines)
