"""Back-off after failed log-ins: per (e-mail, source) and per source, growing, capped, bounded.

- Per (e-mail, source): after FREE_TRIES failures each further one locks that pair for twice as long
  as the last (LOCK_SECONDS, 2x, 4x ...) up to MAX_LOCK_SECONDS. A stranger guessing the admin's
  password from one source never locks the admin out from another, and never for longer than the cap.
- Per source (`email_key` ""): the same, after SOURCE_FREE_TRIES failures for any e-mails, so one
  source cannot try a few passwords on every account.
- Counts start afresh after QUIET_RESET without a failure, so occasional typos never add up.
- Unknown e-mails are counted exactly like known ones (nothing reveals which accounts exist), and
  rows whose last failure is older than FORGET_AFTER are pruned on every failure: the table holds at
  most the pairs and sources that failed in the last day, however many e-mails are made up.
- An admin may clear an e-mail's back-off at once (`users.unlock`, `stockdesk user unlock`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from stockdesk.db.models import LoginThrottle
from stockdesk.services.uow import UnitOfWork

FREE_TRIES = 5
SOURCE_FREE_TRIES = 50
LOCK_SECONDS = 60
MAX_LOCK_SECONDS = 15 * 60
QUIET_RESET = timedelta(hours=1)  # a pair or source that failed nothing for an hour starts afresh
FORGET_AFTER = timedelta(days=1)
ANY_EMAIL = ""  # the per-source row
DESK = "desk"  # the source of log-ins typed into this desk's window
SOURCE_LENGTH = 100


@dataclass(frozen=True)
class Keys:
    email_key: str
    source: str

    @property
    def rows(self) -> tuple[tuple[str, str], tuple[str, str]]:
        return (self.email_key, self.source), (ANY_EMAIL, self.source)


def keys_for(email_key: str, source: str) -> Keys:
    # "@" is no address: an empty e-mail must not share the per-source row.
    return Keys((email_key or "@")[:254], (source or DESK)[:SOURCE_LENGTH])


def lock_seconds(failures: int, free: int) -> int:
    """How long the failure number `failures` locks: 0 while free, then doubling up to the cap."""
    if failures < free:
        return 0
    return int(min(MAX_LOCK_SECONDS, LOCK_SECONDS * 2 ** min(failures - free, 20)))


def seconds_locked(uow: UnitOfWork, keys: Keys, now: datetime) -> int:
    """Seconds until this pair may try again (0: now), from the pair's and the source's rows."""
    left = 0
    for email_key, source in keys.rows:
        row = uow.session.get(LoginThrottle, (email_key, source))
        if row is not None and row.locked_until is not None and row.locked_until > now:
            left = max(left, int((row.locked_until - now).total_seconds()) + 1)
    return left


def record_failure(uow: UnitOfWork, keys: Keys, now: datetime) -> int:
    """Count a failure for the pair and the source; returns the seconds it now locks (0: none)."""
    uow.session.execute(delete(LoginThrottle).where(LoginThrottle.last_failure < now - FORGET_AFTER))
    locked = 0
    for (email_key, source), free in zip(keys.rows, (FREE_TRIES, SOURCE_FREE_TRIES), strict=True):
        row = uow.session.get(LoginThrottle, (email_key, source))
        if row is None:
            row = LoginThrottle(email_key=email_key, source=source, failures=0)
            uow.session.add(row)
        if row.last_failure is not None and row.last_failure < now - QUIET_RESET:
            # A shop's occasional typos must not add up over weeks into a locked desk.
            row.failures, row.locked_until = 0, None
        row.failures += 1
        row.last_failure = now
        seconds = lock_seconds(row.failures, free)
        if seconds:
            row.locked_until = now + timedelta(seconds=seconds)
            locked = max(locked, seconds)
    return locked


def record_success(uow: UnitOfWork, keys: Keys) -> None:
    """The right password from this source: the pair starts afresh (the source's count stays)."""
    pair = (LoginThrottle.email_key == keys.email_key, LoginThrottle.source == keys.source)
    uow.session.execute(delete(LoginThrottle).where(*pair))


def clear(uow: UnitOfWork, *, email_key: str | None = None, source: str | None = None) -> int:
    """Forget the back-off of an e-mail (from every source) and/or of a source; returns rows removed."""
    removed = 0
    if email_key:
        result = uow.session.execute(delete(LoginThrottle).where(LoginThrottle.email_key == email_key))
        removed += int(getattr(result, "rowcount", 0) or 0)
    if source:
        result = uow.session.execute(
            delete(LoginThrottle).where(LoginThrottle.email_key == ANY_EMAIL, LoginThrottle.source == source)
        )
        removed += int(getattr(result, "rowcount", 0) or 0)
    return removed


def row_count(uow: UnitOfWork) -> int:
    with uow:
        return len(uow.session.scalars(select(LoginThrottle.email_key)).all())
