"""Bring resources/translations/messages_<language>.ts up to date with the English catalogue.

    .venv/bin/python packaging/update_messages.py          # every messages_*.ts
    .venv/bin/python packaging/update_messages.py es       # start another language

The refusals, field names and words the services use are listed in stockdesk/domain/messages.py
(ENGLISH); the texts of reports and e-mails in stockdesk/i18n/documents.py (the "documents" table). This adds new ids as "unfinished", marks an id whose English changed "unfinished" (keeping
the old translation as a starting point) and drops ids gone from the code; the "fields" and "words"
tables are kept as they are. Translate the unfinished entries in Qt Linguist (pyside6-linguist) or an
editor; tests/unit/test_messages.py fails while any is left.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

from stockdesk.domain.messages import ENGLISH
from stockdesk.i18n.documents import ORDERED_TEXTS
from stockdesk.i18n.catalogue import TRANSLATIONS_DIR, messages_file
from stockdesk.i18n.ts_file import CONTEXTS, Entry, Tables, read_ts, write_ts


def refreshed(tables: Tables) -> Tables:
    messages = _refreshed(tables.get("messages", {}), ENGLISH)
    documents = _refreshed(tables.get("documents", {}), {text: text for text in ORDERED_TEXTS})
    return {**{name: tables.get(name, {}) for name in CONTEXTS}, "messages": messages, "documents": documents}


def _refreshed(old: dict[str, Entry], english: Mapping[str, str]) -> dict[str, Entry]:
    table = {}
    for key, source in english.items():
        before = old.get(key)
        if before is not None and before.source == source:
            table[key] = before
        else:
            table[key] = Entry(source, before.translation if before else "", finished=False)
    return table


def main(languages: list[str]) -> None:
    if not languages:
        languages = [p.stem.removeprefix("messages_") for p in sorted(TRANSLATIONS_DIR.glob("messages_*.ts"))]
    for language in languages:
        path = messages_file(language)
        tables = read_ts(path) if path.exists() else {name: {} for name in CONTEXTS}
        new = refreshed(tables)
        write_ts(path, language, new)
        unfinished = sum(not e.finished for table in new.values() for e in table.values())
        print(f"{path.name}: {len(new['messages'])} messages, {len(new['documents'])} document texts, "
              f"{unfinished} unfinished")


if __name__ == "__main__":
    main(sys.argv[1:])
