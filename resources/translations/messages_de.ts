<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
    <context>
        <name>messages</name>
        <message id="text">
            <source>{text}</source>
            <translation>{text}</translation>
        </message>
        <message id="validation">
            <source>{field}: {value!r} {reason}</source>
            <translation>{field}: „{value}“ {reason}</translation>
        </message>
        <message id="not_found">
            <source>{entity} {key!s} not found</source>
            <translation>{entity} {key} nicht gefunden</translation>
        </message>
        <message id="insufficient_stock">
            <source>quantity: {requested} of {sku} requested but only {on_hand} on hand in {store}</source>
            <translation>Menge: {requested} von {sku} verlangt, aber nur {on_hand} vorrätig in {store}</translation>
        </message>
        <message id="row_problem">
            <source>row {row}, column {field}: {value!r} {reason}</source>
            <translation>Zeile {row}, Spalte {field}: „{value}“ {reason}</translation>
        </message>
        <message id="auth.failed">
            <source>wrong e-mail or password</source>
            <translation>E-Mail oder Passwort falsch</translation>
        </message>
        <message id="auth.locked">
            <source>too many failed attempts: try again in {seconds_left} s</source>
            <translation>Zu viele Fehlversuche: bitte in {seconds_left} s erneut versuchen</translation>
        </message>
        <message id="scanner.unavailable">
            <source>scanner {source}: {reason}</source>
            <translation>Scanner {source}: {reason}</translation>
        </message>
        <message id="permission.own_items">
            <source>clerks may only change items they created themselves</source>
            <translation>Mitarbeiter dürfen nur Artikel ändern, die sie selbst angelegt haben</translation>
        </message>
        <message id="permission.own_movements">
            <source>clerks may only reverse their own movements</source>
            <translation>Mitarbeiter dürfen nur ihre eigenen Buchungen stornieren</translation>
        </message>
        <message id="permission.assigned_stores">
            <source>clerks may only move stock in the stores they are assigned to</source>
            <translation>Mitarbeiter dürfen Bestand nur in den ihnen zugewiesenen Filialen bewegen</translation>
        </message>
        <message id="permission.role">
            <source>a {role} may not {action}</source>
            <translation>Die Rolle „{role}“ darf nicht: {action}</translation>
        </message>
        <message id="permission.report_stores">
            <source>clerks may only report on the stores they are assigned to</source>
            <translation>Mitarbeiter dürfen nur über die ihnen zugewiesenen Filialen berichten</translation>
        </message>
        <message id="permission.admin_exists">
            <source>an administrator already exists: log in instead</source>
            <translation>Es gibt bereits einen Administrator: bitte anmelden</translation>
        </message>
        <message id="permission.no_admin">
            <source>no administrator yet: create one in the window or with `stockdesk user add --role admin`</source>
            <translation>Es gibt noch keinen Administrator: im Fenster oder mit `stockdesk user add --role admin` anlegen</translation>
        </message>
        <message id="required">
            <source>is required</source>
            <translation>ist erforderlich</translation>
        </message>
        <message id="too_long">
            <source>is longer than {maximum} characters</source>
            <translation>ist länger als {maximum} Zeichen</translation>
        </message>
        <message id="not_email">
            <source>is not an e-mail address</source>
            <translation>ist keine E-Mail-Adresse</translation>
        </message>
        <message id="needs_email">
            <source>needs at least one e-mail address</source>
            <translation>braucht mindestens eine E-Mail-Adresse</translation>
        </message>
        <message id="not_whole_number">
            <source>is not a whole number</source>
            <translation>ist keine ganze Zahl</translation>
        </message>
        <message id="not_number">
            <source>is not a number</source>
            <translation>ist keine Zahl</translation>
        </message>
        <message id="not_finite">
            <source>is not a finite number</source>
            <translation>ist keine endliche Zahl</translation>
        </message>
        <message id="between">
            <source>must be between {minimum} and {maximum}</source>
            <translation>muss zwischen {minimum} und {maximum} liegen</translation>
        </message>
        <message id="at_least_one">
            <source>must be at least 1</source>
            <translation>muss mindestens 1 sein</translation>
        </message>
        <message id="more_than_zero">
            <source>must be more than zero</source>
            <translation>muss größer als null sein</translation>
        </message>
        <message id="not_negative">
            <source>must not be negative</source>
            <translation>darf nicht negativ sein</translation>
        </message>
        <message id="not_zero_adjustment">
            <source>must not be zero for an adjustment</source>
            <translation>darf bei einer Korrektur nicht null sein</translation>
        </message>
        <message id="too_many_places">
            <source>has more than {places} decimal places</source>
            <translation>hat mehr als {places} Nachkommastellen</translation>
        </message>
        <message id="too_large">
            <source>is too large</source>
            <translation>ist zu groß</translation>
        </message>
        <message id="one_of">
            <source>is not one of {choices}</source>
            <translation>ist keiner von {choices}</translation>
        </message>
        <message id="out_suffix">
            <source>must end in .pdf or .csv</source>
            <translation>muss auf .pdf oder .csv enden</translation>
        </message>
        <message id="password_short">
            <source>must have at least {minimum} characters</source>
            <translation>muss mindestens {minimum} Zeichen haben</translation>
        </message>
        <message id="role_choices">
            <source>must be admin, manager or clerk</source>
            <translation>muss admin, manager oder clerk sein</translation>
        </message>
        <message id="email_taken">
            <source>already has an account (e-mail addresses ignore case)</source>
            <translation>hat bereits ein Konto (Groß-/Kleinschreibung zählt bei E-Mail-Adressen nicht)</translation>
        </message>
        <message id="lockout">
            <source>would lock you out: ask another admin</source>
            <translation>würde Sie aussperren: bitten Sie einen anderen Administrator</translation>
        </message>
        <message id="wrong_password">
            <source>is not your current password</source>
            <translation>ist nicht Ihr aktuelles Passwort</translation>
        </message>
        <message id="not_item_field">
            <source>is not an item field</source>
            <translation>ist kein Artikelfeld</translation>
        </message>
        <message id="not_supplier_field">
            <source>is not a supplier field</source>
            <translation>ist kein Lieferantenfeld</translation>
        </message>
        <message id="sku_taken">
            <source>is already used by another item</source>
            <translation>wird bereits von einem anderen Artikel verwendet</translation>
        </message>
        <message id="sku_taken_as">
            <source>is already used by another item ({taken!r}: SKUs ignore case and surrounding spaces)</source>
            <translation>wird schon von einem anderen Artikel verwendet ({taken!r}: Groß-/Kleinschreibung und Leerzeichen am Rand zählen nicht)</translation>
        </message>
        <message id="store_code_taken">
            <source>is already the code of another store</source>
            <translation>ist bereits der Code einer anderen Filiale</translation>
        </message>
        <message id="category_inside">
            <source>is inside this category</source>
            <translation>liegt innerhalb dieser Kategorie</translation>
        </message>
        <message id="category_empty_level">
            <source>has an empty level</source>
            <translation>hat eine leere Ebene</translation>
        </message>
        <message id="unknown_category">
            <source>is not a known category</source>
            <translation>ist keine bekannte Kategorie</translation>
        </message>
        <message id="unknown_supplier">
            <source>is not a known supplier</source>
            <translation>ist kein bekannter Lieferant</translation>
        </message>
        <message id="unknown_entity">
            <source>is not a known {entity}</source>
            <translation>ist unbekannt ({entity})</translation>
        </message>
        <message id="item_archived">
            <source>is archived: restore it before receiving stock</source>
            <translation>ist archiviert: vor dem Wareneingang wiederherstellen</translation>
        </message>
        <message id="item_card_sku">
            <source>is required for the item card</source>
            <translation>ist für die Artikelkarte erforderlich</translation>
        </message>
        <message id="empty">
            <source>is empty</source>
            <translation>ist leer</translation>
        </message>
        <message id="barcode_taken">
            <source>already belongs to item {owner}</source>
            <translation>gehört bereits zu Artikel {owner}</translation>
        </message>
        <message id="barcode_retry">
            <source>could not be allocated; try again</source>
            <translation>konnte nicht vergeben werden; bitte erneut versuchen</translation>
        </message>
        <message id="prefix_full">
            <source>has no free in-store numbers left</source>
            <translation>hat keine freien Filialnummern mehr</translation>
        </message>
        <message id="digits_only">
            <source>must contain only digits</source>
            <translation>darf nur Ziffern enthalten</translation>
        </message>
        <message id="gtin_length">
            <source>has {digits} digits; a GTIN has 8, 12, 13 or 14</source>
            <translation>hat {digits} Ziffern; eine GTIN hat 8, 12, 13 oder 14</translation>
        </message>
        <message id="check_digit">
            <source>has a wrong check digit (expected {expected})</source>
            <translation>hat eine falsche Prüfziffer (erwartet {expected})</translation>
        </message>
        <message id="not_upce">
            <source>is not a UPC-E code (8 digits starting with 0 or 1)</source>
            <translation>ist kein UPC-E-Code (8 Ziffern, beginnend mit 0 oder 1)</translation>
        </message>
        <message id="in_store_prefix">
            <source>must be between 20 and 29 (the in-store range)</source>
            <translation>muss zwischen 20 und 29 liegen (der Bereich für Filialnummern)</translation>
        </message>
        <message id="cannot_encode">
            <source>cannot be encoded as {symbology}: {problem}</source>
            <translation>lässt sich nicht als {symbology} kodieren: {problem}</translation>
        </message>
        <message id="incomplete_code">
            <source>is not a complete {symbology} code with a valid check digit</source>
            <translation>ist kein vollständiger {symbology}-Code mit gültiger Prüfziffer</translation>
        </message>
        <message id="label_too_long">
            <source>is too long to print readably on this label</source>
            <translation>ist zu lang, um auf diesem Etikett lesbar gedruckt zu werden</translation>
        </message>
        <message id="gs1.empty">
            <source>is an empty GS1 element string</source>
            <translation>ist eine leere GS1-Elementfolge</translation>
        </message>
        <message id="gs1.unreadable">
            <source>is not a GS1 element string (cannot read from {at!r})</source>
            <translation>ist keine GS1-Elementfolge (nicht lesbar ab „{at}“)</translation>
        </message>
        <message id="gs1.unknown_ai">
            <source>has an unknown AI ({ai})</source>
            <translation>hat einen unbekannten AI ({ai})</translation>
        </message>
        <message id="gs1.needs_characters">
            <source>AI ({ai}) needs {length} characters</source>
            <translation>AI ({ai}) braucht {length} Zeichen</translation>
        </message>
        <message id="gs1.too_long">
            <source>AI ({ai}) is longer than {maximum} characters</source>
            <translation>AI ({ai}) ist länger als {maximum} Zeichen</translation>
        </message>
        <message id="gs1.repeated">
            <source>repeats AI ({ai})</source>
            <translation>wiederholt AI ({ai})</translation>
        </message>
        <message id="gs1.gtin">
            <source>AI (01): GTIN {reason}</source>
            <translation>AI (01): GTIN {reason}</translation>
        </message>
        <message id="gs1.needs_digits">
            <source>AI ({ai}) needs {length} digits, got {value!r}</source>
            <translation>AI ({ai}) braucht {length} Ziffern, erhalten „{value}“</translation>
        </message>
        <message id="gs1.ai_empty">
            <source>AI ({ai}) is empty</source>
            <translation>AI ({ai}) ist leer</translation>
        </message>
        <message id="gs1.no_month">
            <source>AI ({ai}): month {month:02d} does not exist</source>
            <translation>AI ({ai}): Monat {month:02d} gibt es nicht</translation>
        </message>
        <message id="gs1.no_day">
            <source>AI ({ai}): day {day:02d} does not exist in {year}-{month:02d}</source>
            <translation>AI ({ai}): Tag {day:02d} gibt es nicht im {year}-{month:02d}</translation>
        </message>
        <message id="kind_not_direct">
            <source>is posted by transfer() or count(), not directly</source>
            <translation>wird von transfer() oder count() gebucht, nicht direkt</translation>
        </message>
        <message id="same_store">
            <source>is the same store as the one stock leaves</source>
            <translation>ist dieselbe Filiale, aus der der Bestand abgeht</translation>
        </message>
        <message id="reversal_reason">
            <source>is required to reverse a movement</source>
            <translation>ist für das Stornieren einer Buchung erforderlich</translation>
        </message>
        <message id="is_reversal">
            <source>is itself a reversal; post a new movement instead</source>
            <translation>ist selbst ein Storno; bitte eine neue Buchung erfassen</translation>
        </message>
        <message id="already_reversed">
            <source>has already been reversed</source>
            <translation>wurde bereits storniert</translation>
        </message>
        <message id="not_stocktake_id">
            <source>is not a stocktake id</source>
            <translation>ist keine Inventurnummer</translation>
        </message>
        <message id="stocktake_closed">
            <source>is already {status}: start a new one</source>
            <translation>ist bereits {status}: bitte eine neue beginnen</translation>
        </message>
        <message id="store_busy">
            <source>already has an open stocktake ({busy})</source>
            <translation>hat bereits eine offene Inventur ({busy})</translation>
        </message>
        <message id="posted_meanwhile">
            <source>was posted meanwhile by someone else</source>
            <translation>wurde inzwischen von jemand anderem gebucht</translation>
        </message>
        <message id="unknown_code">
            <source>is not a known SKU or barcode</source>
            <translation>ist keine bekannte SKU und kein bekannter Barcode</translation>
        </message>
        <message id="not_in_stocktake">
            <source>is not part of this stocktake</source>
            <translation>gehört nicht zu dieser Inventur</translation>
        </message>
        <message id="would_be_negative">
            <source>for {sku} would be negative</source>
            <translation>für {sku} wäre negativ</translation>
        </message>
        <message id="unknown_location">
            <source>is not a location of {store}</source>
            <translation>ist kein Lagerplatz von {store}</translation>
        </message>
        <message id="location_outside_count">
            <source>is outside the zones of this stocktake ({zones})</source>
            <translation>liegt außerhalb der Zonen dieser Inventur ({zones})</translation>
        </message>
        <message id="location_needed">
            <source>is needed: this stocktake counts zones, so every count names its location</source>
            <translation>fehlt: diese Inventur zählt Zonen, jede Zählung nennt daher ihren Lagerplatz</translation>
        </message>
        <message id="count_not_by_place">
            <source>cannot be counted here: this stocktake was started when {store} had no locations</source>
            <translation>kann hier nicht gezählt werden: diese Inventur begann, als {store} noch keine Lagerplätze hatte</translation>
        </message>
        <message id="no_supplier">
            <source>has no supplier: set one before ordering</source>
            <translation>hat keinen Lieferanten: vor dem Bestellen einen festlegen</translation>
        </message>
        <message id="order_not_draft">
            <source>is {status}: only drafts can be edited</source>
            <translation>ist {status}: nur Entwürfe können bearbeitet werden</translation>
        </message>
        <message id="order_not_sent">
            <source>is {status}: only sent orders are received</source>
            <translation>ist {status}: nur versendete Bestellungen können empfangen werden</translation>
        </message>
        <message id="line_not_in_order">
            <source>does not belong to {order}</source>
            <translation>gehört nicht zu {order}</translation>
        </message>
        <message id="not_on_order">
            <source>is not on order {order}</source>
            <translation>steht nicht auf Bestellung {order}</translation>
        </message>
        <message id="order_no_lines">
            <source>has no lines</source>
            <translation>hat keine Positionen</translation>
        </message>
        <message id="repeats_row">
            <source>repeats row {row}</source>
            <translation>wiederholt Zeile {row}</translation>
        </message>
        <message id="no_worksheet">
            <source>has no worksheet</source>
            <translation>hat kein Tabellenblatt</translation>
        </message>
        <message id="not_csv">
            <source>is not readable CSV ({error})</source>
            <translation>ist keine lesbare CSV-Datei ({error})</translation>
        </message>
        <message id="not_workbook">
            <source>cannot be read as a workbook ({error})</source>
            <translation>lässt sich nicht als Arbeitsmappe lesen ({error})</translation>
        </message>
        <message id="unreadable_sheet">
            <source>has an unreadable sheet ({error})</source>
            <translation>hat ein unlesbares Tabellenblatt ({error})</translation>
        </message>
        <message id="bad_encoding">
            <source>is not valid {encoding} text in {name}: save the file again as UTF-8</source>
            <translation>ist kein gültiger {encoding}-Text in {name}: die Datei bitte als UTF-8 speichern</translation>
        </message>
        <message id="file_too_big">
            <source>is {size} MB (at most {limit} MB)</source>
            <translation>ist {size} MB groß (höchstens {limit} MB)</translation>
        </message>
        <message id="cell_too_long">
            <source>is {length} characters long (at most {maximum}); an unclosed quote does this too</source>
            <translation>ist {length} Zeichen lang (höchstens {maximum}); ein nicht geschlossenes Anführungszeichen bewirkt das auch</translation>
        </message>
        <message id="xlsx_not_zip">
            <source>is not an Excel workbook (.xlsx files are zip archives)</source>
            <translation>ist keine Excel-Arbeitsmappe (.xlsx-Dateien sind Zip-Archive)</translation>
        </message>
        <message id="xlsx_parts">
            <source>holds {parts} parts: not a workbook to import</source>
            <translation>besteht aus {parts} Teilen: keine Arbeitsmappe zum Importieren</translation>
        </message>
        <message id="xlsx_expands">
            <source>expands to {size} MB (at most {limit} MB)</source>
            <translation>entpackt sich auf {size} MB (höchstens {limit} MB)</translation>
        </message>
        <message id="xlsx_damaged">
            <source>is a damaged workbook ({error})</source>
            <translation>ist eine beschädigte Arbeitsmappe ({error})</translation>
        </message>
        <message id="zip_bomb">
            <source>part {part} expands {ratio} times: refused as a zip bomb</source>
            <translation>Teil {part} entpackt sich auf das {ratio}-Fache: als Zip-Bombe abgelehnt</translation>
        </message>
        <message id="stale_version">
            <source>is an old version: the item changed since it was read</source>
            <translation>ist eine alte Fassung: der Artikel wurde seit dem Lesen geändert</translation>
        </message>
        <message id="api.internal">
            <source>the server could not answer this request; it has been logged</source>
            <translation>der Server konnte diese Anfrage nicht beantworten; der Fehler wurde protokolliert</translation>
        </message>
        <message id="api.login_first">
            <source>log in first: send the header Authorization: Bearer &lt;token or API key&gt;</source>
            <translation>bitte zuerst anmelden: den Header Authorization: Bearer &lt;Token oder API-Schlüssel&gt; senden</translation>
        </message>
        <message id="api.bad_cursor">
            <source>is not a cursor of this list (use the next or previous link)</source>
            <translation>ist kein Cursor dieser Liste (den next- oder previous-Link verwenden)</translation>
        </message>
        <message id="api.unknown_query">
            <source>is not a query parameter of this request (it takes: {accepted})</source>
            <translation>ist kein Abfrageparameter dieser Anfrage (sie nimmt: {accepted})</translation>
        </message>
        <message id="api.key_not_session">
            <source>is an API key: revoke it with stockdesk api-key</source>
            <translation>ist ein API-Schlüssel: mit stockdesk api-key widerrufen</translation>
        </message>
        <message id="api.category_no_change">
            <source>must change name or parent_id</source>
            <translation>muss name oder parent_id ändern</translation>
        </message>
        <message id="api.cert_and_key">
            <source>and --keyfile go together</source>
            <translation>und --keyfile gehören zusammen</translation>
        </message>
        <message id="api.workers_sqlite">
            <source>must be 1 on a SQLite file (use PostgreSQL for more)</source>
            <translation>muss bei einer SQLite-Datei 1 sein (für mehr PostgreSQL verwenden)</translation>
        </message>
        <message id="api.access_invalid">
            <source>the access token is not valid</source>
            <translation>das Zugriffstoken ist ungültig</translation>
        </message>
        <message id="api.refresh_invalid">
            <source>the refresh token is not valid</source>
            <translation>das Erneuerungstoken ist ungültig</translation>
        </message>
        <message id="api.refresh_expired">
            <source>the refresh token is not valid (expired or logged out)</source>
            <translation>das Erneuerungstoken ist ungültig (abgelaufen oder abgemeldet)</translation>
        </message>
        <message id="api.refresh_reused">
            <source>the refresh token is not valid any more: log in again</source>
            <translation>das Erneuerungstoken gilt nicht mehr: bitte neu anmelden</translation>
        </message>
        <message id="api.access_expired">
            <source>the access token has expired: refresh it or log in again</source>
            <translation>das Zugriffstoken ist abgelaufen: erneuern oder neu anmelden</translation>
        </message>
        <message id="api.access_logged_out">
            <source>the access token was revoked (logged out)</source>
            <translation>das Zugriffstoken wurde widerrufen (abgemeldet)</translation>
        </message>
        <message id="api.access_revoked">
            <source>the access token was revoked: the password, role or account changed</source>
            <translation>das Zugriffstoken wurde widerrufen: Passwort, Rolle oder Konto haben sich geändert</translation>
        </message>
        <message id="api.key_read_only">
            <source>the API key {name!r} may only read</source>
            <translation>der API-Schlüssel {name!r} darf nur lesen</translation>
        </message>
        <message id="api.key_scope">
            <source>must be read or write</source>
            <translation>muss read oder write sein</translation>
        </message>
        <message id="api.key_name_taken">
            <source>already names an API key</source>
            <translation>ist bereits der Name eines API-Schlüssels</translation>
        </message>
        <message id="api.key_invalid">
            <source>the API key is not valid (unknown or revoked)</source>
            <translation>der API-Schlüssel ist ungültig (unbekannt oder widerrufen)</translation>
        </message>
        <message id="api.key_owner_disabled">
            <source>the API key is not valid: the account that made it is disabled</source>
            <translation>der API-Schlüssel ist ungültig: das Konto, das ihn angelegt hat, ist gesperrt</translation>
        </message>
        <message id="api.ordering">
            <source>must be one of {choices}</source>
            <translation>muss eines von {choices} sein</translation>
        </message>
        <message id="api.limit">
            <source>must be between 1 and {maximum}</source>
            <translation>muss zwischen 1 und {maximum} liegen</translation>
        </message>
        <message id="api.transfer_only">
            <source>is for transfers only: where the stock arrives in the other store</source>
            <translation>gilt nur für Umlagerungen: wo die Ware im anderen Lager ankommt</translation>
        </message>
        <message id="api.idempotency_key_length">
            <source>must have 1 to {maximum} characters</source>
            <translation>muss 1 bis {maximum} Zeichen haben</translation>
        </message>
        <message id="api.idempotency_reused">
            <source>was already used for a different request</source>
            <translation>wurde schon für eine andere Anfrage verwendet</translation>
        </message>
        <message id="currency_code">
            <source>must be a three-letter code such as EUR, USD or GBP</source>
            <translation>muss ein dreibuchstabiger Code wie EUR, USD oder GBP sein</translation>
        </message>
        <message id="undo_other_desk">
            <source>was posted at another desk: undo it there</source>
            <translation>wurde an einem anderen Platz gebucht: dort rückgängig machen</translation>
        </message>
        <message id="undo_earlier_shift">
            <source>is from an earlier shift</source>
            <translation>stammt aus einer früheren Schicht</translation>
        </message>
        <message id="control_character">
            <source>contains a control character ({code}) at position {position}</source>
            <translation>enthält ein Steuerzeichen ({code}) an Position {position}</translation>
        </message>
        <message id="unknown_store_code">
            <source>is not a known store code</source>
            <translation>ist kein bekannter Filialcode</translation>
        </message>
        <message id="mapped_twice">
            <source>is mapped twice (also column {column!r})</source>
            <translation>ist doppelt zugeordnet (auch Spalte „{column}“)</translation>
        </message>
        <message id="no_column">
            <source>no column holds the {name}</source>
            <translation>keine Spalte enthält {name}</translation>
        </message>
        <message id="sheet_missing">
            <source>is not in the workbook ({names})</source>
            <translation>ist nicht in der Arbeitsmappe ({names})</translation>
        </message>
        <message id="new_item_no_name">
            <source>is a new item and the file gives no name</source>
            <translation>ist ein neuer Artikel, und die Datei nennt keinen Namen</translation>
        </message>
        <message id="not_yours">
            <source>is an item you may not edit</source>
            <translation>ist ein Artikel, den Sie nicht bearbeiten dürfen</translation>
        </message>
        <message id="not_smtp_setting">
            <source>is not an SMTP setting</source>
            <translation>ist keine SMTP-Einstellung</translation>
        </message>
        <message id="security_choices">
            <source>must be none, starttls or ssl</source>
            <translation>muss none, starttls oder ssl sein</translation>
        </message>
        <message id="alert_mode">
            <source>must be immediate or digest</source>
            <translation>muss immediate oder digest sein</translation>
        </message>
        <message id="period_end">
            <source>is after the end of the period</source>
            <translation>liegt nach dem Ende des Zeitraums</translation>
        </message>
        <message id="conflict_done">
            <source>is already {status}</source>
            <translation>ist bereits {status}</translation>
        </message>
        <message id="key_collision">
            <source>a key collision is settled by editing the item</source>
            <translation>eine Schlüsselkollision wird durch Bearbeiten des Artikels gelöst</translation>
        </message>
        <message id="scanner.stopped">
            <source>stopped delivering pictures (unplugged?)</source>
            <translation>liefert keine Bilder mehr (ausgesteckt?)</translation>
        </message>
        <message id="scanner.busy">
            <source>cannot be opened (not connected, or used by another program)</source>
            <translation>lässt sich nicht öffnen (nicht angeschlossen oder von einem anderen Programm belegt)</translation>
        </message>
        <message id="scanner.no_file">
            <source>file not found</source>
            <translation>Datei nicht gefunden</translation>
        </message>
        <message id="scanner.not_video">
            <source>cannot be read as a video</source>
            <translation>lässt sich nicht als Video lesen</translation>
        </message>
        <message id="scanner.no_folder">
            <source>not found</source>
            <translation>nicht gefunden</translation>
        </message>
        <message id="scanner.no_images">
            <source>contains no images</source>
            <translation>enthält keine Bilder</translation>
        </message>
        <message id="scanner.unknown">
            <source>is not a camera number, a video file or a folder of images</source>
            <translation>ist weder eine Kameranummer noch eine Videodatei noch ein Bilderordner</translation>
        </message>
        <message id="scan.nothing">
            <source>nothing was scanned</source>
            <translation>es wurde nichts gescannt</translation>
        </message>
        <message id="scan.gs1_without_gtin">
            <source>is a GS1 code without a GTIN (AI 01)</source>
            <translation>ist ein GS1-Code ohne GTIN (AI 01)</translation>
        </message>
        <message id="scan.no_item">
            <source>belongs to no item</source>
            <translation>gehört zu keinem Artikel</translation>
        </message>
        <message id="scan.no_store">
            <source>names no store ({code})</source>
            <translation>nennt keine Filiale ({code})</translation>
        </message>
        <message id="sync.desk_id">
            <source>is not a desk id (letters, digits, - and _, at most 64; not 'server')</source>
            <translation>ist keine Kassen-ID (Buchstaben, Ziffern, - und _, höchstens 64; nicht 'server')</translation>
        </message>
        <message id="sync.desk_revoked">
            <source>the desk {desk!r} was revoked on the server: an admin must register it again</source>
            <translation>die Kasse {desk!r} wurde auf dem Server gesperrt: ein Administrator muss sie neu anmelden</translation>
        </message>
        <message id="sync.code_invalid">
            <source>the enrolment code is not valid (unknown, used or older than a day)</source>
            <translation>der Anmeldecode ist nicht gültig (unbekannt, schon benutzt oder älter als ein Tag)</translation>
        </message>
        <message id="sync.desk_registered">
            <source>desk {desk} is registered already: an enrolment code registers new desks only; registering it again needs a manager's log-in</source>
            <translation>Kasse {desk} ist bereits angemeldet: ein Anmeldecode meldet nur neue Kassen an; um sie erneut anzumelden, braucht es die Anmeldung eines Filialleiters</translation>
        </message>
        <message id="sync.code_other_desk">
            <source>this upgrade code belongs to the desk {desk}, not to this desk ({own}): use the code made for this desk</source>
            <translation>dieser Umzugscode gehört zur Kasse {desk}, nicht zu dieser Kasse ({own}): verwenden Sie den Code, der für diese Kasse erstellt wurde</translation>
        </message>
        <message id="sync.code_used">
            <source>this upgrade code was already used (each works once): ask the server's admin for a new one</source>
            <translation>dieser Umzugscode wurde schon benutzt (jeder gilt nur einmal): bitten Sie den Administrator des Servers um einen neuen</translation>
        </message>
        <message id="sync.code_expired">
            <source>this upgrade code has expired (7 days): ask the server's admin for a new one (`stockdesk desk upgrade-codes`)</source>
            <translation>dieser Umzugscode ist abgelaufen (7 Tage): bitten Sie den Administrator des Servers um einen neuen (`stockdesk desk upgrade-codes`)</translation>
        </message>
        <message id="sync.upgrade_text">
            <source>is neither an upgrade code (XXXXXX-XXXXXX-XXXXXX-XXXXXX) nor the line of an upgrade file</source>
            <translation>ist weder ein Umzugscode (XXXXXX-XXXXXX-XXXXXX-XXXXXX) noch die Zeile einer Umzugsdatei</translation>
        </message>
        <message id="sync.upgrade_other_desk">
            <source>was made for the desk {desk}; this desk is {own}: use the upgrade file made for this desk</source>
            <translation>wurde für die Kasse {desk} erstellt; diese Kasse ist {own}: verwenden Sie die Umzugsdatei dieser Kasse</translation>
        </message>
        <message id="sync.upgrade_server">
            <source>is not the server's address (https://HOST:PORT): the upgrade file names none, give it</source>
            <translation>ist nicht die Adresse des Servers (https://HOST:PORT): die Umzugsdatei nennt keine, geben Sie sie an</translation>
        </message>
        <message id="sync.token_invalid">
            <source>the desk token is not valid: register the desk again</source>
            <translation>das Kassen-Token ist nicht gültig: melden Sie die Kasse neu an</translation>
        </message>
        <message id="sync.batch_too_large">
            <source>is larger than {maximum} changes: send smaller batches</source>
            <translation>hat mehr als {maximum} Änderungen: senden Sie kleinere Pakete</translation>
        </message>
        <message id="sync.body_too_large">
            <source>the request body is larger than {maximum} bytes</source>
            <translation>der Inhalt der Anfrage ist größer als {maximum} Bytes</translation>
        </message>
        <message id="sync.malformed">
            <source>is not a batch of changes: {problem}</source>
            <translation>ist kein Paket von Änderungen: {problem}</translation>
        </message>
        <message id="sync.desk_login">
            <source>registering a desk needs a manager's or admin's log-in or an enrolment code</source>
            <translation>eine Kasse anzumelden braucht die Anmeldung eines Filialleiters oder Administrators oder einen Anmeldecode</translation>
        </message>
        <message id="sync.clock_ahead">
            <source>is stamped in the future: this desk's clock is more than {minutes} minutes ahead</source>
            <translation>ist in der Zukunft gestempelt: die Uhr dieser Kasse geht mehr als {minutes} Minuten vor</translation>
        </message>
        <message id="sync.server_postgresql">
            <source>is not PostgreSQL: desks sync with a server on PostgreSQL</source>
            <translation>ist nicht PostgreSQL: Kassen gleichen mit einem Server auf PostgreSQL ab</translation>
        </message>
        <message id="unit.whole">
            <source>must be a whole number of {unit}</source>
            <translation>muss eine ganze Zahl {unit} sein</translation>
        </message>
        <message id="unit.places">
            <source>has more than {places} decimal places for {unit}</source>
            <translation>hat mehr als {places} Nachkommastellen für {unit}</translation>
        </message>
        <message id="pack.code_taken">
            <source>is already the barcode of another item or pack</source>
            <translation>ist schon der Barcode eines anderen Artikels oder Gebindes</translation>
        </message>
        <message id="pack.name_taken">
            <source>is already a pack of this item</source>
            <translation>ist schon ein Gebinde dieses Artikels</translation>
        </message>
        <message id="pack.one_purchase_pack">
            <source>only one pack of an item can be the purchase pack</source>
            <translation>nur ein Gebinde eines Artikels kann das Einkaufsgebinde sein</translation>
        </message>
        <message id="pack.not_of_item">
            <source>is a pack of another item</source>
            <translation>ist ein Gebinde eines anderen Artikels</translation>
        </message>
        <message id="pack.cell_form">
            <source>is not a pack: write NAME=CONTENTS, then :BARCODE if it has one and * for the supplier's pack (case=12:4012345678901*; bag=5)</source>
            <translation>ist kein Gebinde: NAME=INHALT schreiben, dann :BARCODE, falls es einen hat, und * für das Einkaufsgebinde (Karton=12:4012345678901*; Beutel=5)</translation>
        </message>
        <message id="pack.stock_units_only">
            <source>is not used by adjustments and counts: they are in the stock unit</source>
            <translation>gilt nicht für Korrekturen und Zählungen: sie sind in der Lagereinheit</translation>
        </message>
        <message id="variant.template_not_stocked">
            <source>is a template: its stock is kept on its variants, not on {sku} itself</source>
            <translation>ist eine Vorlage: ihr Bestand wird bei ihren Varianten geführt, nicht bei {sku} selbst</translation>
        </message>
        <message id="variant.template_has_stock">
            <source>has stock: an item with stock cannot become a template</source>
            <translation>hat Bestand: ein Artikel mit Bestand kann keine Vorlage werden</translation>
        </message>
        <message id="variant.is_variant">
            <source>is a variant of {template}: a variant cannot have variants</source>
            <translation>ist eine Variante von {template}: eine Variante kann keine Varianten haben</translation>
        </message>
        <message id="variant.not_variant">
            <source>is not a variant of a template</source>
            <translation>ist keine Variante einer Vorlage</translation>
        </message>
        <message id="variant.no_attributes">
            <source>are missing: give the template at least one attribute with its values</source>
            <translation>fehlen: geben Sie der Vorlage mindestens ein Merkmal mit seinen Werten</translation>
        </message>
        <message id="variant.no_values">
            <source>has no values: give at least one</source>
            <translation>hat keine Werte: geben Sie mindestens einen an</translation>
        </message>
        <message id="variant.name_twice">
            <source>names attribute {name} twice</source>
            <translation>nennt das Merkmal {name} zweimal</translation>
        </message>
        <message id="variant.value_twice">
            <source>lists value {value} twice</source>
            <translation>nennt den Wert {value} zweimal</translation>
        </message>
        <message id="variant.too_many">
            <source>would make more than {maximum} variants at once</source>
            <translation>ergäbe mehr als {maximum} Varianten auf einmal</translation>
        </message>
        <message id="variant.sku_taken">
            <source>is taken by another item: the variant {values} would need it</source>
            <translation>gehört schon einem anderen Artikel: die Variante {values} bräuchte sie</translation>
        </message>
        <message id="variant.sku_shared">
            <source>would be the SKU of two variants ({first} and {second}): make their values differ</source>
            <translation>wäre die Artikelnummer zweier Varianten ({first} und {second}): machen Sie ihre Werte verschieden</translation>
        </message>
        <message id="variant.cell_form">
            <source>is not an attribute: write NAME=VALUE, separated by ; (size=M; colour=Red)</source>
            <translation>ist kein Merkmal: schreiben Sie NAME=WERT, getrennt durch ; (Größe=M; Farbe=Rot)</translation>
        </message>
        <message id="variant.template_unknown">
            <source>names no item: no template has this SKU in the catalogue or the file</source>
            <translation>nennt keinen Artikel: keine Vorlage hat diese Artikelnummer, weder im Katalog noch in der Datei</translation>
        </message>
        <message id="variant.template_is_variant">
            <source>is a variant itself: a template cannot be a variant</source>
            <translation>ist selbst eine Variante: eine Vorlage kann keine Variante sein</translation>
        </message>
        <message id="picture.file_too_large">
            <source>is {size} MB: a picture file may be at most {limit} MB</source>
            <translation>ist {size} MB groß: eine Bilddatei darf höchstens {limit} MB groß sein</translation>
        </message>
        <message id="picture.not_image">
            <source>is not a picture this program can read (JPEG, PNG, GIF, BMP, TIFF or WebP)</source>
            <translation>ist kein Bild, das dieses Programm lesen kann (JPEG, PNG, GIF, BMP, TIFF oder WebP)</translation>
        </message>
        <message id="picture.too_large">
            <source>is still larger than {limit} KB after shrinking it: use a simpler picture</source>
            <translation>ist auch verkleinert noch größer als {limit} KB: verwenden Sie ein einfacheres Bild</translation>
        </message>
        <message id="picture.no_file">
            <source>names no picture file: there is no file {path}</source>
            <translation>nennt keine Bilddatei: die Datei {path} gibt es nicht</translation>
        </message>
        <message id="picture.unreadable">
            <source>cannot be read from {path}: {error}</source>
            <translation>kann nicht aus {path} gelesen werden: {error}</translation>
        </message>
        <message id="picture.relative_no_folder">
            <source>is a relative path, but the item file's folder is not known: give a full path</source>
            <translation>ist ein relativer Pfad, aber der Ordner der Artikeldatei ist nicht bekannt: geben Sie den vollständigen Pfad an</translation>
        </message>
        <message id="picture.url_failed">
            <source>could not be fetched: {error}</source>
            <translation>konnte nicht geladen werden: {error}</translation>
        </message>
        <message id="picture.download_too_large">
            <source>sends more than {limit} MB: a picture file may be at most {limit} MB</source>
            <translation>liefert mehr als {limit} MB: eine Bilddatei darf höchstens {limit} MB groß sein</translation>
        </message>
        <message id="tracking_kind">
            <source>is not a way to track an item: use one of {kinds}</source>
            <translation>ist keine Art, einen Artikel zu verfolgen: eine von {kinds} verwenden</translation>
        </message>
        <message id="location_kind">
            <source>is not a kind of location: use one of {kinds}</source>
            <translation>ist keine Art von Lagerplatz: eine von {kinds} verwenden</translation>
        </message>
        <message id="location_other_store">
            <source>is a location of another store, not of {store}</source>
            <translation>ist ein Lagerplatz eines anderen Lagers, nicht von {store}</translation>
        </message>
        <message id="location_code_spaces">
            <source>has spaces: a location's code is printed as one barcode</source>
            <translation>enthält Leerzeichen: der Code eines Lagerplatzes wird als ein Barcode gedruckt</translation>
        </message>
        <message id="location_code_taken">
            <source>is taken: location {code} has it</source>
            <translation>ist vergeben: Lagerplatz {code} hat ihn</translation>
        </message>
        <message id="location_code_is_barcode">
            <source>is a barcode of item {sku}: a scan must name one thing</source>
            <translation>ist ein Barcode des Artikels {sku}: ein Scan muss genau eine Sache bezeichnen</translation>
        </message>
        <message id="same_location">
            <source>is where the stock is already: choose another location</source>
            <translation>ist der Platz, an dem der Bestand schon liegt: einen anderen Lagerplatz wählen</translation>
        </message>
        <message id="location_archived">
            <source>is archived: restore it before stock goes in or out there</source>
            <translation>ist archiviert: erst wiederherstellen, bevor dort Bestand ein- oder ausgeht</translation>
        </message>
        <message id="location_holds_stock">
            <source>still holds stock at {code}: move it to another location before archiving</source>
            <translation>hat noch Bestand auf {code}: vor dem Archivieren auf einen anderen Lagerplatz umlagern</translation>
        </message>
        <message id="location_parent_archived">
            <source>is under {code}, which is archived: restore {code} first</source>
            <translation>liegt unter {code}, das archiviert ist: zuerst {code} wiederherstellen</translation>
        </message>
        <message id="no_locations_to_label">
            <source>has no active locations to label</source>
            <translation>hat keine aktiven Lagerplätze für Etiketten</translation>
        </message>
        <message id="labels_one_kind">
            <source>prints location labels only: leave out --sku and --search</source>
            <translation>druckt nur Lagerplatz-Etiketten: --sku und --search weglassen</translation>
        </message>
        <message id="item_not_tracked">
            <source>is not needed: {sku} is not tracked by lot or serial number</source>
            <translation>wird nicht gebraucht: {sku} wird nicht nach Charge oder Seriennummer verfolgt</translation>
        </message>
        <message id="serial_in_stock">
            <source>is in stock already: serial number {serial} of {sku} cannot be received twice</source>
            <translation>ist schon auf Lager: Seriennummer {serial} von {sku} kann nicht zweimal eingehen</translation>
        </message>
        <message id="serial_count">
            <source>names {count} serial number(s) for {quantity} unit(s): give one per unit</source>
            <translation>nennt {count} Seriennummer(n) für {quantity} Einheit(en): eine je Einheit angeben</translation>
        </message>
        <message id="serial_twice">
            <source>names serial number {serial} twice</source>
            <translation>nennt Seriennummer {serial} zweimal</translation>
        </message>
        <message id="serial_not_here">
            <source>is not in stock in {store}: serial number {serial} cannot leave it (sold already?)</source>
            <translation>ist in {store} nicht auf Lager: Seriennummer {serial} kann dort nicht abgehen (schon verkauft?)</translation>
        </message>
        <message id="lot_required">
            <source>is missing: {sku} is tracked by lot, so a receipt names its lot</source>
            <translation>fehlt: {sku} wird nach Charge verfolgt, ein Wareneingang nennt also seine Charge</translation>
        </message>
        <message id="lot_expiry_differs">
            <source>differs from lot {lot}'s expiry date {expires}</source>
            <translation>weicht vom Verfallsdatum {expires} der Charge {lot} ab</translation>
        </message>
        <message id="expiry_required">
            <source>is missing: {sku} has use-by dates, so lot {lot} needs one when first received</source>
            <translation>fehlt: {sku} hat Verfallsdaten, Charge {lot} braucht beim ersten Eingang eines</translation>
        </message>
        <message id="lot_unknown">
            <source>names no lot of {sku}</source>
            <translation>ist keine Charge von {sku}</translation>
        </message>
        <message id="expiry_correction_needs_date">
            <source>is required: the corrected use-by date of lot {lot}</source>
            <translation>fehlt: das berichtigte Verbrauchsdatum der Charge {lot}</translation>
        </message>
        <message id="expiry_unchanged">
            <source>is lot {lot}'s use-by date already: nothing to correct</source>
            <translation>ist schon das Verbrauchsdatum der Charge {lot}: nichts zu berichtigen</translation>
        </message>
        <message id="recall_needs">
            <source>is required: a recall names the item's SKU and the lot's code (or serial number)</source>
            <translation>ist nötig: ein Rückruf nennt die Artikelnummer und die Charge (oder Seriennummer)</translation>
        </message>
        <message id="location_unknown">
            <source>names no location: give a location's id or the code on its label</source>
            <translation>nennt keinen Lagerplatz: die ID eines Lagerplatzes oder den Code auf seinem Etikett angeben</translation>
        </message>
        <message id="lot_expired">
            <source>expired on {expires}: lot {lot} is not sold or moved without a manager's override</source>
            <translation>ist am {expires} verfallen: Charge {lot} wird ohne Freigabe eines Managers weder verkauft noch umgelagert</translation>
        </message>
        <message id="only_expired_left">
            <source>cannot be taken: the {expired} of {sku} left in {store} are expired lots (a manager may override)</source>
            <translation>kann nicht entnommen werden: die restlichen {expired} von {sku} in {store} sind verfallene Chargen (ein Manager kann freigeben)</translation>
        </message>
        <message id="reorder.manager_point">
            <source>reorder point {point} (set by manager)</source>
            <translation>Bestellpunkt {point} (vom Manager gesetzt)</translation>
        </message>
        <message id="reorder.forecast_point">
            <source>{rate}/day × {lead} d lead + {safety} safety = {point}</source>
            <translation>{rate}/Tag × {lead} T Lieferzeit + {safety} Sicherheitsbestand = {point}</translation>
        </message>
        <message id="reorder.review">
            <source>target {point} + {rate}/day × {review} d review = {target}</source>
            <translation>Ziel {point} + {rate}/Tag × {review} T Prüfintervall = {target}</translation>
        </message>
        <message id="reorder.above_point">
            <source>on hand {on_hand} + on order {on_order} is above the reorder point → no order</source>
            <translation>Bestand {on_hand} + bestellt {on_order} liegt über dem Bestellpunkt → keine Bestellung</translation>
        </message>
        <message id="reorder.order">
            <source>on hand {on_hand} + on order {on_order} → order {quantity}</source>
            <translation>Bestand {on_hand} + bestellt {on_order} → {quantity} bestellen</translation>
        </message>
        <message id="reorder.order_multiple">
            <source>on hand {on_hand} + on order {on_order} → order {quantity} (multiple of {multiple})</source>
            <translation>Bestand {on_hand} + bestellt {on_order} → {quantity} bestellen (Vielfaches von {multiple})</translation>
        </message>
        <message id="reorder.reason_2">
            <source>{first}; {second}</source>
            <translation>{first}; {second}</translation>
        </message>
        <message id="reorder.reason_3">
            <source>{first}; {second}; {third}</source>
            <translation>{first}; {second}; {third}</translation>
        </message>
        <message id="reorder.cancelled">
            <source>the calculation was stopped; the suggestions shown are the earlier ones</source>
            <translation>die Berechnung wurde abgebrochen; angezeigt werden die früheren Vorschläge</translation>
        </message>
        <message id="reorder.no_forecast">
            <source>no forecast: reorder quantity {quantity}, or back to the reorder point {point}</source>
            <translation>keine Prognose: Bestellmenge {quantity} oder zurück auf den Bestellpunkt {point}</translation>
        </message>
    </context>
    <context>
        <name>fields</name>
        <message id="sku">
            <source>SKU</source>
            <translation>SKU</translation>
        </message>
        <message id="name">
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message id="description">
            <source>Description</source>
            <translation>Beschreibung</translation>
        </message>
        <message id="unit">
            <source>Unit</source>
            <translation>Einheit</translation>
        </message>
        <message id="sell_price">
            <source>Sell price</source>
            <translation>Verkaufspreis</translation>
        </message>
        <message id="cost_price">
            <source>Cost price</source>
            <translation>Einkaufspreis</translation>
        </message>
        <message id="unit_cost">
            <source>Unit cost</source>
            <translation>Stückkosten</translation>
        </message>
        <message id="reorder_point">
            <source>Reorder point</source>
            <translation>Meldebestand</translation>
        </message>
        <message id="reorder_qty">
            <source>Reorder quantity</source>
            <translation>Bestellmenge</translation>
        </message>
        <message id="category_id">
            <source>Category</source>
            <translation>Kategorie</translation>
        </message>
        <message id="category">
            <source>Category</source>
            <translation>Kategorie</translation>
        </message>
        <message id="supplier_id">
            <source>Supplier</source>
            <translation>Lieferant</translation>
        </message>
        <message id="supplier">
            <source>Supplier</source>
            <translation>Lieferant</translation>
        </message>
        <message id="preferred_supplier_id">
            <source>Preferred supplier</source>
            <translation>Bevorzugter Lieferant</translation>
        </message>
        <message id="barcode">
            <source>Barcode</source>
            <translation>Barcode</translation>
        </message>
        <message id="barcodes">
            <source>Barcodes</source>
            <translation>Barcodes</translation>
        </message>
        <message id="picture">
            <source>Picture</source>
            <translation>Bild</translation>
        </message>
        <message id="code">
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message id="quantity">
            <source>Quantity</source>
            <translation>Menge</translation>
        </message>
        <message id="counted">
            <source>Counted</source>
            <translation>Gezählt</translation>
        </message>
        <message id="reason">
            <source>Reason</source>
            <translation>Grund</translation>
        </message>
        <message id="reference">
            <source>Reference</source>
            <translation>Referenz</translation>
        </message>
        <message id="store">
            <source>Store</source>
            <translation>Filiale</translation>
        </message>
        <message id="store_id">
            <source>Store</source>
            <translation>Filiale</translation>
        </message>
        <message id="to_store">
            <source>To store</source>
            <translation>Zielfiliale</translation>
        </message>
        <message id="to_store_id">
            <source>To store</source>
            <translation>Zielfiliale</translation>
        </message>
        <message id="location">
            <source>Location</source>
            <translation>Ort</translation>
        </message>
        <message id="expires_on">
            <source>Use-by date</source>
            <translation>Verbrauchsdatum</translation>
        </message>
        <message id="email">
            <source>Email</source>
            <translation>E-Mail</translation>
        </message>
        <message id="password">
            <source>Password</source>
            <translation>Passwort</translation>
        </message>
        <message id="old_password">
            <source>Old password</source>
            <translation>Altes Passwort</translation>
        </message>
        <message id="role">
            <source>Role</source>
            <translation>Rolle</translation>
        </message>
        <message id="lead_time_days">
            <source>Lead time days</source>
            <translation>Lieferzeit in Tagen</translation>
        </message>
        <message id="contact">
            <source>Contact</source>
            <translation>Kontakt</translation>
        </message>
        <message id="phone">
            <source>Phone</source>
            <translation>Telefon</translation>
        </message>
        <message id="parent">
            <source>Parent</source>
            <translation>Übergeordnete Kategorie</translation>
        </message>
        <message id="host">
            <source>Host</source>
            <translation>Server</translation>
        </message>
        <message id="port">
            <source>Port</source>
            <translation>Port</translation>
        </message>
        <message id="username">
            <source>Username</source>
            <translation>Benutzername</translation>
        </message>
        <message id="sender">
            <source>Sender</source>
            <translation>Absender</translation>
        </message>
        <message id="security">
            <source>Security</source>
            <translation>Sicherheit</translation>
        </message>
        <message id="recipients">
            <source>Recipients</source>
            <translation>Empfänger</translation>
        </message>
        <message id="mode">
            <source>Mode</source>
            <translation>Modus</translation>
        </message>
        <message id="line">
            <source>Line</source>
            <translation>Position</translation>
        </message>
        <message id="purchase order">
            <source>Purchase order</source>
            <translation>Bestellung</translation>
        </message>
        <message id="stocktake">
            <source>Stocktake</source>
            <translation>Inventur</translation>
        </message>
        <message id="movement">
            <source>Movement</source>
            <translation>Buchung</translation>
        </message>
        <message id="kind">
            <source>Kind</source>
            <translation>Art</translation>
        </message>
        <message id="prefix">
            <source>Prefix</source>
            <translation>Präfix</translation>
        </message>
        <message id="number">
            <source>Number</source>
            <translation>Nummer</translation>
        </message>
        <message id="sheet">
            <source>Sheet</source>
            <translation>Tabellenblatt</translation>
        </message>
        <message id="item">
            <source>Item</source>
            <translation>Artikel</translation>
        </message>
        <message id="item_id">
            <source>Item</source>
            <translation>Artikel</translation>
        </message>
        <message id="copies">
            <source>Copies</source>
            <translation>Exemplare</translation>
        </message>
        <message id="preset">
            <source>Preset</source>
            <translation>Vorlage</translation>
        </message>
        <message id="symbology">
            <source>Symbology</source>
            <translation>Symbologie</translation>
        </message>
        <message id="report">
            <source>Report</source>
            <translation>Bericht</translation>
        </message>
        <message id="from">
            <source>From</source>
            <translation>Von</translation>
        </message>
        <message id="out">
            <source>Out</source>
            <translation>Ausgabe</translation>
        </message>
        <message id="conflict">
            <source>Conflict</source>
            <translation>Konflikt</translation>
        </message>
        <message id="service_level">
            <source>Service level</source>
            <translation>Servicegrad</translation>
        </message>
        <message id="order_multiple">
            <source>Order multiple</source>
            <translation>Bestellvielfaches</translation>
        </message>
        <message id="on_hand">
            <source>On hand</source>
            <translation>Bestand</translation>
        </message>
        <message id="on_order">
            <source>On order</source>
            <translation>Bestellt</translation>
        </message>
        <message id="language">
            <source>Language</source>
            <translation>Sprache</translation>
        </message>
        <message id="theme">
            <source>Theme</source>
            <translation>Design</translation>
        </message>
    </context>
    <context>
        <name>words</name>
        <message id="item">
            <source>item</source>
            <translation>Artikel</translation>
        </message>
        <message id="store">
            <source>store</source>
            <translation>Filiale</translation>
        </message>
        <message id="user">
            <source>user</source>
            <translation>Benutzer</translation>
        </message>
        <message id="supplier">
            <source>supplier</source>
            <translation>Lieferant</translation>
        </message>
        <message id="category">
            <source>category</source>
            <translation>Kategorie</translation>
        </message>
        <message id="barcode">
            <source>barcode</source>
            <translation>Barcode</translation>
        </message>
        <message id="stocktake">
            <source>stocktake</source>
            <translation>Inventur</translation>
        </message>
        <message id="movement">
            <source>movement</source>
            <translation>Buchung</translation>
        </message>
        <message id="purchase order">
            <source>purchase order</source>
            <translation>Bestellung</translation>
        </message>
        <message id="order line">
            <source>order line</source>
            <translation>Bestellposition</translation>
        </message>
        <message id="alert">
            <source>alert</source>
            <translation>Warnung</translation>
        </message>
        <message id="conflict">
            <source>conflict</source>
            <translation>Konflikt</translation>
        </message>
        <message id="recipient">
            <source>recipient</source>
            <translation>Empfänger</translation>
        </message>
        <message id="review">
            <source>review</source>
            <translation>Prüfung</translation>
        </message>
        <message id="item with code">
            <source>item with code</source>
            <translation>Artikel mit Code</translation>
        </message>
        <message id="admin">
            <source>admin</source>
            <translation>Administrator</translation>
        </message>
        <message id="manager">
            <source>manager</source>
            <translation>Manager</translation>
        </message>
        <message id="clerk">
            <source>clerk</source>
            <translation>Mitarbeiter</translation>
        </message>
        <message id="create item">
            <source>create item</source>
            <translation>Artikel anlegen</translation>
        </message>
        <message id="edit item">
            <source>edit item</source>
            <translation>Artikel bearbeiten</translation>
        </message>
        <message id="manage categories and suppliers">
            <source>manage categories and suppliers</source>
            <translation>Kategorien und Lieferanten verwalten</translation>
        </message>
        <message id="manage stores">
            <source>manage stores</source>
            <translation>Filialen verwalten</translation>
        </message>
        <message id="manage users">
            <source>manage users</source>
            <translation>Benutzer verwalten</translation>
        </message>
        <message id="move stock">
            <source>move stock</source>
            <translation>Bestand bewegen</translation>
        </message>
        <message id="reverse a movement">
            <source>reverse a movement</source>
            <translation>eine Buchung stornieren</translation>
        </message>
        <message id="sell below zero">
            <source>sell below zero</source>
            <translation>unter null verkaufen</translation>
        </message>
        <message id="sell an expired lot">
            <source>sell an expired lot</source>
            <translation>eine verfallene Charge verkaufen</translation>
        </message>
        <message id="correct a lot's use-by date">
            <source>correct a lot's use-by date</source>
            <translation>das Verbrauchsdatum einer Charge berichtigen</translation>
        </message>
        <message id="view the audit log">
            <source>view the audit log</source>
            <translation>das Prüfprotokoll ansehen</translation>
        </message>
        <message id="change settings">
            <source>change settings</source>
            <translation>Einstellungen ändern</translation>
        </message>
        <message id="draft">
            <source>draft</source>
            <translation>ein Entwurf</translation>
        </message>
        <message id="sent">
            <source>sent</source>
            <translation>versendet</translation>
        </message>
        <message id="received">
            <source>received</source>
            <translation>empfangen</translation>
        </message>
        <message id="cancelled">
            <source>cancelled</source>
            <translation>storniert</translation>
        </message>
        <message id="open">
            <source>open</source>
            <translation>offen</translation>
        </message>
        <message id="posted">
            <source>posted</source>
            <translation>gebucht</translation>
        </message>
        <message id="closed">
            <source>closed</source>
            <translation>abgeschlossen</translation>
        </message>
        <message id="resolved">
            <source>resolved</source>
            <translation>erledigt</translation>
        </message>
        <message id="confirmed">
            <source>confirmed</source>
            <translation>bestätigt</translation>
        </message>
        <message id="reversed">
            <source>reversed</source>
            <translation>rückgängig gemacht</translation>
        </message>
        <message id="partly received">
            <source>partly received</source>
            <translation>teilweise empfangen</translation>
        </message>
        <message id="partial">
            <source>partial</source>
            <translation>teilweise empfangen</translation>
        </message>
        <message id="kept">
            <source>kept</source>
            <translation>beibehalten</translation>
        </message>
        <message id="queued">
            <source>queued</source>
            <translation>in der Warteschlange</translation>
        </message>
    </context>
    <context>
        <name>documents</name>
        <message id="#">
            <source>#</source>
            <translation>Nr.</translation>
        </message>
        <message id="Amount">
            <source>Amount</source>
            <translation>Betrag</translation>
        </message>
        <message id="Balance">
            <source>Balance</source>
            <translation>Saldo</translation>
        </message>
        <message id="Barcode">
            <source>Barcode</source>
            <translation>Strichcode</translation>
        </message>
        <message id="Counted">
            <source>Counted</source>
            <translation>Gezählt</translation>
        </message>
        <message id="Date">
            <source>Date</source>
            <translation>Datum</translation>
        </message>
        <message id="Difference">
            <source>Difference</source>
            <translation>Differenz</translation>
        </message>
        <message id="Expected">
            <source>Expected</source>
            <translation>Soll</translation>
        </message>
        <message id="Item">
            <source>Item</source>
            <translation>Artikel</translation>
        </message>
        <message id="Kind">
            <source>Kind</source>
            <translation>Art</translation>
        </message>
        <message id="On hand">
            <source>On hand</source>
            <translation>Bestand</translation>
        </message>
        <message id="On order">
            <source>On order</source>
            <translation>Bestellt</translation>
        </message>
        <message id="Order value">
            <source>Order value</source>
            <translation>Bestellwert</translation>
        </message>
        <message id="Quantity">
            <source>Quantity</source>
            <translation>Menge</translation>
        </message>
        <message id="Reason">
            <source>Reason</source>
            <translation>Begründung</translation>
        </message>
        <message id="Reference">
            <source>Reference</source>
            <translation>Beleg</translation>
        </message>
        <message id="Reference / value">
            <source>Reference / value</source>
            <translation>Beleg / Wert</translation>
        </message>
        <message id="Reorder pt">
            <source>Reorder pt</source>
            <translation>Bestellpkt.</translation>
        </message>
        <message id="SKU">
            <source>SKU</source>
            <translation>Art.-Nr.</translation>
        </message>
        <message id="Sell price">
            <source>Sell price</source>
            <translation>Verkaufspreis</translation>
        </message>
        <message id="Store / field">
            <source>Store / field</source>
            <translation>Filiale / Feld</translation>
        </message>
        <message id="Suggested">
            <source>Suggested</source>
            <translation>Vorschlag</translation>
        </message>
        <message id="Supplier">
            <source>Supplier</source>
            <translation>Lieferant</translation>
        </message>
        <message id="Unit">
            <source>Unit</source>
            <translation>Einheit</translation>
        </message>
        <message id="Unit cost">
            <source>Unit cost</source>
            <translation>EK/Stk.</translation>
        </message>
        <message id="User">
            <source>User</source>
            <translation>Benutzer</translation>
        </message>
        <message id="Value at cost">
            <source>Value at cost</source>
            <translation>Wert zu Kosten</translation>
        </message>
        <message id="Value at sell">
            <source>Value at sell</source>
            <translation>Wert zu VK</translation>
        </message>
        <message id="Value diff.">
            <source>Value diff.</source>
            <translation>Wertdiff.</translation>
        </message>
        <message id="Location">
            <source>Location</source>
            <translation>Lagerplatz</translation>
        </message>
        <message id="Lot">
            <source>Lot</source>
            <translation>Charge</translation>
        </message>
        <message id="All stores">
            <source>All stores</source>
            <translation>Alle Filialen</translation>
        </message>
        <message id="Generated {at} by {user}">
            <source>Generated {at} by {user}</source>
            <translation>Erstellt am {at} von {user}</translation>
        </message>
        <message id="Page {page} of">
            <source>Page {page} of</source>
            <translation>Seite {page} von</translation>
        </message>
        <message id="Grand total">
            <source>Grand total</source>
            <translation>Gesamtsumme</translation>
        </message>
        <message id="Subtotal {section}">
            <source>Subtotal {section}</source>
            <translation>Zwischensumme {section}</translation>
        </message>
        <message id="{section}, brought forward">
            <source>{section}, brought forward</source>
            <translation>{section}, Übertrag</translation>
        </message>
        <message id="{section}, carried forward">
            <source>{section}, carried forward</source>
            <translation>{section}, Übertrag auf Folgeseite</translation>
        </message>
        <message id="Nothing to report for this selection.">
            <source>Nothing to report for this selection.</source>
            <translation>Für diese Auswahl gibt es nichts zu berichten.</translation>
        </message>
        <message id="{count} item">
            <source>{count} item</source>
            <translation>{count} Artikel</translation>
        </message>
        <message id="{count} items">
            <source>{count} items</source>
            <translation>{count} Artikel</translation>
        </message>
        <message id="Inventory valuation">
            <source>Inventory valuation</source>
            <translation>Bestandsbewertung</translation>
        </message>
        <message id="As of {day} (end of day)">
            <source>As of {day} (end of day)</source>
            <translation>Stand {day} (Tagesende)</translation>
        </message>
        <message id="Stock by template">
            <source>Stock by template</source>
            <translation>Bestand nach Vorlage</translation>
        </message>
        <message id="Variants with stock, by template and store">
            <source>Variants with stock, by template and store</source>
            <translation>Varianten mit Bestand, nach Vorlage und Filiale</translation>
        </message>
        <message id="Variant">
            <source>Variant</source>
            <translation>Variante</translation>
        </message>
        <message id="Low stock and reorder list">
            <source>Low stock and reorder list</source>
            <translation>Mindestbestand und Bestellvorschläge</translation>
        </message>
        <message id="Stock on {at}">
            <source>Stock on {at}</source>
            <translation>Bestand am {at}</translation>
        </message>
        <message id=", so ">
            <source>, so </source>
            <translation>, daher </translation>
        </message>
        <message id=" (set by manager)">
            <source> (set by manager)</source>
            <translation> (vom Manager gesetzt)</translation>
        </message>
        <message id=" (manager)">
            <source> (manager)</source>
            <translation> (Manager)</translation>
        </message>
        <message id="Stock movements">
            <source>Stock movements</source>
            <translation>Lagerbewegungen</translation>
        </message>
        <message id="{first} to {last}">
            <source>{first} to {last}</source>
            <translation>{first} bis {last}</translation>
        </message>
        <message id="kind {kind}">
            <source>kind {kind}</source>
            <translation>Art {kind}</translation>
        </message>
        <message id="user {user}">
            <source>user {user}</source>
            <translation>Benutzer {user}</translation>
        </message>
        <message id="item {sku}">
            <source>item {sku}</source>
            <translation>Artikel {sku}</translation>
        </message>
        <message id="receive">
            <source>receive</source>
            <translation>Wareneingang</translation>
        </message>
        <message id="sale">
            <source>sale</source>
            <translation>Verkauf</translation>
        </message>
        <message id="transfer_out">
            <source>transfer_out</source>
            <translation>Umlagerung ab</translation>
        </message>
        <message id="transfer_in">
            <source>transfer_in</source>
            <translation>Umlagerung zu</translation>
        </message>
        <message id="adjust">
            <source>adjust</source>
            <translation>Korrektur</translation>
        </message>
        <message id="count">
            <source>count</source>
            <translation>Zählung</translation>
        </message>
        <message id="opening balance">
            <source>opening balance</source>
            <translation>Anfangsbestand</translation>
        </message>
        <message id="closing balance">
            <source>closing balance</source>
            <translation>Endbestand</translation>
        </message>
        <message id="Stocktake sheet">
            <source>Stocktake sheet</source>
            <translation>Inventurliste</translation>
        </message>
        <message id="Printed {at} · counted by: ____________">
            <source>Printed {at} · counted by: ____________</source>
            <translation>Gedruckt {at} · gezählt von: ____________</translation>
        </message>
        <message id="No location">
            <source>No location</source>
            <translation>Ohne Lagerplatz</translation>
        </message>
        <message id="Stocktake variance">
            <source>Stocktake variance</source>
            <translation>Inventurdifferenzen</translation>
        </message>
        <message id="not counted">
            <source>not counted</source>
            <translation>nicht gezählt</translation>
        </message>
        <message id="Counted ({items})">
            <source>Counted ({items})</source>
            <translation>Gezählt ({items})</translation>
        </message>
        <message id="Not counted ({items}, left unchanged)">
            <source>Not counted ({items}, left unchanged)</source>
            <translation>Nicht gezählt ({items}, unverändert)</translation>
        </message>
        <message id="open">
            <source>open</source>
            <translation>offen</translation>
        </message>
        <message id="posted {day}">
            <source>posted {day}</source>
            <translation>gebucht {day}</translation>
        </message>
        <message id="Started {at} · {state}">
            <source>Started {at} · {state}</source>
            <translation>Begonnen {at} · {state}</translation>
        </message>
        <message id="{location} ({places})">
            <source>{location} ({places})</source>
            <translation>{location} ({places})</translation>
        </message>
        <message id="{count} place">
            <source>{count} place</source>
            <translation>{count} Platz</translation>
        </message>
        <message id="{count} places">
            <source>{count} places</source>
            <translation>{count} Plätze</translation>
        </message>
        <message id="Unplaced">
            <source>Unplaced</source>
            <translation>Ohne Lagerplatz</translation>
        </message>
        <message id="Not counted ({places}, left unchanged)">
            <source>Not counted ({places}, left unchanged)</source>
            <translation>Nicht gezählt ({places}, unverändert)</translation>
        </message>
        <message id="Item card">
            <source>Item card</source>
            <translation>Artikelkarte</translation>
        </message>
        <message id="Item card: {sku}">
            <source>Item card: {sku}</source>
            <translation>Artikelkarte: {sku}</translation>
        </message>
        <message id="Name">
            <source>Name</source>
            <translation>Bezeichnung</translation>
        </message>
        <message id="Description">
            <source>Description</source>
            <translation>Beschreibung</translation>
        </message>
        <message id="Category">
            <source>Category</source>
            <translation>Kategorie</translation>
        </message>
        <message id="Cost price">
            <source>Cost price</source>
            <translation>Einkaufspreis</translation>
        </message>
        <message id="Reorder point">
            <source>Reorder point</source>
            <translation>Bestellpunkt</translation>
        </message>
        <message id="Reorder quantity">
            <source>Reorder quantity</source>
            <translation>Bestellmenge</translation>
        </message>
        <message id="Status">
            <source>Status</source>
            <translation>Zustand</translation>
        </message>
        <message id="active">
            <source>active</source>
            <translation>aktiv</translation>
        </message>
        <message id="archived">
            <source>archived</source>
            <translation>archiviert</translation>
        </message>
        <message id="Barcodes">
            <source>Barcodes</source>
            <translation>Strichcodes</translation>
        </message>
        <message id="none">
            <source>none</source>
            <translation>keine</translation>
        </message>
        <message id="Stock per store">
            <source>Stock per store</source>
            <translation>Bestand je Filiale</translation>
        </message>
        <message id="Last {count} movements">
            <source>Last {count} movements</source>
            <translation>Letzte {count} Bewegungen</translation>
        </message>
        <message id="Details">
            <source>Details</source>
            <translation>Angaben</translation>
        </message>
        <message id="No barcode">
            <source>No barcode</source>
            <translation>Kein Strichcode</translation>
        </message>
        <message id="Barcode {code} (cannot be drawn)">
            <source>Barcode {code} (cannot be drawn)</source>
            <translation>Strichcode {code} (nicht darstellbar)</translation>
        </message>
        <message id="Purchase order {number}">
            <source>Purchase order {number}</source>
            <translation>Bestellung {number}</translation>
        </message>
        <message id="Deliver to {store}">
            <source>Deliver to {store}</source>
            <translation>Lieferung an {store}</translation>
        </message>
        <message id="Attn. {contact}">
            <source>Attn. {contact}</source>
            <translation>z. Hd. {contact}</translation>
        </message>
        <message id="Order date">
            <source>Order date</source>
            <translation>Bestelldatum</translation>
        </message>
        <message id="not sent yet">
            <source>not sent yet</source>
            <translation>noch nicht versandt</translation>
        </message>
        <message id="{pack} of {contents} {unit}">
            <source>{pack} of {contents} {unit}</source>
            <translation>{pack} à {contents} {unit}</translation>
        </message>
        <message id="Expected delivery">
            <source>Expected delivery</source>
            <translation>Erwartete Lieferung</translation>
        </message>
        <message id="to be confirmed">
            <source>to be confirmed</source>
            <translation>noch zu bestätigen</translation>
        </message>
        <message id="Currency">
            <source>Currency</source>
            <translation>Währung</translation>
        </message>
        <message id="the shop's currency">
            <source>the shop's currency</source>
            <translation>die Währung des Geschäfts</translation>
        </message>
        <message id="Buyer and delivery address">
            <source>Buyer and delivery address</source>
            <translation>Besteller und Lieferadresse</translation>
        </message>
        <message id="Note">
            <source>Note</source>
            <translation>Hinweis</translation>
        </message>
        <message id="Terms">
            <source>Terms</source>
            <translation>Bedingungen</translation>
        </message>
        <message id="Please confirm this order and its delivery date by e-mail. Deliver to the address above and quote the order number on the delivery note and the invoice; partial deliveries are accepted.">
            <source>Please confirm this order and its delivery date by e-mail. Deliver to the address above and quote the order number on the delivery note and the invoice; partial deliveries are accepted.</source>
            <translation>Bitte bestätigen Sie diese Bestellung und den Liefertermin per E-Mail. Liefern Sie an die obige Adresse und geben Sie die Bestellnummer auf Lieferschein und Rechnung an; Teillieferungen werden angenommen.</translation>
        </message>
        <message id="Dear {name},&#10;&#10;please find attached our order {number} for delivery to {store} ({lines}).">
            <source>Dear {name},

please find attached our order {number} for delivery to {store} ({lines}).</source>
            <translation>Guten Tag {name},

anbei erhalten Sie unsere Bestellung {number} zur Lieferung an {store} ({lines}).</translation>
        </message>
        <message id="{count} line">
            <source>{count} line</source>
            <translation>{count} Position</translation>
        </message>
        <message id="{count} lines">
            <source>{count} lines</source>
            <translation>{count} Positionen</translation>
        </message>
        <message id="Low stock: {sku} {name} in {store}">
            <source>Low stock: {sku} {name} in {store}</source>
            <translation>Mindestbestand erreicht: {sku} {name} in {store}</translation>
        </message>
        <message id="Low stock: {count} items reached their reorder point">
            <source>Low stock: {count} items reached their reorder point</source>
            <translation>Mindestbestand: {count} Artikel haben ihren Bestellpunkt erreicht</translation>
        </message>
        <message id="These items are at or below their reorder point:">
            <source>These items are at or below their reorder point:</source>
            <translation>Diese Artikel sind auf oder unter ihrem Bestellpunkt:</translation>
        </message>
        <message id="{sku}  {name}  in {store}: on hand {on_hand}, reorder point {point}">
            <source>{sku}  {name}  in {store}: on hand {on_hand}, reorder point {point}</source>
            <translation>{sku}  {name}  in {store}: Bestand {on_hand}, Bestellpunkt {point}</translation>
        </message>
        <message id="Alerts opened since the last digest:">
            <source>Alerts opened since the last digest:</source>
            <translation>Seit der letzten Zusammenfassung geöffnete Warnungen:</translation>
        </message>
        <message id="(since recovered)">
            <source>(since recovered)</source>
            <translation>(inzwischen behoben)</translation>
        </message>
        <message id="Low stock digest: {alerts}">
            <source>Low stock digest: {alerts}</source>
            <translation>Mindestbestand – Zusammenfassung: {alerts}</translation>
        </message>
        <message id="{count} alert">
            <source>{count} alert</source>
            <translation>{count} Warnung</translation>
        </message>
        <message id="{count} alerts">
            <source>{count} alerts</source>
            <translation>{count} Warnungen</translation>
        </message>
        <message id="Lots that expire soon or have expired:">
            <source>Lots that expire soon or have expired:</source>
            <translation>Chargen, die bald verfallen oder verfallen sind:</translation>
        </message>
        <message id="Alert digest: {alerts}, {lots}">
            <source>Alert digest: {alerts}, {lots}</source>
            <translation>Warnungen – Zusammenfassung: {alerts}, {lots}</translation>
        </message>
        <message id="{count} lot expiring">
            <source>{count} lot expiring</source>
            <translation>{count} Charge läuft ab</translation>
        </message>
        <message id="{count} lots expiring">
            <source>{count} lots expiring</source>
            <translation>{count} Chargen laufen ab</translation>
        </message>
        <message id="{sku}  {name}  lot {lot} in {place}: {quantity} on hand, expires {day}">
            <source>{sku}  {name}  lot {lot} in {place}: {quantity} on hand, expires {day}</source>
            <translation>{sku}  {name}  Charge {lot} in {place}: Bestand {quantity}, verfällt am {day}</translation>
        </message>
        <message id="{sku}  {name}  lot {lot} in {place}: {quantity} on hand, EXPIRED {day}">
            <source>{sku}  {name}  lot {lot} in {place}: {quantity} on hand, EXPIRED {day}</source>
            <translation>{sku}  {name}  Charge {lot} in {place}: Bestand {quantity}, VERFALLEN am {day}</translation>
        </message>
        <message id="Lot recall">
            <source>Lot recall</source>
            <translation>Chargenrückruf</translation>
        </message>
        <message id="Recall: {sku} lot {lot}">
            <source>Recall: {sku} lot {lot}</source>
            <translation>Rückruf: {sku} Charge {lot}</translation>
        </message>
        <message id="Store">
            <source>Store</source>
            <translation>Filiale</translation>
        </message>
        <message id="To / from">
            <source>To / from</source>
            <translation>Nach / von</translation>
        </message>
        <message id="Where the lot went">
            <source>Where the lot went</source>
            <translation>Verbleib der Charge</translation>
        </message>
        <message id="Still on hand">
            <source>Still on hand</source>
            <translation>Noch auf Lager</translation>
        </message>
        <message id="received {received}, sold {sold}, on hand {on_hand}">
            <source>received {received}, sold {sold}, on hand {on_hand}</source>
            <translation>eingegangen {received}, verkauft {sold}, Bestand {on_hand}</translation>
        </message>
        <message id="expires {day}">
            <source>expires {day}</source>
            <translation>verfällt am {day}</translation>
        </message>
    </context>
</TS>
