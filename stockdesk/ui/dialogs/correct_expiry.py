"""A manager corrects a lot's use-by date, saying why (services/places/lots.correct_lot_expiry)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QDateEdit, QLabel, QLineEdit, QWidget

from stockdesk.domain.ids import LotId
from stockdesk.domain.permissions import Actor
from stockdesk.services.database import Database
from stockdesk.services.places import lots
from stockdesk.services.places.lots import LotView
from stockdesk.services.places.place_levels import PlaceLevelView
from stockdesk.ui.dialogs.form import FormDialog
from stockdesk.ui.formatting import format_day


class CorrectExpiryDialog(FormDialog):
    """`result_view` holds the corrected lot once saved."""

    def __init__(
        self, db: Database, actor: Actor, sku: str, place: PlaceLevelView, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Correct use-by date — {sku}").format(sku=sku), parent)
        self.db, self.actor = db, actor
        assert place.lot_id is not None
        self.lot_id = LotId(place.lot_id)
        self.result_view: LotView | None = None
        now = place.expires_on
        heading = QLabel(
            self.tr("Lot <b>{lot}</b> of {sku}, use by {day} until now").format(
                lot=place.lot_code, sku=sku, day=format_day(now) if now else "—"
            )
        )
        heading.setWordWrap(True)
        self.form.addRow(heading)
        self.expires = QDateEdit()
        self.expires.setCalendarPopup(True)
        self.expires.setDisplayFormat("yyyy-MM-dd")
        if now is not None:
            self.expires.setDate(QDate(now.year, now.month, now.day))
        self.add_row("expires_on", self.tr("Use by"), self.expires)
        self.reason = self.add_row("reason", self.tr("Reason"), QLineEdit())
        self.reason.setPlaceholderText(self.tr("e.g. misread on the delivery (kept in the audit log)"))
        self.setMinimumWidth(420)
        self.expires.setFocus()

    def submit(self) -> None:
        self.result_view = lots.correct_lot_expiry(
            self.db.uow(),
            self.actor,
            self.lot_id,
            expires_on=self.expires.date().toPython(),  # type: ignore[arg-type]
            reason=self.reason.text(),
        )


def corrected_text(lot: LotView) -> str:
    """What the window says once saved: "Use-by date of lot L1 (MILK) corrected to 31.01.2030"."""
    return QCoreApplication.translate(
        "CorrectExpiryDialog", "Use-by date of lot {lot} ({sku}) corrected to {day}"
    ).format(lot=lot.code, sku=lot.sku, day=format_day(lot.expires_on) if lot.expires_on else "—")
