"""Who changed this desk's mail server, for the audit trail (the settings live in the configuration)."""

from __future__ import annotations

from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.services.accounts import audit
from stockdesk.services.uow import UnitOfWork


def record_smtp_change(uow: UnitOfWork, actor: Actor, *, host: str, port: int) -> None:
    """Note in the audit trail that `actor` changed this desk's mail server (admins only).

    The settings themselves live in the configuration (`stockdesk.config`), the password in the
    keyring: nothing of them is kept in the database, which backups copy.
    """
    with uow:
        require(actor, Action.MANAGE_SETTINGS)
        audit.record(uow, actor, "settings.smtp", "setting", None, host=host, port=port)
        uow.commit()
