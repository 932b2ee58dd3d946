"""First run on a database without accounts: stores, the administrator, this desk's store, a start.

The pages only collect and check; the last page hands the plan to `services.first_run.set_up`
on a pool thread (admin, stores, then demo data or an import, in one transaction) and shows
progress, so a slow demo load or a large file never freezes the window. Until then nothing is
written: cancelling, a failure or a crash leaves the database as empty as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget, QWizard

from stockdesk.domain.permissions import Actor
from stockdesk.services.database import Database
from stockdesk.services.maintenance.first_run import DemoSize, SetupOutcome, SetupPlan
from stockdesk.ui import wizard_pages as pages
from stockdesk.ui.i18n import set_language
from stockdesk.ui.settings import AppSettings


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
        self.start_page = pages.StartPage(self.demo_size)
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
