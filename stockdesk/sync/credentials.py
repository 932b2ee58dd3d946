"""The desk's server password: in the system keyring where one works, else a file only the user can read.

keyring (~2.5 MB resident with its backends) is imported when a password is stored or read, not
when the window asks `sync.server.is_registered` at start, so a desk that does not sync never loads it.
"""

from __future__ import annotations

import os
from pathlib import Path

SERVICE = "StockDesk sync"


def _keyring_usable() -> bool:
    if os.environ.get("STOCKDESK_NO_KEYRING"):
        return False
    import keyring  # see the module docstring

    backend = keyring.get_keyring()
    return getattr(backend, "priority", 0) > 0 and "fail" not in type(backend).__module__


class CredentialStore:
    """One secret per desk id; `folder` holds the fallback file (next to the desk's database)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, desk_id: str) -> Path:
        return self.folder / f".stockdesk-sync-{desk_id}.secret"

    def save(self, desk_id: str, secret: str) -> str:
        """Store the secret; returns where ("keyring" or the file path)."""
        if _keyring_usable():
            import keyring  # loaded by _keyring_usable
            from keyring.errors import KeyringError

            try:
                keyring.set_password(SERVICE, desk_id, secret)
                return "keyring"
            except KeyringError:
                pass
        path = self._file(desk_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Created with 0600 from the start: never world-readable, not even for a moment.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secret)
        path.chmod(0o600)
        return str(path)

    def load(self, desk_id: str) -> str | None:
        if _keyring_usable():
            import keyring  # loaded by _keyring_usable
            from keyring.errors import KeyringError

            try:
                found = keyring.get_password(SERVICE, desk_id)
                if found is not None:
                    return found
            except KeyringError:
                pass
        path = self._file(desk_id)
        return path.read_text(encoding="utf-8") if path.exists() else None
