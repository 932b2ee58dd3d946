<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Close StockDesk</source>
        <translation>StockDesk schließen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New item</source>
        <translation>&amp;Neuer Artikel</translation>
    </message>
    <message>
        <source>Create a catalogue item</source>
        <translation>Einen Katalogartikel anlegen</translation>
    </message>
    <message>
        <source>&amp;Item</source>
        <translation>&amp;Artikel</translation>
    </message>
    <message>
        <source>&amp;Edit item</source>
        <translation>Artikel &amp;bearbeiten</translation>
    </message>
    <message>
        <source>Edit the selected item (or press Enter)</source>
        <translation>Den ausgewählten Artikel bearbeiten (oder Eingabetaste drücken)</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>&amp;Archivieren</translation>
    </message>
    <message>
        <source>Archive or restore the selected item</source>
        <translation>Den ausgewählten Artikel archivieren oder wiederherstellen</translation>
    </message>
    <message>
        <source>Print &amp;labels…</source>
        <translation>&amp;Etiketten drucken…</translation>
    </message>
    <message>
        <source>Label sheets for the selected items (Shift/Ctrl+click for several)</source>
        <translation>Etikettenbögen für die gewählten Artikel (Umschalt/Strg+Klick für mehrere)</translation>
    </message>
    <message>
        <source>&amp;Receive</source>
        <translation>&amp;Wareneingang</translation>
    </message>
    <message>
        <source>Receive a delivery of the selected item</source>
        <translation>Eine Lieferung des ausgewählten Artikels einbuchen</translation>
    </message>
    <message>
        <source>&amp;Stock</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;Sell</source>
        <translation>&amp;Verkaufen</translation>
    </message>
    <message>
        <source>Sell or issue the selected item</source>
        <translation>Den ausgewählten Artikel verkaufen oder ausgeben</translation>
    </message>
    <message>
        <source>&amp;Transfer</source>
        <translation>&amp;Umlagern</translation>
    </message>
    <message>
        <source>Move stock to another store</source>
        <translation>Bestand in eine andere Filiale umlagern</translation>
    </message>
    <message>
        <source>&amp;Move between locations…</source>
        <translation>Zwischen Lagerplätzen u&amp;mlagern…</translation>
    </message>
    <message>
        <source>Move stock from one shelf or bin of a store to another</source>
        <translation>Bestand innerhalb einer Filiale von einem Regal oder Fach in ein anderes umlagern</translation>
    </message>
    <message>
        <source>A&amp;djust</source>
        <translation>&amp;Korrigieren</translation>
    </message>
    <message>
        <source>Correct stock for breakage or found goods</source>
        <translation>Bestand für Bruch oder gefundene Ware korrigieren</translation>
    </message>
    <message>
        <source>&amp;Count</source>
        <translation>&amp;Zählen</translation>
    </message>
    <message>
        <source>Record a shelf count</source>
        <translation>Eine Regalzählung erfassen</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>Search by SKU, name or barcode</source>
        <translation>Nach Artikelnummer, Name oder Barcode suchen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>A&amp;nsicht</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Read the items again</source>
        <translation>Die Artikel neu einlesen</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>The administrator</source>
        <translation>Der Administrator</translation>
    </message>
    <message>
        <source>The account that sets up stores and users. When you finish, StockDesk opens signed in with it; from the next start on it asks for this e-mail and password.</source>
        <translation>Das Konto, das Filialen und Benutzer einrichtet. Nach dem Fertigstellen öffnet StockDesk mit diesem Konto angemeldet; ab dem nächsten Start fragt es nach dieser E-Mail-Adresse und diesem Passwort.</translation>
    </message>
    <message>
        <source>At least {0} characters.</source>
        <translation>Mindestens {0} Zeichen.</translation>
    </message>
    <message>
        <source>at least {0} characters</source>
        <translation>mindestens {0} Zeichen</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <source>E-mail “{0}” is not an e-mail address.</source>
        <translation>E-Mail „{0}“ ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>The password must have at least {0} characters.</source>
        <translation>Das Passwort muss mindestens {0} Zeichen haben.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
</context>
<context>
    <name>AlertBadge</name>
    <message>
        <source>Open low-stock alerts nobody has acknowledged yet</source>
        <translation>Offene Mindestbestandswarnungen, die noch niemand bestätigt hat</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n alert(s)</source>
        <translation>
            <numerusform>⚠ %n Warnung</numerusform>
            <numerusform>⚠ %n Warnungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlertSettingsDialog</name>
    <message>
        <source>Alert recipients and planning settings</source>
        <translation>Warnungsempfänger und Planungseinstellungen</translation>
    </message>
    <message>
        <source>Who gets low-stock e-mails</source>
        <translation>Wer E-Mails zu Mindestbeständen erhält</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@beispiel.de</translation>
    </message>
    <message>
        <source>All stores</source>
        <translation>Alle Filialen</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Alle Kategorien</translation>
    </message>
    <message>
        <source>Immediately</source>
        <translation>Sofort</translation>
    </message>
    <message>
        <source>Daily digest</source>
        <translation>Tägliche Zusammenfassung</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove selected</source>
        <translation>Ausgewählte &amp;entfernen</translation>
    </message>
    <message>
        <source>Only an administrator can change the recipients.</source>
        <translation>Nur ein Administrator kann die Empfänger ändern.</translation>
    </message>
    <message>
        <source>Reorder planning</source>
        <translation>Nachbestellplanung</translation>
    </message>
    <message>
        <source>How often stock should last until the delivery arrives</source>
        <translation>Wie oft der Bestand bis zum Eintreffen der Lieferung reichen soll</translation>
    </message>
    <message>
        <source>Days before expiry a lot is listed, unless its item or category sets its own</source>
        <translation>Tage vor dem Verfall, ab denen eine Charge gelistet wird, sofern Artikel oder Kategorie nichts anderes festlegen</translation>
    </message>
    <message>
        <source>Save &amp;planning settings</source>
        <translation>&amp;Planungseinstellungen speichern</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>Servicegrad</translation>
    </message>
    <message>
        <source>Review period (days)</source>
        <translation>Prüfintervall (Tage)</translation>
    </message>
    <message>
        <source>Sales history (days)</source>
        <translation>Verkaufshistorie (Tage)</translation>
    </message>
    <message>
        <source>Warn of expiring lots (days before)</source>
        <translation>Vor Chargenverfall warnen (Tage vorher)</translation>
    </message>
</context>
<context>
    <name>AlertsModel</name>
    <message>
        <source>Snoozed until {when}</source>
        <translation>Zurückgestellt bis {when}</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Geöffnet</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>On hand at opening</source>
        <translation>Bestand bei Öffnung</translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation>Meldebestand</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>AlertsPage</name>
    <message>
        <source>Low-stock alerts</source>
        <translation>Mindestbestandswarnungen</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Bestätigen</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>How long a snoozed alert stays out of the list</source>
        <translation>Wie lange eine zurückgestellte Warnung ausgeblendet bleibt</translation>
    </message>
    <message>
        <source>&amp;Snooze</source>
        <translation>&amp;Zurückstellen</translation>
    </message>
    <message>
        <source>&amp;Recipients and settings…</source>
        <translation>&amp;Empfänger und Einstellungen…</translation>
    </message>
    <message>
        <source>Show acknowledged and snoozed</source>
        <translation>Bestätigte und zurückgestellte anzeigen</translation>
    </message>
    <message>
        <source>Low-stock alerts ({n})</source>
        <translation>Mindestbestandswarnungen ({n})</translation>
    </message>
    <message>
        <source>Lots expiring soon or expired ({n})</source>
        <translation>Bald oder bereits verfallene Chargen ({n})</translation>
    </message>
    <message>
        <source>Acknowledged {sku} in {store}</source>
        <translation>{sku} in {store} bestätigt</translation>
    </message>
    <message>
        <source>Snoozed {sku} for {n} days</source>
        <translation>{sku} für {n} Tage zurückgestellt</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Warnungen</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Loading demo data…</source>
        <translation>Demodaten werden geladen…</translation>
    </message>
    <message>
        <source>Demo data could not be loaded: {0}</source>
        <translation>Die Demodaten konnten nicht geladen werden: {0}</translation>
    </message>
    <message>
        <source>Load demo data (stores, items and some history) to try StockDesk out?</source>
        <translation>Demodaten laden (Filialen, Artikel und etwas Historie), um StockDesk auszuprobieren?</translation>
    </message>
    <message>
        <source>Cannot open the database {0}:
{1}</source>
        <translation>Die Datenbank {0} kann nicht geöffnet werden:
{1}</translation>
    </message>
</context>
<context>
    <name>AppSettings</name>
    <message>
        <source>must be a file path or a postgresql:// URL</source>
        <translation>muss ein Dateipfad oder eine postgresql://-URL sein</translation>
    </message>
    <message>
        <source>is in a folder that does not exist</source>
        <translation>liegt in einem Ordner, den es nicht gibt</translation>
    </message>
    <message>
        <source>must be the StockDesk server&apos;s address (https://host:port)</source>
        <translation>muss die Adresse des StockDesk-Servers sein (https://host:port)</translation>
    </message>
    <message>
        <source>must be none, starttls or ssl</source>
        <translation>muss none, starttls oder ssl sein</translation>
    </message>
    <message>
        <source>is not a language StockDesk speaks</source>
        <translation>ist keine Sprache, die StockDesk spricht</translation>
    </message>
    <message>
        <source>must be system, light or dark</source>
        <translation>muss system, light oder dark sein</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <source>action starts with… (e.g. stock., user.)</source>
        <translation>Aktion beginnt mit… (z. B. stock., user.)</translation>
    </message>
    <message>
        <source>Only a manager or administrator can read the audit log.</source>
        <translation>Nur ein Manager oder Administrator kann das Prüfprotokoll lesen.</translation>
    </message>
</context>
<context>
    <name>AuditSentences</name>
    <message>
        <source>Moved {quantity} × {sku} from {source} to {target}.</source>
        <translation>{quantity} × {sku} von {source} nach {target} umgelagert.</translation>
    </message>
    <message>
        <source>Counted {counted} × {sku} in {store} (a change of {delta}).</source>
        <translation>{counted} × {sku} in {store} gezählt (Änderung um {delta}).</translation>
    </message>
    <message>
        <source>Reversed a stock movement: {reason}.</source>
        <translation>Eine Lagerbewegung storniert: {reason}.</translation>
    </message>
    <message>
        <source>Corrected lot {lot} of {sku}: use by {after} instead of {before} ({reason}).</source>
        <translation>Charge {lot} von {sku} berichtigt: verbrauchen bis {after} statt {before} ({reason}).</translation>
    </message>
    <message>
        <source>Started stocktake {number} — {title} in {store} with {lines} items to count.</source>
        <translation>Inventur {number} — {title} in {store} begonnen, {lines} Artikel zu zählen.</translation>
    </message>
    <message>
        <source>Posted stock movements: {lines}.</source>
        <translation>Lagerbewegungen gebucht: {lines}.</translation>
    </message>
    <message>
        <source>Sold or moved an expired lot of {sku} in {store} (manager&apos;s override).</source>
        <translation>Eine verfallene Charge von {sku} in {store} verkauft oder umgelagert (Freigabe durch Manager).</translation>
    </message>
    <message>
        <source>Saved count lines of a stocktake: {lines}.</source>
        <translation>Zählzeilen einer Inventur gespeichert: {lines}.</translation>
    </message>
    <message>
        <source>Posted a stocktake: movements {movements}, value difference {value_difference}.</source>
        <translation>Eine Inventur gebucht: Bewegungen {movements}, Wertdifferenz {value_difference}.</translation>
    </message>
    <message>
        <source>Created item {sku}.</source>
        <translation>Artikel {sku} angelegt.</translation>
    </message>
    <message>
        <source>Changed an item: {changes}.</source>
        <translation>Einen Artikel geändert: {changes}.</translation>
    </message>
    <message>
        <source>Archived an item.</source>
        <translation>Einen Artikel archiviert.</translation>
    </message>
    <message>
        <source>Restored an archived item.</source>
        <translation>Einen archivierten Artikel wiederhergestellt.</translation>
    </message>
    <message>
        <source>Created {count} items at once.</source>
        <translation>{count} Artikel auf einmal angelegt.</translation>
    </message>
    <message>
        <source>Imported {rows} items ({rejected} rows rejected, {movements} stock movements).</source>
        <translation>{rows} Artikel importiert ({rejected} Zeilen abgelehnt, {movements} Lagerbewegungen).</translation>
    </message>
    <message>
        <source>Set the reorder point of {items} items.</source>
        <translation>Den Meldebestand von {items} Artikeln gesetzt.</translation>
    </message>
    <message>
        <source>Added barcode {code} to an item.</source>
        <translation>Barcode {code} zu einem Artikel hinzugefügt.</translation>
    </message>
    <message>
        <source>Removed barcode {code} from an item.</source>
        <translation>Barcode {code} von einem Artikel entfernt.</translation>
    </message>
    <message>
        <source>Opened store {code}.</source>
        <translation>Filiale {code} eröffnet.</translation>
    </message>
    <message>
        <source>Changed a store.</source>
        <translation>Eine Filiale geändert.</translation>
    </message>
    <message>
        <source>Created category {name}.</source>
        <translation>Kategorie {name} angelegt.</translation>
    </message>
    <message>
        <source>Renamed a category to {name}.</source>
        <translation>Eine Kategorie in {name} umbenannt.</translation>
    </message>
    <message>
        <source>Moved a category.</source>
        <translation>Eine Kategorie verschoben.</translation>
    </message>
    <message>
        <source>Added supplier {name}.</source>
        <translation>Lieferant {name} hinzugefügt.</translation>
    </message>
    <message>
        <source>Changed a supplier.</source>
        <translation>Einen Lieferanten geändert.</translation>
    </message>
    <message>
        <source>Archived a supplier.</source>
        <translation>Einen Lieferanten archiviert.</translation>
    </message>
    <message>
        <source>Created a user account with the role {role}.</source>
        <translation>Ein Benutzerkonto mit der Rolle {role} angelegt.</translation>
    </message>
    <message>
        <source>Changed a user account: role {role}, active {active}.</source>
        <translation>Ein Benutzerkonto geändert: Rolle {role}, aktiv {active}.</translation>
    </message>
    <message>
        <source>Changed their password.</source>
        <translation>Das eigene Passwort geändert.</translation>
    </message>
    <message>
        <source>Reset a user&apos;s password.</source>
        <translation>Das Passwort eines Benutzers zurückgesetzt.</translation>
    </message>
    <message>
        <source>Drafted purchase order {number}.</source>
        <translation>Bestellentwurf {number} angelegt.</translation>
    </message>
    <message>
        <source>Changed a purchase order.</source>
        <translation>Eine Bestellung geändert.</translation>
    </message>
    <message>
        <source>Sent purchase order {number} to {to}.</source>
        <translation>Bestellung {number} an {to} gesendet.</translation>
    </message>
    <message>
        <source>Received purchase order lines: {lines}.</source>
        <translation>Bestellpositionen empfangen: {lines}.</translation>
    </message>
    <message>
        <source>Acknowledged a low-stock alert.</source>
        <translation>Eine Mindestbestandswarnung bestätigt.</translation>
    </message>
    <message>
        <source>Snoozed a low-stock alert until {until}.</source>
        <translation>Eine Mindestbestandswarnung bis {until} zurückgestellt.</translation>
    </message>
    <message>
        <source>Added {email} to the alert recipients.</source>
        <translation>{email} zu den Empfängern der Warnungen hinzugefügt.</translation>
    </message>
    <message>
        <source>Removed {email} from the alert recipients.</source>
        <translation>{email} aus den Empfängern der Warnungen entfernt.</translation>
    </message>
    <message>
        <source>Set the mail server to {host}:{port}.</source>
        <translation>Den Mailserver auf {host}:{port} gesetzt.</translation>
    </message>
    <message>
        <source>Changed the planning settings: {changes}.</source>
        <translation>Die Planungseinstellungen geändert: {changes}.</translation>
    </message>
    <message>
        <source>Set the shop&apos;s currency to {currency}.</source>
        <translation>Die Währung des Geschäfts auf {currency} gesetzt.</translation>
    </message>
    <message>
        <source>Resolved a stock review after a sync.</source>
        <translation>Eine Bestandsprüfung nach einer Synchronisierung erledigt.</translation>
    </message>
</context>
<context>
    <name>CameraPicker</name>
    <message>
        <source>Camera {n}</source>
        <translation>Kamera {n}</translation>
    </message>
    <message>
        <source>Video file…</source>
        <translation>Videodatei…</translation>
    </message>
    <message>
        <source>Camera {n} (not found)</source>
        <translation>Kamera {n} (nicht gefunden)</translation>
    </message>
</context>
<context>
    <name>CategoriesPage</name>
    <message>
        <source>Categories</source>
        <translation>Kategorien</translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <source>&amp;New category</source>
        <translation>&amp;Neue Kategorie</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>New category (under the selected one)</source>
        <translation>Neue Kategorie (unter der ausgewählten)</translation>
    </message>
    <message>
        <source>Rename category</source>
        <translation>Kategorie umbenennen</translation>
    </message>
</context>
<context>
    <name>CategoryTreeModel</name>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>Record</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Kept value</source>
        <translation>Behaltener Wert</translation>
    </message>
    <message>
        <source>Lost value</source>
        <translation>Verlorener Wert</translation>
    </message>
    <message>
        <source>Desks (kept ← lost)</source>
        <translation>Arbeitsplätze (behalten ← verloren)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>this desk</source>
        <translation>dieser Arbeitsplatz</translation>
    </message>
</context>
<context>
    <name>CorrectExpiryDialog</name>
    <message>
        <source>Correct use-by date — {sku}</source>
        <translation>Verbrauchsdatum berichtigen — {sku}</translation>
    </message>
    <message>
        <source>Lot &lt;b&gt;{lot}&lt;/b&gt; of {sku}, use by {day} until now</source>
        <translation>Charge &lt;b&gt;{lot}&lt;/b&gt; von {sku}, bisher zu verbrauchen bis {day}</translation>
    </message>
    <message>
        <source>Use by</source>
        <translation>Verbrauchen bis</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>e.g. misread on the delivery (kept in the audit log)</source>
        <translation>z. B. auf dem Lieferschein falsch gelesen (steht im Prüfprotokoll)</translation>
    </message>
    <message>
        <source>Use-by date of lot {lot} ({sku}) corrected to {day}</source>
        <translation>Verbrauchsdatum der Charge {lot} ({sku}) auf {day} berichtigt</translation>
    </message>
</context>
<context>
    <name>CountEntryModel</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <source>Counter</source>
        <translation>Theke</translation>
    </message>
    <message>
        <source>Scan or type a code, SKU or store label, then Enter</source>
        <translation>Code, Artikelnummer oder Filialetikett scannen oder eintippen, dann Eingabetaste</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Standort:</translation>
    </message>
    <message>
        <source>&lt;b&gt;This shift&lt;/b&gt;</source>
        <translation>&lt;b&gt;Diese Schicht&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{pack} of {factor} {unit}: quantities now count this pack</source>
        <translation>{pack} zu {factor} {unit}: Mengen zählen jetzt dieses Gebinde</translation>
    </message>
    <message>
        <source>{sku} — {name}</source>
        <translation>{sku} — {name}</translation>
    </message>
    <message>
        <source>Location: {code}</source>
        <translation>Standort: {code}</translation>
    </message>
    <message>
        <source>Now working in {name} ({code})</source>
        <translation>Jetzt in {name} ({code})</translation>
    </message>
    <message>
        <source>Unknown code {code} — press F6 to create an item or attach it</source>
        <translation>Unbekannter Code {code} — F6 drücken, um einen Artikel anzulegen oder den Code zuzuordnen</translation>
    </message>
    <message>
        <source>Unknown code</source>
        <translation>Unbekannter Code</translation>
    </message>
    <message>
        <source>Wrong check digit: {code} {reason}. Scan it again.</source>
        <translation>Falsche Prüfziffer: {code} {reason}. Bitte erneut scannen.</translation>
    </message>
    <message>
        <source>Wrong check digit</source>
        <translation>Falsche Prüfziffer</translation>
    </message>
    <message>
        <source>Cannot use {code}: {reason}</source>
        <translation>{code} ist nicht verwendbar: {reason}</translation>
    </message>
    <message>
        <source>Not a usable code</source>
        <translation>Kein verwendbarer Code</translation>
    </message>
    <message>
        <source>Serial number {serial}</source>
        <translation>Seriennummer {serial}</translation>
    </message>
    <message>
        <source>Lot {lot}, use by {day}</source>
        <translation>Charge {lot}, verbrauchen bis {day}</translation>
    </message>
    <message>
        <source>Lot {lot}</source>
        <translation>Charge {lot}</translation>
    </message>
    <message>
        <source>Nothing to undo in this shift</source>
        <translation>In dieser Schicht gibt es nichts rückgängig zu machen</translation>
    </message>
    <message>
        <source>Undone: {kind} {qty} × {sku}</source>
        <translation>Rückgängig gemacht: {kind} {qty} × {sku}</translation>
    </message>
    <message>
        <source>Scan an item first</source>
        <translation>Zuerst einen Artikel scannen</translation>
    </message>
    <message>
        <source>Not enough stock: only {on_hand} of {sku} in {store}</source>
        <translation>Zu wenig Bestand: nur {on_hand} von {sku} in {store}</translation>
    </message>
    <message>
        <source>is not set: scan a store label or pick a store</source>
        <translation>ist nicht gesetzt: Filialetikett scannen oder Filiale wählen</translation>
    </message>
    <message>
        <source>Posted {qty} × {sku}</source>
        <translation>Gebucht: {qty} × {sku}</translation>
    </message>
    <message>
        <source>Sold {qty} × {sku}</source>
        <translation>{qty} × {sku} verkauft</translation>
    </message>
    <message>
        <source>Received {qty} × {sku}</source>
        <translation>{qty} × {sku} eingebucht</translation>
    </message>
    <message>
        <source>Counted {qty} × {sku}</source>
        <translation>{qty} × {sku} gezählt</translation>
    </message>
    <message>
        <source>Sent {qty} × {sku}</source>
        <translation>{qty} × {sku} umgelagert</translation>
    </message>
    <message>
        <source>{qty} {pack} of {factor} {unit}</source>
        <translation>{qty} {pack} zu {factor} {unit}</translation>
    </message>
    <message>
        <source>{sku} now has code {code}</source>
        <translation>{sku} hat jetzt den Code {code}</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>StockDesk: unexpected error</source>
        <translation>StockDesk: unerwarteter Fehler</translation>
    </message>
    <message>
        <source>The details were written to the log file:
{0}</source>
        <translation>Die Einzelheiten stehen in der Protokolldatei:
{0}</translation>
    </message>
    <message>
        <source>No log file is configured; copy the details below.</source>
        <translation>Es ist keine Protokolldatei eingerichtet; kopieren Sie die Einzelheiten unten.</translation>
    </message>
    <message>
        <source>Something went wrong and StockDesk could not finish what it was doing.

{0}

{1}</source>
        <translation>Etwas ist schiefgegangen, und StockDesk konnte den Vorgang nicht abschließen.

{0}

{1}</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Einzelheiten kopieren</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>Einzelheiten anzeigen</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Protokollordner öffnen</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>Verkauft</translation>
    </message>
    <message>
        <source>Stock value at cost</source>
        <translation>Bestandswert zum Einkaufspreis</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>Niedriger Bestand</translation>
    </message>
    <message>
        <source>No movement in 90 days</source>
        <translation>Keine Bewegung seit 90 Tagen</translation>
    </message>
    <message>
        <source>Top 10 movers, last 30 days</source>
        <translation>Top 10 Schnelldreher, letzte 30 Tage</translation>
    </message>
    <message>
        <source>Units sold and received per day, last 30 days</source>
        <translation>Verkaufte und eingegangene Einheiten pro Tag, letzte 30 Tage</translation>
    </message>
    <message>
        <source>Could not read the figures: {error}</source>
        <translation>Die Kennzahlen konnten nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>All stores: &lt;b&gt;{total}&lt;/b&gt;</source>
        <translation>Alle Filialen: &lt;b&gt;{total}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;font-size:20pt&apos;&gt;{n}&lt;/b&gt; items</source>
        <translation>&lt;b style=&apos;font-size:20pt&apos;&gt;{n}&lt;/b&gt; Artikel</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Eingegangen</translation>
    </message>
</context>
<context>
    <name>DeskPage</name>
    <message>
        <source>This desk</source>
        <translation>Dieser Arbeitsplatz</translation>
    </message>
    <message>
        <source>The store this computer stands in: sales and deliveries here go to it first.</source>
        <translation>Die Filiale, in der dieser Computer steht: Verkäufe und Lieferungen hier gehen zuerst auf sie.</translation>
    </message>
    <message>
        <source>Default store</source>
        <translation>Standardfiliale</translation>
    </message>
</context>
<context>
    <name>DesksDialog</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>(database-login era)</source>
        <translation>(aus der Datenbank-Anmeldungs-Zeit)</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <source>not moved: needs its upgrade code</source>
        <translation>nicht umgezogen: braucht seinen Umzugscode</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>Desks</source>
        <translation>Kassen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Desk id</source>
        <translation>Kassen-ID</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Letzter Abgleich</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>&amp;Revoke desk…</source>
        <translation>Kasse &amp;sperren…</translation>
    </message>
    <message>
        <source>Its next sync is refused; its unsent changes stay on it.</source>
        <translation>Ihr nächster Abgleich wird abgewiesen; nicht gesendete Änderungen bleiben auf ihr.</translation>
    </message>
    <message>
        <source>&amp;Upgrade code…</source>
        <translation>&amp;Umzugscode…</translation>
    </message>
    <message>
        <source>A new one-time code for this desk not moved yet; earlier unused ones stop working</source>
        <translation>Ein neuer Einmal-Code für diese noch nicht umgezogene Kasse; frühere, unbenutzte Codes gelten nicht mehr</translation>
    </message>
    <message>
        <source>Sign in to {server} as an admin:</source>
        <translation>Als Administrator bei {server} anmelden:</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message numerus="yes">
        <source>%n desk(s)</source>
        <translation>
            <numerusform>%n Kasse</numerusform>
            <numerusform>%n Kassen</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoke the desk “{name}”? Its next sync is refused; unsent changes stay on it.</source>
        <translation>Die Kasse „{name}“ sperren? Ihr nächster Abgleich wird abgewiesen; nicht gesendete Änderungen bleiben auf ihr.</translation>
    </message>
    <message>
        <source>“{name}” is revoked.</source>
        <translation>„{name}“ ist gesperrt.</translation>
    </message>
    <message>
        <source>Carry this line to the desk {desk} (one use, 7 days, only that desk; shown once) and paste it there: Sync page → Move with its upgrade code…</source>
        <translation>Bringen Sie diese Zeile zur Kasse {desk} (einmal gültig, 7 Tage, nur diese Kasse; wird nur jetzt angezeigt) und fügen Sie sie dort ein: Seite Synchronisation → Mit Umzugscode umziehen…</translation>
    </message>
</context>
<context>
    <name>ExpiryModel</name>
    <message>
        <source>Expired</source>
        <translation>Verfallen</translation>
    </message>
    <message>
        <source>Expires today</source>
        <translation>Verfällt heute</translation>
    </message>
    <message>
        <source>Expires tomorrow</source>
        <translation>Verfällt morgen</translation>
    </message>
    <message>
        <source>in {n} days</source>
        <translation>in {n} Tagen</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Verfällt am</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Charge</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lagerplatz</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search SKU, name or barcode  (Ctrl+F)</source>
        <translation>Artikelnummer, Name oder Barcode suchen  (Strg+F)</translation>
    </message>
    <message>
        <source>min price</source>
        <translation>Mindestpreis</translation>
    </message>
    <message>
        <source>max price</source>
        <translation>Höchstpreis</translation>
    </message>
    <message>
        <source>&amp;Low stock</source>
        <translation>&amp;Niedriger Bestand</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Lieferant</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Beliebig</translation>
    </message>
    <message>
        <source>Type at least 3 characters to search</source>
        <translation>Mindestens 3 Zeichen eingeben, um zu suchen</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>wird gezählt…</translation>
    </message>
    <message>
        <source>{shown} of {total} items</source>
        <translation>{shown} von {total} Artikeln</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Welcome to StockDesk</source>
        <translation>Willkommen bei StockDesk</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Only {0} on hand in {1} ({2} asked for)</source>
        <translation>Nur {0} vorrätig in {1} ({2} verlangt)</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>Received</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>Verkauf</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Abgang (Umlagerung)</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Zugang (Umlagerung)</translation>
    </message>
    <message>
        <source>Adjusted</source>
        <translation>Korrektur</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Zählung</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>clerk</source>
        <translation>Mitarbeiter</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import items — {name}</source>
        <translation>Artikel importieren — {name}</translation>
    </message>
    <message>
        <source>Import the valid rows only (the others are saved to a CSV)</source>
        <translation>Nur die gültigen Zeilen importieren (die anderen werden in eine CSV-Datei geschrieben)</translation>
    </message>
    <message>
        <source>Update existing items with the same SKU</source>
        <translation>Vorhandene Artikel mit derselben Artikelnummer aktualisieren</translation>
    </message>
    <message>
        <source>Create categories and suppliers that do not exist yet</source>
        <translation>Noch nicht vorhandene Kategorien und Lieferanten anlegen</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>(ignorieren)</translation>
    </message>
    <message>
        <source>opening stock in {store}</source>
        <translation>Anfangsbestand in {store}</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Check every row and list every problem; nothing is written</source>
        <translation>Jede Zeile prüfen und jedes Problem auflisten; nichts wird geschrieben</translation>
    </message>
    <message>
        <source>First {n} rows of {name} ({encoding}); choose the field of each column:</source>
        <translation>Die ersten {n} Zeilen von {name} ({encoding}); wählen Sie für jede Spalte das Feld:</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>Probleme:</translation>
    </message>
    <message>
        <source>The choices changed: check again.</source>
        <translation>Die Auswahl hat sich geändert: bitte erneut prüfen.</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>{name} wird geprüft…</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>{name} wird importiert…</translation>
    </message>
    <message>
        <source>Checking rows</source>
        <translation>Zeilen werden geprüft</translation>
    </message>
    <message>
        <source>Reading pictures</source>
        <translation>Bilder werden gelesen</translation>
    </message>
    <message>
        <source>Writing items</source>
        <translation>Artikel werden geschrieben</translation>
    </message>
    <message>
        <source>Posting opening stock</source>
        <translation>Anfangsbestand wird gebucht</translation>
    </message>
    <message>
        <source>Nothing was written: {n} problem(s). Fix them, or import the valid rows only.</source>
        <translation>Nichts wurde geschrieben: {n} Problem(e). Beheben Sie sie oder importieren Sie nur die gültigen Zeilen.</translation>
    </message>
    <message>
        <source>Nothing was written: {error}</source>
        <translation>Nichts wurde geschrieben: {error}</translation>
    </message>
    <message>
        <source>Check: {created} new and {updated} existing items would be imported; {rejected} row(s) have problems. Nothing was written.</source>
        <translation>Prüfung: {created} neue und {updated} vorhandene Artikel würden importiert; {rejected} Zeile(n) haben Probleme. Nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>Imported: {created} new items, {updated} updated, {movements} opening stock entries; {rejected} row(s) left out.</source>
        <translation>Importiert: {created} neue Artikel, {updated} aktualisiert, {movements} Anfangsbestandsbuchungen; {rejected} Zeile(n) ausgelassen.</translation>
    </message>
    <message>
        <source>Created: {names}.</source>
        <translation>Angelegt: {names}.</translation>
    </message>
    <message>
        <source>Pictures set or removed: {n}.</source>
        <translation>Bilder gesetzt oder entfernt: {n}.</translation>
    </message>
    <message>
        <source>Opening stock of {n} existing item(s) was not posted.</source>
        <translation>Der Anfangsbestand von {n} vorhandenen Artikel(n) wurde nicht gebucht.</translation>
    </message>
    <message>
        <source>Rejected rows saved to {path}</source>
        <translation>Abgelehnte Zeilen gespeichert in {path}</translation>
    </message>
</context>
<context>
    <name>ItemCardView</name>
    <message>
        <source>Scan an item</source>
        <translation>Einen Artikel scannen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Where and which lot&lt;/b&gt;</source>
        <translation>&lt;b&gt;Wo und welche Charge&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;On hand per store&lt;/b&gt;</source>
        <translation>&lt;b&gt;Bestand je Filiale&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Latest movements&lt;/b&gt;</source>
        <translation>&lt;b&gt;Letzte Bewegungen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>SKU {sku}</source>
        <translation>Artikelnr. {sku}</translation>
    </message>
    <message>
        <source>On hand in all stores: &lt;b&gt;{qty}&lt;/b&gt; {unit}</source>
        <translation>Bestand in allen Filialen: &lt;b&gt;{qty}&lt;/b&gt; {unit}</translation>
    </message>
</context>
<context>
    <name>ItemEditorDialog</name>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>e.g. HAM-16OZ</source>
        <translation>z. B. HAM-16OZ</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Sell price</source>
        <translation>Verkaufspreis</translation>
    </message>
    <message>
        <source>Cost price</source>
        <translation>Einkaufspreis</translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation>Meldebestand</translation>
    </message>
    <message>
        <source>Reorder quantity</source>
        <translation>Bestellmenge</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Lieferant</translation>
    </message>
    <message>
        <source>Packs</source>
        <translation>Gebinde</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Variants…</source>
        <translation>Varianten…</translation>
    </message>
    <message>
        <source>Use the template&apos;s prices</source>
        <translation>Preise der Vorlage übernehmen</translation>
    </message>
    <message>
        <source>Save the item first, then give it variants here.</source>
        <translation>Speichern Sie den Artikel zuerst, dann geben Sie ihm hier Varianten.</translation>
    </message>
    <message>
        <source>Variant of {sku} ({values})</source>
        <translation>Variante von {sku} ({values})</translation>
    </message>
    <message>
        <source>Template: stock is kept on its variants</source>
        <translation>Vorlage: der Bestand wird bei ihren Varianten geführt</translation>
    </message>
    <message>
        <source>No variants (sizes, colours, …)</source>
        <translation>Keine Varianten (Größen, Farben, …)</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>Varianten</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Not tracked</source>
        <translation>Nicht verfolgt</translation>
    </message>
    <message>
        <source>By lot</source>
        <translation>Nach Charge</translation>
    </message>
    <message>
        <source>By lot, with use-by dates</source>
        <translation>Nach Charge, mit Verfallsdatum</translation>
    </message>
    <message>
        <source>By serial number (each unit)</source>
        <translation>Nach Seriennummer (jede Einheit)</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Verfolgung</translation>
    </message>
    <message>
        <source>blank: the category&apos;s</source>
        <translation>leer: wie die Kategorie</translation>
    </message>
    <message>
        <source>Warn days before expiry</source>
        <translation>Warnen Tage vor Verfall</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>Per store (empty: as above)</source>
        <translation>Je Filiale (leer: wie oben)</translation>
    </message>
    <message>
        <source>Generate in-store EAN-13</source>
        <translation>Interne EAN-13 erzeugen</translation>
    </message>
    <message>
        <source>scan or type a barcode, then Add</source>
        <translation>Barcode scannen oder eintippen, dann Hinzufügen</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Barcodes</source>
        <translation>Barcodes</translation>
    </message>
    <message>
        <source>is already in the list</source>
        <translation>steht schon in der Liste</translation>
    </message>
</context>
<context>
    <name>ItemPickerDialog</name>
    <message>
        <source>{action}: which item?</source>
        <translation>{action}: welcher Artikel?</translation>
    </message>
    <message>
        <source>Scan or type a SKU, name or barcode</source>
        <translation>Artikelnummer, Name oder Barcode scannen oder eingeben</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Auswählen</translation>
    </message>
    <message>
        <source>No item is selected. Find the item for this action:</source>
        <translation>Kein Artikel ist ausgewählt. Suchen Sie den Artikel für diese Aktion:</translation>
    </message>
    <message>
        <source>Choose an item first.</source>
        <translation>Wählen Sie zuerst einen Artikel.</translation>
    </message>
</context>
<context>
    <name>ItemsExport</name>
    <message>
        <source>Exporting {path}…</source>
        <translation>{path} wird exportiert…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ItemsModel</name>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Sell price</source>
        <translation>Verkaufspreis</translation>
    </message>
    <message>
        <source>Cost price</source>
        <translation>Einkaufspreis</translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation>Meldebestand</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
</context>
<context>
    <name>LabelsDialog</name>
    <message>
        <source>Print labels</source>
        <translation>Etiketten drucken</translation>
    </message>
    <message>
        <source>Label for {pack} of {sku}</source>
        <translation>Etikett für {pack} von {sku}</translation>
    </message>
    <message>
        <source>Receipt labels for {number}</source>
        <translation>Wareneingangs-Etiketten für {number}</translation>
    </message>
    <message>
        <source>Store labels</source>
        <translation>Filialetiketten</translation>
    </message>
    <message>
        <source>Location labels of {store}</source>
        <translation>Lagerplatz-Etiketten von {store}</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etikett</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Also the packs&apos; labels (cases with their own barcode)</source>
        <translation>Auch die Etiketten der Gebinde (Kartons mit eigenem Barcode)</translation>
    </message>
    <message>
        <source>Save PDF and open it…</source>
        <translation>PDF speichern und öffnen…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Bogen</translation>
    </message>
    <message>
        <source>{labels} labels on {sheets} sheets</source>
        <translation>{labels} Etiketten auf {sheets} Bögen</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>Gespeichert unter {path}</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>Stückkosten</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Movement ledger</source>
        <translation>Bewegungsjournal</translation>
    </message>
    <message>
        <source>&amp;Reverse…</source>
        <translation>&amp;Stornieren…</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>Jede Art</translation>
    </message>
    <message>
        <source>Any store</source>
        <translation>Jede Filiale</translation>
    </message>
    <message>
        <source>SKU or barcode</source>
        <translation>Artikelnummer oder Barcode</translation>
    </message>
    <message>
        <source>user e-mail</source>
        <translation>E-Mail des Benutzers</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>No item {code}</source>
        <translation>Kein Artikel {code}</translation>
    </message>
    <message>
        <source>No user {email}</source>
        <translation>Kein Benutzer {email}</translation>
    </message>
    <message>
        <source>Reason (required):</source>
        <translation>Grund (Pflichtangabe):</translation>
    </message>
    <message>
        <source>Reverse {kind} of {sku}</source>
        <translation>{kind} von {sku} stornieren</translation>
    </message>
</context>
<context>
    <name>LocationCount</name>
    <message>
        <source>Leave location</source>
        <translation>Lagerplatz verlassen</translation>
    </message>
    <message>
        <source>No location: scan a location&apos;s label to count it item by item</source>
        <translation>Kein Lagerplatz: das Etikett eines Lagerplatzes scannen, um ihn Artikel für Artikel zu zählen</translation>
    </message>
    <message>
        <source>Counting at &lt;b&gt;{path}&lt;/b&gt;{name}</source>
        <translation>Zählung bei &lt;b&gt;{path}&lt;/b&gt;{name}</translation>
    </message>
</context>
<context>
    <name>LocationCountModel</name>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Charge</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Gezählt</translation>
    </message>
</context>
<context>
    <name>LocationsPage</name>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Aisle</source>
        <translation>Gang</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>Regal</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>Fach</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>Lagerplätze</translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <source>&amp;Add location</source>
        <translation>Lagerplatz &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>&amp;Archivieren</translation>
    </message>
    <message>
        <source>Print &amp;labels…</source>
        <translation>&amp;Etiketten drucken…</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>Archivierte zeigen</translation>
    </message>
    <message>
        <source>&amp;Store</source>
        <translation>&amp;Filiale</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>archiviert</translation>
    </message>
    <message>
        <source>No stores yet: add one on the Stores page first.</source>
        <translation>Noch keine Filialen: zuerst eine auf der Seite „Filialen“ anlegen.</translation>
    </message>
    <message>
        <source>No locations yet: add a zone, then its aisles, shelves and bins.</source>
        <translation>Noch keine Lagerplätze: eine Zone anlegen, dann ihre Gänge, Regale und Fächer.</translation>
    </message>
    <message>
        <source>Read only: managers and admins change locations.</source>
        <translation>Nur lesen: Lagerplätze ändern Manager und Administratoren.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>StockDesk — create the administrator</source>
        <translation>StockDesk — Administrator anlegen</translation>
    </message>
    <message>
        <source>StockDesk — log in</source>
        <translation>StockDesk — Anmelden</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>Administrator anlegen</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>This database has no accounts yet. Create the administrator who sets up
stores and users.</source>
        <translation>Diese Datenbank hat noch keine Konten. Legen Sie den Administrator an, der
Filialen und Benutzer einrichtet.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Vollständiger Name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <source>Too many failed attempts: try again in {0} s.</source>
        <translation>Zu viele Fehlversuche: in {0} s erneut versuchen.</translation>
    </message>
    <message>
        <source>Wrong e-mail or password.</source>
        <translation>E-Mail oder Passwort falsch.</translation>
    </message>
    <message>
        <source>does not match the password</source>
        <translation>stimmt nicht mit dem Passwort überein</translation>
    </message>
</context>
<context>
    <name>LotMenu</name>
    <message>
        <source>Correct use-by date…</source>
        <translation>Verbrauchsdatum berichtigen…</translation>
    </message>
    <message>
        <source>Only a manager or an admin may correct a use-by date.</source>
        <translation>Nur ein Manager oder Administrator darf ein Verbrauchsdatum berichtigen.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>StockDesk</source>
        <translation>StockDesk</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>&amp;Archivieren</translation>
    </message>
    <message>
        <source>Adjustments (write-offs) need a manager; an admin may allow a clerk to post them.</source>
        <translation>Korrekturbuchungen (Abschreibungen) bucht ein Manager; ein Administrator kann sie einem Mitarbeiter erlauben.</translation>
    </message>
    <message>
        <source>Created {sku}</source>
        <translation>{sku} angelegt</translation>
    </message>
    <message>
        <source>Restore {sku} — {name}?</source>
        <translation>{sku} — {name} wiederherstellen?</translation>
    </message>
    <message>
        <source>Archive {sku} — {name}?</source>
        <translation>{sku} — {name} archivieren?</translation>
    </message>
    <message>
        <source>Restored {sku}</source>
        <translation>{sku} wiederhergestellt</translation>
    </message>
    <message>
        <source>Archived {sku}</source>
        <translation>{sku} archiviert</translation>
    </message>
    <message>
        <source>{title}: done</source>
        <translation>{title}: erledigt</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Kategorien</translation>
    </message>
    <message>
        <source>Suppliers</source>
        <translation>Lieferanten</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>Filialen</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>Lagerplätze</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation>&amp;Tabelle</translation>
    </message>
    <message>
        <source>E&amp;xport items to CSV…</source>
        <translation>Artikel als CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Export the items as filtered and sorted (Ctrl+Shift+E)</source>
        <translation>Die Artikel wie gefiltert und sortiert exportieren (Strg+Umschalt+E)</translation>
    </message>
    <message>
        <source>Export items with &amp;pictures…</source>
        <translation>Artikel mit &amp;Bildern exportieren…</translation>
    </message>
    <message>
        <source>Export the items as filtered and sorted, their pictures into a folder beside the CSV</source>
        <translation>Die Artikel wie gefiltert und sortiert exportieren, ihre Bilder in einen Ordner neben der CSV-Datei</translation>
    </message>
    <message>
        <source>Export items</source>
        <translation>Artikel exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Exported {n} items, their pictures into {folder}</source>
        <translation>{n} Artikel exportiert, ihre Bilder nach {folder}</translation>
    </message>
    <message>
        <source>Exported {n} items</source>
        <translation>{n} Artikel exportiert</translation>
    </message>
    <message>
        <source>&amp;Import items…</source>
        <translation>Artikel &amp;importieren…</translation>
    </message>
    <message>
        <source>Import items from a CSV or Excel file</source>
        <translation>Artikel aus einer CSV- oder Excel-Datei importieren</translation>
    </message>
    <message>
        <source>&amp;Reports…</source>
        <translation>Be&amp;richte…</translation>
    </message>
    <message>
        <source>Write a report as PDF or CSV</source>
        <translation>Einen Bericht als PDF oder CSV erstellen</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>Jetzt &amp;sichern</translation>
    </message>
    <message>
        <source>Write a consistent copy of the database</source>
        <translation>Eine konsistente Kopie der Datenbank schreiben</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Sicherung läuft…</translation>
    </message>
    <message>
        <source>Backup written to {path}</source>
        <translation>Sicherung geschrieben nach {path}</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Jetzt sichern</translation>
    </message>
    <message>
        <source>The backup failed: {error}</source>
        <translation>Die Sicherung ist fehlgeschlagen: {error}</translation>
    </message>
</context>
<context>
    <name>MoveLocationDialog</name>
    <message>
        <source>Move between locations — {sku}</source>
        <translation>Zwischen Lagerplätzen umlagern — {sku}</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Umlagern</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>From (location, lot)</source>
        <translation>Von (Lagerplatz, Charge)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Nach</translation>
    </message>
    <message>
        <source>Quantity to move</source>
        <translation>Umzulagernde Menge</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Move an expired lot (manager)</source>
        <translation>Verfallene Charge umlagern (Manager)</translation>
    </message>
    <message>
        <source>Only a manager or an admin may move an expired lot.</source>
        <translation>Nur ein Manager oder Administrator darf eine verfallene Charge umlagern.</translation>
    </message>
    <message>
        <source>You are not assigned to any store.</source>
        <translation>Sie sind keiner Filiale zugeordnet.</translation>
    </message>
    <message>
        <source>Unplaced (no location)</source>
        <translation>Ohne Lagerplatz</translation>
    </message>
    <message>
        <source>None of it is in stock in this store.</source>
        <translation>In dieser Filiale ist nichts davon auf Lager.</translation>
    </message>
    <message>
        <source>This store has no locations yet (see Locations).</source>
        <translation>Diese Filiale hat noch keine Lagerplätze (siehe „Lagerplätze“).</translation>
    </message>
    <message>
        <source>Unplaced</source>
        <translation>Ohne Lagerplatz</translation>
    </message>
    <message>
        <source>lot {lot}</source>
        <translation>Charge {lot}</translation>
    </message>
    <message>
        <source>(use by {day})</source>
        <translation>(verbrauchen bis {day})</translation>
    </message>
    <message>
        <source>{place} — {quantity} on hand</source>
        <translation>{place} — {quantity} auf Lager</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>ist erforderlich</translation>
    </message>
</context>
<context>
    <name>MovementDialog</name>
    <message>
        <source>Receive</source>
        <translation>Wareneingang</translation>
    </message>
    <message>
        <source>Quantity received</source>
        <translation>Eingegangene Menge</translation>
    </message>
    <message>
        <source>Reference (PO, delivery note)</source>
        <translation>Referenz (Bestellung, Lieferschein)</translation>
    </message>
    <message>
        <source>Sell / issue</source>
        <translation>Verkaufen / ausgeben</translation>
    </message>
    <message>
        <source>Quantity sold</source>
        <translation>Verkaufte Menge</translation>
    </message>
    <message>
        <source>Reference (receipt, order)</source>
        <translation>Referenz (Beleg, Auftrag)</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Verkaufen</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Umlagern</translation>
    </message>
    <message>
        <source>Quantity to move</source>
        <translation>Umzulagernde Menge</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Adjust</source>
        <translation>Korrigieren</translation>
    </message>
    <message>
        <source>Change (+ found, − lost)</source>
        <translation>Änderung (+ gefunden, − verloren)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Zählen</translation>
    </message>
    <message>
        <source>Counted on the shelf</source>
        <translation>Im Regal gezählt</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Record count</source>
        <translation>Zählung erfassen</translation>
    </message>
    <message>
        <source>From store</source>
        <translation>Von Filiale</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>To store</source>
        <translation>An Filiale</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>Stückkosten</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>You are not assigned to any store.</source>
        <translation>Sie sind keiner Filiale zugeordnet.</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>ist erforderlich</translation>
    </message>
</context>
<context>
    <name>MovementsModel</name>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>Stückkosten</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
</context>
<context>
    <name>NewLocationDialog</name>
    <message>
        <source>New location in {store}</source>
        <translation>Neuer Lagerplatz in {store}</translation>
    </message>
    <message>
        <source>(top of the store)</source>
        <translation>(oberste Ebene der Filiale)</translation>
    </message>
    <message>
        <source>Under</source>
        <translation>Unter</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>printed as the label&apos;s barcode, e.g. A-03-2</source>
        <translation>wird als Barcode des Etiketts gedruckt, z. B. A-03-2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
</context>
<context>
    <name>OrderLinesModel</name>
    <message>
        <source>{packs} × {pack} of {contents} {unit}</source>
        <translation>{packs} × {pack} à {contents} {unit}</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>Bestellt</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Geliefert</translation>
    </message>
    <message>
        <source>Receive now</source>
        <translation>Jetzt einbuchen</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>Stückkosten</translation>
    </message>
    <message>
        <source>Supplier&apos;s pack</source>
        <translation>Einkaufsgebinde</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Lieferant</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Positionen</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <source>Purchase orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <source>All orders</source>
        <translation>Alle Bestellungen</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Entwürfe</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Partly received</source>
        <translation>Teilweise geliefert</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Geliefert</translation>
    </message>
    <message>
        <source>SKU or barcode</source>
        <translation>Artikelnummer oder Barcode</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>&amp;Add or change line</source>
        <translation>Position &amp;hinzufügen oder ändern</translation>
    </message>
    <message>
        <source>Re&amp;move line</source>
        <translation>Position &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Send to supplier…</source>
        <translation>An Lieferanten &amp;senden…</translation>
    </message>
    <message>
        <source>Scan or type a SKU/barcode, Enter adds the quantity</source>
        <translation>Artikelnummer/Barcode scannen oder eintippen, Eingabetaste fügt die Menge hinzu</translation>
    </message>
    <message>
        <source>&amp;Receive typed quantities</source>
        <translation>Eingegebene Mengen &amp;einbuchen</translation>
    </message>
    <message>
        <source>Receipt &amp;labels…</source>
        <translation>Eingangs-&amp;Etiketten…</translation>
    </message>
    <message>
        <source>One label per unit ordered, to stick on the delivery</source>
        <translation>Ein Etikett je bestellter Einheit, für die Lieferung</translation>
    </message>
    <message>
        <source>Select an order.</source>
        <translation>Eine Bestellung auswählen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{number}&lt;/b&gt; to {supplier}, deliver to {store} — {status}</source>
        <translation>&lt;b&gt;{number}&lt;/b&gt; an {supplier}, Lieferung an {store} — {status}</translation>
    </message>
    <message>
        <source>{sku} set on {number}</source>
        <translation>{sku} in {number} eingetragen</translation>
    </message>
    <message>
        <source>Line {n} ({sku}) removed</source>
        <translation>Position {n} ({sku}) entfernt</translation>
    </message>
    <message>
        <source>Send {number} to {supplier} by e-mail?</source>
        <translation>{number} per E-Mail an {supplier} senden?</translation>
    </message>
    <message>
        <source>{number} queued for e-mail; PDF: &lt;a href=&quot;{link}&quot;&gt;{path}&lt;/a&gt;</source>
        <translation>{number} zum E-Mail-Versand eingereiht; PDF: &lt;a href=&quot;{link}&quot;&gt;{path}&lt;/a&gt;</translation>
    </message>
    <message>
        <source>{sku} is not on {number}</source>
        <translation>{sku} steht nicht in {number}</translation>
    </message>
    <message numerus="yes">
        <source>Received %n line(s) on {number}; now {status}</source>
        <translation>
            <numerusform>%n Position auf {number} empfangen; jetzt {status}</numerusform>
            <numerusform>%n Positionen auf {number} empfangen; jetzt {status}</numerusform>
        </translation>
    </message>
    <message>
        <source>Line {n} ({sku})</source>
        <translation>Position {n} ({sku})</translation>
    </message>
    <message>
        <source>Line {n}</source>
        <translation>Position {n}</translation>
    </message>
</context>
<context>
    <name>PackList</name>
    <message>
        <source>Pack</source>
        <translation>Gebinde</translation>
    </message>
    <message>
        <source>Contains</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>Supplier&apos;s pack</source>
        <translation>Einkaufsgebinde</translation>
    </message>
    <message>
        <source>case</source>
        <translation>Karton</translation>
    </message>
    <message>
        <source>12</source>
        <translation>12</translation>
    </message>
    <message>
        <source>barcode (optional)</source>
        <translation>Barcode (optional)</translation>
    </message>
    <message>
        <source>supplier&apos;s pack</source>
        <translation>Einkaufsgebinde</translation>
    </message>
    <message>
        <source>Add pack</source>
        <translation>Gebinde hinzufügen</translation>
    </message>
    <message>
        <source>Remove pack</source>
        <translation>Gebinde entfernen</translation>
    </message>
    <message>
        <source>Save the item first, then add its packs here.</source>
        <translation>Speichern Sie den Artikel zuerst, dann fügen Sie hier seine Gebinde hinzu.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Reset password of {email}</source>
        <translation>Passwort von {email} zurücksetzen</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Neues Passwort</translation>
    </message>
</context>
<context>
    <name>PictureBox</name>
    <message>
        <source>No picture: drop a picture file here</source>
        <translation>Kein Bild: Bilddatei hierher ziehen</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>From camera</source>
        <translation>Von der Kamera</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Item picture</source>
        <translation>Artikelbild</translation>
    </message>
    <message>
        <source>Pictures</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Start the camera in the scanner panel first: it has shown no picture yet</source>
        <translation>Starten Sie zuerst die Kamera im Scanner-Bereich: Sie hat noch kein Bild gezeigt</translation>
    </message>
    <message>
        <source>camera still</source>
        <translation>Kamerabild</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
</context>
<context>
    <name>PlaceFields</name>
    <message>
        <source>Location</source>
        <translation>Lagerplatz</translation>
    </message>
    <message>
        <source>as printed on the delivery</source>
        <translation>wie auf der Lieferung gedruckt</translation>
    </message>
    <message>
        <source>one serial number per line (scan them)</source>
        <translation>eine Seriennummer je Zeile (scannen)</translation>
    </message>
    <message>
        <source>Sell or move an expired lot (manager)</source>
        <translation>Verfallene Charge verkaufen oder umlagern (Manager)</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Charge</translation>
    </message>
    <message>
        <source>Lot (blank: first to expire)</source>
        <translation>Charge (leer: die zuerst verfallende)</translation>
    </message>
    <message>
        <source>Use by</source>
        <translation>Verbrauchen bis</translation>
    </message>
    <message>
        <source>Serial numbers</source>
        <translation>Seriennummern</translation>
    </message>
    <message>
        <source>(where the item already is)</source>
        <translation>(wo der Artikel schon liegt)</translation>
    </message>
</context>
<context>
    <name>PlacesModel</name>
    <message>
        <source>{day} EXPIRED</source>
        <translation>{day} VERFALLEN</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Lager</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lagerplatz</translation>
    </message>
    <message>
        <source>(unplaced)</source>
        <translation>(ohne Platz)</translation>
    </message>
    <message>
        <source>Lot / serial</source>
        <translation>Charge / Seriennr.</translation>
    </message>
    <message>
        <source>Use by</source>
        <translation>Verbrauchen bis</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>Bestand</translation>
    </message>
</context>
<context>
    <name>ProblemList</name>
    <message>
        <source>Line {n}</source>
        <translation>Zeile {n}</translation>
    </message>
</context>
<context>
    <name>QuickActionsBar</name>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Quantity for F2-F5 (F1 always sells one)</source>
        <translation>Menge für F2–F5 (F1 verkauft immer eins)</translation>
    </message>
    <message>
        <source>Store that a transfer (F5) sends to</source>
        <translation>Filiale, in die eine Umlagerung (F5) geht</translation>
    </message>
    <message>
        <source>F1 Sell 1</source>
        <translation>F1 1 verkaufen</translation>
    </message>
    <message>
        <source>F2 Sell N</source>
        <translation>F2 N verkaufen</translation>
    </message>
    <message>
        <source>F3 Receive N</source>
        <translation>F3 N einbuchen</translation>
    </message>
    <message>
        <source>F4 Count = N</source>
        <translation>F4 Zählung = N</translation>
    </message>
    <message>
        <source>F5 Transfer N to</source>
        <translation>F5 N umlagern nach</translation>
    </message>
    <message>
        <source>F6 Create/attach code</source>
        <translation>F6 Code anlegen/zuordnen</translation>
    </message>
    <message>
        <source>F7 Label</source>
        <translation>F7 Etikett</translation>
    </message>
    <message>
        <source>N:</source>
        <translation>N:</translation>
    </message>
</context>
<context>
    <name>RecipientsModel</name>
    <message>
        <source>(all)</source>
        <translation>(alle)</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Versand</translation>
    </message>
    <message>
        <source>Daily digest</source>
        <translation>Tägliche Zusammenfassung</translation>
    </message>
    <message>
        <source>Immediately</source>
        <translation>Sofort</translation>
    </message>
</context>
<context>
    <name>RegisterDeskDialog</name>
    <message>
        <source>Register this desk</source>
        <translation>Diese Kasse anmelden</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Name of this desk</source>
        <translation>Name dieser Kasse</translation>
    </message>
    <message>
        <source>Sign in as a manager or admin of the server, or type an enrolment code.</source>
        <translation>Melden Sie sich als Filialleiter oder Administrator des Servers an, oder geben Sie einen Anmeldecode ein.</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>Anmeldecode</translation>
    </message>
    <message>
        <source>This desk was registered with a database login, which the server no longer accepts. Type its upgrade code, or paste the line of the upgrade file the server&apos;s admin brought: it keeps its desk id and sends its queued changes.</source>
        <translation>Diese Kasse wurde mit einer Datenbank-Anmeldung eingerichtet, die der Server nicht mehr annimmt. Geben Sie ihren Umzugscode ein oder fügen Sie die Zeile der Umzugsdatei ein, die der Administrator des Servers mitgebracht hat: Die Kasse behält ihre Kassen-ID und sendet ihre wartenden Änderungen.</translation>
    </message>
    <message>
        <source>A desk registered the old way (a database login) moves with its upgrade code.</source>
        <translation>Eine auf die alte Art (mit Datenbank-Anmeldung) eingerichtete Kasse zieht mit ihrem Umzugscode um.</translation>
    </message>
    <message>
        <source>Upgrade code</source>
        <translation>Umzugscode</translation>
    </message>
    <message>
        <source>Move this desk to the server&apos;s API</source>
        <translation>Diese Kasse auf die Server-API umziehen</translation>
    </message>
    <message>
        <source>must be the StockDesk server&apos;s address (https://…)</source>
        <translation>muss die Adresse des StockDesk-Servers sein (https://…)</translation>
    </message>
    <message>
        <source>or an enrolment code is needed</source>
        <translation>oder ein Anmeldecode wird gebraucht</translation>
    </message>
</context>
<context>
    <name>RenameLocationDialog</name>
    <message>
        <source>Rename {code}</source>
        <translation>{code} umbenennen</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lagerplatz</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
</context>
<context>
    <name>ReorderPage</name>
    <message>
        <source>Reorder</source>
        <translation>Nachbestellen</translation>
    </message>
    <message>
        <source>All stores</source>
        <translation>Alle Filialen</translation>
    </message>
    <message>
        <source>Only lines to order</source>
        <translation>Nur zu bestellende Zeilen</translation>
    </message>
    <message>
        <source>Apply &amp;reorder points</source>
        <translation>&amp;Meldebestände übernehmen</translation>
    </message>
    <message>
        <source>Create &amp;draft orders</source>
        <translation>Bestell&amp;entwürfe anlegen</translation>
    </message>
    <message>
        <source>Reorder suggestions</source>
        <translation>Bestellvorschläge</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>Stop the calculation; the lines shown stay</source>
        <translation>Die Berechnung anhalten; die angezeigten Zeilen bleiben</translation>
    </message>
    <message>
        <source>Calculating forecasts…</source>
        <translation>Prognosen werden berechnet…</translation>
    </message>
    <message>
        <source>Reading stock levels…</source>
        <translation>Bestände werden gelesen…</translation>
    </message>
    <message>
        <source>Forecasting demand…</source>
        <translation>Der Bedarf wird prognostiziert…</translation>
    </message>
    <message>
        <source>Working out what to order…</source>
        <translation>Bestellmengen werden ermittelt…</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) recalculated</source>
        <translation>
            <numerusform>%n Artikel neu berechnet</numerusform>
            <numerusform>%n Artikel neu berechnet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s), {k} to order</source>
        <translation>
            <numerusform>%n Zeile, {k} zu bestellen</numerusform>
            <numerusform>%n Zeilen, {k} zu bestellen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set the reorder point of %n item(s) to the computed value?</source>
        <translation>
            <numerusform>Den Meldebestand von %n Artikel auf den berechneten Wert setzen?</numerusform>
            <numerusform>Den Meldebestand von %n Artikeln auf den berechneten Wert setzen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reorder points set on %n item(s)</source>
        <translation>
            <numerusform>Meldebestand bei %n Artikel gesetzt</numerusform>
            <numerusform>Meldebestand bei %n Artikeln gesetzt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Created %n draft order(s): {numbers}</source>
        <translation>
            <numerusform>%n Bestellentwurf angelegt: {numbers}</numerusform>
            <numerusform>%n Bestellentwürfe angelegt: {numbers}</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a line to see why it is suggested.</source>
        <translation>Eine Zeile auswählen, um zu sehen, warum sie vorgeschlagen wird.</translation>
    </message>
    <message>
        <source>Re&amp;calculate</source>
        <translation>Neu &amp;berechnen</translation>
    </message>
    <message>
        <source>Reading the sales history…</source>
        <translation>Die Verkaufshistorie wird gelesen…</translation>
    </message>
    <message>
        <source>Select the lines whose computed reorder point to apply.</source>
        <translation>Die Zeilen auswählen, deren berechneter Meldebestand übernommen werden soll.</translation>
    </message>
    <message>
        <source>Select the lines to order first.</source>
        <translation>Zuerst die zu bestellenden Zeilen auswählen.</translation>
    </message>
    <message>
        <source>{sku} in {store} (order {qty})</source>
        <translation>{sku} in {store} ({qty} bestellen)</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Reports</source>
        <translation>Berichte</translation>
    </message>
    <message>
        <source>All stores</source>
        <translation>Alle Filialen</translation>
    </message>
    <message>
        <source>Per location in stores that have locations (not per category)</source>
        <translation>Je Lagerplatz in Filialen mit Lagerplätzen (statt je Kategorie)</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Alle Arten</translation>
    </message>
    <message>
        <source>e-mail (all users when empty)</source>
        <translation>E-Mail (leer: alle Benutzer)</translation>
    </message>
    <message>
        <source>SKU (all items when empty)</source>
        <translation>Artikelnummer (leer: alle Artikel)</translation>
    </message>
    <message>
        <source>lot code or serial number</source>
        <translation>Charge oder Seriennummer</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>Stichtag</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Abschnitte</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Charge</translation>
    </message>
    <message>
        <source>Stocktake</source>
        <translation>Inventur</translation>
    </message>
    <message>
        <source>Save as (.pdf or .csv)</source>
        <translation>Speichern als (.pdf oder .csv)</translation>
    </message>
    <message>
        <source>Write report</source>
        <translation>Bericht erstellen</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>gebucht</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>{store} · started {started} · {status} · {lines} items</source>
        <translation>{store} · begonnen {started} · {status} · {lines} Artikel</translation>
    </message>
    <message>
        <source>No stocktakes yet</source>
        <translation>Noch keine Inventuren</translation>
    </message>
    <message>
        <source>Save report as</source>
        <translation>Bericht speichern unter</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;CSV (*.csv)</source>
        <translation>PDF (*.pdf);;CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>ReportRunner</name>
    <message>
        <source>Writing the report…</source>
        <translation>Der Bericht wird erstellt…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Writing the report… {lines} lines</source>
        <translation>Der Bericht wird erstellt… {lines} Zeilen</translation>
    </message>
    <message>
        <source>The report was saved as
{path}</source>
        <translation>Der Bericht wurde gespeichert als
{path}</translation>
    </message>
    <message>
        <source>The report could not be written: {error}</source>
        <translation>Der Bericht konnte nicht erstellt werden: {error}</translation>
    </message>
</context>
<context>
    <name>ReviewsModel</name>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
</context>
<context>
    <name>SalesChart</name>
    <message>
        <source>Select a line to see its recent sales</source>
        <translation>Eine Zeile auswählen, um ihre letzten Verkäufe zu sehen</translation>
    </message>
    <message>
        <source>Sold per day</source>
        <translation>Verkauft pro Tag</translation>
    </message>
    <message>
        <source>Forecast ({method})</source>
        <translation>Prognose ({method})</translation>
    </message>
    <message>
        <source>{first} – {last}, one bar per day</source>
        <translation>{first} – {last}, ein Balken pro Tag</translation>
    </message>
</context>
<context>
    <name>ScannerDock</name>
    <message>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>Camera off</source>
        <translation>Kamera aus</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Continuous</source>
        <translation>Fortlaufend</translation>
    </message>
    <message>
        <source>Keep scanning after a code; off stops after the first scan</source>
        <translation>Nach einem Code weiterscannen; aus: Halt nach dem ersten Scan</translation>
    </message>
    <message>
        <source>The same code within this time is one scan</source>
        <translation>Derselbe Code innerhalb dieser Zeit zählt als ein Scan</translation>
    </message>
    <message>
        <source>Same code ignored for</source>
        <translation>Gleichen Code ignorieren für</translation>
    </message>
    <message>
        <source>Videos (*.avi *.mp4 *.mkv *.mov);;All files (*)</source>
        <translation>Videos (*.avi *.mp4 *.mkv *.mov);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Video to scan</source>
        <translation>Zu scannendes Video</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>Scanne…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Read {code} ({symbology})</source>
        <translation>{code} gelesen ({symbology})</translation>
    </message>
    <message>
        <source>Hold steady…</source>
        <translation>Ruhig halten…</translation>
    </message>
    <message>
        <source>No picture: {message}</source>
        <translation>Kein Bild: {message}</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>Keine Kamera</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Englisch (English)</translation>
    </message>
    <message>
        <source>German (Deutsch)</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>This desk</source>
        <translation>Dieser Arbeitsplatz</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Default store</source>
        <translation>Standardfiliale</translation>
    </message>
    <message>
        <source>0 is the first camera the system found</source>
        <translation>0 ist die erste Kamera, die das System gefunden hat</translation>
    </message>
    <message>
        <source>Camera number</source>
        <translation>Kameranummer</translation>
    </message>
    <message>
        <source>The shop&apos;s currency on every desk; empty: the locale&apos;s.</source>
        <translation>Die Währung des Geschäfts an jedem Arbeitsplatz; leer: die der Spracheinstellung.</translation>
    </message>
    <message>
        <source>Shop currency</source>
        <translation>Währung des Geschäfts</translation>
    </message>
    <message>
        <source>Each desk&apos;s language</source>
        <translation>Sprache des jeweiligen Arbeitsplatzes</translation>
    </message>
    <message>
        <source>What reports, purchase orders and e-mails are written in, on every desk.</source>
        <translation>In dieser Sprache werden Berichte, Bestellungen und E-Mails an jedem Arbeitsplatz geschrieben.</translation>
    </message>
    <message>
        <source>Documents and e-mails</source>
        <translation>Dokumente und E-Mails</translation>
    </message>
    <message>
        <source>Database and sync</source>
        <translation>Datenbank und Synchronisation</translation>
    </message>
    <message>
        <source>empty: the local file; or a file path or postgresql://…</source>
        <translation>leer: die lokale Datei; sonst ein Dateipfad oder postgresql://…</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Register this desk…</source>
        <translation>Diese Kasse anmelden…</translation>
    </message>
    <message>
        <source>Desks…</source>
        <translation>Kassen…</translation>
    </message>
    <message>
        <source>The desks the server knows, when each last synced; revoke one</source>
        <translation>Die Kassen, die der Server kennt, und wann jede zuletzt abgeglichen hat; eine sperren</translation>
    </message>
    <message>
        <source>Sync server</source>
        <translation>Sync-Server</translation>
    </message>
    <message>
        <source>A new database is used the next time StockDesk starts.</source>
        <translation>Eine neue Datenbank wird beim nächsten Start von StockDesk verwendet.</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>SMTP server</source>
        <translation>SMTP-Server</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Absenderadresse</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Datenbankdatei</translation>
    </message>
    <message>
        <source>StockDesk database (*.sqlite);;All files (*)</source>
        <translation>StockDesk-Datenbank (*.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Enter the SMTP server to test.</source>
        <translation>Zum Testen den SMTP-Server eintragen.</translation>
    </message>
    <message>
        <source>Connecting to {0}:{1}…</source>
        <translation>Verbinde mit {0}:{1}…</translation>
    </message>
    <message>
        <source>Connected: {0}</source>
        <translation>Verbunden: {0}</translation>
    </message>
    <message>
        <source>Could not connect: {0}</source>
        <translation>Keine Verbindung möglich: {0}</translation>
    </message>
    <message>
        <source>The new database is used the next time StockDesk starts.</source>
        <translation>Die neue Datenbank wird beim nächsten Start von StockDesk verwendet.</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Language, theme, this desk&apos;s store, database, e-mail</source>
        <translation>Sprache, Farbschema, Filiale dieses Arbeitsplatzes, Datenbank, E-Mail</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <source>Setting up</source>
        <translation>Einrichtung</translation>
    </message>
    <message>
        <source>Creating the administrator and the stores…</source>
        <translation>Administrator und Filialen werden angelegt…</translation>
    </message>
    <message>
        <source>Creating items</source>
        <translation>Artikel werden angelegt</translation>
    </message>
    <message>
        <source>Writing sales history</source>
        <translation>Verkaufshistorie wird geschrieben</translation>
    </message>
    <message>
        <source>Checking rows</source>
        <translation>Zeilen werden geprüft</translation>
    </message>
    <message>
        <source>Writing items</source>
        <translation>Artikel werden geschrieben</translation>
    </message>
    <message>
        <source>Posting opening stock</source>
        <translation>Anfangsbestand wird gebucht</translation>
    </message>
    <message>
        <source>{0}: {1} of {2}</source>
        <translation>{0}: {1} von {2}</translation>
    </message>
    <message>
        <source>StockDesk is ready. Finish opens the main window.</source>
        <translation>StockDesk ist bereit. „Fertigstellen“ öffnet das Hauptfenster.</translation>
    </message>
    <message>
        <source>The file was not imported: {0} problems (listed below; nothing was written). Fix the file and import it later. {1}</source>
        <translation>Die Datei wurde nicht importiert: {0} Probleme (unten aufgeführt; nichts wurde geschrieben). Korrigieren Sie die Datei und importieren Sie sie später. {1}</translation>
    </message>
    <message>
        <source>{0} items imported. {1}</source>
        <translation>{0} Artikel importiert. {1}</translation>
    </message>
    <message>
        <source>row {0}, column {1}: “{2}” {3}</source>
        <translation>Zeile {0}, Spalte {1}: „{2}“ {3}</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>… und {0} weitere</translation>
    </message>
    <message>
        <source>The rejected rows were saved to {0}</source>
        <translation>Die abgelehnten Zeilen wurden in {0} gespeichert</translation>
    </message>
    <message>
        <source>Setting up failed: {0}</source>
        <translation>Die Einrichtung ist fehlgeschlagen: {0}</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>How to start</source>
        <translation>Wie Sie beginnen</translation>
    </message>
    <message>
        <source>You can import or add items at any time later.</source>
        <translation>Artikel können Sie später jederzeit importieren oder anlegen.</translation>
    </message>
    <message>
        <source>Start empty</source>
        <translation>Leer beginnen</translation>
    </message>
    <message>
        <source>Load demo data: a hardware store&apos;s {0} items, stocked in your stores, with {1} days of sales</source>
        <translation>Demodaten laden: {0} Artikel eines Baumarkts, als Bestand in Ihren Filialen, mit {1} Tagen Verkäufen</translation>
    </message>
    <message>
        <source>Import items from a CSV or Excel file</source>
        <translation>Artikel aus einer CSV- oder Excel-Datei importieren</translation>
    </message>
    <message>
        <source>items.csv</source>
        <translation>artikel.csv</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Datei wählen…</translation>
    </message>
    <message>
        <source>Set up</source>
        <translation>Einrichten</translation>
    </message>
    <message>
        <source>Items to import</source>
        <translation>Zu importierende Artikel</translation>
    </message>
    <message>
        <source>Items (*.csv *.tsv *.txt *.xlsx);;All files (*)</source>
        <translation>Artikel (*.csv *.tsv *.txt *.xlsx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose the file to import.</source>
        <translation>Wählen Sie die zu importierende Datei.</translation>
    </message>
    <message>
        <source>The file {0} does not exist.</source>
        <translation>Die Datei {0} existiert nicht.</translation>
    </message>
</context>
<context>
    <name>StockLevelsModel</name>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>Bestand</translation>
    </message>
</context>
<context>
    <name>StockPanel</name>
    <message>
        <source>No item selected</source>
        <translation>Kein Artikel ausgewählt</translation>
    </message>
    <message>
        <source>&lt;b&gt;Where and which lot&lt;/b&gt;</source>
        <translation>&lt;b&gt;Wo und welche Charge&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;On hand per store&lt;/b&gt;</source>
        <translation>&lt;b&gt;Bestand je Filiale&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Latest movements&lt;/b&gt;</source>
        <translation>&lt;b&gt;Letzte Bewegungen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>On hand in all stores: &lt;b&gt;{0}&lt;/b&gt; {1}</source>
        <translation>Bestand in allen Filialen: &lt;b&gt;{0}&lt;/b&gt; {1}</translation>
    </message>
</context>
<context>
    <name>StocktakePage</name>
    <message>
        <source>Stocktake</source>
        <translation>Inventur</translation>
    </message>
    <message>
        <source>Tick categories to count only those (and their subcategories)</source>
        <translation>Kategorien ankreuzen, um nur diese (und ihre Unterkategorien) zu zählen</translation>
    </message>
    <message>
        <source>Tick locations to count only those zones (and everything below them)</source>
        <translation>Lagerplätze ankreuzen, um nur diese Zonen (und alles darunter) zu zählen</translation>
    </message>
    <message>
        <source>S&amp;tart count</source>
        <translation>Zählung &amp;beginnen</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>Open count</source>
        <translation>Offene Zählung</translation>
    </message>
    <message>
        <source>Scan or type a SKU/barcode</source>
        <translation>Artikelnummer/Barcode scannen oder eintippen</translation>
    </message>
    <message>
        <source>&amp;Save counts</source>
        <translation>Zählungen &amp;speichern</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Items nobody counted are zero</source>
        <translation>Nicht gezählte Artikel sind null</translation>
    </message>
    <message>
        <source>&amp;Post count</source>
        <translation>Zählung &amp;buchen</translation>
    </message>
    <message numerus="yes">
        <source>Count started: %n item(s) expected</source>
        <translation>
            <numerusform>Zählung begonnen: %n Artikel erwartet</numerusform>
            <numerusform>Zählung begonnen: %n Artikel erwartet</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan {code}</source>
        <translation>Scan {code}</translation>
    </message>
    <message>
        <source>Counting at {code}: scan its items</source>
        <translation>Zählung bei {code}: jetzt seine Artikel scannen</translation>
    </message>
    <message>
        <source>{quantity} × {code} counted at {location}</source>
        <translation>{quantity} × {code} bei {location} gezählt</translation>
    </message>
    <message numerus="yes">
        <source>%n count line(s) saved</source>
        <translation>
            <numerusform>%n Zählzeile gespeichert</numerusform>
            <numerusform>%n Zählzeilen gespeichert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Post %n counted line(s) with a value difference of {value}?</source>
        <translation>
            <numerusform>%n gezählte Zeile mit einer Wertdifferenz von {value} buchen?</numerusform>
            <numerusform>%n gezählte Zeilen mit einer Wertdifferenz von {value} buchen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Posted %n count movement(s); value difference {value}</source>
        <translation>
            <numerusform>%n Zählbewegung gebucht; Wertdifferenz {value}</numerusform>
            <numerusform>%n Zählbewegungen gebucht; Wertdifferenz {value}</numerusform>
        </translation>
    </message>
    <message>
        <source>Line {n} ({code})</source>
        <translation>Zeile {n} ({code})</translation>
    </message>
    <message numerus="yes">
        <source>Stocktake {number} — {title} ({store}), %n item(s), started {when}</source>
        <translation>
            <numerusform>Inventur {number} — {title} ({store}), %n Artikel, begonnen {when}</numerusform>
            <numerusform>Inventur {number} — {title} ({store}), %n Artikel, begonnen {when}</numerusform>
        </translation>
    </message>
    <message>
        <source>No open count: start one for a store.</source>
        <translation>Keine offene Zählung: beginnen Sie eine für eine Filiale.</translation>
    </message>
    <message>
        <source>Counted {done} of {all}; difference {qty} units, value &lt;b&gt;{value}&lt;/b&gt;</source>
        <translation>{done} von {all} gezählt; Differenz {qty} Einheiten, Wert &lt;b&gt;{value}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Posting…</source>
        <translation>Wird gebucht…</translation>
    </message>
    <message>
        <source>Posted: difference {qty} units, value &lt;b&gt;{value}&lt;/b&gt;</source>
        <translation>Gebucht: Differenz {qty} Einheiten, Wert &lt;b&gt;{value}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>StoreDialog</name>
    <message>
        <source>Edit store</source>
        <translation>Filiale bearbeiten</translation>
    </message>
    <message>
        <source>New store</source>
        <translation>Neue Filiale</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kürzel</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
</context>
<context>
    <name>StoresPage</name>
    <message>
        <source>Code</source>
        <translation>Kürzel</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>Filialen</translation>
    </message>
    <message>
        <source>&amp;Edit store</source>
        <translation>Filiale &amp;bearbeiten</translation>
    </message>
    <message>
        <source>&amp;New store</source>
        <translation>&amp;Neue Filiale</translation>
    </message>
    <message>
        <source>Location &amp;labels…</source>
        <translation>Lagerplatz-&amp;Etiketten…</translation>
    </message>
    <message>
        <source>Store la&amp;bels…</source>
        <translation>Filialeti&amp;ketten…</translation>
    </message>
    <message>
        <source>Choose the store whose location labels to print.</source>
        <translation>Wählen Sie die Filiale, deren Lagerplatz-Etiketten gedruckt werden sollen.</translation>
    </message>
    <message>
        <source>{store} has no locations yet: add them on the Locations page.</source>
        <translation>{store} hat noch keine Lagerplätze: legen Sie sie auf der Seite „Lagerplätze“ an.</translation>
    </message>
    <message>
        <source>Your stores</source>
        <translation>Ihre Filialen</translation>
    </message>
    <message>
        <source>Every place that holds stock: a shop, a warehouse, a van. You can add more later.</source>
        <translation>Jeder Ort mit Bestand: ein Laden, ein Lager, ein Lieferwagen. Weitere können Sie später anlegen.</translation>
    </message>
    <message>
        <source>Click a cell and type. Each store needs a short code (letters or digits, at most 32, each code once, for example MAIN) and a name.</source>
        <translation>Zelle anklicken und tippen. Jede Filiale braucht ein kurzes Kürzel (Buchstaben oder Ziffern, höchstens 32, jedes nur einmal, zum Beispiel MAIN) und einen Namen.</translation>
    </message>
    <message>
        <source>Add store</source>
        <translation>Filiale hinzufügen</translation>
    </message>
    <message>
        <source>Remove store</source>
        <translation>Filiale entfernen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache / Language</translation>
    </message>
    <message>
        <source>Enter at least one store.</source>
        <translation>Geben Sie mindestens eine Filiale ein.</translation>
    </message>
    <message>
        <source>The store “{0}” needs a code (for example MAIN).</source>
        <translation>Die Filiale „{0}“ braucht ein Kürzel (zum Beispiel MAIN).</translation>
    </message>
    <message>
        <source>The store {0} needs a name.</source>
        <translation>Die Filiale {0} braucht einen Namen.</translation>
    </message>
    <message>
        <source>The code {0} is longer than 32 characters.</source>
        <translation>Das Kürzel {0} ist länger als 32 Zeichen.</translation>
    </message>
    <message>
        <source>The code {0} is used twice.</source>
        <translation>Das Kürzel {0} kommt zweimal vor.</translation>
    </message>
</context>
<context>
    <name>SuggestionsModel</name>
    <message>
        <source>this store</source>
        <translation>dieser Filiale</translation>
    </message>
    <message>
        <source>the item</source>
        <translation>dem Artikel</translation>
    </message>
    <message>
        <source>forecast</source>
        <translation>der Prognose</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellen</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>On order</source>
        <translation>Bestellt</translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation>Meldebestand</translation>
    </message>
    <message>
        <source>Point set by</source>
        <translation>Meldebestand von</translation>
    </message>
    <message>
        <source>Demand/day</source>
        <translation>Bedarf/Tag</translation>
    </message>
    <message>
        <source>Lead time</source>
        <translation>Lieferzeit</translation>
    </message>
    <message>
        <source>Safety stock</source>
        <translation>Sicherheitsbestand</translation>
    </message>
    <message>
        <source>Computed point</source>
        <translation>Berechneter Meldebestand</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Lieferant</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>SupplierDialog</name>
    <message>
        <source>Edit supplier</source>
        <translation>Lieferant bearbeiten</translation>
    </message>
    <message>
        <source>New supplier</source>
        <translation>Neuer Lieferant</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Lead time (days)</source>
        <translation>Lieferzeit (Tage)</translation>
    </message>
    <message>
        <source>Postal address</source>
        <translation>Postanschrift</translation>
    </message>
    <message>
        <source>Street and number
Postcode and town
Country</source>
        <translation>Straße und Hausnummer
PLZ und Ort
Land</translation>
    </message>
</context>
<context>
    <name>SuppliersPage</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Lead time (days)</source>
        <translation>Lieferzeit (Tage)</translation>
    </message>
    <message>
        <source>Suppliers</source>
        <translation>Lieferanten</translation>
    </message>
    <message>
        <source>&amp;Edit supplier</source>
        <translation>Lieferant &amp;bearbeiten</translation>
    </message>
    <message>
        <source>&amp;New supplier</source>
        <translation>&amp;Neuer Lieferant</translation>
    </message>
    <message>
        <source>&amp;Archive supplier</source>
        <translation>Lieferant &amp;archivieren</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Close review</source>
        <translation>Prüfung abschließen</translation>
    </message>
    <message>
        <source>This desk must move to the server&apos;s API</source>
        <translation>Diese Kasse muss auf die Server-API umziehen</translation>
    </message>
    <message>
        <source>It was registered with a database login, which the server no longer accepts. Its queued changes are kept: the server&apos;s admin has an upgrade code (or file) for this desk.</source>
        <translation>Sie wurde mit einer Datenbank-Anmeldung eingerichtet, die der Server nicht mehr annimmt. Ihre wartenden Änderungen bleiben erhalten: Der Administrator des Servers hat einen Umzugscode (oder eine Umzugsdatei) für diese Kasse.</translation>
    </message>
    <message>
        <source>&amp;Move with its upgrade code…</source>
        <translation>Mit Umzugscode &amp;umziehen…</translation>
    </message>
    <message>
        <source>Moved: this desk now syncs with {server}.</source>
        <translation>Umgezogen: Diese Kasse synchronisiert jetzt mit {server}.</translation>
    </message>
    <message>
        <source>Conflicts: the same field changed on two desks</source>
        <translation>Konflikte: dasselbe Feld wurde an zwei Arbeitsplätzen geändert</translation>
    </message>
    <message>
        <source>&amp;Keep merged value</source>
        <translation>Zusammengeführten Wert &amp;behalten</translation>
    </message>
    <message>
        <source>Re&amp;verse (restore lost value)</source>
        <translation>&amp;Rückgängig (verlorenen Wert wiederherstellen)</translation>
    </message>
    <message>
        <source>Negative stock after a merge (sold on two desks offline)</source>
        <translation>Negativer Bestand nach dem Zusammenführen (offline an zwei Arbeitsplätzen verkauft)</translation>
    </message>
    <message>
        <source>&amp;Adjust stock…</source>
        <translation>Bestand &amp;korrigieren…</translation>
    </message>
    <message>
        <source>&amp;Close with note…</source>
        <translation>Mit Notiz &amp;abschließen…</translation>
    </message>
    <message>
        <source>Kept {field} = {value}</source>
        <translation>{field} = {value} behalten</translation>
    </message>
    <message>
        <source>Restored {field} = {value}</source>
        <translation>{field} = {value} wiederhergestellt</translation>
    </message>
    <message>
        <source>Oversell found by sync</source>
        <translation>Bei der Synchronisation gefundener Überverkauf</translation>
    </message>
    <message>
        <source>Compensated by an adjustment of {quantity}</source>
        <translation>Durch eine Korrektur um {quantity} ausgeglichen</translation>
    </message>
    <message>
        <source>Serial number {serial} adjusted by {quantity}</source>
        <translation>Seriennummer {serial} um {quantity} korrigiert</translation>
    </message>
    <message>
        <source>Serial {serial} sold on two desks</source>
        <translation>Seriennummer {serial} an zwei Kassen verkauft</translation>
    </message>
    <message>
        <source>Serial {serial} received on two desks</source>
        <translation>Seriennummer {serial} an zwei Kassen eingebucht</translation>
    </message>
    <message>
        <source>How was this settled?</source>
        <translation>Wie wurde das geklärt?</translation>
    </message>
    <message>
        <source>Review closed: {note}</source>
        <translation>Prüfung abgeschlossen: {note}</translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <source>Sync &amp;now</source>
        <translation>&amp;Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Send this desk&apos;s changes and fetch the others&apos; ({key})</source>
        <translation>Die Änderungen dieses Arbeitsplatzes senden und die der anderen holen ({key})</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>S&amp;ynchronisation</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisiere…</translation>
    </message>
    <message>
        <source>Sync: waiting</source>
        <translation>Sync: wartet</translation>
    </message>
    <message>
        <source>This desk has not synced since StockDesk started.</source>
        <translation>Dieser Arbeitsplatz hat seit dem Start von StockDesk nicht synchronisiert.</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Sync stopped</source>
        <translation>Sync angehalten</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>synced {time}</source>
        <translation>synchronisiert {time}</translation>
    </message>
    <message>
        <source>{count} queued</source>
        <translation>{count} in der Warteschlange</translation>
    </message>
    <message>
        <source>Last sync: {when}</source>
        <translation>Letzte Synchronisation: {when}</translation>
    </message>
    <message>
        <source>Not synced since StockDesk started.</source>
        <translation>Seit dem Start von StockDesk nicht synchronisiert.</translation>
    </message>
    <message numerus="yes">
        <source>%n local change(s) waiting to be sent.</source>
        <translation>
            <numerusform>%n lokale Änderung wartet auf das Senden.</numerusform>
            <numerusform>%n lokale Änderungen warten auf das Senden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Last error: {error}</source>
        <translation>Letzter Fehler: {error}</translation>
    </message>
    <message>
        <source>The desk keeps working offline; nothing queued is lost.</source>
        <translation>Der Arbeitsplatz arbeitet offline weiter; nichts Eingereihtes geht verloren.</translation>
    </message>
</context>
<context>
    <name>UnknownCodeDialog</name>
    <message>
        <source>Unknown code</source>
        <translation>Unbekannter Code</translation>
    </message>
    <message>
        <source>No item has the code &lt;b&gt;{code}&lt;/b&gt;.</source>
        <translation>Kein Artikel hat den Code &lt;b&gt;{code}&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Create item with this barcode…</source>
        <translation>Artikel mit diesem Barcode anlegen…</translation>
    </message>
    <message>
        <source>Find the item by SKU or name</source>
        <translation>Den Artikel nach Artikelnummer oder Name suchen</translation>
    </message>
    <message>
        <source>Attach to selected item</source>
        <translation>Dem ausgewählten Artikel zuordnen</translation>
    </message>
    <message>
        <source>…or attach it to an item that already exists:</source>
        <translation>…oder einem vorhandenen Artikel zuordnen:</translation>
    </message>
    <message>
        <source>Choose an item first.</source>
        <translation>Zuerst einen Artikel auswählen.</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Edit user</source>
        <translation>Benutzer bearbeiten</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>Neuer Benutzer</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>Filialen</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>May post adjustments</source>
        <translation>Darf Korrekturen buchen</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>Filialen</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Adjusts</source>
        <translation>Korrigiert</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>&amp;Edit user</source>
        <translation>Benutzer &amp;bearbeiten</translation>
    </message>
    <message>
        <source>&amp;New user</source>
        <translation>&amp;Neuer Benutzer</translation>
    </message>
    <message>
        <source>&amp;Reset password</source>
        <translation>Passwort &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Only an administrator can manage users.</source>
        <translation>Nur ein Administrator kann Benutzer verwalten.</translation>
    </message>
</context>
<context>
    <name>VarianceModel</name>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Gezählt</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Differenz</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>Stückkosten</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lagerplatz</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Charge</translation>
    </message>
</context>
<context>
    <name>VariantsDialog</name>
    <message>
        <source>Variants of {sku}</source>
        <translation>Varianten von {sku}</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Merkmal</translation>
    </message>
    <message>
        <source>Values (in order, comma-separated)</source>
        <translation>Werte (in Reihenfolge, durch Komma getrennt)</translation>
    </message>
    <message>
        <source>&amp;Generate variants</source>
        <translation>Varianten &amp;erzeugen</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Merkmale</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>{count} variant(s)</source>
        <translation>{count} Variante(n)</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>Filialen</translation>
    </message>
    <message>
        <source>All stores</source>
        <translation>Alle Filialen</translation>
    </message>
    <message>
        <source>{count} variant(s), {new} new</source>
        <translation>{count} Variante(n), {new} neu</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Save labels</source>
        <translation>Etiketten speichern</translation>
    </message>
</context>
</TS>
