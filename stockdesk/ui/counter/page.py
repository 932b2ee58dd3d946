"""Counter mode: scan -> item card in one step, function-key stock actions, the shift's scans.

Every scan (webcam dock, USB wedge, or typed into the scan field) goes through `handle_scan`, which
asks services.scanning what the text means. A store label sets the location that sales, receipts and
counts then use (location-first counting). Refusals are shown big, in red, and never beep.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from stockdesk.domain.errors import InsufficientStock, StockDeskError, ValidationError
from stockdesk.domain.permissions import Action, Actor, allowed
from stockdesk.domain.tracking import Tracking
from stockdesk.services.catalogue import catalog, organisation, scanning
from stockdesk.services.catalogue.packs import PackView
from stockdesk.services.catalogue.scanning import ScanKind, ScanResult
from stockdesk.services.database import Database
from stockdesk.services.inventory import stock, undo
from stockdesk.services.places.place_levels import PlaceLevelView
from stockdesk.services.places.placing import NOTHING, PlaceChoice
from stockdesk.services.views import ItemView
from stockdesk.ui.counter.feedback import ERROR_COLOUR, OK_COLOUR, Beeper, Flasher
from stockdesk.ui.counter.item_card import ItemCardView
from stockdesk.ui.counter.quick_actions import QuickAction, QuickActionsBar
from stockdesk.ui.counter.shift_list import ShiftList
from stockdesk.ui.dialogs.correct_expiry import CorrectExpiryDialog, corrected_text
from stockdesk.ui.dialogs.form import describe_error
from stockdesk.ui.dialogs.movement import MovementDialog, MovementType
from stockdesk.ui.dialogs.place_fields import needs_asking
from stockdesk.ui.dialogs.unknown_code import UnknownCodeDialog
from stockdesk.ui.formatting import format_day, format_quantity, kind_label
from stockdesk.ui.i18n import error_text, say

BANNER_OK = "font-size: 16pt; padding: 8px; background: #e8f5e9; color: #1b5e20;"
BANNER_ERROR = "font-size: 22pt; font-weight: 700; padding: 12px; background: #b00020; color: white;"


def exec_dialog(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


class CounterPage(QWidget):
    """The page; `handle_scan(text, symbology)` is the one entry point for every scanner."""

    item_shown = Signal(object)      # ItemView
    stock_changed = Signal(object)   # item id, after any sale/receipt/count/transfer

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 beeper: Beeper | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.run_dialog: Callable[[QDialog], bool] = exec_dialog  # tests replace it
        self.item: ItemView | None = None
        self.pack: PackView | None = None  # the last scan was this pack's code: quantities count packs
        # Lot, use-by date or serial number a GS1 label said about the unit just scanned.
        self.scanned_place: PlaceChoice = NOTHING
        self.pending_unknown: ScanResult | None = None
        self.beeper = beeper or Beeper(self)
        self.scan_field = QLineEdit()
        self.scan_field.setPlaceholderText(self.tr("Scan or type a code, SKU or store label, then Enter"))
        self.scan_field.setStyleSheet("font-size: 16pt;")
        self.scan_field.returnPressed.connect(self._typed)
        self.location = QComboBox()
        self.location.setStyleSheet("font-size: 14pt;")
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.card = ItemCardView()
        self.card.picture.set_database(db)
        self.card.lot_menu.may_correct = allowed(actor, Action.CORRECT_LOT_EXPIRY)
        self.card.lot_menu.correct_expiry.connect(self._correct_expiry)
        self.flasher = Flasher(self.card, self)
        self.quick = QuickActionsBar()
        self.quick.requested.connect(lambda name: self.run_action(QuickAction(name)))
        self.shift = ShiftList()
        self.shift_start = datetime.now(UTC)  # Ctrl+Z undoes movements from here on, at this desk only
        # The scan field would take Ctrl+Z as "undo typing": at the counter it means "undo the sale".
        self.scan_field.installEventFilter(self)
        self._build()
        self.reload_stores()

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.scan_field, 1)
        top.addWidget(QLabel(self.tr("Location:")))
        top.addWidget(self.location)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.banner)
        left.addWidget(self.card, 1)
        left.addWidget(self.quick)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("<b>This shift</b>")))
        right.addWidget(self.shift, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 5)
        layout.addLayout(right, 2)

    def reload_stores(self) -> None:
        """Fill the location picker with the stores this user may move stock in."""
        stores = organisation.list_stores(self.db.uow())
        if self.actor.is_clerk:
            stores = [s for s in stores if s.id in self.actor.store_ids]
        current = self.location.currentData()
        self.location.clear()
        for store in stores:
            self.location.addItem(f"{store.code} — {store.name}", str(store.id))
        self.quick.set_stores(organisation.list_stores(self.db.uow()))
        if current is not None:
            self.location.setCurrentIndex(max(0, self.location.findData(current)))

    def location_id(self) -> uuid.UUID | None:
        """The store that sales, receipts and counts go to (None when the user may use none)."""
        data = self.location.currentData()
        return uuid.UUID(data) if data else None

    # scanning -----------------------------------------------------------------------------------

    def _typed(self) -> None:
        text = self.scan_field.text()
        self.scan_field.clear()
        if text.strip():
            self.handle_scan(text)

    def handle_scan(self, text: str, symbology: str = "") -> ScanResult:
        """Resolve a scan and show the outcome; returns it for callers that care."""
        result = scanning.resolve_scan(self.db.uow(), text, symbology)
        if result.kind is ScanKind.ITEM and result.item is not None:
            self.show_item(result.item, pack=result.pack)
            self.pending_unknown = None
            self.scanned_place = _gs1_place(result)
            if self.scanned_place.names_something:
                banner = self._lot_banner(self.scanned_place)
            elif result.pack is not None:
                banner = self.tr("{pack} of {factor} {unit}: quantities now count this pack").format(
                    pack=result.pack.name, factor=format_quantity(result.pack.factor), unit=result.item.unit)
            else:
                banner = ""
            self._good(self.tr("{sku} — {name}").format(sku=result.item.sku, name=result.item.name),
                       result.code, banner=banner)
        elif result.kind is ScanKind.LOCATION and result.store is not None:
            self.set_location(result.store.id)
            self._good(self.tr("Location: {code}").format(code=result.store.code), result.code,
                       banner=self.tr("Now working in {name} ({code})").format(
                           name=result.store.name, code=result.store.code))
        elif result.kind is ScanKind.UNKNOWN:
            self.forget_item()  # the card must not show the previous item under a refusal
            self.pending_unknown = result
            self._bad(self.tr("Unknown code {code} — press F6 to create an item or attach it").format(
                code=result.code), result.code, self.tr("Unknown code"))
        elif result.kind is ScanKind.WRONG_CHECK_DIGIT:
            self.forget_item()
            self._bad(self.tr("Wrong check digit: {code} {reason}. Scan it again.").format(
                code=result.code, reason=say(result.reason)), result.code, self.tr("Wrong check digit"))
        else:
            self.forget_item()
            self._bad(self.tr("Cannot use {code}: {reason}").format(code=result.code or text,
                                                                     reason=say(result.reason)),
                      result.code, self.tr("Not a usable code"))
        return result

    def set_location(self, store_id: object) -> None:
        index = self.location.findData(str(store_id))
        if index >= 0:
            self.location.setCurrentIndex(index)

    def _lot_banner(self, place: PlaceChoice) -> str:
        if place.serials:
            return self.tr("Serial number {serial}").format(serial=place.serials[0])
        if place.expires_on is not None:
            return self.tr("Lot {lot}, use by {day}").format(lot=place.lot, day=format_day(place.expires_on))
        return self.tr("Lot {lot}").format(lot=place.lot)

    def forget_item(self) -> None:
        """No item on the card: after a refused scan F1 must not sell the item scanned before it."""
        self.item = None
        self.pack = None
        self.scanned_place = NOTHING
        self.card.clear()

    def undo_last(self) -> None:
        """Ctrl+Z: reverse the last movement of this shift at this desk (audited by the services)."""
        try:
            views = undo.undo_last(self.db.uow(), self.actor, since=self.shift_start)
        except StockDeskError as error:
            self._refused(str(error))
            return
        if not views:
            self._banner(self.tr("Nothing to undo in this shift"), ok=False)
            return
        item = catalog.get_item(self.db.uow(), views[0].item_id)
        self.show_item(item)
        message = self.tr("Undone: {kind} {qty} × {sku}").format(
            kind=kind_label(views[0].kind), qty=format_quantity(abs(views[0].quantity)), sku=item.sku)
        self._good(message, "", banner=message)
        self.stock_changed.emit(item.id)

    def show_item(self, item: ItemView, *, pack: PackView | None = None) -> None:
        self.item = item
        self.pack = pack
        self.card.show_card(scanning.item_card(self.db.uow(), item))
        self.item_shown.emit(item)

    def _correct_expiry(self, place: PlaceLevelView) -> None:
        """The card's *Correct use-by date…* on a lot of the item shown."""
        if self.item is None:
            return
        dialog = CorrectExpiryDialog(self.db, self.actor, self.item.sku, place, self)
        if self.run_dialog(dialog) and dialog.result_view is not None:
            self.show_item(self.item, pack=self.pack)
            self._banner(corrected_text(dialog.result_view), ok=True)

    def _good(self, shift_text: str, code: str, *, banner: str) -> None:
        self.shift.add(code, shift_text, ok=True)
        if banner:
            self._banner(banner, ok=True)
        else:
            self.banner.hide()
        self.beeper.beep()
        self.flasher.flash(OK_COLOUR)

    def _bad(self, message: str, code: str, shift_text: str) -> None:
        self.shift.add(code, shift_text, ok=False)
        self._banner(message, ok=False)
        self.flasher.flash(ERROR_COLOUR)

    def _banner(self, text: str, *, ok: bool) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(BANNER_OK if ok else BANNER_ERROR)
        self.banner.show()

    def banner_text(self) -> str:
        """The message showing above the card ("" when none)."""
        return self.banner.text() if not self.banner.isHidden() else ""

    # actions ------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Z in the scan field undoes the last movement (the field itself holds no history)."""
        if watched is self.scan_field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Undo):
                self.undo_last()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Function keys run the quick actions wherever the focus is on the page; F11 is full screen;
        Ctrl+Z undoes the last movement of the shift."""
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_last()
            event.accept()
            return
        action = self.quick.action_for(event)
        if action is not None:
            self.run_action(action)
            event.accept()
            return
        if event.key() == Qt.Key.Key_F11:
            self.toggle_full_screen()
            event.accept()
            return
        super().keyPressEvent(event)

    def toggle_full_screen(self) -> None:
        window = self.window()
        window.showNormal() if window.isFullScreen() else window.showFullScreen()

    def run_action(self, action: QuickAction) -> None:
        if action is QuickAction.RESOLVE_UNKNOWN:
            self.resolve_unknown()
            return
        if self.item is None:
            self._banner(self.tr("Scan an item first"), ok=False)
            return
        if action is QuickAction.PRINT_LABEL:
            self.print_label()
            return
        try:
            self._post(action)
        except InsufficientStock as error:
            self._refused(self.tr("Not enough stock: only {on_hand} of {sku} in {store}").format(
                on_hand=format_quantity(_dec(error.on_hand)), sku=error.sku, store=error.store))
        except ValidationError as error:
            self._refused(describe_error(error))
        except StockDeskError as error:
            self._refused(error_text(error))
        else:
            self.quick.quantity.clear()

    def _post(self, action: QuickAction) -> None:
        assert self.item is not None
        uow, item, store, pack = self.db.uow(), self.item, self.location_id(), self.pack
        pack_id = pack.id if pack is not None else None
        quantity = "1" if action is QuickAction.SELL_ONE else self.quick.quantity_text()
        if store is None:
            raise ValidationError("location", "", self.tr("is not set: scan a store label or pick a store"))
        place = self.scanned_place
        incoming = action in (QuickAction.RECEIVE, QuickAction.COUNT)
        if needs_asking(item, place, incoming=incoming) and action is not QuickAction.COUNT:
            if not self._ask_place(action, quantity):
                return
            done = self.tr("Posted {qty} × {sku}")
        elif action in (QuickAction.SELL_ONE, QuickAction.SELL):
            stock.sell(uow, self.actor, item_id=item.id, store_id=store, quantity=quantity, pack_id=pack_id,
                       place=place)
            done = self.tr("Sold {qty} × {sku}")
        elif action is QuickAction.RECEIVE:
            stock.receive(uow, self.actor, item_id=item.id, store_id=store, quantity=quantity,
                          pack_id=pack_id, place=place)
            done = self.tr("Received {qty} × {sku}")
        elif action is QuickAction.COUNT:
            stock.count(uow, self.actor, item_id=item.id, store_id=store, counted=quantity, place=place)
            done = self.tr("Counted {qty} × {sku}")
        else:
            stock.transfer(uow, self.actor, item_id=item.id, from_store_id=store,
                           to_store_id=self.quick.transfer_target(), quantity=quantity, pack_id=pack_id,
                           place=place)
            done = self.tr("Sent {qty} × {sku}")
        self.show_item(item, pack=pack)
        if pack is not None and action is not QuickAction.COUNT:
            quantity = self.tr("{qty} {pack} of {factor} {unit}").format(
                qty=quantity, pack=pack.name, factor=format_quantity(pack.factor), unit=item.unit)
        message = done.format(qty=quantity, sku=item.sku)
        self._good(message, "", banner=message)
        self.stock_changed.emit(item.id)

    def _ask_place(self, action: QuickAction, quantity: str) -> bool:
        """A tracked item needs its lot or serial numbers: the movement dialog asks for them, pre-filled
        with the quantity and whatever the scanned label said."""
        assert self.item is not None
        kind = {
            QuickAction.RECEIVE: MovementType.RECEIVE,
            QuickAction.TRANSFER: MovementType.TRANSFER,
        }.get(action, MovementType.SELL)
        dialog = MovementDialog(self.db, self.actor, self.item, kind, self, store_id=self.location_id())
        dialog.quantity.setText(quantity)
        scanned = self.scanned_place
        dialog.place.fill(lot=scanned.lot, expires_on=scanned.expires_on,
                          serial=scanned.serials[0] if scanned.serials else "")
        return self.run_dialog(dialog)

    def _refused(self, message: str) -> None:
        self._bad(message, "", message)

    def print_label(self) -> None:
        """F7: the label of what was scanned last: the case's own label after a case was scanned (a
        torn case label is replaced at the counter), else the item's."""
        assert self.item is not None
        # reportlab and QtPdf load with the first label, not with the counter.
        from stockdesk.ui.dialogs.labels_dialog import LabelsDialog

        self.run_dialog(LabelsDialog.for_counter(self.db, self.item, self.pack, self))

    def resolve_unknown(self) -> None:
        """Offer to create an item with the last unknown code, or to attach it to an existing item."""
        pending = self.pending_unknown
        if pending is None:
            return
        symbology = "" if pending.symbology == "GS1" else pending.symbology
        dialog = UnknownCodeDialog(self.db, self.actor, pending.code, symbology, self)
        dialog.run_dialog = self.run_dialog
        if self.run_dialog(dialog) and dialog.item is not None:
            self.pending_unknown = None
            self.show_item(dialog.item)
            self._good(self.tr("{sku} now has code {code}").format(sku=dialog.item.sku, code=pending.code),
                       pending.code, banner="")


def _gs1_place(result: ScanResult) -> PlaceChoice:
    """What a GS1 label says about the unit in hand, for an item tracked by lot or serial number."""
    gs1, item = result.gs1, result.item
    if gs1 is None or item is None or not Tracking(item.tracking).has_lots:
        return NOTHING
    if Tracking(item.tracking) is Tracking.SERIAL:
        return PlaceChoice(serials=(gs1.serial,)) if gs1.serial else NOTHING
    return PlaceChoice(lot=gs1.batch or "", expires_on=gs1.expiry) if gs1.batch else NOTHING


def _dec(value: object) -> Decimal | None:
    return value if isinstance(value, Decimal) else Decimal(str(value)) if value is not None else None
