"""First run on a database without accounts: the administrator, the stores and a start, all or nothing.

The wizard (or any other front end) collects a `SetupPlan`; `set_up` writes it in ONE transaction:
the administrator, the stores, then the demo data or the imported file. A failure or a crash part-way
(power cut, killed process) leaves the database as empty as it was, so the next start offers the
first-run set-up again instead of opening a half-made shop with no way back into the wizard.

An import whose file is refused is not a failure of the set-up: the file's problems are returned,
nothing of the file is written, and the administrator and stores are kept (the user imports the
corrected file later from the window).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from stockdesk.domain.ids import StoreId
from stockdesk.domain.permissions import Actor
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import organisation
from stockdesk.services.catalogue.bulk import RowProblem
from stockdesk.services.database import Database
from stockdesk.services.exchange import imports
from stockdesk.services.maintenance import demo

Progress = Callable[[str, int, int], None]  # (stage, done, total)


class Start(StrEnum):
    DEMO = "demo"
    EMPTY = "empty"
    IMPORT = "import"


@dataclass(frozen=True)
class DemoSize:
    """How much demo data: it goes into the shop's own stores (no demo stores are added)."""

    items: int = 2000
    days: int = 90


@dataclass(frozen=True)
class SetupPlan:
    """Everything the first-run pages collected."""

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


def rejects_file_for(path: Path) -> Path:
    return path.with_name(f"{path.stem}-rejects.csv")


def set_up(db: Database, plan: SetupPlan, progress: Progress | None = None) -> SetupOutcome:
    """Write the plan in one transaction (runs on a pool thread in the window; touches no widget)."""
    with db.one_transaction() as tx:
        actor = users.create_first_admin(tx.uow(), email=plan.email, password=plan.password, name=plan.name)
        ids: dict[str, str] = {}
        for code, name in plan.stores:
            ids[code.upper()] = str(organisation.create_store(tx.uow(), actor, code=code, name=name).id)
        outcome = SetupOutcome(actor, ids)
        if plan.start is Start.DEMO:
            # Into the stores the owner just named: the desk's store is stocked, so the first sale works
            # (demo stores of their own would leave the desk's store empty).
            size, stores = plan.demo_size, [StoreId(uuid.UUID(i)) for i in ids.values()]
            demo.generate(tx, actor, items=size.items, days=size.days, store_ids=stores, progress=progress)
        elif plan.start is Start.IMPORT and plan.import_path is not None:
            _import(tx, actor, plan.import_path, outcome, progress)
        return outcome


def _import(db: Database, actor: Actor, path: Path, outcome: SetupOutcome, progress: Progress | None) -> None:
    rejects = rejects_file_for(path)
    options = imports.ImportOptions(create_missing=True)  # a first file brings its own categories
    try:
        result = imports.import_file(
            db.uow(), actor, path, options=options, rejects=rejects, progress=progress
        )
    except imports.ImportRejected as error:
        outcome.problems = list(error.problems)
        outcome.rejects_file = rejects if error.rejected else None
        return
    outcome.imported = result.created + result.updated
