"""Purchase orders: drafts from suggestions, editing, sending (PDF + e-mail via the outbox), receiving.

- Drafts are grouped per (supplier, store): one order per supplier and delivery address.
- "Sent" and "partly received" orders count as on order for the suggestions (`reorder.on_order`);
  drafts do not, because nothing has been promised yet.
- A receipt is a receive movement per line, referencing the order number and line, posted through
  the batched ledger path in the same transaction as the line's `received` update.
- Receiving more than ordered is allowed (suppliers round up to full cartons) but never silent: the
  result carries a warning per line and an audit event records it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from sqlalchemy import func, select

from stockdesk.db.base import utcnow
from stockdesk.db.models import Item, Store, Supplier
from stockdesk.db.planning_models import PurchaseOrder, PurchaseOrderLine
from stockdesk.domain.errors import InvalidQuantity, NotFound, ValidationError
from stockdesk.domain.ids import ItemId, OrderLineId, PurchaseOrderId, StoreId, SupplierId, new_id
from stockdesk.domain.messages import Message
from stockdesk.domain.movements import MovementKind
from stockdesk.domain.numbers import MoneyInput, QuantityInput, parse_money, parse_quantity
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.domain.units import in_stock_unit
from stockdesk.i18n.wording import Wording
from stockdesk.services import mail
from stockdesk.services.accounts import audit
from stockdesk.services.catalogue import catalog
from stockdesk.services.catalogue.bulk import BulkRejected, RowProblem
from stockdesk.services.catalogue.packs import PackView, packs_by_codes, purchase_packs
from stockdesk.services.inventory.ledger import post_many
from stockdesk.services.inventory.postings import Posting
from stockdesk.services.maintenance.shop import CURRENCY_KEY, read_document_language, read_setting
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import email_address, optional_text


@dataclass(frozen=True)
class DraftLine:
    """One chosen suggestion: what to order for which store."""

    item_id: ItemId
    store_id: StoreId
    quantity: QuantityInput
    reason: str = ""


@dataclass(frozen=True)
class OrderLineView:
    id: OrderLineId
    line_no: int
    item_id: ItemId
    sku: str
    name: str
    quantity: Decimal
    unit_cost: Decimal
    received: Decimal
    reason: str
    unit: str = "pcs"  # the item's stock unit, which the quantity counts
    pack_name: str = ""  # the supplier's pack the line is ordered in ("" : in stock units)
    pack_factor: Decimal | None = None  # stock units in one such pack

    @property
    def packs(self) -> Decimal | None:
        """How many of the supplier's packs the line orders (None when it is ordered in stock units)."""
        return None if self.pack_factor is None else self.quantity / self.pack_factor

    @property
    def pack_cost(self) -> Decimal | None:
        """The price of one pack: the unit cost times the pack's contents."""
        return None if self.pack_factor is None else self.unit_cost * self.pack_factor


@dataclass(frozen=True)
class OrderView:
    id: PurchaseOrderId
    number: str
    supplier_id: SupplierId
    supplier: str
    store_id: StoreId
    store_code: str
    status: str
    sent_at: datetime | None
    lines: tuple[OrderLineView, ...]
    # What the supplier's copy names besides the lines (issue 17 item 2).
    ordered_at: datetime | None = None
    expected_on: date | None = None  # the order day + the supplier's lead time
    note: str = ""
    supplier_contact: str = ""
    supplier_email: str = ""
    supplier_phone: str = ""
    supplier_address: str = ""
    store_name: str = ""
    store_address: str = ""
    currency: str = ""
    language: str = "en"  # what the document and its e-mail are written in (the shop's setting)

    @property
    def total(self) -> Decimal:
        return sum((line.quantity * line.unit_cost for line in self.lines), Decimal(0))


@dataclass(frozen=True)
class ReceiptResult:
    order: OrderView
    movements: int
    warnings: tuple[str, ...]


def _view(uow: UnitOfWork, order: PurchaseOrder) -> OrderView:
    supplier = uow.get(Supplier, order.supplier_id, "supplier")
    store = uow.get(Store, order.store_id, "store")
    rows = uow.session.execute(
        select(PurchaseOrderLine, Item.sku, Item.name, Item.unit)
        .join(Item, Item.id == PurchaseOrderLine.item_id)
        .where(PurchaseOrderLine.order_id == order.id, PurchaseOrderLine.deleted.is_(False))
        .order_by(PurchaseOrderLine.line_no)
    ).tuples()
    lines = tuple(
        OrderLineView(
            OrderLineId(r.id),
            r.line_no,
            ItemId(r.item_id),
            sku,
            name,
            r.quantity,
            r.unit_cost,
            r.received,
            r.reason,
            unit,
            r.pack_name if r.pack_factor is not None else "",
            r.pack_factor,
        )
        for r, sku, name, unit in rows
    )
    ordered_at = order.sent_at or order.created_at
    lead = timedelta(days=supplier.lead_time_days or 0)
    return OrderView(
        PurchaseOrderId(order.id),
        order.number,
        SupplierId(supplier.id),
        supplier.name,
        StoreId(store.id),
        store.code,
        order.status,
        order.sent_at,
        lines,
        ordered_at=ordered_at,
        expected_on=(ordered_at + lead).date() if ordered_at is not None else None,
        note=order.note or "",
        supplier_contact=supplier.contact or "",
        supplier_email=supplier.email or "",
        supplier_phone=supplier.phone or "",
        supplier_address=supplier.address or "",
        store_name=store.name,
        store_address=store.address or "",
        currency=read_setting(uow, CURRENCY_KEY),
        language=read_document_language(uow),
    )


def _number(order_id: uuid.UUID) -> str:
    # Desks create orders offline, so no shared counter: date + the random tail of the UUIDv7.
    return f"PO-{utcnow():%Y%m%d}-{order_id.hex[-6:].upper()}"


def create_drafts(uow: UnitOfWork, actor: Actor, lines: Sequence[DraftLine]) -> list[OrderView]:
    """Draft orders, one per (supplier, store); every bad line is reported at once, nothing written."""
    with uow:
        require(actor, Action.MANAGE_CATALOGUE)
        uow.actor_id = actor.id
        problems: list[RowProblem] = []
        grouped: dict[tuple[uuid.UUID, uuid.UUID], list[tuple[Item, Decimal, str]]] = {}
        for number, line in enumerate(lines, start=1):
            try:
                item = uow.get(Item, line.item_id, "item")
                store = uow.get(Store, line.store_id, "store")
                quantity = parse_quantity("quantity", line.quantity)
                if item.supplier_id is None:
                    raise ValidationError("item", item.sku, Message("no_supplier"))
            except (ValidationError, InvalidQuantity) as error:
                problems.append(RowProblem(number, error.field or "", error.value, error.reason))
                continue
            except NotFound as error:  # keep collecting: report every line at once
                problems.append(RowProblem(number, "item_id", line.item_id, str(error)))
                continue
            grouped.setdefault((item.supplier_id, store.id), []).append((item, quantity, line.reason))
        if problems:
            raise BulkRejected(problems)
        packs = purchase_packs(uow, [item.id for entries in grouped.values() for item, _q, _r in entries])
        orders = [
            _new_order(uow, supplier, store, entries, packs) for (supplier, store), entries in grouped.items()
        ]
        for order in orders:
            audit.record(uow, actor, "po.draft", "purchase_order", order.id, number=order.number)
        uow.commit()
        return [_view(uow, order) for order in orders]


def _new_order(
    uow: UnitOfWork,
    supplier_id: uuid.UUID,
    store_id: uuid.UUID,
    entries: list[tuple[Item, Decimal, str]],
    packs: dict[uuid.UUID, PackView],
) -> PurchaseOrder:
    order_id = new_id()
    order = PurchaseOrder(
        id=order_id, number=_number(order_id), supplier_id=supplier_id, store_id=store_id, status="draft"
    )
    uow.session.add(order)
    for line_no, (item, quantity, reason) in enumerate(entries, start=1):
        line = PurchaseOrderLine(
            order_id=order.id,
            line_no=line_no,
            item_id=item.id,
            quantity=quantity,
            unit_cost=item.cost_price,
            reason=optional_text("reason", reason, max_length=2000),
        )
        _order_in_pack(line, packs.get(item.id))
        uow.session.add(line)
    uow.session.flush()
    return order


def _order_in_pack(line: PurchaseOrderLine, pack: PackView | None) -> None:
    """Order in the supplier's pack when the quantity is a whole number of them (reorder suggestions
    round up to it); any other quantity is ordered in stock units, which a supplier cannot misread."""
    whole = pack is not None and line.quantity > 0 and line.quantity % pack.factor == 0
    line.pack_name = pack.name if whole and pack is not None else ""
    line.pack_factor = pack.factor if whole and pack is not None else None


def _draft(uow: UnitOfWork, actor: Actor, order_id: PurchaseOrderId) -> PurchaseOrder:
    require(actor, Action.MANAGE_CATALOGUE)
    uow.actor_id = actor.id
    order = uow.get(PurchaseOrder, order_id, "purchase order")
    if order.status != "draft":
        raise ValidationError("purchase order", order.number, Message("order_not_draft", status=order.status))
    return order


def set_line(
    uow: UnitOfWork,
    actor: Actor,
    order_id: PurchaseOrderId,
    item_id: ItemId,
    *,
    quantity: QuantityInput,
    unit_cost: MoneyInput | None = None,
) -> OrderView:
    """Add an item to a draft or change its line; quantity must be more than zero."""
    with uow:
        order = _draft(uow, actor, order_id)
        item = uow.get(Item, item_id, "item")
        amount = parse_quantity("quantity", quantity)
        cost = parse_money("unit_cost", unit_cost) if unit_cost is not None else None
        line = uow.session.scalar(
            select(PurchaseOrderLine).where(
                PurchaseOrderLine.order_id == order.id,
                PurchaseOrderLine.item_id == item.id,
                PurchaseOrderLine.deleted.is_(False),
            )
        )
        if line is None:
            last = (
                uow.session.scalar(
                    select(func.max(PurchaseOrderLine.line_no)).where(PurchaseOrderLine.order_id == order.id)
                )
                or 0
            )
            line = PurchaseOrderLine(
                order_id=order.id,
                line_no=last + 1,
                item_id=item.id,
                quantity=amount,
                unit_cost=item.cost_price,
            )
            uow.session.add(line)
        line.quantity = amount
        if cost is not None:
            line.unit_cost = cost
        _order_in_pack(line, purchase_packs(uow, [item.id]).get(item.id))
        audit.record(uow, actor, "po.edit", "purchase_order", order.id, sku=item.sku, quantity=str(amount))
        uow.commit()
        return _view(uow, order)


def remove_line(uow: UnitOfWork, actor: Actor, order_id: PurchaseOrderId, line_id: OrderLineId) -> OrderView:
    with uow:
        order = _draft(uow, actor, order_id)
        line = uow.get(PurchaseOrderLine, line_id, "order line")
        if line.order_id != order.id:
            raise ValidationError("line", str(line_id), Message("line_not_in_order", order=order.number))
        line.deleted = True
        audit.record(uow, actor, "po.edit", "purchase_order", order.id, removed=str(line.id))
        uow.commit()
        return _view(uow, order)


def get_order(uow: UnitOfWork, order_id: PurchaseOrderId) -> OrderView:
    with uow:
        return _view(uow, uow.get(PurchaseOrder, order_id, "purchase order"))


def list_orders(uow: UnitOfWork, *, status: str | None = None) -> list[OrderView]:
    with uow:
        query = select(PurchaseOrder).where(PurchaseOrder.deleted.is_(False)).order_by(PurchaseOrder.number)
        if status is not None:
            query = query.where(PurchaseOrder.status == status)
        return [_view(uow, order) for order in uow.session.scalars(query)]


class OrderWriter(Protocol):
    """Writes an order document to a path and returns it (`reports.purchase_order.write_order_pdf`)."""

    def __call__(self, order: OrderView, path: Path, *, by: str) -> Path: ...


def send(
    uow: UnitOfWork,
    actor: Actor,
    order_id: PurchaseOrderId,
    *,
    pdf_dir: Path,
    write_pdf: OrderWriter,
    note: str = "",
) -> Path:
    """Write the order with `write_pdf` and queue it by e-mail to the supplier, in one transaction.

    The document's layout is the reports' business; the front end hands the writer in, so the
    service neither lays out pages nor loads reportlab."""
    with uow:
        order = _draft(uow, actor, order_id)
        supplier = uow.get(Supplier, order.supplier_id, "supplier")
        address = email_address("supplier e-mail", supplier.email)
        if note.strip():
            order.note = optional_text("note", note, max_length=2000)  # printed on the order too
        order.sent_at = utcnow()  # the order date the document shows
        view = _view(uow, order)
        if not view.lines:
            raise ValidationError("purchase order", order.number, Message("order_no_lines"))
        path = write_pdf(view, Path(pdf_dir) / f"{order.number}.pdf", by=actor.name or actor.email)
        w = Wording(view.language)
        lines = w.count(len(view.lines), "{count} line", "{count} lines")
        body = w(
            "Dear {name},\n\nplease find attached our order {number} for delivery to {store} ({lines}).",
            name=supplier.contact or supplier.name,
            number=order.number,
            store=view.store_code,
            lines=lines,
        )
        body = f"{body}\n\n{note}".rstrip() + "\n"
        mail.enqueue(
            uow,
            kind="purchase_order",
            recipients=[address],
            subject=w("Purchase order {number}", number=order.number),
            body=body,
            attachment=(path.name, path.read_bytes()),
        )
        order.status = "sent"
        audit.record(uow, actor, "po.send", "purchase_order", order.id, number=order.number, to=address)
        uow.commit()
        return path


def receive(
    uow: UnitOfWork, actor: Actor, order_id: PurchaseOrderId, lines: Sequence[tuple[str, QuantityInput]]
) -> ReceiptResult:
    """Receive quantities against an order: (line id, SKU or barcode, quantity) as typed or scanned."""
    with uow:
        uow.actor_id = actor.id
        order = uow.get(PurchaseOrder, order_id, "purchase order")
        require(actor, Action.MOVE_STOCK, store_ids=[order.store_id])
        if order.status not in ("sent", "partial"):
            raise ValidationError(
                "purchase order", order.number, Message("order_not_sent", status=order.status)
            )
        store = uow.get(Store, order.store_id, "store")
        receipts = _match_lines(uow, order, lines)
        warnings: list[str] = []
        postings: list[Posting] = []
        for line, amount in receipts:
            item = uow.get(Item, line.item_id, "item")
            line.received += amount
            if line.received > line.quantity:
                warnings.append(
                    f"line {line.line_no} {item.sku}: received {line.received} of {line.quantity} "
                    "ordered (over-receipt)"
                )
            postings.append(
                Posting(
                    item,
                    store,
                    MovementKind.RECEIVE,
                    amount,
                    f"{order.number} line {line.line_no}",
                    unit_cost=line.unit_cost,
                )
            )
        post_many(uow, postings, user_id=actor.id, allow_negative=False)
        open_lines = uow.session.scalar(
            select(func.count()).where(
                PurchaseOrderLine.order_id == order.id,
                PurchaseOrderLine.deleted.is_(False),
                PurchaseOrderLine.received < PurchaseOrderLine.quantity,
            )
        )
        order.status = "partial" if open_lines else "received"
        audit.record(
            uow, actor, "po.receive", "purchase_order", order.id, lines=len(postings), warnings=warnings
        )
        uow.commit()
        return ReceiptResult(_view(uow, order), len(postings), tuple(warnings))


def _match_lines(
    uow: UnitOfWork, order: PurchaseOrder, lines: Sequence[tuple[str, QuantityInput]]
) -> list[tuple[PurchaseOrderLine, Decimal]]:
    """Each (line id / code, quantity) to its order line; every problem reported at once."""
    order_lines = list(
        uow.session.scalars(
            select(PurchaseOrderLine).where(
                PurchaseOrderLine.order_id == order.id, PurchaseOrderLine.deleted.is_(False)
            )
        )
    )
    by_id = {str(line.id): line for line in order_lines}
    by_item = {line.item_id: line for line in order_lines}
    references = {str(ref).strip() for ref, _ in lines}
    codes = catalog.item_ids_by_code(uow, references - set(by_id))
    # A case's barcode receives cases: its quantity counts packs, posted as stock units.
    pack_codes = packs_by_codes(uow, references - set(by_id) - set(codes))
    problems: list[RowProblem] = []
    matched: list[tuple[PurchaseOrderLine, Decimal]] = []
    for number, (ref, quantity) in enumerate(lines, start=1):
        text = str(ref).strip()
        pack = pack_codes.get(text)
        item_id = pack.item_id if pack is not None else codes.get(text)
        line = by_id.get(text) or (by_item.get(item_id) if item_id is not None else None)
        if line is None:
            problems.append(RowProblem(number, "line", ref, Message("not_on_order", order=order.number)))
        try:
            amount = parse_quantity("quantity", quantity)
        except InvalidQuantity as error:
            problems.append(RowProblem(number, "quantity", quantity, error.reason))
            continue
        if line is not None:
            matched.append((line, in_stock_unit(amount, pack.factor) if pack is not None else amount))
    if problems:
        raise BulkRejected(problems)
    return matched
