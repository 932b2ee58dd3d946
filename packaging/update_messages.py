"""Bring resources/translations/messages_<language>.ts up to date with the English catalogue.

    .venv/bin/python packaging/update_messages.py          # every messages_*.ts
    .venv/bin/python packaging/update_messages.py es       # start another language

The refusals, field names and words the services use are listed in stockdesk/domain/messages.py
(ENGLISH). This adds new ids as "unfinished", marks an id whose English changed "unfinished" (keeping
the old translation as a starting point) and drops ids gone from the code; the "fields" and "words"
tables are kept as they are. Translate the unfinished entries in Qt Linguist (pyside6-linguist) or an
editor; tests/unit/test_messages.py fails while any is left.
"""

from __future__ import annotations

import sys

from stockdesk.domain.messages import ENGLISH
from stockdesk.i18n.catalogue import TRANSLATIONS_DIR, messages_file
from stockdesk.i18n.ts_file import CONTEXTS, Entry, Tables, read_ts, write_ts


def refreshed(tables: Tables) -> Tables:
    old = tables.get("messages", {})
    messages = {}
    for key, source in ENGLISH.items():
        before = old.get(key)
        if before is not None and before.source == source:
            messages[key] = before
        else:
            messages[key] = Entry(source, before.translation if before else "", finished=False)
    return {**{name: tables.get(name, {}) for name in CONTEXTS}, "messages": messages}


def main(languages: list[str]) -> None:
    if not languages:
        languages = [p.stem.removeprefix("messages_") for p in sorted(TRANSLATIONS_DIR.glob("messages_*.ts"))]
    for language in languages:
        path = messages_file(language)
        tables = read_ts(path) if path.exists() else {name: {} for name in CONTEXTS}
        new = refreshed(tables)
        write_ts(path, language, new)
        unfinished = sum(not e.finished for table in new.values() for e in table.values())
        print(f"{path.name}: {len(new['messages'])} messages, {unfinished} unfinished")


if __name__ == "__main__":
    main(sys.argv[1:])
