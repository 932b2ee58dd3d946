"""argon2id at its lowest cost, for tests and for the API servers tests start.

At the library's recommended cost a hash or a check takes ~0.2 s of CPU (0.5 s on a slow machine), and
the suite makes thousands (every admin, clerk and log-in). Worse, a server at the real cost rehashes,
at that cost, the password of every user a test made cheaply, on that user's first log-in. Tests use
the same algorithm at its lowest cost; test_users_and_permissions checks that the application keeps
the real cost, and test_api_command starts `stockdesk serve` as shipped.
"""

from __future__ import annotations

from argon2 import PasswordHasher

from stockdesk.services.accounts.passwords import Passwords


def cheap_hashing() -> dict[str, object]:
    """The attributes of `passwords` to replace: the hasher, and the dummy hash (made again, as cheaply)."""
    return {"hasher": PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1), "_dummy": None}


def make_hashing_cheap(passwords: Passwords) -> None:
    """For a process that is not a pytest run (the API server helper); pytest patches the same, undoably."""
    for name, value in cheap_hashing().items():
        setattr(passwords, name, value)
