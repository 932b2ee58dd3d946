"""Receiving, selling, transferring, adjusting or counting one item in one store."""

from __future__ import annotations

import enum
import uuid

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from stockdesk.domain.errors import ValidationError
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database
from stockdesk.services.inventory import stock
from stockdesk.services.views import ItemView, StoreView
from stockdesk.ui.dialogs.form import FormDialog
from stockdesk.ui.dialogs.place_fields import PlaceFields


class MovementType(enum.StrEnum):
    RECEIVE = "receive"
    SELL = "sell"
    TRANSFER = "transfer"
    ADJUST = "adjust"
    COUNT = "count"


# title, quantity label, reference label, OK button text
_TEXTS = {
    MovementType.RECEIVE: (
        QT_TRANSLATE_NOOP("MovementDialog", "Receive"),
        QT_TRANSLATE_NOOP("MovementDialog", "Quantity received"),
        QT_TRANSLATE_NOOP("MovementDialog", "Reference (PO, delivery note)"),
        QT_TRANSLATE_NOOP("MovementDialog", "Receive"),
    ),
    MovementType.SELL: (
        QT_TRANSLATE_NOOP("MovementDialog", "Sell / issue"),
        QT_TRANSLATE_NOOP("MovementDialog", "Quantity sold"),
        QT_TRANSLATE_NOOP("MovementDialog", "Reference (receipt, order)"),
        QT_TRANSLATE_NOOP("MovementDialog", "Sell"),
    ),
    MovementType.TRANSFER: (
        QT_TRANSLATE_NOOP("MovementDialog", "Transfer"),
        QT_TRANSLATE_NOOP("MovementDialog", "Quantity to move"),
        QT_TRANSLATE_NOOP("MovementDialog", "Reference"),
        QT_TRANSLATE_NOOP("MovementDialog", "Transfer"),
    ),
    MovementType.ADJUST: (
        QT_TRANSLATE_NOOP("MovementDialog", "Adjust"),
        QT_TRANSLATE_NOOP("MovementDialog", "Change (+ found, − lost)"),
        QT_TRANSLATE_NOOP("MovementDialog", "Reason"),
        QT_TRANSLATE_NOOP("MovementDialog", "Adjust"),
    ),
    MovementType.COUNT: (
        QT_TRANSLATE_NOOP("MovementDialog", "Count"),
        QT_TRANSLATE_NOOP("MovementDialog", "Counted on the shelf"),
        QT_TRANSLATE_NOOP("MovementDialog", "Note"),
        QT_TRANSLATE_NOOP("MovementDialog", "Record count"),
    ),
}


def stores_for(db: Database, actor: Actor) -> list[StoreView]:
    """The stores this person may move stock in: all of them, or a clerk's own."""
    stores = organisation.list_stores(db.uow())
    return [s for s in stores if s.id in actor.store_ids] if actor.is_clerk else stores


def store_combo(stores: list[StoreView], selected: uuid.UUID | None = None) -> QComboBox:
    combo = QComboBox()
    for store in stores:
        combo.addItem(f"{store.code} — {store.name}", str(store.id))
    if selected is not None:
        combo.setCurrentIndex(max(0, combo.findData(str(selected))))
    return combo


class MovementDialog(FormDialog):
    """One movement of `item`; after `accept`, `result` holds the movement(s) the service posted."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        item: ItemView,
        kind: MovementType,
        parent: QWidget | None = None,
        *,
        store_id: uuid.UUID | None = None,
    ) -> None:
        title, quantity_label, reference_label, ok_text = (
            QCoreApplication.translate("MovementDialog", text) for text in _TEXTS[kind]
        )
        super().__init__(f"{title} — {item.sku}", parent, ok_text=ok_text)
        self.db, self.actor, self.item, self.kind = db, actor, item, kind
        self.result_views: list[object] = []
        self.setMinimumWidth(420)
        heading = QLabel(f"<b>{item.sku}</b> — {item.name} ({item.unit})")
        heading.setWordWrap(True)
        self.form.addRow(heading)
        stores = stores_for(db, actor)
        self.store = self.add_row(
            "store_id",
            self.tr("From store") if kind is MovementType.TRANSFER else self.tr("Store"),
            store_combo(stores, store_id),
            "store",
            "from_store",
        )
        self.to_store: QComboBox | None = None
        if kind is MovementType.TRANSFER:
            # A clerk may send only between their own stores: the service says the same.
            self.to_store = self.add_row("to_store_id", self.tr("To store"), store_combo(stores), "to_store")
            others = [i for i in range(self.to_store.count()) if i != self.store.currentIndex()]
            self.to_store.setCurrentIndex(others[0] if others else 0)  # somewhere else than "from"
        self.quantity = self.add_row("quantity", quantity_label, QLineEdit(), "counted")
        self.unit_cost: QLineEdit | None = None
        if kind is MovementType.RECEIVE:
            self.unit_cost = self.add_row("unit_cost", self.tr("Unit cost"), QLineEdit(), "unit_cost")
            self.unit_cost.setPlaceholderText(self.tr("optional"))
        self.reference = self.add_row("reference", reference_label, QLineEdit())
        self.place = PlaceFields(
            self,
            db,
            actor,
            item,
            incoming=kind in (MovementType.RECEIVE, MovementType.ADJUST, MovementType.COUNT),
            outgoing=kind in (MovementType.SELL, MovementType.TRANSFER, MovementType.ADJUST),
        )
        self.store.currentIndexChanged.connect(self._store_changed)
        self._store_changed()
        if not stores:
            self.show_field_error("store_id", self.tr("You are not assigned to any store."))
            self.ok_button.setEnabled(False)
        self.quantity.setFocus()

    def _store_changed(self) -> None:
        data = self.store.currentData()
        self.place.set_store(uuid.UUID(data) if data else None)

    def submit(self) -> None:
        """Post through the stock service; quantities go as typed so errors quote them."""
        store_id = self.store.currentData()
        if store_id is None:
            raise ValidationError("store_id", "", self.tr("is required"))
        common = {"item_id": self.item.id, "reference": self.reference.text(), "place": self.place.choice()}
        uow = self.db.uow()
        if self.kind is MovementType.RECEIVE:
            assert self.unit_cost is not None
            cost = self.unit_cost.text().strip() or None
            views = [
                stock.receive(
                    uow,
                    self.actor,
                    store_id=store_id,
                    quantity=self.quantity.text(),
                    unit_cost=cost,
                    **common,
                )
            ]
        elif self.kind is MovementType.SELL:
            views = [stock.sell(uow, self.actor, store_id=store_id, quantity=self.quantity.text(), **common)]
        elif self.kind is MovementType.ADJUST:
            views = [
                stock.adjust(uow, self.actor, store_id=store_id, quantity=self.quantity.text(), **common)
            ]
        elif self.kind is MovementType.COUNT:
            views = [stock.count(uow, self.actor, store_id=store_id, counted=self.quantity.text(), **common)]
        else:
            assert self.to_store is not None
            views = list(
                stock.transfer(
                    uow,
                    self.actor,
                    from_store_id=store_id,
                    to_store_id=self.to_store.currentData(),
                    quantity=self.quantity.text(),
                    **common,
                )
            )
        self.result_views = views
