"""The where-and-which rows of a movement: location, lot, use-by date, serial numbers, the expired-lot
override. Only the rows the item and store need are shown; the services check every value."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit

from stockdesk.domain.ids import LocationId
from stockdesk.domain.permissions import Action, Actor, allowed
from stockdesk.domain.tracking import Tracking
from stockdesk.services.database import Database
from stockdesk.services.places import locations
from stockdesk.services.places.placing import PlaceChoice
from stockdesk.services.views import ItemView
from stockdesk.ui.dialogs.form import FormDialog


class PlaceFields:
    """Adds its rows to `form`; `choice()` is what the person gave, as the services take it."""

    def __init__(
        self, form: FormDialog, db: Database, actor: Actor, item: ItemView, *, incoming: bool, outgoing: bool
    ) -> None:
        self.db, self.item = db, item
        self.tracking = Tracking(item.tracking)
        self.location = QComboBox()
        self.location.setMinimumWidth(220)
        self._form = form
        form.add_row(
            "location", QCoreApplication.translate("PlaceFields", "Location"), self.location, "location_id"
        )
        self.lot = QLineEdit()
        self.lot.setPlaceholderText(QCoreApplication.translate("PlaceFields", "as printed on the delivery"))
        self.expires = QDateEdit()
        self.expires.setCalendarPopup(True)
        self.expires.setDisplayFormat("yyyy-MM-dd")
        self.expires.setDate(QDate.currentDate().addMonths(6))
        self.serials = QPlainTextEdit()
        self.serials.setPlaceholderText(
            QCoreApplication.translate("PlaceFields", "one serial number per line (scan them)")
        )
        self.serials.setFixedHeight(70)
        self.allow_expired = QCheckBox(
            QCoreApplication.translate("PlaceFields", "Sell or move an expired lot (manager)")
        )
        self.allow_expired.setEnabled(allowed(actor, Action.OVERRIDE_EXPIRED))
        if self.tracking in (Tracking.LOT, Tracking.EXPIRY):
            form.add_row(
                "lot",
                QCoreApplication.translate("PlaceFields", "Lot")
                if incoming
                else QCoreApplication.translate("PlaceFields", "Lot (blank: first to expire)"),
                self.lot,
            )
        if self.tracking is Tracking.EXPIRY and incoming:
            form.add_row("expires_on", QCoreApplication.translate("PlaceFields", "Use by"), self.expires)
        if self.tracking is Tracking.SERIAL:
            form.add_row("serials", QCoreApplication.translate("PlaceFields", "Serial numbers"), self.serials)
        if outgoing and self.tracking.has_lots:
            form.add_row("allow_expired", "", self.allow_expired)

    def set_store(self, store_id: uuid.UUID | None) -> None:
        """The store's locations, the first entry meaning "where it already is, else unplaced"."""
        self.location.clear()
        self.location.addItem(QCoreApplication.translate("PlaceFields", "(where the item already is)"), None)
        found = locations.locations_of(self.db.uow(), store_id) if store_id else []  # type: ignore[arg-type]
        for place in found:
            self.location.addItem(place.path, str(place.id))
        # A store without locations keeps the dialog as it was: no row for it at all.
        self._form.form.setRowVisible(self.location.parentWidget(), bool(found))

    def fill(self, *, lot: str = "", expires_on: date | None = None, serial: str = "") -> None:
        """Pre-filled from a GS1 scan (batch, use-by date, serial number)."""
        if lot:
            self.lot.setText(lot)
        if expires_on is not None:
            self.expires.setDate(QDate(expires_on.year, expires_on.month, expires_on.day))
        if serial:
            self.serials.setPlainText(serial)

    def choice(self) -> PlaceChoice:
        data = self.location.currentData()
        expires = self.expires.date().toPython() if self.tracking is Tracking.EXPIRY else None
        serials = tuple(s.strip() for s in self.serials.toPlainText().splitlines() if s.strip())
        return PlaceChoice(
            location_id=LocationId(uuid.UUID(data)) if data else None,
            lot=self.lot.text().strip() if self.tracking in (Tracking.LOT, Tracking.EXPIRY) else "",
            expires_on=expires,  # type: ignore[arg-type]
            serials=serials if self.tracking is Tracking.SERIAL else (),
            allow_expired=self.allow_expired.isChecked() and self.allow_expired.isEnabled(),
        )


def needs_asking(item: ItemView, choice: PlaceChoice, *, incoming: bool) -> bool:
    """Whether the counter must ask before posting: a lot to receive, or serial numbers."""
    tracking = Tracking(item.tracking)
    if tracking is Tracking.SERIAL:
        return not choice.serials
    return incoming and tracking.has_lots and not choice.lot
