"""Exporting the items table, as filtered and sorted, to CSV: streamed off the GUI thread with progress.

The writing is `services/exchange/item_export.py` (rows read in batches by key and written as they
come, so a million rows never sit in memory; with pictures, each written once beside the CSV); here a
progress dialog shows the count and can cancel (the partial file and the pictures it wrote are removed).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from stockdesk.services.catalogue.item_query import ItemFilter, ItemSort
from stockdesk.services.database import Database
from stockdesk.services.exchange.item_export import BATCH, HEADER, ExportCancelled, batched, write_items_csv
from stockdesk.ui.worker import run_cancellable

__all__ = ["BATCH", "HEADER", "ExportCancelled", "ItemsExport", "batched", "write_items_csv"]


class ItemsExport(QObject):
    """One export with its progress dialog; `finished(rows)` or `failed(error)` at the end."""

    finished = Signal(int)
    failed = Signal(object)

    def __init__(self, parent: QWidget, db: Database, item_filter: ItemFilter, path: Path, *,
                 sort: ItemSort, descending: bool, expected_rows: int, pictures: bool = False) -> None:
        super().__init__(parent)
        self.path = path
        self.dialog = QProgressDialog(self.tr("Exporting {path}…").format(path=path.name), self.tr("Cancel"),
                                      0, max(expected_rows, 1), parent)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)  # a small export finishes before the dialog would flash
        self.job = run_cancellable(
            lambda control: write_items_csv(db, item_filter, path, sort=sort, descending=descending,
                                            pictures=pictures, progress=control.report,
                                            cancelled=control.cancelled),
            on_finished=self._done,
            on_failed=self._error,
            on_progress=self.dialog.setValue,
        )
        self.dialog.canceled.connect(self.job.control.cancel)

    def _done(self, rows: int) -> None:
        self.dialog.reset()
        self.finished.emit(rows)

    def _error(self, error: BaseException) -> None:
        self.dialog.reset()
        self.failed.emit(error)
