"""E-mail that never blocks a sale: `outbox` (written in the caller's transaction), `smtp` (sending it),
`worker` (the window's sending thread) and `settings` (auditing a change of mail server).

The names callers use are gathered here, so `mail.enqueue(...)` reads as the one thing it is.
"""

from stockdesk.services.mail.outbox import (
    LEASE,
    MAX_ATTEMPTS,
    OutboxView,
    backoff,
    claim_next,
    clean_recipients,
    enqueue,
    enqueue_many,
    pending,
)
from stockdesk.services.mail.settings import record_smtp_change
from stockdesk.services.mail.smtp import FlushResult, SmtpSettings, connect, flush
from stockdesk.services.mail.worker import MailWorker

__all__ = [
    "LEASE",
    "MAX_ATTEMPTS",
    "FlushResult",
    "MailWorker",
    "OutboxView",
    "SmtpSettings",
    "backoff",
    "claim_next",
    "clean_recipients",
    "connect",
    "enqueue",
    "enqueue_many",
    "flush",
    "pending",
    "record_smtp_change",
]
