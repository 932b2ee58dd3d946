"""Moving one item's stock between locations of one store (or to and from its unplaced stock).

The "From" list is where the item is in the chosen store — each location (and lot, for a tracked
item) with its quantity — so the person picks what is there instead of typing a lot code; the
service (stock.move_within_store) checks the rest.
"""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSizePolicy, QWidget

from stockdesk.domain.errors import ValidationError
from stockdesk.domain.ids import LocationId, StoreId
from stockdesk.domain.permissions import Action, Actor, allowed
from stockdesk.domain.tracking import PlaceStock, Tracking
from stockdesk.services.database import Database
from stockdesk.services.inventory import stock
from stockdesk.services.places import locations
from stockdesk.services.places.place_levels import store_places
from stockdesk.services.places.placing import PlaceChoice
from stockdesk.services.views import ItemView
from stockdesk.ui.dialogs.form import FormDialog
from stockdesk.ui.dialogs.movement import store_combo, stores_for
from stockdesk.ui.formatting import format_quantity

Source = tuple[LocationId | None, str]  # (location, lot code): None for the store's unplaced stock


class MoveLocationDialog(FormDialog):
    """Move `item` from one place of a store to another; `result_views` holds the movement pair."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        item: ItemView,
        parent: QWidget | None = None,
        *,
        store_id: uuid.UUID | None = None,
    ) -> None:
        title = self.tr("Move between locations — {sku}").format(sku=item.sku)
        super().__init__(title, parent, ok_text=self.tr("Move"))
        self.db, self.actor, self.item = db, actor, item
        self.tracked = Tracking(item.tracking).has_lots
        self.result_views: list[object] = []
        self.setMinimumWidth(480)
        heading = QLabel(f"<b>{item.sku}</b> — {item.name} ({item.unit})")
        heading.setWordWrap(True)
        self.form.addRow(heading)
        stores = stores_for(db, actor)
        self.store = self.add_row("store_id", self.tr("Store"), store_combo(stores, store_id), "store")
        from_label = self.tr("From (location, lot)") if self.tracked else self.tr("From")
        self.source = self.add_row("from", from_label, QComboBox(), "location", "lot", "serials")
        self.target = self.add_row("to_location", self.tr("To"), QComboBox(), "to_location_id")
        self.quantity = self.add_row("quantity", self.tr("Quantity to move"), QLineEdit())
        self.reference = self.add_row("reference", self.tr("Reference"), QLineEdit())
        # An expired lot stays where it is unless a manager overrides (audited as stock.expired_override).
        self.allow_expired = QCheckBox(self.tr("Move an expired lot (manager)"))
        if not allowed(actor, Action.OVERRIDE_EXPIRED):
            self.allow_expired.setEnabled(False)
            self.allow_expired.setToolTip(self.tr("Only a manager or an admin may move an expired lot."))
        if self.tracked:
            self.add_row("allow_expired", "", self.allow_expired)
        for combo in (self.store, self.source, self.target):  # as wide as the text fields
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.store.currentIndexChanged.connect(lambda _index: self._fill())
        self.source.currentIndexChanged.connect(lambda _index: self._source_changed())
        if not stores:
            self.show_field_error("store_id", self.tr("You are not assigned to any store."))
        self._fill()
        self.quantity.setFocus()

    # the lists ----------------------------------------------------------------------------------

    def _fill(self) -> None:
        """The item's places in the chosen store (From) and the store's locations (To)."""
        self.clear_errors()
        store_id = self.store.currentData()
        self.source.clear()
        self.target.clear()
        if store_id is None:
            self.ok_button.setEnabled(False)
            return
        store = uuid.UUID(store_id)
        places = store_places(self.db.uow(), self.item.id, StoreId(store))
        for place in places:
            location = LocationId(place.location_id) if place.location_id is not None else None
            self.source.addItem(self._place_text(place), (location, place.lot_code))
        self.target.addItem(self.tr("Unplaced (no location)"), None)
        for location in locations.locations_of(self.db.uow(), store):
            label = f"{location.path} — {location.name}" if location.name else location.path
            self.target.addItem(label, location.id)
        if not places:
            self.show_field_error("from", self.tr("None of it is in stock in this store."))
        elif self.target.count() == 1:
            self.show_field_error("to_location", self.tr("This store has no locations yet (see Locations)."))
        self.ok_button.setEnabled(bool(places) and self.target.count() > 1)
        self._source_changed()

    def _place_text(self, place: PlaceStock) -> str:
        where = place.location_code or self.tr("Unplaced")
        if place.lot_code:
            lot = self.tr("lot {lot}").format(lot=place.lot_code)
            if place.expires_on is not None:
                lot += " " + self.tr("(use by {day})").format(day=place.expires_on.isoformat())
            where = f"{where} · {lot}"
        return self.tr("{place} — {quantity} on hand").format(
            place=where, quantity=format_quantity(place.on_hand)
        )

    def _source_changed(self) -> None:
        """Point To at another location than From (the first one; Unplaced when there is none)."""
        source = self.chosen_source()
        if source is None:
            return
        others = [i for i in range(1, self.target.count()) if self.target.itemData(i) != source[0]]
        self.target.setCurrentIndex(others[0] if others else 0)
        if Tracking(self.item.tracking) is Tracking.SERIAL:
            self.quantity.setText("1")  # a serial number is one unit

    def chosen_source(self) -> Source | None:
        data = self.source.currentData()
        return (data[0], data[1]) if isinstance(data, tuple) else None

    def choose(self, *, source: str = "", target: str = "") -> None:
        """Pick From and To by their shown text's start (location code or "Unplaced"): for tests, scripts."""
        for combo, text in ((self.source, source), (self.target, target)):
            if text:
                found = [i for i in range(combo.count()) if combo.itemText(i).startswith(text)]
                if found:
                    combo.setCurrentIndex(found[0])

    # posting ------------------------------------------------------------------------------------

    def submit(self) -> None:
        store_id = self.store.currentData()
        source = self.chosen_source()
        if store_id is None:
            raise ValidationError("store_id", "", self.tr("is required"))
        if source is None:
            raise ValidationError("from", "", self.tr("is required"))
        location_id, lot = source
        self.result_views = list(
            stock.move_within_store(
                self.db.uow(),
                self.actor,
                item_id=self.item.id,
                store_id=uuid.UUID(store_id),
                to_location_id=self.target.currentData(),
                quantity=self.quantity.text(),
                place=PlaceChoice(
                    location_id=location_id,
                    lot=lot,
                    allow_expired=self.allow_expired.isChecked() and self.allow_expired.isEnabled(),
                ),
                reference=self.reference.text(),
            )
        )
