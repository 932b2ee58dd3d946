"""A picture's content address: its id is derived from the SHA-256 of its stored bytes.

The same bytes are therefore the same row on every desk and on the server, and the server can check
that a pushed picture is what its id says (sync/server/checks.py).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import uuid
from collections.abc import Mapping
from typing import Any

from stockdesk.domain.ids import PictureId

# Fixed for ever: changing it would give every existing picture a second id.
_NAMESPACE = uuid.UUID("6f1f5f0e-3d2a-4c57-9a53-5e0c1d7a2b21")


def picture_id(sha256_hex: str) -> PictureId:
    return PictureId(uuid.uuid5(_NAMESPACE, sha256_hex))


def content_matches(row_id: str, raw: Mapping[str, Any]) -> bool:
    """True when a `picture_blob` row as it travels (base64 `data`) has the id and SHA-256 of its bytes."""
    try:
        data = base64.b64decode(str(raw.get("data") or ""), validate=True)
        ident = uuid.UUID(row_id)
    except (binascii.Error, ValueError):
        return False
    sha = hashlib.sha256(data).hexdigest()
    return sha == raw.get("sha256") and ident == picture_id(sha) and len(data) == int(raw.get("size") or -1)
