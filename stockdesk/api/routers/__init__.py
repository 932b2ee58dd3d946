"""One router per resource; each route translates, calls one service, translates back."""

from __future__ import annotations

from fastapi import APIRouter

from stockdesk.api.routers import (
    alerts,
    audit,
    auth,
    catalogue,
    items,
    lookup,
    movements,
    packs,
    planning,
    stores,
    sync,
    users,
)

ROUTERS: tuple[APIRouter, ...] = (
    auth.router,
    items.router,
    packs.router,
    lookup.router,
    movements.router,
    stores.router,
    catalogue.categories,
    catalogue.suppliers,
    users.router,
    alerts.router,
    audit.router,
    planning.router,
    sync.router,
)
