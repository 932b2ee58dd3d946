"""Audit details as sentences a manager reads ("Sold 3 × HAM-1 ..."), one per action kind, translated.

The services store each event's details as JSON (`{"lines": 200}`); this turns them into words in the
window's language. An action without a sentence yet (a new kind, a sync conflict of a new status)
falls back to "key: value" pairs, never raw JSON.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "AuditSentences"
SENTENCES = {
    "stock.post": QT_TRANSLATE_NOOP("AuditSentences", "Posted stock movements: {lines}."),
    "stock.transfer": QT_TRANSLATE_NOOP(
        "AuditSentences", "Moved {quantity} × {sku} from {source} to {target}."
    ),
    "stock.count": QT_TRANSLATE_NOOP(
        "AuditSentences", "Counted {counted} × {sku} in {store} (a change of {delta})."
    ),
    "stock.reverse": QT_TRANSLATE_NOOP("AuditSentences", "Reversed a stock movement: {reason}."),
    "stock.expired_override": QT_TRANSLATE_NOOP(
        "AuditSentences", "Sold or moved an expired lot of {sku} in {store} (manager's override)."
    ),
    "lot.correct_expiry": QT_TRANSLATE_NOOP(
        "AuditSentences", "Corrected lot {lot} of {sku}: use by {after} instead of {before} ({reason})."
    ),
    "stocktake.start": QT_TRANSLATE_NOOP(
        "AuditSentences", "Started stocktake {number} — {title} in {store} with {lines} items to count."
    ),
    "stocktake.count": QT_TRANSLATE_NOOP("AuditSentences", "Saved count lines of a stocktake: {lines}."),
    "stocktake.post": QT_TRANSLATE_NOOP(
        "AuditSentences", "Posted a stocktake: movements {movements}, value difference {value_difference}."
    ),
    "item.create": QT_TRANSLATE_NOOP("AuditSentences", "Created item {sku}."),
    "item.update": QT_TRANSLATE_NOOP("AuditSentences", "Changed an item: {changes}."),
    "item.archive": QT_TRANSLATE_NOOP("AuditSentences", "Archived an item."),
    "item.restore": QT_TRANSLATE_NOOP("AuditSentences", "Restored an archived item."),
    "item.bulk_create": QT_TRANSLATE_NOOP("AuditSentences", "Created {count} items at once."),
    "item.import": QT_TRANSLATE_NOOP(
        "AuditSentences", "Imported {rows} items ({rejected} rows rejected, {movements} stock movements)."
    ),
    "item.reorder_points": QT_TRANSLATE_NOOP("AuditSentences", "Set the reorder point of {items} items."),
    "barcode.add": QT_TRANSLATE_NOOP("AuditSentences", "Added barcode {code} to an item."),
    "barcode.remove": QT_TRANSLATE_NOOP("AuditSentences", "Removed barcode {code} from an item."),
    "store.create": QT_TRANSLATE_NOOP("AuditSentences", "Opened store {code}."),
    "store.update": QT_TRANSLATE_NOOP("AuditSentences", "Changed a store."),
    "category.create": QT_TRANSLATE_NOOP("AuditSentences", "Created category {name}."),
    "category.rename": QT_TRANSLATE_NOOP("AuditSentences", "Renamed a category to {name}."),
    "category.move": QT_TRANSLATE_NOOP("AuditSentences", "Moved a category."),
    "supplier.create": QT_TRANSLATE_NOOP("AuditSentences", "Added supplier {name}."),
    "supplier.update": QT_TRANSLATE_NOOP("AuditSentences", "Changed a supplier."),
    "supplier.archive": QT_TRANSLATE_NOOP("AuditSentences", "Archived a supplier."),
    "user.create": QT_TRANSLATE_NOOP("AuditSentences", "Created a user account with the role {role}."),
    "user.update": QT_TRANSLATE_NOOP(
        "AuditSentences", "Changed a user account: role {role}, active {active}."
    ),
    "user.password": QT_TRANSLATE_NOOP("AuditSentences", "Changed their password."),
    "user.reset_password": QT_TRANSLATE_NOOP("AuditSentences", "Reset a user's password."),
    "po.draft": QT_TRANSLATE_NOOP("AuditSentences", "Drafted purchase order {number}."),
    "po.edit": QT_TRANSLATE_NOOP("AuditSentences", "Changed a purchase order."),
    "po.send": QT_TRANSLATE_NOOP("AuditSentences", "Sent purchase order {number} to {to}."),
    "po.receive": QT_TRANSLATE_NOOP("AuditSentences", "Received purchase order lines: {lines}."),
    "alert.acknowledge": QT_TRANSLATE_NOOP("AuditSentences", "Acknowledged a low-stock alert."),
    "alert.snooze": QT_TRANSLATE_NOOP("AuditSentences", "Snoozed a low-stock alert until {until}."),
    "alert.recipient.add": QT_TRANSLATE_NOOP("AuditSentences", "Added {email} to the alert recipients."),
    "alert.recipient.remove": QT_TRANSLATE_NOOP(
        "AuditSentences", "Removed {email} from the alert recipients."
    ),
    "settings.smtp": QT_TRANSLATE_NOOP("AuditSentences", "Set the mail server to {host}:{port}."),
    "settings.planning": QT_TRANSLATE_NOOP("AuditSentences", "Changed the planning settings: {changes}."),
    "settings.currency": QT_TRANSLATE_NOOP("AuditSentences", "Set the shop's currency to {currency}."),
    "sync.review.resolve": QT_TRANSLATE_NOOP("AuditSentences", "Resolved a stock review after a sync."),
}


def _pairs(details: dict[str, Any]) -> str:
    return ", ".join(f"{key.replace('_', ' ')}: {value}" for key, value in sorted(details.items()))


def audit_sentence(action: str, details_json: str) -> str:
    """The event's details in the window's language ("" when it has none and no sentence)."""
    try:
        details = json.loads(details_json) if details_json else {}
    except ValueError:  # written by hand or by an older version: show it as it is
        return details_json
    if not isinstance(details, dict):
        return str(details)
    template = SENTENCES.get(action)
    if template is None:
        return _pairs(details)
    values = {"changes": _pairs(details), **details}
    try:
        return QCoreApplication.translate(CONTEXT, template).format(**values)
    except (KeyError, IndexError):  # an older event without a field the sentence names
        return _pairs(details)
