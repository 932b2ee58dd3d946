"""What every report builder receives and returns (shared by the report modules and the registry)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from stockdesk.domain.ids import StoreId
from stockdesk.domain.permissions import Actor
from stockdesk.i18n.wording import Wording
from stockdesk.reports.model import PreparedSection, ReportMeta, Section
from stockdesk.reports.template import ReportDocument
from stockdesk.services.database import Database


@dataclass(frozen=True)
class ReportOptions:
    """What a person chose in the dialog or on the command line; each report reads the ones it uses.

    Dates are whole days in the desk's time zone; `date_to` and `as_of` include their day.
    `stocktake` is a stocktake id as typed (None: the latest stocktake of `store`).
    `lot` is a lot's code or a serial number of the item `sku`.
    `by_location` values each store that has locations location by location (the others by category).
    """

    store: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    as_of: date | None = None
    kind: str | None = None
    user: str | None = None
    sku: str | None = None
    stocktake: str | None = None
    lot: str | None = None  # a lot's code or a serial number (recall)
    by_location: bool = False  # valuation: a store with locations in sections per location, not category


@dataclass(frozen=True)
class ReportContext:
    """Options resolved to ids and checked against what the actor may see; `wording` is the language
    the report is written in (the shop's document language)."""

    db: Database
    actor: Actor
    options: ReportOptions
    store_ids: frozenset[StoreId] | None
    store_names: tuple[str, ...]
    generated_at: datetime
    wording: Wording

    def meta(self, title: str, period: str) -> ReportMeta:
        by = self.actor.name or self.actor.email
        return ReportMeta(title, list(self.store_names), period, by, self.generated_at)


@dataclass
class BuiltReport:
    """A report ready to write: its document (columns and page facts) and its one-shot sections.

    `csv_sections`, when given, replaces `sections` in the CSV (the item card adds its details there,
    which its PDF draws above the table).
    """

    document: ReportDocument
    sections: Iterable[Section]
    csv_sections: Iterable[Section | PreparedSection] | None = None
