"""The pages of the first-run wizard; each checks its own input before letting the user go on."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from stockdesk.domain.errors import ValidationError
from stockdesk.services.accounts.users import MIN_PASSWORD
from stockdesk.services.database import Database
from stockdesk.services.maintenance.first_run import DemoSize, SetupOutcome, SetupPlan, Start, set_up
from stockdesk.services.validation import email_address
from stockdesk.ui.dialogs.form import ERROR_STYLE
from stockdesk.ui.i18n import current_language, error_text, say
from stockdesk.ui.worker import run_in_background

MAX_SHOWN_PROBLEMS = 50


class CheckedPage(QWizardPage):
    """A page with an error line; `problem()` returns the refusal or "" to go on."""

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()

    def problem(self) -> str:
        return ""

    def validatePage(self) -> bool:
        """Go on only when `problem()` finds nothing; otherwise say why on the page."""
        message = self.problem()
        self.error.setText(message)
        self.error.setVisible(bool(message))
        return not message

    def error_text(self) -> str:
        return self.error.text() if not self.error.isHidden() else ""


class StoresPage(CheckedPage):
    language_chosen = Signal(str)

    def __init__(self) -> None:
        super().__init__(
            self.tr("Your stores"),
            self.tr("Every place that holds stock: a shop, a warehouse, a van. You can add more later."),
        )
        # The rules before the first mistake: what a row needs and how to type into the table.
        self.rules = QLabel(self.tr(
            "Click a cell and type. Each store needs a short code (letters or digits, at most 32, "
            "each code once, for example MAIN) and a name."
        ))
        self.rules.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Name")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        # One click on a cell starts typing in it (a double-click is nobody's first guess).
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(
            triggers.CurrentChanged | triggers.SelectedClicked | triggers.AnyKeyPressed
            | triggers.EditKeyPressed
        )
        self.add_button = QPushButton(self.tr("Add store"))
        self.remove_button = QPushButton(self.tr("Remove store"))
        self.add_button.clicked.connect(lambda: self.add_store())
        self.remove_button.clicked.connect(self._remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        # Each language named in itself: someone who reads only German must find "Deutsch".
        self.language = QComboBox()
        for text, code in (("English", "en"), ("Deutsch", "de")):
            self.language.addItem(text, code)
        self.language.setCurrentIndex(max(self.language.findData(current_language()), 0))
        self.language.currentIndexChanged.connect(lambda _i: self.language_chosen.emit(self.language_code()))
        choose = QFormLayout()
        choose.addRow(self.tr("Language"), self.language)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.rules)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.add_store("MAIN", "")

    def initializePage(self) -> None:
        """Open the first empty cell for typing: the owner starts with the name, not with a click."""
        for row in range(self.table.rowCount()):
            for column in range(2):
                if not self._cell(row, column):
                    self.table.setCurrentCell(row, column)
                    self.table.edit(self.table.currentIndex())
                    return

    def language_code(self) -> str:
        return str(self.language.currentData())

    def add_store(self, code: str = "", name: str = "") -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(code))
        self.table.setItem(row, 1, QTableWidgetItem(name))
        self.table.setCurrentCell(row, 1 if code else 0)  # the first empty cell: type right away

    def _remove_current(self) -> None:
        if self.table.rowCount() > 1:  # keep one row to type into
            self.table.removeRow(max(self.table.currentRow(), 0))

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def stores(self) -> list[tuple[str, str]]:
        """(CODE, name) of every row that has something in it."""
        rows = [(self._cell(r, 0).upper(), self._cell(r, 1)) for r in range(self.table.rowCount())]
        return [(code, name) for code, name in rows if code or name]

    def problem(self) -> str:
        stores = self.stores()
        if not stores:
            return self.tr("Enter at least one store.")
        codes = [code for code, _name in stores]
        for code, name in stores:
            if not code:
                return self.tr("The store \u201c{0}\u201d needs a code (for example MAIN).").format(name)
            if not name:
                return self.tr("The store {0} needs a name.").format(code)
            if len(code) > 32:
                return self.tr("The code {0} is longer than 32 characters.").format(code)
            if codes.count(code) > 1:
                return self.tr("The code {0} is used twice.").format(code)
        return ""


def _line(*, secret: bool = False) -> QLineEdit:
    edit = QLineEdit()
    if secret:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class AdminPage(CheckedPage):
    def __init__(self) -> None:
        super().__init__(
            self.tr("The administrator"),
            self.tr(
                "The account that sets up stores and users. When you finish, StockDesk opens signed in "
                "with it; from the next start on it asks for this e-mail and password."
            ),
        )
        self.email, self.name = _line(), _line()
        self.password, self.repeat = _line(secret=True), _line(secret=True)
        self.email.setPlaceholderText("name@example.com")
        self.password_rule = QLabel(self.tr("At least {0} characters.").format(MIN_PASSWORD))
        self.password.setPlaceholderText(self.tr("at least {0} characters").format(MIN_PASSWORD))
        form = QFormLayout(self)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.password_rule)
        form.addRow(self.tr("Password again"), self.repeat)
        form.addRow(self.error)

    def problem(self) -> str:
        try:
            email_address("email", self.email.text())
        except ValidationError:
            return self.tr("E-mail \u201c{0}\u201d is not an e-mail address.").format(self.email.text())
        if len(self.password.text()) < MIN_PASSWORD:
            return self.tr("The password must have at least {0} characters.").format(MIN_PASSWORD)
        if self.password.text() != self.repeat.text():
            return self.tr("The two passwords differ.")
        return ""


class DeskPage(CheckedPage):
    def __init__(self, stores: StoresPage) -> None:
        super().__init__(
            self.tr("This desk"),
            self.tr("The store this computer stands in: sales and deliveries here go to it first."),
        )
        self._stores = stores
        self.store = QComboBox()
        form = QFormLayout(self)
        form.addRow(self.tr("Default store"), self.store)
        form.addRow(self.error)

    def initializePage(self) -> None:
        """List the stores of the first page (they may have changed since the last visit)."""
        previous = self.store.currentData()
        self.store.clear()
        for code, name in self._stores.stores():
            self.store.addItem(f"{code} \u2014 {name}", code)
        self.store.setCurrentIndex(max(self.store.findData(previous), 0))

    def store_code(self) -> str:
        return str(self.store.currentData() or "")


class StartPage(CheckedPage):
    def __init__(self, demo_size: DemoSize) -> None:
        super().__init__(self.tr("How to start"), self.tr("You can import or add items at any time later."))
        self.empty = QRadioButton(self.tr("Start empty"))
        self.demo = QRadioButton(
            self.tr(
                "Load demo data: a hardware store's {0} items, stocked in your stores, with {1} days of sales"
            ).format(demo_size.items, demo_size.days)
        )
        self.import_csv = QRadioButton(self.tr("Import items from a CSV or Excel file"))
        self.group = QButtonGroup(self)
        for button in (self.empty, self.demo, self.import_csv):
            self.group.addButton(button)
        self.empty.setChecked(True)
        self.file = QLineEdit()
        self.file.setPlaceholderText(self.tr("items.csv"))
        self.browse = QPushButton(self.tr("Choose file…"))
        self.browse.clicked.connect(self._choose_file)
        self.file.textChanged.connect(lambda _text: self.import_csv.setChecked(True))
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        for button in (self.empty, self.demo, self.import_csv):
            layout.addWidget(button)
        layout.addLayout(file_row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.setCommitPage(True)  # the next page writes: no way back from there
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Set up"))

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Items to import"), "", self.tr("Items (*.csv *.tsv *.txt *.xlsx);;All files (*)")
        )
        if path:
            self.file.setText(path)

    def choice(self) -> Start:
        if self.demo.isChecked():
            return Start.DEMO
        return Start.IMPORT if self.import_csv.isChecked() else Start.EMPTY

    def import_path(self) -> Path | None:
        text = self.file.text().strip()
        return Path(text).expanduser() if self.choice() is Start.IMPORT and text else None

    def problem(self) -> str:
        if self.choice() is Start.IMPORT:
            path = self.import_path()
            if path is None:
                return self.tr("Choose the file to import.")
            if not path.is_file():
                return self.tr("The file {0} does not exist.").format(path)
        return ""


class ProgressRelay(QObject):
    """Emitted from the pool thread; the GUI-thread receiver gets it queued."""

    reported = Signal(str, int, int)

    def report(self, stage: str, done: int, total: int) -> None:
        self.reported.emit(stage, done, total)


class SetupHost(Protocol):
    """What the last page needs of its wizard: the database, the plan, and where the outcome goes."""

    db: Database

    def plan(self) -> SetupPlan: ...
    def finish_setup(self, outcome: SetupOutcome) -> None: ...
    def setOption(self, option: QWizard.WizardOption, on: bool = ...) -> None: ...


class SetupPage(QWizardPage):
    """Runs `set_up` on a pool thread; Finish is enabled once it has succeeded."""

    def __init__(self, wizard: SetupHost) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Setting up"))
        self.setFinalPage(True)
        self.status = QLabel(self.tr("Creating the administrator and the stores…"))
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.hide()
        self.relay = ProgressRelay()
        self.relay.reported.connect(self._progress)
        self.done = False
        self.failed = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.details, 1)

    def initializePage(self) -> None:
        """Start writing as soon as the page shows."""
        db, plan, relay = self._wizard.db, self._wizard.plan(), self.relay
        run_in_background(
            lambda: set_up(db, plan, relay.report), on_finished=self._finished, on_failed=self._failed
        )

    def isComplete(self) -> bool:
        """Finish only after the services have written everything."""
        return self.done

    def _stage(self, stage: str) -> str:
        names = {
            "items": self.tr("Creating items"),
            "history": self.tr("Writing sales history"),
            "checking": self.tr("Checking rows"),
            "writing items": self.tr("Writing items"),
            "posting opening stock": self.tr("Posting opening stock"),
        }
        return names.get(stage, stage)

    @Slot(str, int, int)  # emitted on the pool thread: a declared slot, not one PySide makes on the fly
    def _progress(self, stage: str, done: int, total: int) -> None:
        self.status.setText(self.tr("{0}: {1} of {2}").format(self._stage(stage), done, total))
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _finished(self, outcome: SetupOutcome) -> None:
        self._wizard.finish_setup(outcome)
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.status.setText(self._summary(outcome))
        if outcome.problems:
            self._show_problems(outcome)
        self.done = True
        self.completeChanged.emit()

    def _summary(self, outcome: SetupOutcome) -> str:
        ready = self.tr("StockDesk is ready. Finish opens the main window.")
        if outcome.problems:
            return self.tr(
                "The file was not imported: {0} problems (listed below; nothing was written). "
                "Fix the file and import it later. {1}"
            ).format(len(outcome.problems), ready)
        if outcome.imported:
            return self.tr("{0} items imported. {1}").format(outcome.imported, ready)
        return ready

    def _show_problems(self, outcome: SetupOutcome) -> None:
        lines = [
            self.tr("row {0}, column {1}: \u201c{2}\u201d {3}").format(p.row, p.field, p.value, say(p.reason))
            for p in outcome.problems[:MAX_SHOWN_PROBLEMS]
        ]
        if len(outcome.problems) > MAX_SHOWN_PROBLEMS:
            lines.append(self.tr("… and {0} more").format(len(outcome.problems) - MAX_SHOWN_PROBLEMS))
        if outcome.rejects_file is not None:
            lines.append(self.tr("The rejected rows were saved to {0}").format(outcome.rejects_file))
        self.details.setPlainText("\n".join(lines))
        self.details.show()

    def _failed(self, error: BaseException) -> None:
        self.failed = True
        self.bar.setRange(0, 1)
        self.status.setText(self.tr("Setting up failed: {0}").format(error_text(error)))
        self.status.setStyleSheet(ERROR_STYLE)
        # Show the Cancel button again so the user can leave and try once more.
        self._wizard.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)
