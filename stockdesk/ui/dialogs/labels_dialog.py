"""Printing label sheets from the window: the chosen items (with their packs), a purchase order's
receipt (one label per unit ordered), store labels or a store's bin locations, with copies per row, the sheet
presets, and a preview of the first sheet before the PDF is written."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stockdesk.domain.errors import StockDeskError
from stockdesk.domain.ids import LocationId, PurchaseOrderId
from stockdesk.reports import label_sources
from stockdesk.reports.label_presets import PRESETS
from stockdesk.reports.label_sources import LabelLine
from stockdesk.reports.labels import write_labels
from stockdesk.services.catalogue.packs import PackView
from stockdesk.services.database import Database
from stockdesk.services.views import ItemView, StoreView
from stockdesk.ui.formatting import format_money
from stockdesk.ui.i18n import error_text
from stockdesk.ui.report_runner import open_in_viewer

PREVIEW_WIDTH = 420
AskPath = Callable[[QWidget], Path | None]


def _ask_pdf_path(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, parent.tr("Save labels"), "labels.pdf", "PDF (*.pdf)")
    return Path(name) if name else None


class LabelsDialog(QDialog):
    """Rows of labels with their copies; `save_pdf()` writes them all. `ask_path` and `open_file` are
    replaced in tests (a file dialog and a PDF viewer would block)."""

    def __init__(
        self,
        db: Database,
        lines: Sequence[LabelLine],
        parent: QWidget | None = None,
        *,
        title: str = "",
        items: Sequence[ItemView] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Print labels"))
        self.db, self.items = db, list(items)
        self.ask_path: AskPath = _ask_pdf_path
        self.open_file: Callable[[Path], bool] = open_in_viewer
        self.written: Path | None = None
        self._preview_dir = tempfile.TemporaryDirectory(prefix="stockdesk-labels-")
        self._build(lines)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.update_preview)
        self.update_preview()

    @classmethod
    def for_items(
        cls, db: Database, items: Sequence[ItemView], parent: QWidget | None = None
    ) -> LabelsDialog:
        return cls(db, label_sources.item_lines(db, items), parent, items=items)

    @classmethod
    def for_counter(
        cls, db: Database, item: ItemView, pack: PackView | None, parent: QWidget | None = None
    ) -> LabelsDialog:
        """One label of the item scanned at the counter, or of its pack when a pack's code was scanned."""
        if pack is None:
            return cls.for_items(db, [item], parent)
        title = QCoreApplication.translate("LabelsDialog", "Label for {pack} of {sku}")
        lines = [LabelLine(label_sources.pack_label(item, pack), 1)]
        return cls(db, lines, parent, title=title.format(pack=pack.name, sku=item.sku), items=[item])

    @classmethod
    def for_order(cls, db: Database, order_id: PurchaseOrderId, number: str,
                  parent: QWidget | None = None) -> LabelsDialog:
        title = QCoreApplication.translate("LabelsDialog", "Receipt labels for {number}")
        title = title.format(number=number)
        return cls(db, label_sources.receipt_lines(db, order_id), parent, title=title)

    @classmethod
    def for_stores(
        cls, db: Database, stores: Sequence[StoreView], parent: QWidget | None = None
    ) -> LabelsDialog:
        lines = [LabelLine(label_sources.store_label(store), 1) for store in stores]
        return cls(db, lines, parent, title=QCoreApplication.translate("LabelsDialog", "Store labels"))

    @classmethod
    def for_locations(
        cls, db: Database, store: StoreView, chosen: Sequence[LocationId] = (), parent: QWidget | None = None
    ) -> LabelsDialog:
        """The chosen locations with everything under them (every location of the store if none)."""
        title = QCoreApplication.translate("LabelsDialog", "Location labels of {store}")
        lines = label_sources.location_lines(db, store, chosen)
        return cls(db, lines, parent, title=title.format(store=f"{store.code} — {store.name}"))

    # building -----------------------------------------------------------------------------------

    def _build(self, lines: Sequence[LabelLine]) -> None:
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Label"), self.tr("Code"), self.tr("Price"),
                                              self.tr("Copies")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.preset = QComboBox()
        for name, preset in PRESETS.items():
            self.preset.addItem(preset.description, name)
        self.preset.currentIndexChanged.connect(self._changed)
        self.with_packs = QCheckBox(self.tr("Also the packs' labels (cases with their own barcode)"))
        self.with_packs.setVisible(bool(self.items))
        self.with_packs.toggled.connect(self._packs_toggled)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_WIDTH, int(PREVIEW_WIDTH * 1.414))
        self.preview.setStyleSheet("background: #808080;")
        self.summary = QLabel()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save PDF and open it…"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_pdf)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.with_packs)
        left.addWidget(QLabel(self.tr("Sheet")))
        left.addWidget(self.preset)
        left.addWidget(self.summary)
        left.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        left.addLayout(buttons)
        row = QHBoxLayout(self)
        row.addLayout(left, 1)
        row.addWidget(self.preview)
        self.resize(1100, 680)
        self._fill(lines)

    def _fill(self, lines: Sequence[LabelLine]) -> None:
        self.lines = list(lines)
        self.table.setRowCount(len(self.lines))
        for number, line in enumerate(self.lines):
            price = format_money(line.label.price) if line.label.price is not None else ""
            for column, text in enumerate((line.label.name, line.label.code, price)):
                self.table.setItem(number, column, QTableWidgetItem(text))
            copies = QSpinBox()
            copies.setRange(0, label_sources.MAX_COPIES)
            copies.setValue(line.copies)
            copies.valueChanged.connect(self._changed)
            self.table.setCellWidget(number, 3, copies)

    def _packs_toggled(self, on: bool) -> None:
        self._fill(label_sources.item_lines(self.db, self.items, with_packs=on))
        self._changed()

    # reading what the person chose ----------------------------------------------------------------

    def chosen_lines(self) -> list[LabelLine]:
        """The rows with the copies typed in (rows set to 0 copies are left out)."""
        chosen = []
        for number, line in enumerate(self.lines):
            spin = self.table.cellWidget(number, 3)
            copies = spin.value() if isinstance(spin, QSpinBox) else line.copies
            if copies > 0:
                chosen.append(LabelLine(line.label, copies))
        return chosen

    def preset_name(self) -> str:
        return str(self.preset.currentData())

    def _changed(self) -> None:
        self._debounce.start()

    # preview and output ---------------------------------------------------------------------------

    def update_preview(self) -> None:
        """Write the first sheet only (a receipt may hold thousands of labels) and show it."""
        self.error.clear()
        lines = self.chosen_lines()
        sheet = PRESETS[self.preset_name()]
        total = label_sources.label_count(lines)
        sheets = -(-total // sheet.per_sheet)
        self.summary.setText(
            self.tr("{labels} labels on {sheets} sheets").format(labels=total, sheets=sheets)
        )
        self.save_button.setEnabled(total > 0)
        if total == 0:
            self.preview.clear()
            return
        first = list(label_sources.expanded(lines))[: sheet.per_sheet]
        path = Path(self._preview_dir.name) / "preview.pdf"
        try:
            write_labels(path, first, self.preset_name(), price_text=format_money)
        except StockDeskError as error:
            self.error.setText(error_text(error))
            self.save_button.setEnabled(False)
            return
        self.preview.setPixmap(_first_page(path, PREVIEW_WIDTH))

    def preview_image_size(self) -> QSize:
        pixmap = self.preview.pixmap()
        return pixmap.size() if pixmap is not None else QSize()

    def save_pdf(self) -> None:
        path = self.ask_path(self)
        if path is None:
            return
        try:
            write_labels(path, label_sources.expanded(self.chosen_lines()), self.preset_name(),
                         price_text=format_money)
        except StockDeskError as error:
            self.error.setText(error_text(error))
            return
        self.written = path
        if not self.open_file(path):
            self.summary.setText(self.tr("Saved to {path}").format(path=path))

    def done(self, result: int) -> None:
        self._preview_dir.cleanup()
        super().done(result)


def _first_page(path: Path, width: int) -> QPixmap:
    document = QPdfDocument()
    document.load(str(path))
    size = document.pagePointSize(0)
    height = int(width * size.height() / size.width()) if size.width() else int(width * 1.414)
    rendered = document.render(0, QSize(width, height))
    document.close()
    page = QPixmap(rendered.size())
    page.fill(Qt.GlobalColor.white)  # pdfium renders on a transparent page; paper is white
    painter = QPainter(page)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return page
