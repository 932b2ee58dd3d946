"""First run on a database without accounts: stores, the administrator, this desk's store, a start.

The pages only collect and check; the last page writes everything through the services on a pool
thread (admin, stores, then demo data or an import) and shows progress, so a slow demo load or a
large file never freezes the window. Until then nothing is written: cancelling leaves the
database as empty as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget, QWizard

from stockdesk.domain.permissions import Actor
from stockdesk.services import demo, imports, organisation, users
from stockdesk.services.bulk import RowProblem
from stockdesk.services.database import Database
from stockdesk.ui.i18n import set_language
from stockdesk.ui.settings import AppSettings


class Start(StrEnum):
    DEMO = "demo"
    EMPTY = "empty"
    IMPORT = "import"


@dataclass(frozen=True)
class DemoSize:
    items: int = 2000
    stores: int = 3
    days: int = 90

    @property
    def store_codes(self) -> set[str]:
        return {f"S{n:02d}" for n in range(1, self.stores + 1)}  # the codes demo.generate uses


@dataclass(frozen=True)
class SetupPlan:
    """Everything the pages collected."""

    stores: tuple[tuple[str, str], ...]  # (code, name)
    email: str
    name: str
    password: str
    default_store: str  # a code of `stores`
    start: Start = Start.EMPTY
    import_path: Path | None = None
    demo_size: DemoSize = field(default_factory=DemoSize)


@dataclass
class SetupOutcome:
    actor: Actor
    store_ids: dict[str, str]  # code -> id
    imported: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    rejects_file: Path | None = None


class ProgressRelay(QObject):
    """Emitted from the pool thread; the GUI-thread receiver gets it queued."""

    reported = Signal(str, int, int)

    def report(self, stage: str, done: int, total: int) -> None:
        self.reported.emit(stage, done, total)


def rejects_file_for(path: Path) -> Path:
    return path.with_name(f"{path.stem}-rejects.csv")


def set_up(db: Database, plan: SetupPlan, relay: ProgressRelay | None = None) -> SetupOutcome:
    """Write the plan through the services (runs on a pool thread; touches no widget)."""
    report = relay.report if relay is not None else None
    actor = users.create_first_admin(db.uow(), email=plan.email, password=plan.password, name=plan.name)
    ids: dict[str, str] = {}
    for code, name in plan.stores:
        ids[code.upper()] = str(organisation.create_store(db.uow(), actor, code=code, name=name).id)
    outcome = SetupOutcome(actor, ids)
    if plan.start is Start.DEMO:
        size = plan.demo_size
        demo.generate(db, actor, items=size.items, stores=size.stores, days=size.days, progress=report)
    elif plan.start is Start.IMPORT and plan.import_path is not None:
        _import(db, actor, plan.import_path, outcome, report)
    return outcome


def _import(db: Database, actor: Actor, path: Path, outcome: SetupOutcome, report: object) -> None:
    rejects = rejects_file_for(path)
    options = imports.ImportOptions(create_missing=True)  # a first file brings its own categories
    try:
        result = imports.import_file(
            db.uow(),
            actor,
            path,
            options=options,
            rejects=rejects,
            progress=report,  # type: ignore[arg-type]
        )
    except imports.ImportRejected as error:
        outcome.problems = list(error.problems)
        outcome.rejects_file = rejects if error.rejected else None
        return
    outcome.imported = result.created + result.updated


class FirstRunWizard(QWizard):
    """After `accept`, `actor` is the new administrator (logged in) and the desk's store is saved."""

    def __init__(
        self,
        db: Database,
        settings: AppSettings,
        parent: QWidget | None = None,
        *,
        demo_size: DemoSize | None = None,
    ) -> None:
        from stockdesk.ui import wizard_pages as pages  # pages import this module's plan types

        super().__init__(parent)
        self.db, self.settings = db, settings
        self.demo_size = demo_size or DemoSize()
        self.actor: Actor | None = None
        self.outcome: SetupOutcome | None = None
        self.setWindowTitle(QCoreApplication.translate("FirstRunWizard", "Welcome to StockDesk"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)  # the same look on every platform
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.stores_page = pages.StoresPage()
        self.stores_page.language_chosen.connect(self._language_chosen)
        self.admin_page = pages.AdminPage()
        self.desk_page = pages.DeskPage(self.stores_page)
        self.start_page = pages.StartPage(self.stores_page, self.demo_size)
        self.setup_page = pages.SetupPage(self)
        for page in (self.stores_page, self.admin_page, self.desk_page, self.start_page, self.setup_page):
            self.addPage(page)
        self.resize(640, 480)

    def _language_chosen(self, language: str) -> None:
        """Remember the language and switch to it; the shell then builds the wizard again in it."""
        self.settings.update(language=language)
        # The shell builds a new wizard and deletes this one later (deleteLater): safe inside the
        # combo box's signal, and needs no zero-timer (which proved unreliable in tests).
        set_language(language)

    def plan(self) -> SetupPlan:
        admin = self.admin_page
        return SetupPlan(
            stores=tuple(self.stores_page.stores()),
            email=admin.email.text().strip(),
            name=admin.name.text().strip(),
            password=admin.password.text(),
            default_store=self.desk_page.store_code(),
            start=self.start_page.choice(),
            import_path=self.start_page.import_path(),
            demo_size=self.demo_size,
        )

    def finish_setup(self, outcome: SetupOutcome) -> None:
        """Called by the last page when the services are done: log in and remember the desk's store."""
        self.outcome = outcome
        self.actor = outcome.actor
        store_id = outcome.store_ids.get(self.desk_page.store_code(), "")
        self.settings.update(default_store_id=store_id)
