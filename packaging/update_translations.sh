#!/usr/bin/env bash
# Refresh the translation sources from the window's code, then compile them for the app.
#
#   bash packaging/update_translations.sh          # every resources/translations/stockdesk_*.ts
#   bash packaging/update_translations.sh es       # add (or refresh) another language
#
# pyside6-lupdate collects every self.tr("...") / QCoreApplication.translate("Context", "...") in
# stockdesk/ui into the .ts (new strings arrive "unfinished"; strings gone from the code are dropped);
# translate them in Qt Linguist (pyside6-linguist) or an editor, then run this again so
# pyside6-lrelease writes the .qm the app loads (stockdesk/ui/i18n.py). Commit both files.
#
# The services' refusals (message ids in stockdesk/domain/messages.py) are translated in
# resources/translations/messages_<language>.ts instead, read without Qt by stockdesk/i18n so the
# HTTP API and reports can use them too: `.venv/bin/python packaging/update_messages.py [language]`.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${PYSIDE6_BIN:-.venv/bin}"
FOLDER=resources/translations
mkdir -p "$FOLDER"

languages=("$@")
if [ ${#languages[@]} -eq 0 ]; then
    for ts in "$FOLDER"/stockdesk_*.ts; do
        [ -e "$ts" ] || continue
        name=$(basename "$ts" .ts)
        languages+=("${name#stockdesk_}")
    done
fi
[ ${#languages[@]} -gt 0 ] || languages=(de)

mapfile -t sources < <(find stockdesk/ui -name '*.py' | LC_ALL=C sort)
for language in "${languages[@]}"; do
    ts="$FOLDER/stockdesk_$language.ts"
    "$BIN/pyside6-lupdate" -silent -no-obsolete -locations none \
        -source-language en -target-language "$language" "${sources[@]}" -ts "$ts"
    "$BIN/pyside6-lrelease" -silent "$ts" -qm "$FOLDER/stockdesk_$language.qm"
    echo "$ts: $(grep -c '<message' "$ts") strings, $(grep -c 'type="unfinished"' "$ts" || true) unfinished"
done
