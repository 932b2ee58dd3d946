"""E-mail that never blocks a sale: an outbox table written in the caller's transaction, sent later.

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
import ssl
import threading
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
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.services.accounts import audit
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import email_address

LEASE = timedelta(minutes=5)  # a claim older than this belongs to a worker that died
MAX_ATTEMPTS = 20
FIRST_DELAY_S = 30
MAX_DELAY_S = 3600

UowFactory = Callable[[], UnitOfWork]


@dataclass(frozen=True)
class SmtpSettings:
    """How this desk reaches its mail server; the front ends take it from the configuration
    (`stockdesk.config`), so neither it nor its password is ever in the database."""

    host: str
    port: int = 587
    security: str = "starttls"
    user: str = ""
    password: str = ""
    sender: str = ""
    timeout_s: float = 10.0


@dataclass(frozen=True)
class FlushResult:
    sent: int
    deferred: int
    failed: int
    error: str = ""


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


def record_smtp_change(uow: UnitOfWork, actor: Actor, *, host: str, port: int) -> None:
    """Note in the audit trail that `actor` changed this desk's mail server (admins only).

    The settings themselves live in the configuration (`stockdesk.config`), the password in the
    keyring: nothing of them is kept in the database, which backups copy.
    """
    with uow:
        require(actor, Action.MANAGE_SETTINGS)
        audit.record(uow, actor, "settings.smtp", "setting", None, host=host, port=port)
        uow.commit()


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
class _Claim:
    id: uuid.UUID
    claimed_at: datetime
    attempts: int
    message: EmailMessage


def _claim_next(uow: UnitOfWork, now: datetime, *, force: bool, sender: str) -> _Claim | None:
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
        message = _message(row, sender)
        attempts = row.attempts + 1
        uow.session.commit()
        return _Claim(row.id, now, attempts, message) if taken == 1 else _Claim(row.id, now, -1, message)


def _message(row: EmailOutbox, sender: str) -> EmailMessage:
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


def _finish(uow: UnitOfWork, claim: _Claim, now: datetime, error: BaseException | None) -> str:
    """Record the outcome of one send; returns the new status."""
    if error is None:
        status, values = "sent", {"status": "sent", "sent_at": now, "last_error": ""}
    elif _permanent(error) or claim.attempts >= MAX_ATTEMPTS:
        status, values = "failed", {"status": "failed", "last_error": _describe(error)}
    else:
        status = "queued"
        values = {
            "status": "queued",
            "next_attempt_at": now + backoff(claim.attempts),
            "last_error": _describe(error),
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


def _permanent(error: BaseException) -> bool:
    """5xx answers about the message or its recipients will not change on retry; auth can be fixed."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return True
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return False
    return isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:500]


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    """An authenticated connection to the configured server (raises OSError / SMTPException)."""
    context = ssl.create_default_context()
    if settings.security == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout_s, context=context
        )
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout_s)
        if settings.security == "starttls":
            client.starttls(context=context)
    if settings.user:
        client.login(settings.user, settings.password)
    return client


def flush(
    uow_factory: UowFactory,
    settings: SmtpSettings | None,
    *,
    now: datetime | None = None,
    force: bool = False,
    limit: int = 500,
) -> FlushResult:
    """Send what is due (everything queued when `force`); stops at the first connection failure."""
    if settings is None:
        return FlushResult(0, 0, 0, "SMTP is not configured")
    sent = deferred = failed = 0
    client: smtplib.SMTP | None = None
    try:
        for _ in range(limit):
            moment = now or utcnow()
            claim = _claim_next(uow_factory(), moment, force=force, sender=settings.sender or settings.user)
            if claim is None:
                break
            if claim.attempts < 0:
                continue  # another worker took it between our read and our claim
            try:
                client = client or connect(settings)
                client.send_message(claim.message)
            except (OSError, smtplib.SMTPException) as error:
                status = _finish(uow_factory(), claim, moment, error)
                failed += status == "failed"
                deferred += status == "queued"
                if not isinstance(error, smtplib.SMTPRecipientsRefused):
                    _close(client)
                    return FlushResult(sent, deferred, failed, _describe(error))
                continue
            _finish(uow_factory(), claim, moment, None)
            sent += 1
    finally:
        _close(client)
    return FlushResult(sent, deferred, failed)


def _close(client: smtplib.SMTP | None) -> None:
    if client is None:
        return
    try:
        client.quit()
    except (OSError, smtplib.SMTPException):
        client.close()


class MailWorker:
    """A background thread that flushes the outbox every `interval_s` (and when `wake()` is called).

    Plain threading, not Qt: services never import Qt; the window just starts and stops it.
    `settings` is asked each round, so a server changed in the settings applies without a restart.
    `before_flush` callables run first each round (the daily alert digest queues itself there).
    """

    def __init__(
        self,
        uow_factory: UowFactory,
        settings: Callable[[], SmtpSettings | None],
        *,
        interval_s: float = 30.0,
        before_flush: Sequence[Callable[[], object]] = (),
    ) -> None:
        self._uow_factory = uow_factory
        self._settings = settings
        self._interval_s = interval_s
        self._before = list(before_flush)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stockdesk-mail", daemon=True)
        self.last_result: FlushResult | None = None

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout_s: float = 15.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                for job in self._before:
                    job()
                self.last_result = flush(self._uow_factory, self._settings())
            except Exception as error:  # the worker must outlive any one bad round; the row keeps the error
                self.last_result = FlushResult(0, 0, 0, _describe(error))
            self._wake.wait(self._interval_s)
            self._wake.clear()
