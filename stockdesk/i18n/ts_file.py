"""Reading and writing the message catalogues in Qt Linguist's .ts format (XML), with the standard library.

Each context is a table from id to (English source, translation, finished?): "messages" holds the
sentences of `domain.messages.ENGLISH`, "fields" the names of service fields, "words" the English words
of the code that appear inside messages (entity names, roles, actions, statuses), "documents" the texts
of reports and e-mails (`stockdesk.i18n.documents`, keyed by their English).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

CONTEXTS = ("messages", "fields", "words", "documents")


@dataclass(frozen=True)
class Entry:
    source: str
    translation: str
    finished: bool = True


Tables = dict[str, dict[str, Entry]]


def read_ts(path: Path) -> Tables:
    """Context -> id -> Entry; a context missing from the file is an empty table."""
    tables: Tables = {name: {} for name in CONTEXTS}
    for context in ET.parse(path).getroot().iter("context"):
        table = tables.setdefault(context.findtext("name", ""), {})
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = translation is not None and translation.get("type") not in ("unfinished", "obsolete")
            text = (translation.text or "") if translation is not None else ""
            table[message.get("id", "")] = Entry(message.findtext("source", ""), text, finished)
    return tables


def write_ts(path: Path, language: str, tables: Tables) -> None:
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="en")
    for name, table in tables.items():
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = name
        for key, entry in table.items():
            message = ET.SubElement(context, "message", id=key)
            ET.SubElement(message, "source").text = entry.source
            translation = ET.SubElement(message, "translation")
            translation.text = entry.translation
            if not entry.finished:
                translation.set("type", "unfinished")
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', encoding="utf-8")
