"""The outbox: e-mail written in the caller's transaction, claimed and marked by whoever sends it.

`enqueue` only inserts a row, inside whatever transaction the caller has open (a sale that opens an
alert writes its e-mail in the sale's own transaction, so the two commit or vanish together). A worker
(`flush`, `MailWorker`, `stockdesk mail --flush`) sends queued rows over SMTP afterwards; a dead server
only delays mail.

Exactly once, as far as SMTP allows. Each row goes queued -> sending -> sent:

1. *claim*: one short transaction flips the row to `sending` with `claimed_at = now`, guarded by the
   status it was read with, so two workers (the window and a `mail --flush`) never both take it;
2. *send*: one message over the open SMTP connection, outside any transaction;
3. *mark*: a second short transaction sets `sent`.

A kill before step 2 leaves a claim that expires after `LEASE` and is sent then. A kill between the
server accepting the message and step 3 commits is the one window no client can close (SMTP has no
"did you already get this?"): after the lease that single message is sent again. We chose this
at-least-once side over marking it lost, because a low-stock alert or an order that silently never
arrives costs more than one duplicate; the duplicate carries the same Message-ID so mail clients and
people can tell. The worker sends one message at a time, so a crash duplicates at most one message.
"""

from __future__ import annotations

import smtplib
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from sqlalchemy import insert, or_, select, true, update

from stockdesk.db.alerts_models import EmailOutbox
from stockdesk.db.base import utcnow
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.ids import new_id
from stockdesk.domain.messages import Message
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import email_address

UowFactory = Callable[[], UnitOfWork]
LEASE = timedelta(minutes=5)  # a claim older than this belongs to a worker that died


MAX_ATTEMPTS = 20


FIRST_DELAY_S = 30


MAX_DELAY_S = 3600


@dataclass(frozen=True)
class OutboxView:
    id: uuid.UUID
    kind: str
    recipients: tuple[str, ...]
    subject: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str


def backoff(attempts: int) -> timedelta:
    """Delay before the next try: 30 s, 60 s, 2 min ... capped at an hour."""
    return timedelta(seconds=min(MAX_DELAY_S, FIRST_DELAY_S * 2 ** max(0, attempts - 1)))


def clean_recipients(field: str, addresses: Sequence[str] | str) -> tuple[str, ...]:
    """Addresses from a list or a comma/semicolon separated text; each must be an address."""
    items = addresses.replace(";", ",").split(",") if isinstance(addresses, str) else list(addresses)
    cleaned = tuple(dict.fromkeys(email_address(field, a) for a in items if str(a).strip()))
    if not cleaned:
        raise ValidationError(field, addresses, Message("needs_email"))
    return cleaned


def enqueue(
    uow: UnitOfWork,
    *,
    kind: str,
    recipients: Sequence[str],
    subject: str,
    body: str,
    attachment: tuple[str, bytes] | None = None,
) -> uuid.UUID:
    """Queue one e-mail in the caller's open transaction (no commit here)."""
    return enqueue_many(uow, [(kind, tuple(recipients), subject, body, attachment)])[0]


def enqueue_many(
    uow: UnitOfWork, messages: Sequence[tuple[str, tuple[str, ...], str, str, tuple[str, bytes] | None]]
) -> list[uuid.UUID]:
    """Queue several e-mails with one multi-row insert (alerts of a large batch)."""
    now = utcnow()
    rows = [
        {
            "id": new_id(),
            "created_at": now,
            "kind": kind,
            "recipients": ", ".join(to),
            "subject": subject[:300],
            "body": body,
            "attachment_name": attachment[0] if attachment else "",
            "attachment": attachment[1] if attachment else None,
            "status": "queued",
            "attempts": 0,
            "next_attempt_at": now,
            "last_error": "",
        }
        for kind, to, subject, body, attachment in messages
    ]
    if rows:
        uow.session.connection().execute(insert(EmailOutbox.__table__), rows)
    return [row["id"] for row in rows]  # type: ignore[misc]


def pending(uow: UnitOfWork, *, include_sent: bool = False) -> list[OutboxView]:
    """The outbox as the window shows it, oldest first."""
    with uow:
        query = select(EmailOutbox).order_by(EmailOutbox.created_at, EmailOutbox.id)
        if not include_sent:
            query = query.where(EmailOutbox.status != "sent")
        return [
            OutboxView(
                r.id,
                r.kind,
                tuple(r.recipients.split(", ")),
                r.subject,
                r.status,
                r.attempts,
                r.next_attempt_at,
                r.last_error,
            )
            for r in uow.session.scalars(query)
        ]


@dataclass(frozen=True)
class Claim:
    id: uuid.UUID
    claimed_at: datetime
    attempts: int
    message: EmailMessage


def claim_next(uow: UnitOfWork, now: datetime, *, force: bool, sender: str) -> Claim | None:
    """Take the oldest due row for this worker, or None; the guard makes a racing claim lose."""
    with uow:
        due = or_(
            (EmailOutbox.status == "queued") & (true() if force else EmailOutbox.next_attempt_at <= now),
            (EmailOutbox.status == "sending") & (EmailOutbox.claimed_at < now - LEASE),
        )
        row = uow.session.scalar(select(EmailOutbox).where(due).order_by(EmailOutbox.created_at).limit(1))
        if row is None:
            return None
        guard = (
            EmailOutbox.claimed_at.is_(None)
            if row.claimed_at is None
            else (EmailOutbox.claimed_at == row.claimed_at)
        )
        taken = uow.session.execute(  # an UPDATE: a CursorResult, though typed as a Result
            update(EmailOutbox)
            .where(EmailOutbox.id == row.id, EmailOutbox.status == row.status, guard)
            .values(status="sending", claimed_at=now, attempts=EmailOutbox.attempts + 1)
            .execution_options(synchronize_session=False)
        ).rowcount  # type: ignore[attr-defined]
        message = message_of(row, sender)
        attempts = row.attempts + 1
        uow.session.commit()
        return Claim(row.id, now, attempts, message) if taken == 1 else Claim(row.id, now, -1, message)


def finish(uow: UnitOfWork, claim: Claim, now: datetime, error: BaseException | None) -> str:
    """Record the outcome of one send; returns the new status."""
    if error is None:
        status, values = "sent", {"status": "sent", "sent_at": now, "last_error": ""}
    elif is_permanent(error) or claim.attempts >= MAX_ATTEMPTS:
        status, values = "failed", {"status": "failed", "last_error": describe_error(error)}
    else:
        status = "queued"
        values = {
            "status": "queued",
            "next_attempt_at": now + backoff(claim.attempts),
            "last_error": describe_error(error),
            "claimed_at": None,
        }
    with uow:
        uow.session.execute(
            update(EmailOutbox)
            .where(EmailOutbox.id == claim.id, EmailOutbox.claimed_at == claim.claimed_at)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        uow.session.commit()
    return status


def message_of(row: EmailOutbox, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = row.recipients
    message["Subject"] = row.subject
    message["Date"] = format_datetime(row.created_at)
    # Stable per outbox row: a resend after a crash is recognisably the same message.
    message["Message-ID"] = f"<{row.id.hex}@stockdesk.local>"
    message.set_content(row.body)
    if row.attachment is not None:
        maintype, subtype = (
            ("application", "pdf")
            if row.attachment_name.endswith(".pdf")
            else ("application", "octet-stream")
        )
        message.add_attachment(
            row.attachment, maintype=maintype, subtype=subtype, filename=row.attachment_name
        )
    return message


def is_permanent(error: BaseException) -> bool:
    """5xx answers about the message or its recipients will not change on retry; auth can be fixed."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return True
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return False
    return isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600


def describe_error(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:500]
