"""One router per resource; each route translates, calls one service, translates back."""

from __future__ import annotations

from fastapi import APIRouter

from stockdesk.api.routers import (
    alerts,
    audit,
    auth,
    catalogue,
    items,
    locations,
    lookup,
    movements,
    orders,
    packs,
    pictures,
    planning,
    stocktakes,
    stores,
    sync,
    users,
    variants,
)

ROUTERS: tuple[APIRouter, ...] = (
    auth.router,
    items.router,
    packs.router,
    pictures.router,
    variants.router,
    lookup.router,
    movements.router,
    stores.router,
    locations.router,
    catalogue.categories,
    catalogue.suppliers,
    users.router,
    alerts.router,
    audit.router,
    planning.router,
    orders.router,
    stocktakes.router,
    sync.router,
)
