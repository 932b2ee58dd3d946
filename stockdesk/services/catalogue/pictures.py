"""An item's picture: set (from a file's bytes), remove, read, and thumbnails for many items at once.

Whoever may edit the item may set its picture (a clerk: own items). Pictures are content-addressed
(db/picture_models.py): the same stored bytes are one `picture_blob` row, with the same id on every
desk; removing an item's picture tombstones the link and keeps the blob (other items may share it).
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from stockdesk.db.models import Item
from stockdesk.db.picture_models import ItemPicture, PictureBlob, PictureThumb
from stockdesk.domain.ids import ItemId, PictureId
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.domain.pictures import picture_id
from stockdesk.services.accounts import audit
from stockdesk.services.catalogue.picture_images import prepare, thumbnail_png
from stockdesk.services.uow import UnitOfWork

_CHUNK = 500


@dataclass(frozen=True)
class PictureView:
    id: PictureId
    data: bytes
    mime: str
    width: int
    height: int


def set_item_picture(uow: UnitOfWork, actor: Actor, item_id: ItemId, data: bytes, name: str) -> PictureView:
    """Make the picture file `name` (bytes `data`) the item's picture, shrunk to what is stored."""
    image = prepare(data, name)  # before the transaction: decoding a large file takes a moment
    sha = hashlib.sha256(image.data).hexdigest()
    blob_id = picture_id(sha)
    with uow:
        item = uow.get(Item, item_id, "item")
        require(actor, Action.EDIT_ITEM, owner_id=item.owner_id)
        uow.actor_id = actor.id
        blob = uow.session.get(PictureBlob, blob_id)
        if blob is None:
            encoded = base64.b64encode(image.data).decode("ascii")
            blob = PictureBlob(
                id=blob_id, sha256=sha, mime=image.mime, width=image.width, height=image.height,
                size=len(image.data), data=encoded,
            )  # fmt: skip
            uow.session.add(blob)
        elif blob.deleted:
            blob.deleted = False
        link = uow.session.scalar(
            select(ItemPicture).where(ItemPicture.item_id == item.id, ItemPicture.position == 0)
        )
        if link is None:
            uow.session.add(ItemPicture(item_id=item.id, blob_id=blob_id, position=0))
        else:
            link.blob_id, link.deleted = blob_id, False
        uow.session.flush()
        audit.record(uow, actor, "picture.set", "item", item.id, picture=name)
        uow.commit()
    return PictureView(blob_id, image.data, image.mime, image.width, image.height)


def remove_item_picture(uow: UnitOfWork, actor: Actor, item_id: ItemId) -> None:
    with uow:
        item = uow.get(Item, item_id, "item")
        require(actor, Action.EDIT_ITEM, owner_id=item.owner_id)
        uow.actor_id = actor.id
        link = uow.session.scalar(
            select(ItemPicture).where(
                ItemPicture.item_id == item.id, ItemPicture.position == 0, ItemPicture.deleted.is_(False)
            )
        )
        if link is not None:
            link.deleted = True
            audit.record(uow, actor, "picture.remove", "item", item.id)
        uow.commit()


def picture_of(uow: UnitOfWork, item_id: ItemId) -> PictureView | None:
    """The item's picture, or None."""
    with uow:
        blob = uow.session.scalar(
            select(PictureBlob)
            .join(ItemPicture, ItemPicture.blob_id == PictureBlob.id)
            .where(ItemPicture.item_id == item_id, ItemPicture.position == 0, ItemPicture.deleted.is_(False))
        )
        if blob is None:
            return None
        return PictureView(
            PictureId(blob.id), base64.b64decode(blob.data), blob.mime, blob.width, blob.height
        )


def thumbnails(uow: UnitOfWork, item_ids: Iterable[uuid.UUID]) -> dict[ItemId, bytes]:
    """Item id -> a small PNG of its picture, for those of `item_ids` that have one.

    One indexed read per 500 items; a thumbnail this desk has not made yet (a pulled picture) is
    made from its blob and kept in `picture_thumb`. Called off the GUI thread by the items table."""
    ids = list(item_ids)
    found: dict[ItemId, bytes] = {}
    with uow:
        for start in range(0, len(ids), _CHUNK):
            rows = uow.session.execute(
                select(ItemPicture.item_id, ItemPicture.blob_id, PictureThumb.data)
                .outerjoin(PictureThumb, PictureThumb.blob_id == ItemPicture.blob_id)
                .where(
                    ItemPicture.item_id.in_(ids[start : start + _CHUNK]),
                    ItemPicture.position == 0,
                    ItemPicture.deleted.is_(False),
                )
            ).all()
            made: dict[uuid.UUID, bytes] = {}
            for item_id, blob_id, thumb in rows:
                if thumb is None and blob_id not in made:
                    made[blob_id] = _make_thumb(uow, blob_id)
                found[ItemId(item_id)] = thumb if thumb is not None else made[blob_id]
        if uow.session.new:
            try:
                uow.commit()
            except IntegrityError:  # another thread kept the same thumbnail first: theirs is as good
                uow.session.rollback()
    return found


def _make_thumb(uow: UnitOfWork, blob_id: uuid.UUID) -> bytes:
    encoded = uow.session.scalar(select(PictureBlob.data).where(PictureBlob.id == blob_id))
    data = thumbnail_png(base64.b64decode(encoded or ""))
    uow.session.add(PictureThumb(blob_id=blob_id, data=data))
    return data
