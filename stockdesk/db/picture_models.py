"""Item pictures (issue 21): the picture's bytes once per content, the item's link to it, and thumbnails.

`picture_blob` is content-addressed: its id is derived from the SHA-256 of the stored bytes, so two
desks adding the same picture make the same row and sync carries its content once. The bytes are
kept as base64 text, not a BLOB: every synced row travels as the JSON the SQLite capture triggers
write (`json_object`, which cannot hold a BLOB), and base64 is exactly what JSON needs anyway.
`picture_thumb` is derived on each desk from the blob and never syncs.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from stockdesk.db.base import Base, Synced


class PictureBlob(Synced, Base):
    """One stored picture (a JPEG or PNG of at most 1600 px a side and 400 KB)."""

    __tablename__ = "picture_blob"
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    mime: Mapped[str] = mapped_column(String(32))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)  # bytes before base64
    data: Mapped[str] = mapped_column(Text)  # base64 of the bytes


class ItemPicture(Synced, Base):
    """An item's picture; `position` 0 is the one shown (room for more pictures per item later)."""

    __tablename__ = "item_picture"
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"), index=True)
    blob_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("picture_blob.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (UniqueConstraint("item_id", "position"),)


class PictureThumb(Base):
    """A small PNG made from a blob on this desk (never synced: any desk can make it again)."""

    __tablename__ = "picture_thumb"
    blob_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
