"""Sentences a person reads, as message ids with parameters: the English catalogue.

A refusal carries a `Message` (a `str` whose text is the English sentence, so `str(error)`, logs and
the CLI read as before) plus its id and parameters, so a front end in another language looks the
id up in its translation (`stockdesk.i18n`) and fills in the same parameters. The domain stays free
of Qt and of files: this module is the list of ids and their English templates, nothing else.

Templates use `str.format` fields; a parameter that is itself a `Message` is translated first.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# id -> English template. Grouped by what refuses; the German lives in resources/translations/messages_de.ts.
ENGLISH: Mapping[str, str] = MappingProxyType({
    # any text without an id (a front end's own sentence, an error of a library): shown as it is
    "text": "{text}",
    # the frames of the errors in errors.py
    "validation": "{field}: {value!r} {reason}",
    "not_found": "{entity} {key!s} not found",
    "insufficient_stock": "quantity: {requested} of {sku} requested but only {on_hand} on hand in {store}",
    "row_problem": "row {row}, column {field}: {value!r} {reason}",
    "auth.failed": "wrong e-mail or password",
    "auth.locked": "too many failed attempts: try again in {seconds_left} s",
    "scanner.unavailable": "scanner {source}: {reason}",
    # permissions
    "permission.own_items": "clerks may only change items they created themselves",
    "permission.own_movements": "clerks may only reverse their own movements",
    "permission.assigned_stores": "clerks may only move stock in the stores they are assigned to",
    "permission.role": "a {role} may not {action}",
    "permission.report_stores": "clerks may only report on the stores they are assigned to",
    "permission.admin_exists": "an administrator already exists: log in instead",
    "permission.no_admin": (
        "no administrator yet: create one in the window or with `stockdesk user add --role admin`"
    ),
    # values: the reason after "field 'value' ..."
    "required": "is required",
    "too_long": "is longer than {maximum} characters",
    "not_email": "is not an e-mail address",
    "needs_email": "needs at least one e-mail address",
    "not_whole_number": "is not a whole number",
    "not_number": "is not a number",
    "not_finite": "is not a finite number",
    "between": "must be between {minimum} and {maximum}",
    "at_least_one": "must be at least 1",
    "more_than_zero": "must be more than zero",
    "not_negative": "must not be negative",
    "not_zero_adjustment": "must not be zero for an adjustment",
    "too_many_places": "has more than {places} decimal places",
    "too_large": "is too large",
    "one_of": "is not one of {choices}",
    "out_suffix": "must end in .pdf or .csv",
    # users
    "password_short": "must have at least {minimum} characters",
    "role_choices": "must be admin, manager or clerk",
    "email_taken": "already has an account (e-mail addresses ignore case)",
    "lockout": "would lock you out: ask another admin",
    "wrong_password": "is not your current password",
    # catalogue and organisation
    "not_item_field": "is not an item field",
    "not_supplier_field": "is not a supplier field",
    "sku_taken": "is already used by another item",
    "sku_taken_as": "is already used by another item ({taken!r}: SKUs ignore case and surrounding spaces)",
    "store_code_taken": "is already the code of another store",
    "category_inside": "is inside this category",
    "category_empty_level": "has an empty level",
    "unknown_category": "is not a known category",
    "unknown_supplier": "is not a known supplier",
    "unknown_entity": "is not a known {entity}",
    "item_archived": "is archived: restore it before receiving stock",
    "item_card_sku": "is required for the item card",
    # barcodes
    "empty": "is empty",
    "barcode_taken": "already belongs to item {owner}",
    "barcode_retry": "could not be allocated; try again",
    "prefix_full": "has no free in-store numbers left",
    "digits_only": "must contain only digits",
    "gtin_length": "has {digits} digits; a GTIN has 8, 12, 13 or 14",
    "check_digit": "has a wrong check digit (expected {expected})",
    "not_upce": "is not a UPC-E code (8 digits starting with 0 or 1)",
    "in_store_prefix": "must be between 20 and 29 (the in-store range)",
    "cannot_encode": "cannot be encoded as {symbology}: {problem}",
    "incomplete_code": "is not a complete {symbology} code with a valid check digit",
    "label_too_long": "is too long to print readably on this label",
    "gs1.empty": "is an empty GS1 element string",
    "gs1.unreadable": "is not a GS1 element string (cannot read from {at!r})",
    "gs1.unknown_ai": "has an unknown AI ({ai})",
    "gs1.needs_characters": "AI ({ai}) needs {length} characters",
    "gs1.too_long": "AI ({ai}) is longer than {maximum} characters",
    "gs1.repeated": "repeats AI ({ai})",
    "gs1.gtin": "AI (01): GTIN {reason}",
    "gs1.needs_digits": "AI ({ai}) needs {length} digits, got {value!r}",
    "gs1.ai_empty": "AI ({ai}) is empty",
    "gs1.no_month": "AI ({ai}): month {month:02d} does not exist",
    "gs1.no_day": "AI ({ai}): day {day:02d} does not exist in {year}-{month:02d}",
    # stock
    "kind_not_direct": "is posted by transfer() or count(), not directly",
    "same_store": "is the same store as the one stock leaves",
    "reversal_reason": "is required to reverse a movement",
    "is_reversal": "is itself a reversal; post a new movement instead",
    "already_reversed": "has already been reversed",
    # stocktakes
    "not_stocktake_id": "is not a stocktake id",
    "stocktake_closed": "is already {status}: start a new one",
    "store_busy": "already has an open stocktake ({busy})",
    "posted_meanwhile": "was posted meanwhile by someone else",
    "unknown_code": "is not a known SKU or barcode",
    "not_in_stocktake": "is not part of this stocktake",
    "would_be_negative": "for {sku} would be negative",
    "unknown_location": "is not a location of {store}",
    "location_outside_count": "is outside the zones of this stocktake ({zones})",
    "location_needed": "is needed: this stocktake counts zones, so every count names its location",
    "count_not_by_place": "cannot be counted here: this stocktake was started when {store} had no locations",
    # purchasing
    "no_supplier": "has no supplier: set one before ordering",
    "order_not_draft": "is {status}: only drafts can be edited",
    "order_not_sent": "is {status}: only sent orders are received",
    "line_not_in_order": "does not belong to {order}",
    "not_on_order": "is not on order {order}",
    "order_no_lines": "has no lines",
    # imports
    "repeats_row": "repeats row {row}",
    "no_worksheet": "has no worksheet",
    "not_csv": "is not readable CSV ({error})",
    "not_workbook": "cannot be read as a workbook ({error})",
    "unreadable_sheet": "has an unreadable sheet ({error})",
    "bad_encoding": "is not valid {encoding} text in {name}: save the file again as UTF-8",
    "file_too_big": "is {size} MB (at most {limit} MB)",
    "cell_too_long": "is {length} characters long (at most {maximum}); an unclosed quote does this too",
    "xlsx_not_zip": "is not an Excel workbook (.xlsx files are zip archives)",
    "xlsx_parts": "holds {parts} parts: not a workbook to import",
    "xlsx_expands": "expands to {size} MB (at most {limit} MB)",
    "xlsx_damaged": "is a damaged workbook ({error})",
    "zip_bomb": "part {part} expands {ratio} times: refused as a zip bomb",
    "stale_version": "is an old version: the item changed since it was read",
    # the HTTP API
    "api.internal": "the server could not answer this request; it has been logged",
    "api.login_first": 'log in first: send the header Authorization: Bearer <token or API key>',
    "api.bad_cursor": 'is not a cursor of this list (use the next or previous link)',
    "api.unknown_query": 'is not a query parameter of this request (it takes: {accepted})',
    "api.key_not_session": 'is an API key: revoke it with stockdesk api-key',
    "api.category_no_change": 'must change name or parent_id',
    "api.cert_and_key": 'and --keyfile go together',
    "api.workers_sqlite": 'must be 1 on a SQLite file (use PostgreSQL for more)',
    "api.access_invalid": 'the access token is not valid',
    "api.refresh_invalid": 'the refresh token is not valid',
    "api.refresh_expired": 'the refresh token is not valid (expired or logged out)',
    "api.refresh_reused": 'the refresh token is not valid any more: log in again',
    "api.access_expired": 'the access token has expired: refresh it or log in again',
    "api.access_logged_out": 'the access token was revoked (logged out)',
    "api.access_revoked": 'the access token was revoked: the password, role or account changed',
    "api.key_read_only": 'the API key {name!r} may only read',
    "api.key_scope": 'must be read or write',
    "api.key_name_taken": 'already names an API key',
    "api.key_invalid": 'the API key is not valid (unknown or revoked)',
    "api.key_owner_disabled": 'the API key is not valid: the account that made it is disabled',
    "api.ordering": 'must be one of {choices}',
    "api.limit": 'must be between 1 and {maximum}',
    "api.transfer_only": 'is for transfers only: where the stock arrives in the other store',
    "api.idempotency_key_length": 'must have 1 to {maximum} characters',
    "api.idempotency_reused": 'was already used for a different request',
    "currency_code": "must be a three-letter code such as EUR, USD or GBP",
    "undo_other_desk": "was posted at another desk: undo it there",
    "undo_earlier_shift": "is from an earlier shift",
    "control_character": "contains a control character ({code}) at position {position}",
    "unknown_store_code": "is not a known store code",
    "mapped_twice": "is mapped twice (also column {column!r})",
    "no_column": "no column holds the {name}",
    "sheet_missing": "is not in the workbook ({names})",
    "new_item_no_name": "is a new item and the file gives no name",
    "not_yours": "is an item you may not edit",
    # settings, alerts, reports, sync
    "not_smtp_setting": "is not an SMTP setting",
    "security_choices": "must be none, starttls or ssl",
    "alert_mode": "must be immediate or digest",
    "period_end": "is after the end of the period",
    "conflict_done": "is already {status}",
    "key_collision": "a key collision is settled by editing the item",
    # scanner sources
    "scanner.stopped": "stopped delivering pictures (unplugged?)",
    "scanner.busy": "cannot be opened (not connected, or used by another program)",
    "scanner.no_file": "file not found",
    "scanner.not_video": "cannot be read as a video",
    "scanner.no_folder": "not found",
    "scanner.no_images": "contains no images",
    "scanner.unknown": "is not a camera number, a video file or a folder of images",
    # scans at the counter
    "scan.nothing": "nothing was scanned",
    "scan.gs1_without_gtin": "is a GS1 code without a GTIN (AI 01)",
    "scan.no_item": "belongs to no item",
    "scan.no_store": "names no store ({code})",
    # desks syncing over HTTP (issue 15)
    "sync.desk_id": "is not a desk id (letters, digits, - and _, at most 64; not 'server')",
    "sync.desk_revoked": "the desk {desk!r} was revoked on the server: an admin must register it again",
    "sync.code_invalid": "the enrolment code is not valid (unknown, used or older than a day)",
    "sync.desk_registered": (
        "desk {desk} is registered already: an enrolment code registers new desks only; registering it"
        " again needs a manager's log-in"
    ),
    "sync.code_other_desk": (
        "this upgrade code belongs to the desk {desk}, not to this desk ({own}): "
        "use the code made for this desk"
    ),
    "sync.code_used": (
        "this upgrade code was already used (each works once): ask the server's admin for a new one"
    ),
    "sync.code_expired": (
        "this upgrade code has expired (7 days): ask the server's admin for a new one "
        "(`stockdesk desk upgrade-codes`)"
    ),
    "sync.upgrade_text": (
        "is neither an upgrade code (XXXXXX-XXXXXX-XXXXXX-XXXXXX) nor the line of an upgrade file"
    ),
    "sync.upgrade_other_desk": (
        "was made for the desk {desk}; this desk is {own}: use the upgrade file made for this desk"
    ),
    "sync.upgrade_server": (
        "is not the server's address (https://HOST:PORT): the upgrade file names none, give it"
    ),
    "sync.token_invalid": "the desk token is not valid: register the desk again",
    "sync.batch_too_large": "is larger than {maximum} changes: send smaller batches",
    "sync.body_too_large": "the request body is larger than {maximum} bytes",
    "sync.malformed": "is not a batch of changes: {problem}",
    "sync.desk_login": "registering a desk needs a manager's or admin's log-in or an enrolment code",
    "sync.clock_ahead": "is stamped in the future: this desk's clock is more than {minutes} minutes ahead",
    "sync.server_postgresql": "is not PostgreSQL: desks sync with a server on PostgreSQL",
    # units and packs (issue 21)
    "unit.whole": "must be a whole number of {unit}",
    "unit.places": "has more than {places} decimal places for {unit}",
    "pack.code_taken": "is already the barcode of another item or pack",
    "pack.name_taken": "is already a pack of this item",
    "pack.one_purchase_pack": "only one pack of an item can be the purchase pack",
    "pack.not_of_item": "is a pack of another item",
    "pack.cell_form": (
        "is not a pack: write NAME=CONTENTS, then :BARCODE if it has one and * for the supplier's pack "
        "(case=12:4012345678901*; bag=5)"
    ),
    "pack.stock_units_only": "is not used by adjustments and counts: they are in the stock unit",
    # Item templates and variants (services/catalogue/variants.py).
    "variant.template_not_stocked": "is a template: its stock is kept on its variants, not on {sku} itself",
    "variant.template_has_stock": "has stock: an item with stock cannot become a template",
    "variant.is_variant": "is a variant of {template}: a variant cannot have variants",
    "variant.not_variant": "is not a variant of a template",
    "variant.no_attributes": "are missing: give the template at least one attribute with its values",
    "variant.no_values": "has no values: give at least one",
    "variant.name_twice": "names attribute {name} twice",
    "variant.value_twice": "lists value {value} twice",
    "variant.too_many": "would make more than {maximum} variants at once",
    "variant.sku_taken": "is taken by another item: the variant {values} would need it",
    "variant.sku_shared": "would be the SKU of two variants ({first} and {second}): make their values differ",
    "variant.cell_form": "is not an attribute: write NAME=VALUE, separated by ; (size=M; colour=Red)",
    "variant.template_unknown": "names no item: no template has this SKU in the catalogue or the file",
    "variant.template_is_variant": "is a variant itself: a template cannot be a variant",
    # item pictures (issue 21)
    "picture.file_too_large": "is {size} MB: a picture file may be at most {limit} MB",
    "picture.not_image": "is not a picture this program can read (JPEG, PNG, GIF, BMP, TIFF or WebP)",
    "picture.too_large": "is still larger than {limit} KB after shrinking it: use a simpler picture",
    # the items CSV's Picture column (services/exchange/item_pictures.py)
    "picture.no_file": "names no picture file: there is no file {path}",
    "picture.unreadable": "cannot be read from {path}: {error}",
    "picture.relative_no_folder": (
        "is a relative path, but the item file's folder is not known: give a full path"
    ),
    "picture.url_failed": "could not be fetched: {error}",
    "picture.download_too_large": "sends more than {limit} MB: a picture file may be at most {limit} MB",
    # Locations, lots and serial numbers (services/places).
    "tracking_kind": "is not a way to track an item: use one of {kinds}",
    "location_kind": "is not a kind of location: use one of {kinds}",
    "location_other_store": "is a location of another store, not of {store}",
    "location_code_spaces": "has spaces: a location's code is printed as one barcode",
    "location_code_taken": "is taken: location {code} has it",
    "location_code_is_barcode": "is a barcode of item {sku}: a scan must name one thing",
    "same_location": "is where the stock is already: choose another location",
    "location_archived": "is archived: restore it before stock goes in or out there",
    "location_holds_stock": "still holds stock at {code}: move it to another location before archiving",
    "location_parent_archived": "is under {code}, which is archived: restore {code} first",
    "no_locations_to_label": "has no active locations to label",
    "labels_one_kind": "prints location labels only: leave out --sku and --search",
    "item_not_tracked": "is not needed: {sku} is not tracked by lot or serial number",
    "serial_in_stock": "is in stock already: serial number {serial} of {sku} cannot be received twice",
    "serial_count": "names {count} serial number(s) for {quantity} unit(s): give one per unit",
    "serial_twice": "names serial number {serial} twice",
    "serial_not_here": "is not in stock in {store}: serial number {serial} cannot leave it (sold already?)",
    "lot_required": "is missing: {sku} is tracked by lot, so a receipt names its lot",
    "lot_expiry_differs": "differs from lot {lot}'s expiry date {expires}",
    "expiry_required": "is missing: {sku} has use-by dates, so lot {lot} needs one when first received",
    "lot_unknown": "names no lot of {sku}",
    "expiry_correction_needs_date": "is required: the corrected use-by date of lot {lot}",
    "expiry_unchanged": "is lot {lot}'s use-by date already: nothing to correct",
    "recall_needs": "is required: a recall names the item's SKU and the lot's code (or serial number)",
    "location_unknown": "names no location: give a location's id or the code on its label",
    "lot_expired": "expired on {expires}: lot {lot} is not sold or moved without a manager's override",
    "only_expired_left": (
        "cannot be taken: the {expired} of {sku} left in {store} are expired lots (a manager may override)"
    ),
    # The reasons of a reorder suggestion (domain/reorder.py), joined by "; ".
    "reorder.manager_point": "reorder point {point} (set by manager)",
    "reorder.forecast_point": "{rate}/day × {lead} d lead + {safety} safety = {point}",
    "reorder.review": "target {point} + {rate}/day × {review} d review = {target}",
    "reorder.above_point": "on hand {on_hand} + on order {on_order} is above the reorder point → no order",
    "reorder.order": "on hand {on_hand} + on order {on_order} → order {quantity}",
    "reorder.order_multiple": (
        "on hand {on_hand} + on order {on_order} → order {quantity} (multiple of {multiple})"
    ),
    "reorder.reason_2": "{first}; {second}",
    "reorder.reason_3": "{first}; {second}; {third}",
    "reorder.cancelled": "the calculation was stopped; the suggestions shown are the earlier ones",
    "reorder.no_forecast": "no forecast: reorder quantity {quantity}, or back to the reorder point {point}",
})

# Parameters whose value is an English word from the code (a noun, a role, a status), never typed by a
# person: a translation looks them up among its words. Everything else is data and shown as it is.
WORD_PARAMS = frozenset({"entity", "role", "action", "status"})


class Message(str):
    """A sentence as id + parameters; as a `str` it is the English text (what `str(error)` shows)."""

    id: str
    params: Mapping[str, object]

    def __new__(cls, message_id: str, /, **params: object) -> Message:
        text = ENGLISH[message_id].format_map(params)  # KeyError: an id nobody wrote down
        self = super().__new__(cls, text)
        self.id = message_id
        self.params = MappingProxyType(params)
        return self

    def __reduce__(self) -> tuple[object, ...]:
        # Crosses process boundaries (worker pools) as id + params, not as a bare str.
        return (_rebuild, (self.id, dict(self.params)))


def _rebuild(message_id: str, params: dict[str, object]) -> Message:
    return Message(message_id, **params)


def as_message(text: str) -> Message:
    """`text` as it is: a Message already, or an untranslatable sentence under the id "text"."""
    return text if isinstance(text, Message) else Message("text", text=text)
