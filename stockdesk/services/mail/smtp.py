"""Sending the outbox over SMTP: one message at a time, claimed, sent, marked (see `outbox`)."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime

from stockdesk.db.base import utcnow
from stockdesk.services.mail.outbox import UowFactory, claim_next, describe_error, finish


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
            claim = claim_next(uow_factory(), moment, force=force, sender=settings.sender or settings.user)
            if claim is None:
                break
            if claim.attempts < 0:
                continue  # another worker took it between our read and our claim
            try:
                client = client or connect(settings)
                client.send_message(claim.message)
            except (OSError, smtplib.SMTPException) as error:
                status = finish(uow_factory(), claim, moment, error)
                failed += status == "failed"
                deferred += status == "queued"
                if not isinstance(error, smtplib.SMTPRecipientsRefused):
                    _close(client)
                    return FlushResult(sent, deferred, failed, describe_error(error))
                continue
            finish(uow_factory(), claim, moment, None)
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
