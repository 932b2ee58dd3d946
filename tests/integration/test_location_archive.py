"""Archiving a location takes its sub-tree along, never while stock is kept there; restoring needs an
active parent; only managers and admins do either (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from stockdesk.domain.errors import PermissionDenied, ValidationError
from stockdesk.services.catalogue import catalog
from stockdesk.services.inventory import stock
from stockdesk.services.places import locations
from stockdesk.services.places.placing import PlaceChoice


def test_archive_and_restore_a_zone_with_its_bins(db, admin, clerk, main_store):
    zone = locations.create_location(db.uow(), admin, store_id=main_store.id, code="Z", kind="zone")
    shelf = locations.create_location(db.uow(), admin, store_id=main_store.id, code="Z-1", parent_id=zone.id)
    bin_ = locations.create_location(
        db.uow(), admin, store_id=main_store.id, code="Z-1-A", parent_id=shelf.id
    )
    item = catalog.create_item(db.uow(), admin, sku="PEG", name="Peg")
    stock.receive(
        db.uow(),
        admin,
        item_id=item.id,
        store_id=main_store.id,
        quantity="2",
        place=PlaceChoice(location_id=bin_.id),
    )
    with pytest.raises(ValidationError) as refused:
        locations.set_location_active(db.uow(), admin, zone.id, active=False)
    assert (refused.value.field, refused.value.value) == ("location", "Z")
    assert "still holds stock at Z-1-A" in str(refused.value)
    with pytest.raises(PermissionDenied):
        locations.set_location_active(db.uow(), clerk, bin_.id, active=False)

    stock.move_within_store(
        db.uow(),
        admin,
        item_id=item.id,
        store_id=main_store.id,
        to_location_id=zone.id,
        quantity="2",
        place=PlaceChoice(location_id=bin_.id),
    )
    locations.set_location_active(db.uow(), admin, shelf.id, active=False)  # the zone holds it now
    assert [v.code for v in locations.locations_of(db.uow(), main_store.id)] == ["Z"]
    with pytest.raises(ValidationError, match="is under Z-1, which is archived"):
        locations.set_location_active(db.uow(), admin, bin_.id, active=True)
    locations.set_location_active(db.uow(), admin, shelf.id, active=True)
    assert [v.code for v in locations.locations_of(db.uow(), main_store.id)] == ["Z", "Z-1", "Z-1-A"]
