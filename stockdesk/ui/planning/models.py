"""Table models of the planning pages: short lists of service dataclasses shown through `RowsModel`.

Column titles are marked with QT_TRANSLATE_NOOP under the model's context so `lupdate` finds them;
`RowsModel.headerData` translates them in that context. Two models take typed input (quantities to
receive, counts to save); they keep the text as typed and leave parsing to the services, which
report every bad line at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal

from stockdesk.i18n import SOURCE_LANGUAGE
from stockdesk.services.inventory.stocktake import VarianceLine
from stockdesk.services.planning.alert_recipients import RecipientView
from stockdesk.services.planning.alerts import AlertView
from stockdesk.services.planning.expiry import ExpiryView
from stockdesk.services.planning.purchasing import OrderLineView, OrderView
from stockdesk.ui.formatting import format_day, format_money, format_quantity, format_when
from stockdesk.ui.i18n import current_language, say
from stockdesk.ui.models.rows import Column, RowsModel

if TYPE_CHECKING:  # the planner's module loads numpy; the window loads it with the reorder page
    from stockdesk.services.planning.reorder import SuggestionRow

AnyIndex = QModelIndex | QPersistentModelIndex
q = format_quantity
_tr = QCoreApplication.translate


def _alert_state(a: AlertView) -> str:
    if a.snoozed_until is not None:
        snoozed = QCoreApplication.translate("AlertsModel", "Snoozed until {when}")
        return snoozed.format(when=format_when(a.snoozed_until))
    if a.acknowledged:
        return QCoreApplication.translate("AlertsModel", "Acknowledged")
    return QCoreApplication.translate("AlertsModel", "Open")  # nobody has looked at it yet


def alerts_model(parent: Any = None) -> RowsModel:
    c = "AlertsModel"
    return RowsModel([
        Column(QT_TRANSLATE_NOOP("AlertsModel", "Opened"), lambda a: format_when(a.opened_at)),
        Column(QT_TRANSLATE_NOOP("AlertsModel", "SKU"), lambda a: a.sku),
        Column(QT_TRANSLATE_NOOP("AlertsModel", "Name"), lambda a: a.name),
        Column(QT_TRANSLATE_NOOP("AlertsModel", "Store"), lambda a: a.store_code),
        Column(QT_TRANSLATE_NOOP("AlertsModel", "On hand at opening"), lambda a: q(a.on_hand), numeric=True),
        Column(QT_TRANSLATE_NOOP("AlertsModel", "Reorder point"), lambda a: q(a.reorder_point), numeric=True),
        Column(QT_TRANSLATE_NOOP("AlertsModel", "State"), _alert_state),
    ], parent, context=c)


def _expiry_state(lot: ExpiryView) -> str:
    if lot.expired:
        return QCoreApplication.translate("ExpiryModel", "Expired")
    if lot.days_left == 0:
        return QCoreApplication.translate("ExpiryModel", "Expires today")
    if lot.days_left == 1:
        return QCoreApplication.translate("ExpiryModel", "Expires tomorrow")
    return QCoreApplication.translate("ExpiryModel", "in {n} days").format(n=lot.days_left)


def expiry_model(parent: Any = None) -> RowsModel:
    """Lots with stock that expire within their warning days or have expired, soonest first."""
    c = "ExpiryModel"
    return RowsModel([
        Column(QT_TRANSLATE_NOOP("ExpiryModel", "Expires"), lambda v: format_day(v.expires_on)),
        Column(QT_TRANSLATE_NOOP("ExpiryModel", "SKU"), lambda v: v.sku),
        Column(QT_TRANSLATE_NOOP("ExpiryModel", "Name"), lambda v: v.name),
        Column(QT_TRANSLATE_NOOP("ExpiryModel", "Lot"), lambda v: v.lot_code),
        Column(QT_TRANSLATE_NOOP("ExpiryModel", "Store"), lambda v: v.store_code),
        Column(QT_TRANSLATE_NOOP("ExpiryModel", "Location"), lambda v: v.location_code),
        Column(QT_TRANSLATE_NOOP("ExpiryModel", "On hand"), lambda v: q(v.on_hand), numeric=True),
        Column(QT_TRANSLATE_NOOP("ExpiryModel", "State"), _expiry_state),
    ], parent, context=c)


def recipients_model(stores: dict[Any, str], categories: dict[Any, str], parent: Any = None) -> RowsModel:
    c = "RecipientsModel"
    every = QCoreApplication.translate("RecipientsModel", "(all)")
    return RowsModel([
        Column(QT_TRANSLATE_NOOP("RecipientsModel", "E-mail"), lambda r: r.email),
        Column(QT_TRANSLATE_NOOP("RecipientsModel", "Store"), lambda r: stores.get(r.store_id, every)),
        Column(
            QT_TRANSLATE_NOOP("RecipientsModel", "Category"), lambda r: categories.get(r.category_id, every)
        ),
        Column(QT_TRANSLATE_NOOP("RecipientsModel", "Sending"), lambda r: _mode_text(r)),
    ], parent, context=c)


def _mode_text(r: RecipientView) -> str:
    if r.mode == "digest":
        return QCoreApplication.translate("RecipientsModel", "Daily digest")
    return QCoreApplication.translate("RecipientsModel", "Immediately")


def _point_source(source: str) -> str:
    """Who set the reorder point a suggestion uses: this store, the item (all stores), or the forecast."""
    if source == "store":
        return QCoreApplication.translate("SuggestionsModel", "this store")
    if source == "item":
        return QCoreApplication.translate("SuggestionsModel", "the item")
    return QCoreApplication.translate("SuggestionsModel", "forecast")


def suggestions_model(parent: Any = None) -> RowsModel:
    c = "SuggestionsModel"
    cols: list[tuple[str, Any, bool]] = [  # what to order first; the figures that explain it after
        (QT_TRANSLATE_NOOP("SuggestionsModel", "SKU"), lambda s: s.sku, False),
        (QT_TRANSLATE_NOOP("SuggestionsModel", "Name"), lambda s: s.name, False),
        (QT_TRANSLATE_NOOP("SuggestionsModel", "Store"), lambda s: s.store_code, False),
        (QT_TRANSLATE_NOOP("SuggestionsModel", "Order"), lambda s: q(s.suggested_qty), True),
        (QT_TRANSLATE_NOOP("SuggestionsModel", "On hand"), lambda s: q(s.on_hand), True),
        (QT_TRANSLATE_NOOP("SuggestionsModel", "On order"), lambda s: q(s.on_order), True),
        (QT_TRANSLATE_NOOP("SuggestionsModel", "Reorder point"), lambda s: q(s.reorder_point), True),
        (
            QT_TRANSLATE_NOOP("SuggestionsModel", "Point set by"),
            lambda s: _point_source(s.point_source), False
        ),
        (QT_TRANSLATE_NOOP("SuggestionsModel", "Demand/day"), lambda s: q(s.daily_rate), True),
        (QT_TRANSLATE_NOOP("SuggestionsModel", "Lead time"), lambda s: q(s.lead_time_days), True),
        (QT_TRANSLATE_NOOP("SuggestionsModel", "Safety stock"), lambda s: q(s.safety_stock), True),
        (
            QT_TRANSLATE_NOOP("SuggestionsModel", "Computed point"),
            lambda s: q(s.computed_reorder_point), True
        ),
        (QT_TRANSLATE_NOOP("SuggestionsModel", "Supplier"), lambda s: s.supplier, False),
        (QT_TRANSLATE_NOOP("SuggestionsModel", "Method"), lambda s: s.method, False),
        (QT_TRANSLATE_NOOP("SuggestionsModel", "Reason"), reason_text, False),
    ]
    return RowsModel([Column(t, f, n) for t, f, n in cols], parent, context=c)


def reason_text(suggestion: SuggestionRow) -> str:
    """Why a line is suggested, in the window's language (built only for the rows painted)."""
    if current_language() == SOURCE_LANGUAGE:
        return suggestion.reason
    return say(suggestion.reason_message())


def _order_lines_text(o: OrderView) -> str:
    return str(len(o.lines))


def orders_model(parent: Any = None) -> RowsModel:
    c = "OrdersModel"
    return RowsModel([
        Column(QT_TRANSLATE_NOOP("OrdersModel", "Number"), lambda o: o.number),
        Column(QT_TRANSLATE_NOOP("OrdersModel", "Supplier"), lambda o: o.supplier),
        Column(QT_TRANSLATE_NOOP("OrdersModel", "Store"), lambda o: o.store_code),
        Column(QT_TRANSLATE_NOOP("OrdersModel", "Status"), lambda o: o.status),
        Column(QT_TRANSLATE_NOOP("OrdersModel", "Lines"), _order_lines_text, numeric=True),
        Column(
            QT_TRANSLATE_NOOP("OrdersModel", "Sent"), lambda o: format_when(o.sent_at) if o.sent_at else ""
        ),
    ], parent, context=c)


def variance_model(parent: Any = None) -> RowsModel:
    c = "VarianceModel"
    return RowsModel([
        Column(QT_TRANSLATE_NOOP("VarianceModel", "SKU"), lambda v: v.sku),
        Column(QT_TRANSLATE_NOOP("VarianceModel", "Name"), lambda v: v.name),
        Column(QT_TRANSLATE_NOOP("VarianceModel", "Expected"), lambda v: q(v.expected), numeric=True),
        Column(QT_TRANSLATE_NOOP("VarianceModel", "Counted"), lambda v: q(v.counted), numeric=True),
        Column(
            QT_TRANSLATE_NOOP("VarianceModel", "Difference"),
            lambda v: q(v.difference, signed=True), numeric=True
        ),
        Column(
            QT_TRANSLATE_NOOP("VarianceModel", "Unit cost"), lambda v: format_money(v.unit_cost), numeric=True
        ),
        Column(QT_TRANSLATE_NOOP("VarianceModel", "Value"), _value_text, numeric=True),
        *place_variance_columns(),
    ], parent, context=c)


def place_variance_columns() -> list[Column]:
    """Where a line of a count by location is: shown after the variance's own columns."""
    return [
        Column(QT_TRANSLATE_NOOP("VarianceModel", "Location"), lambda v: v.location),
        Column(QT_TRANSLATE_NOOP("VarianceModel", "Lot"), lambda v: v.lot),
    ]


def location_count_model(parent: Any = None) -> RowsModel:
    """Expected vs counted so far at the location being counted."""
    c = "LocationCountModel"
    return RowsModel([
        Column(QT_TRANSLATE_NOOP("LocationCountModel", "SKU"), lambda v: v.sku),
        Column(QT_TRANSLATE_NOOP("LocationCountModel", "Name"), lambda v: v.name),
        Column(QT_TRANSLATE_NOOP("LocationCountModel", "Lot"), lambda v: v.lot),
        Column(QT_TRANSLATE_NOOP("LocationCountModel", "Expected"), lambda v: q(v.expected), numeric=True),
        Column(QT_TRANSLATE_NOOP("LocationCountModel", "Counted"), lambda v: q(v.counted), numeric=True),
    ], parent, context=c)


def _value_text(v: VarianceLine) -> str:
    text = format_money(v.value_difference)
    return f"+{text}" if v.value_difference > 0 else text


def _in_packs(line: OrderLineView) -> str:
    """What the supplier reads on the order: "2 × case of 12 pcs"; empty for a line in stock units."""
    if line.packs is None or line.pack_factor is None:
        return ""
    return QCoreApplication.translate("OrderLinesModel", "{packs} × {pack} of {contents} {unit}").format(
        packs=format_quantity(line.packs),
        pack=line.pack_name,
        contents=format_quantity(line.pack_factor),
        unit=line.unit,
    )


class OrderLinesModel(RowsModel):
    """An order's lines; "Ordered" is editable on drafts, "Receive now" on sent orders (text as typed)."""

    ordered_edited = Signal(object, str)  # (OrderLineView, text): the page asks the service
    ORDERED, RECEIVE = 3, 5

    def __init__(self, parent: Any = None) -> None:
        c = "OrderLinesModel"
        super().__init__([
            Column(QT_TRANSLATE_NOOP("OrderLinesModel", "Line"), lambda r: str(r.line_no), numeric=True),
            Column(QT_TRANSLATE_NOOP("OrderLinesModel", "SKU"), lambda r: r.sku),
            Column(QT_TRANSLATE_NOOP("OrderLinesModel", "Name"), lambda r: r.name),
            Column(QT_TRANSLATE_NOOP("OrderLinesModel", "Ordered"), lambda r: q(r.quantity), numeric=True),
            Column(QT_TRANSLATE_NOOP("OrderLinesModel", "Received"), lambda r: q(r.received), numeric=True),
            Column(QT_TRANSLATE_NOOP("OrderLinesModel", "Receive now"), self._typed, numeric=True),
            Column(
                QT_TRANSLATE_NOOP("OrderLinesModel", "Unit cost"),
                lambda r: format_money(r.unit_cost), numeric=True
            ),
            Column(QT_TRANSLATE_NOOP("OrderLinesModel", "Supplier's pack"), _in_packs),
            Column(QT_TRANSLATE_NOOP("OrderLinesModel", "Reason"), lambda r: r.reason),
        ], parent, context=c)
        self.status = ""
        self.to_receive: dict[Any, str] = {}

    def _typed(self, line: OrderLineView) -> str:
        return self.to_receive.get(line.id, "")

    def show_order(self, order: OrderView | None) -> None:
        self.status = order.status if order else ""
        self.to_receive = {}
        self.set_rows(order.lines if order else [])

    def _editable_column(self) -> int:
        return {"draft": self.ORDERED, "sent": self.RECEIVE, "partial": self.RECEIVE}.get(self.status, -1)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Selectable rows; one column editable depending on the order's status."""
        base = super().flags(index)
        if index.isValid() and index.column() == self._editable_column():
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Keep a typed receipt quantity, or hand an edited order quantity to the page."""
        editable = index.isValid() and index.column() == self._editable_column()
        if not editable or role != Qt.ItemDataRole.EditRole:
            return False
        line: OrderLineView = self.row(index.row())
        text = str(value).strip()
        if index.column() == self.RECEIVE:
            self.to_receive[line.id] = text
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
        else:
            self.ordered_edited.emit(line, text)
        return True

    def add_scanned(self, line: OrderLineView, amount: Decimal) -> None:
        """A scan adds to what will be received on this line (typed text that is not a number is replaced)."""
        try:
            current = Decimal(self.to_receive.get(line.id, "") or "0")
        except ArithmeticError:
            current = Decimal(0)
        self.to_receive[line.id] = format_quantity(current + amount)
        row = next(i for i in range(self.rowCount()) if self.row(i).id == line.id)
        self.dataChanged.emit(self.index(row, self.RECEIVE), self.index(row, self.RECEIVE))

    def receipts(self) -> list[tuple[OrderLineView, str]]:
        """Lines with something typed, in table order."""
        rows = (self.row(i) for i in range(self.rowCount()))
        return [(r, self.to_receive[r.id]) for r in rows if self.to_receive.get(r.id, "")]


class CountEntryModel(RowsModel):
    """Counts entered but not yet saved: (code, quantity) as scanned or typed; both columns editable."""

    def __init__(self, parent: Any = None) -> None:
        c = "CountEntryModel"
        super().__init__([
            Column(QT_TRANSLATE_NOOP("CountEntryModel", "Code"), lambda r: r[0]),
            Column(QT_TRANSLATE_NOOP("CountEntryModel", "Quantity"), lambda r: r[1], numeric=True),
        ], parent, context=c)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Every cell can be corrected before saving."""
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() else base

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Replace the code or the quantity of one entry."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        entry = list(self.row(index.row()))
        entry[index.column()] = str(value).strip()
        self._rows[index.row()] = tuple(entry)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Line numbers down the side: the problems of a refused batch name them."""
        if orientation is Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return super().headerData(section, orientation, role)

    def append(self, code: str, quantity: str) -> None:
        end = self.rowCount()
        self.beginInsertRows(QModelIndex(), end, end)
        self._rows.append((code, quantity))
        self.endInsertRows()

    def entries(self) -> Sequence[tuple[str, str]]:
        return list(self._rows)
