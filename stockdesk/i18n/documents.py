"""Every text of StockDesk's documents (report PDFs, the purchase order, alert and order e-mails), in
English, the source language: each is its own key (`Wording("de")("Unit cost")`).

`{name}` fields are filled by the builder with values already written for the reader (numbers, dates).
packaging/update_messages.py copies this list into the "documents" context of every
resources/translations/messages_<language>.ts; tests/unit/test_messages.py keeps German complete.
"""

from __future__ import annotations

# Column headers, shared by several reports.
COLUMN_HEADERS = (
    "#", "Amount", "Balance", "Barcode", "Counted", "Date", "Difference", "Expected", "Item", "Kind",
    "On hand", "On order", "Order value", "Quantity", "Reason", "Reference", "Reference / value",
    "Reorder pt", "SKU", "Sell price", "Store / field", "Suggested", "Supplier", "Unit", "Unit cost", "User",
    "Value at cost", "Value at sell", "Value diff.", "Location", "Lot",
)

# What every report page and its total lines say.
PAGE_FRAME = (
    "All stores", "Generated {at} by {user}", "Page {page} of", "Grand total", "Subtotal {section}",
    "{section}, brought forward", "{section}, carried forward", "Nothing to report for this selection.",
    "{count} item", "{count} items",
)

REPORTS = (
    # valuation
    "Inventory valuation", "As of {day} (end of day)",
    # stock by template (variants)
    "Stock by template", "Variants with stock, by template and store", "Variant",
    # low stock and reorder list
    "Low stock and reorder list", "Stock on {at}", ", so ", " (set by manager)", " (manager)",
    # movements, and the kinds of movement as every report names them
    "Stock movements", "{first} to {last}", "kind {kind}", "user {user}", "item {sku}",
    "receive", "sale", "transfer_out", "transfer_in", "adjust", "count", "opening balance", "closing balance",
    # stocktake sheet and variance
    "Stocktake sheet", "Printed {at} · counted by: ____________", "No location",
    "Stocktake variance", "not counted", "Counted ({items})", "Not counted ({items}, left unchanged)",
    "open", "posted {day}", "Started {at} · {state}",
    # stocktake variance by location
    "Location", "Lot", "{location} ({places})", "{count} place", "{count} places", "Unplaced",
    "Not counted ({places}, left unchanged)",
    # item card
    "Item card", "Item card: {sku}", "Name", "Description", "Category", "Cost price", "Reorder point",
    "Reorder quantity", "Status", "active", "archived", "Barcodes", "none", "Stock per store",
    "Last {count} movements", "Details", "No barcode", "Barcode {code} (cannot be drawn)",
)

PURCHASE_ORDER = (
    "Purchase order {number}", "Deliver to {store}", "Attn. {contact}", "Order date", "not sent yet",
    "{pack} of {contents} {unit}",
    "Expected delivery", "to be confirmed", "Currency", "the shop's currency", "Buyer and delivery address",
    "Note", "Terms",
    "Please confirm this order and its delivery date by e-mail. Deliver to the address above and "
    "quote the order number on the delivery note and the invoice; partial deliveries are accepted.",
    # its e-mail
    "Dear {name},\n\nplease find attached our order {number} for delivery to {store} ({lines}).",
    "{count} line", "{count} lines",
)

ALERT_MAILS = (
    "Low stock: {sku} {name} in {store}", "Low stock: {count} items reached their reorder point",
    "These items are at or below their reorder point:",
    "{sku}  {name}  in {store}: on hand {on_hand}, reorder point {point}",
    "Alerts opened since the last digest:", "(since recovered)", "Low stock digest: {alerts}",
    "{count} alert", "{count} alerts",
)

RECALL = (
    "Lot recall", "Recall: {sku} lot {lot}", "Store", "Location", "To / from", "Where the lot went",
    "Still on hand", "received {received}, sold {sold}, on hand {on_hand}", "expires {day}",
)

EXPIRY_MAILS = (
    "Lots that expire soon or have expired:", "Alert digest: {alerts}, {lots}",
    "{count} lot expiring", "{count} lots expiring",
    "{sku}  {name}  lot {lot} in {place}: {quantity} on hand, expires {day}",
    "{sku}  {name}  lot {lot} in {place}: {quantity} on hand, EXPIRED {day}",
)

DOCUMENT_TEXTS: frozenset[str] = frozenset(
    (*COLUMN_HEADERS, *PAGE_FRAME, *REPORTS, *PURCHASE_ORDER, *ALERT_MAILS, *EXPIRY_MAILS, *RECALL)
)
ORDERED_TEXTS: tuple[str, ...] = tuple(dict.fromkeys(
    (*COLUMN_HEADERS, *PAGE_FRAME, *REPORTS, *PURCHASE_ORDER, *ALERT_MAILS, *EXPIRY_MAILS, *RECALL)
))
