"""Turning a picture file into what is stored, and a stored picture into a thumbnail (Pillow).

A file is refused above MAX_FILE_BYTES before it is decoded. What is stored is at most MAX_SIDE
pixels a side and MAX_STORED_BYTES: a JPEG or PNG that already fits is kept byte for byte (so the
same file gives the same content address on every desk), anything else is turned upright by its
EXIF orientation, shrunk and re-encoded (PNG when it has transparency, else JPEG).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message

if TYPE_CHECKING:
    from PIL import Image

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_SIDE = 1600
MAX_STORED_BYTES = 400 * 1024
THUMB_SIDE = 64
_KEPT_AS_IS = {"JPEG": "image/jpeg", "PNG": "image/png"}
_ORIENTATION = 0x0112
_JPEG_QUALITIES = (85, 72, 60, 45)


@dataclass(frozen=True)
class StoredImage:
    data: bytes
    mime: str
    width: int
    height: int


def prepare(data: bytes, name: str) -> StoredImage:
    """What to store for the picture file `name` (its bytes `data`); ValidationError naming the file."""
    check_file_size(len(data), name)
    # Pillow is loaded on first use: the window starts without it (most sessions touch no picture).
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            return _fit(image, data, name)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValidationError("picture", name, Message("picture.not_image")) from None


def check_file_size(size: int, name: str) -> None:
    """Refuse a file above MAX_FILE_BYTES (a front end asks before it reads the file)."""
    if size > MAX_FILE_BYTES:
        shown = f"{size / 1024 / 1024:.1f}"
        limit = MAX_FILE_BYTES // 1024 // 1024
        raise ValidationError("picture", name, Message("picture.file_too_large", size=shown, limit=limit))


def _fit(image: Image.Image, data: bytes, name: str) -> StoredImage:
    from PIL import Image, ImageOps

    upright = image.getexif().get(_ORIENTATION, 1) == 1
    mime = _KEPT_AS_IS.get(image.format or "")
    if mime and upright and max(image.size) <= MAX_SIDE and len(data) <= MAX_STORED_BYTES:
        return StoredImage(data, mime, image.width, image.height)
    picture = ImageOps.exif_transpose(image)
    picture.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    if _has_alpha(picture):
        out = _encode(picture.convert("RGBA"), "PNG", optimize=True)
        if len(out) <= MAX_STORED_BYTES:
            return StoredImage(out, "image/png", picture.width, picture.height)
        picture = _on_white(picture)
    rgb = picture.convert("RGB")
    for quality in _JPEG_QUALITIES:
        out = _encode(rgb, "JPEG", quality=quality, optimize=True)
        if len(out) <= MAX_STORED_BYTES:
            return StoredImage(out, "image/jpeg", rgb.width, rgb.height)
    raise ValidationError("picture", name, Message("picture.too_large", limit=MAX_STORED_BYTES // 1024))


def thumbnail_png(data: bytes) -> bytes:
    """A PNG of at most THUMB_SIDE pixels a side of a stored picture."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image.draft("RGB", (THUMB_SIDE * 2, THUMB_SIDE * 2))  # JPEG: decode at a fraction of the size
        small = image.convert("RGBA")
        small.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
        return _encode(small, "PNG", optimize=True)


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)


def _on_white(image: Image.Image) -> Image.Image:
    from PIL import Image

    rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, "white")
    flat.paste(rgba, mask=rgba.getchannel("A"))
    return flat


def _encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()
