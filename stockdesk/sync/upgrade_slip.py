"""The upgrade slip: what an admin carries from the server to a desk of the database-login era.

`stockdesk server init` (and `stockdesk desk upgrade-codes`) make, per old desk, a one-time code bound
to that desk's id and write it with the server's HTTPS address into a small text file. Its one line
that matters is short enough for a QR code and is what the desk reads:

    stockdesk-upgrade server=https://shop.example:8443 desk=desk-0a1b2c3d4e5f code=1A2B3C-...

The desk accepts that line (or the whole file, or the bare code with the address typed apart), checks
that it was made for its own desk id, and registers with it: the server answers a token for the same
desk id, so the outbox kept since the upgrade goes out under that id.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message

PREFIX = "stockdesk-upgrade"
_CODE = re.compile(r"^[0-9A-Fa-f]{6}(-[0-9A-Fa-f]{6}){3}$")


@dataclass(frozen=True)
class Slip:
    code: str
    server: str = ""  # "" when the slip was made without the server's address
    desk_id: str = ""  # "" for a bare code (the server still checks the desk)


def line(slip: Slip) -> str:
    parts = [PREFIX]
    if slip.server:
        parts.append(f"server={slip.server}")
    parts += [f"desk={slip.desk_id}", f"code={slip.code}"]
    return " ".join(parts)


def parse(text: str) -> Slip:
    """The slip in `text`: its line (alone or in the file), or a bare code."""
    for raw in text.splitlines() or [text]:
        words = raw.strip().split()
        if words and words[0] == PREFIX:
            pairs = dict(word.split("=", 1) for word in words[1:] if "=" in word)
            code = pairs.get("code", "")
            if _CODE.match(code):
                return Slip(code.upper(), pairs.get("server", "").rstrip("/"), pairs.get("desk", ""))
    bare = text.strip()
    if _CODE.match(bare):
        return Slip(bare.upper())
    raise ValidationError("upgrade_code", bare[:40], Message("sync.upgrade_text"))


def write(folder: Path, slip: Slip, expires_at: datetime) -> Path:
    """The slip as a small file, created 0600 (the code is a key to the shop's data until used)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"stockdesk-upgrade-{slip.desk_id}.txt"
    until = expires_at.strftime("%Y-%m-%d %H:%M UTC")
    how = (
        "stockdesk sync --upgrade-file THIS-FILE"
        if slip.server
        else "stockdesk sync --server https://SERVER:PORT --upgrade-file THIS-FILE"
    )
    body = (
        f"# StockDesk: move the desk {slip.desk_id} to the server's HTTPS API.\n"
        f"# One use, valid until {until}; only that desk can use it; its queued changes are kept.\n"
        f"# On the desk: {how}\n"
        "# or in the window: Settings > Database and sync > Register this desk..., paste the line below\n"
        "# into 'Upgrade code'.\n"
        f"{line(slip)}\n"
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(body)
    path.chmod(0o600)
    return path
