"""KeyRows: the row of each (item, store) key text, spread over many small dicts."""

from __future__ import annotations

import uuid

from stockdesk.services.planning.key_rows import PARTS, KeyRows


def test_every_text_finds_its_row_and_an_unknown_text_none() -> None:
    texts = [uuid.uuid4().hex + uuid.uuid4().hex for _ in range(PARTS * 20)]
    rows = KeyRows(iter(texts))  # any iterable, read once
    assert len(rows) == len(texts)
    assert [rows.get(text) for text in texts] == list(range(len(texts)))
    assert rows.rows([texts[5], "no such key", texts[-1]]).tolist() == [5, -1, len(texts) - 1]
    assert rows.get("no such key") is None
    assert rows.rows([]).tolist() == []


def test_released_rows_know_no_text() -> None:
    rows = KeyRows(["a", "b"])
    rows.release()
    assert len(rows) == 0
