"""Every report by name: which options it reads, and one call that writes it as PDF or CSV.

The dialog and the `stockdesk report` command both go through `run_report`, so a report from the
menu and one from a script are the same file. The output format follows the file's suffix.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from stockdesk.domain.errors import PermissionDenied, ValidationError
from stockdesk.domain.messages import Message
from stockdesk.domain.movements import MovementKind
from stockdesk.domain.permissions import Actor
from stockdesk.i18n.wording import Wording
from stockdesk.reports import (
    item_card,
    low_stock,
    movements,
    recall,
    stocktake_sheet,
    valuation,
    variance,
    variants,
)
from stockdesk.reports.csv_writer import write_csv
from stockdesk.reports.model import CancelCheck, ProgressCallback
from stockdesk.reports.spec import BuiltReport, ReportContext, ReportOptions
from stockdesk.services.database import Database
from stockdesk.services.exchange import report_queries
from stockdesk.services.maintenance import shop

FORMATS = (".pdf", ".csv")


@dataclass(frozen=True)
class ReportSpec:
    name: str
    title: str
    options: frozenset[str]  # the ReportOptions fields this report reads (the dialog enables those)
    build: Callable[[ReportContext], BuiltReport]


@dataclass(frozen=True)
class ReportResult:
    path: Path
    totals: dict[str, Decimal]


def _movements(context: ReportContext) -> BuiltReport:
    options, uow = context.options, context.db.uow
    ids: dict[str, uuid.UUID] = {}
    if options.user:
        ids["user_id"] = report_queries.user_id_by_email(uow(), options.user)
    if options.sku:
        ids["item_id"] = report_queries.item_id_by_sku(uow(), options.sku)
    return movements.build(context, movements.movement_filter(context, **ids))


REPORTS: dict[str, ReportSpec] = {
    spec.name: spec
    for spec in (
        ReportSpec("valuation", valuation.TITLE, frozenset({"store", "as_of", "by_location"}),
                   valuation.build),
        ReportSpec("low-stock", low_stock.TITLE, frozenset({"store"}), low_stock.build),
        ReportSpec("movements", movements.TITLE,
                   frozenset({"store", "date_from", "date_to", "kind", "user", "sku"}), _movements),
        ReportSpec("stocktake-sheet", stocktake_sheet.TITLE, frozenset({"store"}), stocktake_sheet.build),
        ReportSpec("stocktake-variance", variance.TITLE, frozenset({"store", "stocktake"}), variance.build),
        ReportSpec("item-card", item_card.TITLE, frozenset({"sku"}), item_card.build),
        ReportSpec("recall", recall.TITLE, frozenset({"sku", "lot"}), recall.build),
        ReportSpec("variants", variants.TITLE, frozenset({"store"}), variants.build),
    )
}


def spec_named(name: str) -> ReportSpec:
    try:
        return REPORTS[name.strip().lower()]
    except KeyError:
        raise ValidationError("report", name, Message("one_of", choices=", ".join(REPORTS))) from None


def _check(options: ReportOptions) -> None:
    if options.date_from and options.date_to and options.date_from > options.date_to:
        raise ValidationError("from", options.date_from.isoformat(), Message("period_end"))
    if options.kind is not None and options.kind not in {k.value for k in MovementKind}:
        kinds = ", ".join(k.value for k in MovementKind)
        raise ValidationError("kind", options.kind, Message("one_of", choices=kinds))


def context_for(db: Database, actor: Actor, options: ReportOptions, *, language: str = "") -> ReportContext:
    """Resolve the store and check it: clerks see only the stores they are assigned to.

    The report is written in the shop's document language; where none is set, in `language` (the
    front end's: the window's or the command line's), else English.
    """
    _check(options)
    chosen = report_queries.stores_named(db.uow(), options.store) if options.store else None
    if actor.is_clerk:
        if chosen is not None and chosen[0][0] not in actor.store_ids:
            raise PermissionDenied(Message("permission.report_stores"))
        if chosen is None:
            chosen = [s for s in report_queries.stores_named(db.uow()) if s[0] in actor.store_ids]
    ids = None if chosen is None else frozenset(s[0] for s in chosen)
    names = () if chosen is None else tuple(f"{code} {name}" for _, code, name in chosen)
    wording = Wording(shop.document_language(db.uow(), fallback=language))
    return ReportContext(db, actor, options, ids, names, datetime.now().astimezone(), wording)


def build_report(db: Database, actor: Actor, name: str, options: ReportOptions, *,
                 language: str = "") -> BuiltReport:
    return spec_named(name).build(context_for(db, actor, options, language=language))


def run_report(db: Database, actor: Actor, name: str, options: ReportOptions, out: Path | str, *,
               progress: ProgressCallback | None = None,
               cancelled: CancelCheck | None = None, language: str = "") -> ReportResult:
    """Write report `name` to `out` (.pdf or .csv); returns the path and the exact grand totals.

    Run it off the GUI thread for big reports: it opens its own units of work and streams rows.
    `language` is the front end's, used when the shop has no document language of its own.
    """
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError("out", str(out), Message("out_suffix"))
    built = build_report(db, actor, name, options, language=language)
    document = built.document
    if suffix == ".csv":
        sections = built.csv_sections if built.csv_sections is not None else built.sections
        totals = write_csv(out, document.columns, sections, progress=progress, cancelled=cancelled)
    else:
        document.write_pdf(out, built.sections, progress=progress, cancelled=cancelled)
        assert document.grand_totals is not None  # set by write_pdf
        totals = document.grand_totals
    return ReportResult(out, dict(totals.sums))
