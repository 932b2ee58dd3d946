"""Choosing a report, its options and where to save it; the runner then writes it off the GUI thread."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stockdesk.domain.movements import MovementKind
from stockdesk.domain.permissions import Actor
from stockdesk.reports.registry import REPORTS, spec_named
from stockdesk.reports.spec import ReportOptions
from stockdesk.services.database import Database
from stockdesk.services.exchange import report_queries
from stockdesk.services.inventory.stocktake_queries import StocktakeSummary, recent_stocktakes
from stockdesk.ui.report_runner import ReportRunner


def _date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


class ReportDialog(QDialog):
    """The report and the options it reads (others are greyed out), then the output file."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reports"))
        self.runner: ReportRunner | None = None
        today = date.today()
        self.report = QComboBox()
        for name, spec in REPORTS.items():
            self.report.addItem(spec.title, name)
        self.store = QComboBox()
        self.store.addItem(self.tr("All stores"), None)
        for sid, code, name in report_queries.stores_named(db.uow()):
            if not actor.is_clerk or sid in actor.store_ids:
                self.store.addItem(f"{code} — {name}", code)
        self.date_from = _date_edit(today - timedelta(days=29))
        self.date_to = _date_edit(today)
        self.as_of = _date_edit(today)
        self.by_location = QCheckBox(self.tr("Per location in stores that have locations (not per category)"))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in MovementKind:
            self.kind.addItem(kind.value.replace("_", " "), kind.value)
        self.user = QLineEdit(placeholderText=self.tr("e-mail (all users when empty)"))
        self.sku = QLineEdit(placeholderText=self.tr("SKU (all items when empty)"))
        self.lot = QLineEdit(placeholderText=self.tr("lot code or serial number"))
        # A clerk is offered only the stocktakes of the stores they work in.
        self._stocktakes = recent_stocktakes(db.uow(), store_ids=actor.store_ids if actor.is_clerk else None)
        self.stocktake = QComboBox()
        self.out = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self._fields: dict[str, QWidget] = {
            "store": self.store,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "as_of": self.as_of,
            "by_location": self.by_location,
            "kind": self.kind,
            "user": self.user,
            "sku": self.sku,
            "lot": self.lot,
            "stocktake": self.stocktake,
        }
        self._build_layout(browse)
        self._fill_stocktakes()
        self.store.currentIndexChanged.connect(self._fill_stocktakes)
        self.report.currentIndexChanged.connect(self._report_changed)
        self._report_changed()

    def _build_layout(self, browse: QPushButton) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Report"), self.report)
        for label, widget in (
            (self.tr("Store"), self.store),
            (self.tr("From"), self.date_from),
            (self.tr("To"), self.date_to),
            (self.tr("As of"), self.as_of),
            (self.tr("Sections"), self.by_location),
            (self.tr("Kind"), self.kind),
            (self.tr("User"), self.user),
            (self.tr("Item"), self.sku),
            (self.tr("Lot"), self.lot),
            (self.tr("Stocktake"), self.stocktake),
        ):
            form.addRow(label, widget)
        row = QHBoxLayout()
        row.addWidget(self.out)
        row.addWidget(browse)
        form.addRow(self.tr("Save as (.pdf or .csv)"), row)
        standard = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(standard.Ok | standard.Cancel)
        buttons.button(standard.Ok).setText(self.tr("Write report"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _stocktake_label(self, take: StocktakeSummary) -> str:
        status = {"open": self.tr("open"), "posted": self.tr("posted"), "cancelled": self.tr("cancelled")}
        return self.tr("{store} · started {started} · {status} · {lines} items").format(
            store=take.store_code,
            started=f"{take.started_at.astimezone():%Y-%m-%d %H:%M}",
            status=status.get(take.status, take.status),
            lines=take.lines,
        )

    def _fill_stocktakes(self) -> None:
        """The chosen store's stocktakes, latest first (so the default is the latest count)."""
        code = self.store.currentData()
        self.stocktake.clear()
        for take in self._stocktakes:
            if code is None or take.store_code == code:
                self.stocktake.addItem(self._stocktake_label(take), str(take.id))
        if self.stocktake.count() == 0:
            self.stocktake.addItem(self.tr("No stocktakes yet"), None)

    @property
    def report_name(self) -> str:
        return str(self.report.currentData())

    def _report_changed(self) -> None:
        used = spec_named(self.report_name).options
        for key, widget in self._fields.items():
            widget.setEnabled(key in used)
        folder = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home()
        )
        suffix = Path(self.out.text()).suffix.lower() if self.out.text() else ".pdf"
        self.out.setText(str(folder / f"{self.report_name}-{date.today().isoformat()}{suffix}"))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save report as"), self.out.text(), self.tr("PDF (*.pdf);;CSV (*.csv)")
        )
        if path:
            self.out.setText(path)

    def options(self) -> ReportOptions:
        """What was chosen, only for the fields this report reads."""
        used = spec_named(self.report_name).options
        values = {
            "store": self.store.currentData(),
            "date_from": _day(self.date_from),
            "date_to": _day(self.date_to),
            "as_of": _day(self.as_of),
            "by_location": self.by_location.isChecked(),
            "kind": self.kind.currentData(),
            "user": self.user.text().strip() or None,
            "sku": self.sku.text().strip() or None,
            "lot": self.lot.text().strip() or None,
            "stocktake": self.stocktake.currentData(),
        }
        return ReportOptions(**{key: value for key, value in values.items() if key in used})

    def output_path(self) -> Path:
        return Path(self.out.text().strip())


def open_report_dialog(parent: QWidget | None, db: Database, actor: Actor) -> ReportDialog:
    """Show the dialog (not blocking); on "Write report" the report runs with a cancellable progress dialog.

    Returns the dialog; its `runner` (a ReportRunner, parented to the caller's window) reports the outcome.
    """
    dialog = ReportDialog(db, actor, parent)
    runner = dialog.runner = ReportRunner(parent or dialog, db, actor)

    def start() -> None:
        runner.start(dialog.report_name, dialog.options(), dialog.output_path())

    dialog.accepted.connect(start)
    dialog.open()
    return dialog
