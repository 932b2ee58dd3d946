"""Variants of an item template, as pure rules: the matrix of value combinations, a variant's SKU and
name, and the text forms of its attribute values (stored JSON, the export's cell)."""

from __future__ import annotations

import itertools
import json
import re
import uuid
from collections.abc import Mapping, Sequence

from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message

# What one generate call may create: a matrix larger than this is a mistake (a value list pasted twice).
MAX_VARIANTS = 1000

Values = dict[str, str]  # attribute name -> value, in the template's attribute order


def combinations(attributes: Sequence[tuple[str, Sequence[str]]]) -> list[Values]:
    """Every combination of one value per attribute, first attribute slowest (the matrix's reading order)."""
    if not attributes:
        return []
    names = [name for name, _ in attributes]
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*(v for _, v in attributes))]


def sku_part(value: str) -> str:
    """A value as it appears in a SKU: letters and digits, upper case ("Dark blue" -> "DARKBLUE")."""
    return re.sub(r"[^0-9A-Za-z]+", "", value).upper() or value.strip().upper().replace(" ", "")


def variant_sku(template_sku: str, values: Values) -> str:
    return "-".join([template_sku, *(sku_part(v) for v in values.values())])


def variant_name(template_name: str, values: Values) -> str:
    return f"{template_name} {' / '.join(values.values())}"


def dump_values(values: Values) -> str:
    return json.dumps(values, ensure_ascii=False) if values else ""


def load_values(text: str | None) -> Values:
    if not text:
        return {}
    loaded = json.loads(text)
    return {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}


def same_values(a: Mapping[str, str], b: Mapping[str, str]) -> bool:
    """Equal combinations, whatever the order and case of the names (a sync from another desk may differ)."""
    return {k.casefold(): v for k, v in a.items()} == {k.casefold(): v for k, v in b.items()}


def format_cell(values: Mapping[str, str]) -> str:
    """The export's "Attributes" cell: `size=M; colour=Red`."""
    return "; ".join(f"{name}={value}" for name, value in values.items())


def parse_cell(field: str, text: str) -> Values:
    """An "Attributes" cell back into values; a part that is not NAME=VALUE or a name twice is refused."""
    values: Values = {}
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        name, sep, value = part.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise ValidationError(field, part, Message("variant.cell_form"))
        if name.strip().casefold() in {n.casefold() for n in values}:
            raise ValidationError(field, part, Message("variant.name_twice", name=name.strip()))
        values[name.strip()] = value.strip()
    return values


def format_template_cell(attributes: Sequence[tuple[str, Sequence[str]]]) -> str:
    """A template's "Attributes" cell: its attributes and their values in order, `size=S|M; colour=Red`."""
    return "; ".join(f"{name}={'|'.join(values)}" for name, values in attributes)


def variant_id(template_id: uuid.UUID, values: Mapping[str, str]) -> uuid.UUID:
    """The id of a template's variant for these values: two desks that generate the same matrix offline
    make the same rows, which sync merges instead of renaming one of each pair (as a lot's id does)."""
    key = json.dumps(sorted((k.casefold(), v) for k, v in values.items()), ensure_ascii=False)
    return uuid.uuid5(template_id, f"variant:{key}")


def attribute_id(template_id: uuid.UUID, name: str) -> uuid.UUID:
    """The id of a template's attribute by its name, for the same reason."""
    return uuid.uuid5(template_id, f"attribute:{name.casefold()}")
