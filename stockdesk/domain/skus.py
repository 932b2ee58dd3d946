"""When two SKUs are the same: "D2", "d2" and " D2 " name one item (a person cannot tell them apart
on a label or at the counter). The database compares upper(trim(sku)) the same way, through an index.
"""

from __future__ import annotations


def sku_key(sku: str) -> str:
    return sku.strip().upper()
