"""An item's picture over HTTP: the image itself, so a web shop can show it and upload its own.

The body of a PUT is the image file (JPEG, PNG, WebP, … as the window takes them), not JSON: a web
shop sends what it holds. The server's request size limit applies (`--max-body`, 1 MB by default),
so a photo straight from a camera is shrunk before it is sent; what is stored is at most 1600 px a
side and 400 KB either way (`services/catalogue/picture_images.py`).
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from stockdesk.api.deps import actor, unit_of_work
from stockdesk.domain.errors import NotFound
from stockdesk.domain.ids import ItemId
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import pictures
from stockdesk.services.uow import UnitOfWork

router = APIRouter(tags=["pictures"])

_IMAGE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            kind: {"schema": {"type": "string", "format": "binary"}} for kind in ("image/jpeg", "image/png")
        },
    }
}


class PictureOut(BaseModel):
    id: uuid.UUID = Field(description="the stored picture: the same content has the same id on every desk")
    mime: str
    width: int
    height: int


@router.get(
    "/items/{item_id}/picture",
    response_class=Response,
    summary="The item's picture (the image file; 404 when it has none)",
    responses={200: {"content": {"image/jpeg": {}, "image/png": {}}}, 304: {"description": "Not modified"}},
)
def get_picture(
    item_id: uuid.UUID,
    request: Request,
    uow: UnitOfWork = Depends(unit_of_work),
    _who: Actor = Depends(actor),
) -> Response:
    found = pictures.picture_of(uow, ItemId(item_id))
    if found is None:
        raise NotFound("picture", item_id)
    tag = f'"{found.id}"'  # content-addressed: the id changes exactly when the image does
    if request.headers.get("if-none-match") == tag:
        return Response(status_code=304, headers={"ETag": tag})
    return Response(
        found.data, media_type=found.mime, headers={"ETag": tag, "Cache-Control": "private, max-age=60"}
    )


@router.put(
    "/items/{item_id}/picture",
    response_model=PictureOut,
    summary="Set the item's picture from an image file sent as the body",
    openapi_extra=_IMAGE_BODY,
)
async def put_picture(
    item_id: uuid.UUID, request: Request, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> PictureOut:
    data = await request.body()
    name = request.headers.get("x-filename", "") or "upload"
    # Decoding and shrinking an image takes a moment: not on the event loop.
    view = await run_in_threadpool(pictures.set_item_picture, uow, who, ItemId(item_id), data, name)
    return PictureOut(id=view.id, mime=view.mime, width=view.width, height=view.height)


@router.delete(
    "/items/{item_id}/picture", status_code=204, response_class=Response, summary="Remove the picture"
)
def delete_picture(
    item_id: uuid.UUID, uow: UnitOfWork = Depends(unit_of_work), who: Actor = Depends(actor)
) -> Response:
    pictures.remove_item_picture(uow, who, ItemId(item_id))
    return Response(status_code=204)
