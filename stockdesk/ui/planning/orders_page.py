"""Purchase orders: the list, a draft's lines to edit, sending (the PDF's path shown), and receiving by
typing quantities into "Receive now" or scanning (each scan adds one, or the quantity in the box).

A receipt posts every typed line at once; if any is bad (not a number, zero) the service refuses the
lot and every bad line is listed, named by its line number and SKU.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stockdesk.domain.errors import StockDeskError
from stockdesk.domain.numbers import parse_quantity
from stockdesk.domain.permissions import Action, Actor, allowed
from stockdesk.domain.units import in_stock_unit
from stockdesk.services.catalogue import catalog, packs, scanning
from stockdesk.services.database import Database
from stockdesk.services.planning import purchasing
from stockdesk.services.planning.purchasing import OrderLineView, OrderView, ReceiptResult
from stockdesk.ui.models.rows import ROW_ROLE
from stockdesk.ui.planning.common import ProblemList, ask_yes_no, exec_dialog
from stockdesk.ui.planning.models import OrderLinesModel, orders_model

STATUSES = ("draft", "sent", "partial", "received")


def default_pdf_dir() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "StockDesk" / "purchase orders"


def _table(model: Any, *, editable: bool = False) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    triggers = QAbstractItemView.EditTrigger
    view.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
                         if editable else triggers.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class OrdersPage(QWidget):
    order_changed = Signal(object)  # OrderView after an edit, send or receipt

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.pdf_dir = default_pdf_dir()
        self.order: OrderView | None = None
        self.last_receipt: ReceiptResult | None = None
        self._receipt_lines: list[OrderLineView] = []
        self.confirm: Callable[[str], bool] = lambda q: ask_yes_no(self, q)
        self.run_dialog: Callable[[QDialog], bool] = exec_dialog
        self.orders = orders_model(self)
        self.lines = OrderLinesModel(self)
        self.lines.ordered_edited.connect(self._ordered_edited)
        self.problems = ProblemList()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.notice.setOpenExternalLinks(True)
        self._build()
        self.reload()

    def _build(self) -> None:
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All orders"), None)
        for status, text in zip(STATUSES, (self.tr("Drafts"), self.tr("Sent"), self.tr("Partly received"),
                                           self.tr("Received")), strict=True):
            self.status_filter.addItem(text, status)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        top = QHBoxLayout()
        top.addWidget(QLabel("<h3>" + self.tr("Purchase orders") + "</h3>"))
        top.addStretch(1)
        top.addWidget(self.status_filter)
        self.orders_view = _table(self.orders)
        self.orders_view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._select(cur.row()))
        self.lines_view = _table(self.lines, editable=True)
        self.header = QLabel()
        right = QWidget()
        detail = QVBoxLayout(right)
        detail.setContentsMargins(0, 0, 0, 0)
        detail.addWidget(self.header)
        detail.addWidget(self.lines_view, 1)
        detail.addLayout(self._draft_row())
        detail.addLayout(self._receive_row())
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.orders_view)
        split.addWidget(right)
        split.setSizes([420, 760])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.problems)

    def _draft_row(self) -> QHBoxLayout:
        self.item_code = QLineEdit()
        self.item_code.setPlaceholderText(self.tr("SKU or barcode"))
        self.item_quantity = QLineEdit()
        self.item_quantity.setPlaceholderText(self.tr("Quantity"))
        self.item_quantity.setMaximumWidth(100)
        self.set_line_button = QPushButton(self.tr("&Add or change line"))
        self.remove_line_button = QPushButton(self.tr("Re&move line"))
        self.send_button = QPushButton(self.tr("&Send to supplier…"))
        self.set_line_button.clicked.connect(lambda: self._attempt(self.set_line))
        self.item_quantity.returnPressed.connect(self.set_line_button.click)
        self.remove_line_button.clicked.connect(lambda: self._attempt(self.remove_line))
        self.send_button.clicked.connect(lambda: self._attempt(self.send))
        self.draft_widgets = (self.item_code, self.item_quantity, self.set_line_button,
                              self.remove_line_button, self.send_button)
        row = QHBoxLayout()
        for widget in self.draft_widgets:
            row.addWidget(widget)
        return row

    def _receive_row(self) -> QHBoxLayout:
        self.scan = QLineEdit()
        self.scan.setPlaceholderText(self.tr("Scan or type a SKU/barcode, Enter adds the quantity"))
        self.scan_quantity = QLineEdit("1")
        self.scan_quantity.setMaximumWidth(70)
        self.scan.returnPressed.connect(lambda: self._attempt(self.add_scan))
        self.receive_button = QPushButton(self.tr("&Receive typed quantities"))
        self.receive_button.clicked.connect(lambda: self._attempt(self.receive))
        self.receive_widgets = (self.scan, self.scan_quantity, self.receive_button)
        self.labels_button = QPushButton(self.tr("Receipt &labels…"))
        self.labels_button.setToolTip(self.tr("One label per unit ordered, to stick on the delivery"))
        self.labels_button.clicked.connect(self.print_labels)
        row = QHBoxLayout()
        for widget in (*self.receive_widgets, self.labels_button):
            row.addWidget(widget)
        return row

    # reading --------------------------------------------------------------------------------

    def reload(self, keep: Any = None) -> None:
        """Read the orders again; keep `keep` (an order id) selected if it is still listed."""
        keep = keep or (self.order.id if self.order else None)
        orders = purchasing.list_orders(self.db.uow(), status=self.status_filter.currentData())
        orders.sort(key=lambda o: (STATUSES.index(o.status) if o.status in STATUSES else 9, o.number))
        self.orders.set_rows(orders)
        self.orders_view.resizeColumnsToContents()
        row = next((i for i, o in enumerate(orders) if o.id == keep), -1)
        if row >= 0:
            self.orders_view.selectRow(row)
        self._select(row)

    def showEvent(self, event: Any) -> None:
        """Fresh orders whenever the page comes up (drafts are made on the reorder page)."""
        self.reload()
        super().showEvent(event)

    def select_order(self, order_id: Any) -> None:
        self.status_filter.setCurrentIndex(0)
        self.reload(keep=order_id)

    def _select(self, row: int) -> None:
        self.order = self.orders.row(row)
        self.lines.show_order(self.order)
        self._update_controls()

    def _update_controls(self) -> None:
        order = self.order
        manage = allowed(self.actor, Action.MANAGE_CATALOGUE)
        receiving = order is not None and order.status in ("sent", "partial")
        for widget in self.draft_widgets:
            widget.setEnabled(order is not None and order.status == "draft" and manage)
        self.labels_button.setEnabled(order is not None and bool(order.lines))
        for widget in self.receive_widgets:
            may_receive = receiving and allowed(self.actor, Action.MOVE_STOCK, store_ids=[order.store_id])
            widget.setEnabled(may_receive)
        if order is None:
            self.header.setText(self.tr("Select an order."))
            return
        text = self.tr("<b>{number}</b> to {supplier}, deliver to {store} — {status}")
        self.header.setText(text.format(number=order.number, supplier=order.supplier, store=order.store_code,
                                        status=order.status))

    # actions --------------------------------------------------------------------------------

    def _attempt(self, call: Callable[[], None]) -> None:
        self.problems.show_messages([])
        try:
            call()
        except StockDeskError as error:
            self.problems.show_error(error, self._line_name)

    def _changed(self, order: OrderView, notice: str) -> None:
        self.notice.setText(notice)
        self.reload(keep=order.id)
        self.order_changed.emit(order)

    def set_line(self) -> None:
        if self.order is None:
            return
        item = catalog.find_item(self.db.uow(), self.item_code.text())
        order = purchasing.set_line(self.db.uow(), self.actor, self.order.id, item.id,
                                    quantity=self.item_quantity.text())
        self.item_code.clear()
        self.item_quantity.clear()
        self._changed(order, self.tr("{sku} set on {number}").format(sku=item.sku, number=order.number))

    def _ordered_edited(self, line: OrderLineView, text: str) -> None:
        if self.order is not None:
            order_id = self.order.id
            self._attempt(lambda: self._changed(
                purchasing.set_line(self.db.uow(), self.actor, order_id, line.item_id, quantity=text), ""))

    def remove_line(self) -> None:
        line = self.lines_view.currentIndex().data(ROW_ROLE)
        if self.order is not None and line is not None:
            order = purchasing.remove_line(self.db.uow(), self.actor, self.order.id, line.id)
            self._changed(order, self.tr("Line {n} ({sku}) removed").format(n=line.line_no, sku=line.sku))

    def send(self) -> Path | None:
        order = self.order
        if order is None or not self.confirm(
                self.tr("Send {number} to {supplier} by e-mail?").format(number=order.number,
                                                                          supplier=order.supplier)):
            return None
        from stockdesk.reports.purchase_order import write_order_pdf  # reportlab loads with the first order

        path = purchasing.send(
            self.db.uow(), self.actor, order.id, pdf_dir=self.pdf_dir, write_pdf=write_order_pdf
        )
        link = QUrl.fromLocalFile(str(path)).toString()
        self._changed(order, self.tr("{number} queued for e-mail; PDF: <a href=\"{link}\">{path}</a>").format(
            number=order.number, link=link, path=path))
        return path

    def print_labels(self) -> None:
        if self.order is None:
            return
        # reportlab and QtPdf load with the first sheet, not with the page.
        from stockdesk.ui.dialogs.labels_dialog import LabelsDialog

        self.run_dialog(LabelsDialog.for_order(self.db, self.order.id, self.order.number, self))

    def add_scan(self) -> None:
        order, code = self.order, self.scan.text().strip()
        if order is None or not code:
            return
        amount = parse_quantity("quantity", self.scan_quantity.text())
        # A case's barcode receives cases: the quantity beside the scan counts packs.
        pack = packs.pack_by_code(self.db.uow(), scanning.lookup_forms(code))
        if pack is not None:
            item_id, label, amount = pack.item_id, code, in_stock_unit(amount, pack.factor)
        else:
            item = catalog.find_item(self.db.uow(), code)
            item_id, label = item.id, item.sku
        line = next((x for x in order.lines if x.item_id == item_id), None)
        if line is None:
            self.problems.show_messages([self.tr("{sku} is not on {number}").format(sku=label,
                                                                                     number=order.number)])
            return
        self.lines.add_scanned(line, amount)
        self.scan.clear()

    def receive(self) -> None:
        order = self.order
        typed = self.lines.receipts()
        if order is None or not typed:
            return
        self._receipt_lines = [line for line, _ in typed]
        result = purchasing.receive(self.db.uow(), self.actor, order.id, [(str(x.id), q) for x, q in typed])
        self.last_receipt = result
        text = self.tr("Received %n line(s) on {number}; now {status}", "", result.movements).format(
            number=order.number, status=result.order.status)
        if result.warnings:
            text += "<br><span style='color:#b26a00'>" + "<br>".join(result.warnings) + "</span>"
        self._changed(result.order, text)

    def _line_name(self, number: int) -> str:
        lines = self._receipt_lines
        if 0 < number <= len(lines):
            line = lines[number - 1]
            return self.tr("Line {n} ({sku})").format(n=line.line_no, sku=line.sku)
        return self.tr("Line {n}").format(n=number)
