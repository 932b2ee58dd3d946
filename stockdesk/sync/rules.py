"""Merge rules shared by the server and the desks, so both reach the same values on their own.

- A unique text key (SKU, barcode, store code, e-mail key) taken by two desks offline: the row that
  reached the server second keeps its row but gets a suffixed key derived from its own id, so a desk
  that meets the collision while pulling renames its local row to exactly what the server chose.
- A barcode that collided is also detached (tombstoned): the code belongs to the first item.
- Other unique keys (a clerk assigned to the same store twice): the later row is dropped.
"""

from __future__ import annotations

DETACH_ON_COLLISION = frozenset({"item_barcode"})


def renamed(value: str, row_id_hex: str, max_length: int) -> str:
    suffix = "~" + row_id_hex[-8:]
    if value.endswith(suffix):
        return value
    return value[: max(1, max_length - len(suffix))] + suffix


def collision_changes(
    table: str, column: str, value: str, row_id_hex: str, max_length: int
) -> dict[str, object]:
    """Stored-form field values that move a colliding row out of the way."""
    changes: dict[str, object] = {column: renamed(value, row_id_hex, max_length)}
    if table in DETACH_ON_COLLISION:
        changes["deleted"] = 1
    return changes
