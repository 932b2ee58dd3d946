<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close StockDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a catalogue item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the selected item (or press Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive or restore the selected item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Receive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receive a delivery of the selected item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sell or issue the selected item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move stock to another store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;djust</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct stock for breakage or found goods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a shelf count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by SKU, name or barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the items again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>The administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account that sets up stores and users. When you finish, StockDesk opens signed in with it; from the next start on it asks for this e-mail and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least {0} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least {0} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail “{0}” is not an e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password must have at least {0} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertBadge</name>
    <message>
        <source>Open low-stock alerts nobody has acknowledged yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n alert(s)</source>
        <translation>
            <numerusform>⚠ %n alert</numerusform>
            <numerusform>⚠ %n alerts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlertSettingsDialog</name>
    <message>
        <source>Alert recipients and planning settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who gets low-stock e-mails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Immediately</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator can change the recipients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reorder planning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How often stock should last until the delivery arrives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;planning settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review period (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales history (days)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertsModel</name>
    <message>
        <source>Snoozed until {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hand at opening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertsPage</name>
    <message>
        <source>Low-stock alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long a snoozed alert stays out of the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Snooze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recipients and settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show acknowledged and snoozed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low-stock alerts ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged {sku} in {store}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snoozed {sku} for {n} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Loading demo data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo data could not be loaded: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load demo data (stores, items and some history) to try StockDesk out?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the database {0}:
{1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppSettings</name>
    <message>
        <source>must be a file path or a postgresql:// URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is in a folder that does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a postgresql:// URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be none, starttls or ssl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a language StockDesk speaks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be system, light or dark</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>action starts with… (e.g. stock., user.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a manager or administrator can read the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditSentences</name>
    <message>
        <source>Moved {quantity} × {sku} from {source} to {target}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted {counted} × {sku} in {store} (a change of {delta}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reversed a stock movement: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started stocktake {number} — {title} in {store} with {lines} items to count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posted stock movements: {lines}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved count lines of a stocktake: {lines}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posted a stocktake: movements {movements}, value difference {value_difference}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created item {sku}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed an item: {changes}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived an item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored an archived item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created {count} items at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {rows} items ({rejected} rows rejected, {movements} stock movements).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the reorder point of {items} items.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added barcode {code} to an item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed barcode {code} from an item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened store {code}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed a store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created category {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renamed a category to {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved a category.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added supplier {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed a supplier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived a supplier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created a user account with the role {role}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed a user account: role {role}, active {active}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed their password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset a user&apos;s password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drafted purchase order {number}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed a purchase order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent purchase order {number} to {to}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received purchase order lines: {lines}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged a low-stock alert.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snoozed a low-stock alert until {until}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added {email} to the alert recipients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed {email} from the alert recipients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the mail server to {host}:{port}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed the planning settings: {changes}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the shop&apos;s currency to {currency}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved a stock review after a sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CameraPicker</name>
    <message>
        <source>Camera {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera {n} (not found)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CategoriesPage</name>
    <message>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New category (under the selected one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename category</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CategoryTreeModel</name>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desks (kept ← lost)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this desk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CountEntryModel</name>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <source>Counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan or type a code, SKU or store label, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;This shift&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{sku} — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location: {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now working in {name} ({code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown code {code} — press F6 to create an item or attach it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong check digit: {code} {reason}. Scan it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong check digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot use {code}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a usable code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to undo in this shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone: {kind} {qty} × {sku}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan an item first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough stock: only {on_hand} of {sku} in {store}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not set: scan a store label or pick a store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sold {qty} × {sku}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received {qty} × {sku}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted {qty} × {sku}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent {qty} × {sku}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{sku} now has code {code}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>StockDesk: unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The details were written to the log file:
{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No log file is configured; copy the details below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong and StockDesk could not finish what it was doing.

{0}

{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units sold and received per day, last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock value at cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No movement in 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top 10 movers, last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the figures: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All stores: &lt;b&gt;{total}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b style=&apos;font-size:20pt&apos;&gt;{n}&lt;/b&gt; items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeskPage</name>
    <message>
        <source>This desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store this computer stands in: sales and deliveries here go to it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default store</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search SKU, name or barcode  (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Low stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type at least 3 characters to search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown} of {total} items</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Welcome to StockDesk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only {0} on hand in {1} ({2} asked for)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clerk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import items — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the valid rows only (the others are saved to a CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update existing items with the same SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create categories and suppliers that do not exist yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opening stock in {store}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check every row and list every problem; nothing is written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First {n} rows of {name} ({encoding}); choose the field of each column:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The choices changed: check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posting opening stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was written: {n} problem(s). Fix them, or import the valid rows only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was written: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check: {created} new and {updated} existing items would be imported; {rejected} row(s) have problems. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported: {created} new items, {updated} updated, {movements} opening stock entries; {rejected} row(s) left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening stock of {n} existing item(s) was not posted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected rows saved to {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ItemCardView</name>
    <message>
        <source>Scan an item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;On hand per store&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Latest movements&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU {sku}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hand in all stores: &lt;b&gt;{qty}&lt;/b&gt; {unit}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ItemEditorDialog</name>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. HAM-16OZ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sell price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reorder quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate in-store EAN-13</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scan or type a barcode, then Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Barcodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is already in the list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ItemPickerDialog</name>
    <message>
        <source>{action}: which item?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan or type a SKU, name or barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No item is selected. Find the item for this action:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an item first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ItemsExport</name>
    <message>
        <source>Exporting {path}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ItemsModel</name>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sell price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hand</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Movement ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reverse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU or barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No item {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No user {email}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (required):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverse {kind} of {sku}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>StockDesk — create the administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>StockDesk — log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database has no accounts yet. Create the administrator who sets up
stores and users.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed attempts: try again in {0} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong e-mail or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not match the password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Import items…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import items from a CSV or Excel file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reports…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a report as PDF or CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a consistent copy of the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup written to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>StockDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created {sku}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore {sku} — {name}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive {sku} — {name}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored {sku}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived {sku}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}: done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suppliers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport items to CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the items as filtered and sorted (Ctrl+Shift+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported {n} items</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MovementDialog</name>
    <message>
        <source>Receive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference (PO, delivery note)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sell / issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference (receipt, order)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity to move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjust</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change (+ found, − lost)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted on the shelf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not assigned to any store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is required</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MovementsModel</name>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderLinesModel</name>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receive now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <source>Purchase orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partly received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU or barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add or change line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send to supplier…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan or type a SKU/barcode, Enter adds the quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Receive typed quantities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{number}&lt;/b&gt; to {supplier}, deliver to {store} — {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{sku} set on {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {n} ({sku}) removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send {number} to {supplier} by e-mail?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number} queued for e-mail; PDF: &lt;a href=&quot;{link}&quot;&gt;{path}&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{sku} is not on {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Received %n line(s) on {number}; now {status}</source>
        <translation>
            <numerusform>Received %n line on {number}; now {status}</numerusform>
            <numerusform>Received %n lines on {number}; now {status}</numerusform>
        </translation>
    </message>
    <message>
        <source>Line {n} ({sku})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Reset password of {email}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemList</name>
    <message>
        <source>Line {n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuickActionsBar</name>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity for F2-F5 (F1 always sells one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store that a transfer (F5) sends to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F1 Sell 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F2 Sell N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F3 Receive N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F4 Count = N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F5 Transfer N to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F6 Create/attach code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecipientsModel</name>
    <message>
        <source>(all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Immediately</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReorderPage</name>
    <message>
        <source>Reorder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only lines to order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Calculate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply &amp;reorder points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create &amp;draft orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reorder suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calculating forecasts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n line(s), {k} to order</source>
        <translation>
            <numerusform>%n line, {k} to order</numerusform>
            <numerusform>%n lines, {k} to order</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) recalculated</source>
        <translation>
            <numerusform>%n item recalculated</numerusform>
            <numerusform>%n items recalculated</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a line to see why it is suggested.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the lines whose computed reorder point to apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Set the reorder point of %n item(s) to the computed value?</source>
        <translation>
            <numerusform>Set the reorder point of %n item to the computed value?</numerusform>
            <numerusform>Set the reorder point of %n items to the computed value?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reorder points set on %n item(s)</source>
        <translation>
            <numerusform>Reorder points set on %n item</numerusform>
            <numerusform>Reorder points set on %n items</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the lines to order first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Created %n draft order(s): {numbers}</source>
        <translation>
            <numerusform>Created %n draft order: {numbers}</numerusform>
            <numerusform>Created %n draft orders: {numbers}</numerusform>
        </translation>
    </message>
    <message>
        <source>{sku} in {store} (order {qty})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e-mail (all users when empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU (all items when empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stocktake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as (.pdf or .csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>posted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{store} · started {started} · {status} · {lines} items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No stocktakes yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf);;CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportRunner</name>
    <message>
        <source>Writing the report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the report… {lines} lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report was saved as
{path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be written: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewsModel</name>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SalesChart</name>
    <message>
        <source>Select a line to see its recent sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sold per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecast ({method})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first} – {last}, one bar per day</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScannerDock</name>
    <message>
        <source>Scanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continuous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep scanning after a code; off stops after the first scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same code within this time is one scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same code ignored for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Videos (*.avi *.mp4 *.mkv *.mov);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video to scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read {code} ({symbology})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No picture: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No camera</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>German (Deutsch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 is the first camera the system found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop&apos;s currency on every desk; empty: the locale&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database and sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: the local file; or a file path or postgresql://…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new database is used the next time StockDesk starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>StockDesk database (*.sqlite);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the SMTP server to test.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to {0}:{1}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new database is used the next time StockDesk starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language, theme, this desk&apos;s store, database, e-mail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <source>Setting up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the administrator and the stores…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing sales history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posting opening stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1} of {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>StockDesk is ready. Finish opens the main window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file was not imported: {0} problems (listed below; nothing was written). Fix the file and import it later. {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} items imported. {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row {0}, column {1}: “{2}” {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rejected rows were saved to {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting up failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>How to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can import or add items at any time later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load demo data: a hardware store&apos;s {0} items, stocked in your stores, with {1} days of sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import items from a CSV or Excel file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>items.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items (*.csv *.tsv *.txt *.xlsx);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file {0} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StockLevelsModel</name>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hand</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StockPanel</name>
    <message>
        <source>No item selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;On hand per store&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Latest movements&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hand in all stores: &lt;b&gt;{0}&lt;/b&gt; {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StocktakePage</name>
    <message>
        <source>Stocktake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick categories to count only those (and their subcategories)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tart count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan or type a SKU/barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items nobody counted are zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Post count</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Stocktake {number} — {title} ({store}), %n item(s), started {when}</source>
        <translation>
            <numerusform>Stocktake {number} — {title} ({store}), %n item, started {when}</numerusform>
            <numerusform>Stocktake {number} — {title} ({store}), %n items, started {when}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Count started: %n item(s) expected</source>
        <translation>
            <numerusform>Count started: %n item expected</numerusform>
            <numerusform>Count started: %n items expected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n count line(s) saved</source>
        <translation>
            <numerusform>%n count line saved</numerusform>
            <numerusform>%n count lines saved</numerusform>
        </translation>
    </message>
    <message>
        <source>Line {n} ({code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open count: start one for a store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted {done} of {all}; difference {qty} units, value &lt;b&gt;{value}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Post %n counted line(s) with a value difference of {value}?</source>
        <translation>
            <numerusform>Post %n counted line with a value difference of {value}?</numerusform>
            <numerusform>Post %n counted lines with a value difference of {value}?</numerusform>
        </translation>
    </message>
    <message>
        <source>Posting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Posted %n count movement(s); value difference {value}</source>
        <translation>
            <numerusform>Posted %n count movement; value difference {value}</numerusform>
            <numerusform>Posted %n count movements; value difference {value}</numerusform>
        </translation>
    </message>
    <message>
        <source>Posted: difference {qty} units, value &lt;b&gt;{value}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreDialog</name>
    <message>
        <source>Edit store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoresPage</name>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every place that holds stock: a shop, a warehouse, a van. You can add more later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a cell and type. Each store needs a short code (letters or digits, at most 32, each code once, for example MAIN) and a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter at least one store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store “{0}” needs a code (for example MAIN).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store {0} needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code {0} is longer than 32 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code {0} is used twice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SuggestionsModel</name>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand/day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computed point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SupplierDialog</name>
    <message>
        <source>Edit supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead time (days)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SuppliersPage</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead time (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suppliers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Archive supplier</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts: the same field changed on two desks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep merged value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;verse (restore lost value)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negative stock after a merge (sold on two desks offline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Adjust stock…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close with note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept {field} = {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored {field} = {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oversell found by sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compensated by an adjustment of {quantity}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How was this settled?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review closed: {note}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <source>Sync &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send this desk&apos;s changes and fetch the others&apos; ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This desk has not synced since StockDesk started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>synced {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not synced since StockDesk started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n local change(s) waiting to be sent.</source>
        <translation>
            <numerusform>%n local change waiting to be sent.</numerusform>
            <numerusform>%n local changes waiting to be sent.</numerusform>
        </translation>
    </message>
    <message>
        <source>Last error: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk keeps working offline; nothing queued is lost.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnknownCodeDialog</name>
    <message>
        <source>Unknown code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No item has the code &lt;b&gt;{code}&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create item with this barcode…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the item by SKU or name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach to selected item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…or attach it to an item that already exists:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an item first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Edit user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator can manage users.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VarianceModel</name>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
