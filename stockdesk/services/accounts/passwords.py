"""Password hashing (argon2id) and the one check every log-in performs, account or not.

A log-in for an e-mail that has no account verifies the password against a dummy hash of the same
cost, so answering takes the same work whether the account exists or not: timing reveals nothing.
`verifications` counts the checks so tests can prove that without measuring time.
"""

from __future__ import annotations

import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


class Passwords:
    """argon2id with the library's recommended cost, plus the dummy hash for unknown e-mails."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self.hasher = hasher or PasswordHasher()
        self.verifications = 0
        self._dummy: str | None = None
        self._lock = threading.Lock()

    def hash(self, password: str) -> str:
        return self.hasher.hash(password)

    def needs_rehash(self, password_hash: str) -> bool:
        return self.hasher.check_needs_rehash(password_hash)

    def verifies(self, password_hash: str | None, password: str) -> bool:
        """One argon2 verification, always: against `password_hash`, or the dummy when there is none."""
        with self._lock:
            self.verifications += 1
        real = password_hash is not None
        try:
            return self.hasher.verify(password_hash or self._dummy_hash(), password or "") and real
        except (VerificationError, InvalidHashError):
            return False

    def _dummy_hash(self) -> str:
        with self._lock:
            if self._dummy is None:  # made once, with the same parameters as real hashes
                self._dummy = self.hasher.hash("no account has this password")
            return self._dummy


passwords = Passwords()
