"""Importing items from a CSV or XLSX file: preview, column mapping, a check listing every problem, import.

The check is a dry run of the same service call as the import, so what it lists is exactly what the
import would refuse. Both run off the GUI thread: a 100,000-row file takes seconds to check.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stockdesk.domain.errors import StockDeskError
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue.bulk import RowProblem
from stockdesk.services.database import Database
from stockdesk.services.exchange import report_queries
from stockdesk.services.exchange.import_files import (
    FIELDS,
    IGNORE,
    STOCK_PREFIX,
    Table,
    guess_field,
    read_table,
)
from stockdesk.services.exchange.imports import ImportOptions, ImportRejected, ImportResult, import_file
from stockdesk.ui.i18n import error_text, say
from stockdesk.ui.worker import Job, run_cancellable

PREVIEW_ROWS = 20


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


def rejects_path(source: Path) -> Path:
    """Where the rows left out by "valid rows only" are saved: beside the file, named after it."""
    return source.with_name(f"{source.stem}-rejected.csv")


class ImportDialog(QDialog):
    """One file: its first rows, a field for each column, the options, then Check and Import."""

    imported = Signal(object)  # ImportResult, after a successful (non-dry) import
    done = Signal()  # a check or import has ended, whichever way: the summary and problems are shown

    def __init__(self, db: Database, actor: Actor, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.path = db, actor, path
        self.setWindowTitle(self.tr("Import items — {name}").format(name=path.name))
        self.resize(980, 680)
        self.job: Job | None = None
        self.progress: QProgressDialog | None = None
        self.result_: ImportResult | None = None
        self.problems: list[RowProblem] = []
        self.table: Table = read_table(path, limit=PREVIEW_ROWS)
        self.stores = [code for _sid, code, _name in report_queries.stores_named(db.uow())]
        self.preview = QTableWidget()
        self.combos: list[QComboBox] = []
        self.valid_only = QCheckBox(self.tr("Import the valid rows only (the others are saved to a CSV)"))
        self.upsert = QCheckBox(self.tr("Update existing items with the same SKU"))
        self.create_missing = QCheckBox(self.tr("Create categories and suppliers that do not exist yet"))
        self.problem_table = QTableWidget(0, 4)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check_button = QPushButton(self.tr("&Check"))
        self.import_button = QPushButton(self.tr("&Import"))
        self._build_preview()
        self._build_layout()
        for box in (self.valid_only, self.upsert, self.create_missing):
            box.toggled.connect(self._forget_check)

    # building -----------------------------------------------------------------------------------

    def _field_label(self, field: str) -> str:
        if field == IGNORE:
            return self.tr("(ignore)")
        if field.startswith(STOCK_PREFIX):
            return self.tr("opening stock in {store}").format(store=field[len(STOCK_PREFIX) :])
        return field.replace("_", " ")

    def _combo(self, header: str) -> QComboBox:
        combo = QComboBox()
        choices = [IGNORE, *FIELDS, *(STOCK_PREFIX + code for code in self.stores)]
        guess = guess_field(header)
        if guess not in choices:
            choices.append(guess)  # a stock column for a store that does not exist: the check says so
        for field in choices:
            combo.addItem(self._field_label(field), field)
        combo.setCurrentIndex(choices.index(guess))
        combo.currentIndexChanged.connect(self._mapping_changed)
        return combo

    def _build_preview(self) -> None:
        """Row 0 holds the field chosen for each column; the file's first rows follow."""
        headers, rows = self.table.headers, self.table.rows
        self.preview.setColumnCount(len(headers))
        self.preview.setRowCount(len(rows) + 1)
        self.preview.setHorizontalHeaderLabels(list(headers))
        numbers = [self.tr("Field")] + [str(self.table.first_row + i) for i in range(len(rows))]
        self.preview.setVerticalHeaderLabels(numbers)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for column, header in enumerate(headers):
            combo = self._combo(header)
            self.combos.append(combo)
            self.preview.setCellWidget(0, column, combo)
            for row, cells in enumerate(rows, start=1):
                text = cells[column] if column < len(cells) else ""
                self.preview.setItem(row, column, QTableWidgetItem(text))
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._shade_ignored()

    def _build_layout(self) -> None:
        self.problem_table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Problem")]
        )
        self.problem_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problem_table.verticalHeader().hide()
        self.problem_table.horizontalHeader().setStretchLastSection(True)
        self.check_button.setToolTip(self.tr("Check every row and list every problem; nothing is written"))
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.start_import)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        described = self.tr("First {n} rows of {name} ({encoding}); choose the field of each column:")
        named = described.format(n=PREVIEW_ROWS, name=self.path.name, encoding=self.table.encoding)
        layout.addWidget(QLabel(named))
        layout.addWidget(self.preview, 3)
        for box in (self.valid_only, self.upsert, self.create_missing):
            layout.addWidget(box)
        layout.addWidget(QLabel(self.tr("Problems:")))
        layout.addWidget(self.problem_table, 2)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

    # mapping ------------------------------------------------------------------------------------

    def mapping(self) -> dict[str, str]:
        return {h: str(c.currentData()) for h, c in zip(self.table.headers, self.combos, strict=True)}

    def set_field(self, header: str, field: str) -> None:
        """Choose the field of the column `header` (as a person would in its combo box)."""
        combo = self.combos[self.table.headers.index(header)]
        combo.setCurrentIndex(combo.findData(field))

    def _shade_ignored(self) -> None:
        """Ignored columns are greyed out in the preview so it shows what will be read."""
        grey = QBrush(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        normal = QBrush(self.palette().color(QPalette.ColorRole.Text))
        for column, combo in enumerate(self.combos):
            brush = grey if combo.currentData() == IGNORE else normal
            for row in range(1, self.preview.rowCount()):
                item = self.preview.item(row, column)
                if item is not None:
                    item.setForeground(brush)

    def _mapping_changed(self) -> None:
        self._shade_ignored()
        self._forget_check()

    def _forget_check(self) -> None:
        """A check made with other choices says nothing about these: clear it rather than mislead."""
        if self.problems or self.summary.text():
            self.show_problems([])
            self.summary.setText(self.tr("The choices changed: check again."))

    def options(self, *, dry_run: bool) -> ImportOptions:
        return ImportOptions(
            # A check lists every problem either way; with valid_only it also counts what would go in.
            valid_only=self.valid_only.isChecked() or dry_run,
            upsert=self.upsert.isChecked(),
            create_missing=self.create_missing.isChecked(),
            mapping=self.mapping(),
            dry_run=dry_run,
            folder=self.path.parent,  # a Picture cell's relative path is found beside the file
        )

    # running ------------------------------------------------------------------------------------

    def check(self) -> Job:
        """Dry run in the background: every problem listed, nothing written."""
        return self._run(dry_run=True, label=self.tr("Checking {name}…"))

    def start_import(self) -> Job:
        """The import in the background, behind a progress dialog."""
        return self._run(dry_run=False, label=self.tr("Importing {name}…"))

    def _run(self, *, dry_run: bool, label: str) -> Job:
        db, actor, path, options = self.db, self.actor, self.path, self.options(dry_run=dry_run)
        rejects = rejects_path(path) if options.valid_only and not dry_run else None
        self._set_busy(True, label.format(name=path.name))
        self.job = run_cancellable(
            lambda control: import_file(
                db.uow(), actor, path, options=options, rejects=rejects,
                progress=lambda stage, done, total: control.report((stage, done, total)),
            ),
            on_finished=lambda result: self._finished(result, rejects),
            on_failed=self._failed,
            on_progress=lambda step: self._progress_step(*step),
        )
        return self.job

    def _set_busy(self, busy: bool, label: str = "") -> None:
        self.check_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy)
        if busy:
            # Not cancellable: the import is one transaction, so stopping half-way would gain nothing.
            self.progress = QProgressDialog(label, "", 0, 0, self)
            self.progress.setCancelButton(None)
            self.progress.setWindowTitle(self.windowTitle())
            self.progress.setMinimumDuration(300)
            self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        elif self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _progress_step(self, stage: str, done: int, total: int) -> None:
        if self.progress is None:
            return
        stages = {
            "checking": self.tr("Checking rows"),
            "reading pictures": self.tr("Reading pictures"),
            "writing items": self.tr("Writing items"),
            "posting opening stock": self.tr("Posting opening stock"),
        }
        self.progress.setLabelText(f"{stages.get(stage, stage)}: {done:,} / {total:,}")
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, total))

    def _finished(self, result: ImportResult, rejects: Path | None) -> None:
        self._set_busy(False)
        self.result_ = result
        self.show_problems(result.problems)
        self.summary.setText(self.describe(result, rejects))
        if not result.dry_run:
            self.imported.emit(result)
        self.done.emit()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.result_ = None
        if isinstance(error, ImportRejected):
            self.show_problems(error.problems)
            refused = self.tr("Nothing was written: {n} problem(s). Fix them, or import the valid rows only.")
            self.summary.setText(refused.format(n=len(error.problems)))
        elif isinstance(error, StockDeskError | OSError):
            self.show_problems([])
            self.summary.setText(self.tr("Nothing was written: {error}").format(error=error_text(error)))
        else:
            raise error  # a bug: the crash handler shows it with the log path
        self.done.emit()

    def describe(self, result: ImportResult, rejects: Path | None) -> str:
        counts = {"created": result.created, "updated": result.updated, "rejected": len(result.rejected)}
        if result.dry_run:
            text = self.tr(
                "Check: {created} new and {updated} existing items would be imported; "
                "{rejected} row(s) have problems. Nothing was written."
            ).format(**counts)
        else:
            text = self.tr(
                "Imported: {created} new items, {updated} updated, {movements} opening stock entries; "
                "{rejected} row(s) left out."
            ).format(movements=result.movements, **counts)
        if result.created_lookups:
            text += " " + self.tr("Created: {names}.").format(names=", ".join(result.created_lookups))
        if result.pictures:
            text += " " + self.tr("Pictures set or removed: {n}.").format(n=result.pictures)
        if result.stock_not_posted:
            text += " " + self.tr("Opening stock of {n} existing item(s) was not posted.").format(
                n=result.stock_not_posted
            )
        if rejects is not None and result.rejected:
            text += " " + self.tr("Rejected rows saved to {path}").format(path=rejects)
        return text

    def show_problems(self, problems: list[RowProblem]) -> None:
        """Every problem, in file order: row, column, value, reason."""
        self.problems = sorted(problems, key=lambda p: p.row)
        self.problem_table.setRowCount(len(self.problems))
        for row, problem in enumerate(self.problems):
            value = "" if problem.value is None else str(problem.value)
            for column, text in enumerate((str(problem.row), problem.field, value, say(problem.reason))):
                self.problem_table.setItem(row, column, QTableWidgetItem(text))


def open_import_dialog(
    parent: QWidget | None, db: Database, actor: Actor, path: Path | None = None
) -> ImportDialog | None:
    """Ask for a file (unless `path` is given) and show the import dialog, not blocking; None if cancelled.

    A file that cannot be read is reported in a message box and gives None.
    """
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(
            parent,
            _tr("Import items"),
            "",
            _tr("Item files (*.csv *.tsv *.txt *.xlsx);;All files (*)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
    try:
        dialog = ImportDialog(db, actor, path, parent)
    except (StockDeskError, OSError, UnicodeError) as error:
        QMessageBox.warning(parent, _tr("Import items"), error_text(error))
        return None
    dialog.open()
    return dialog
