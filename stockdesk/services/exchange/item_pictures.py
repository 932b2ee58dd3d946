"""The `Picture` column of the items CSV: pictures written beside an export, read back by the import.

Export (`PictureExport`): each picture the exported items show is written once into a folder beside
the CSV (`items.csv` -> `items-pictures/`), named by its content (`<sha256>.jpg`, `.png`), and the
item's cell holds the path relative to the CSV (`items-pictures/<sha256>.jpg`). Two items sharing a
picture share one file; a file already there under its name (an earlier export into the same folder)
is not written again. An export without pictures leaves the column blank, which the import reads as
"leave the picture alone".

Import (`PictureSources`): a cell names a file, relative to the CSV's folder or absolute, or an
http(s) address; `-` removes the item's picture (as `-` removes an item's packs). Every source is read,
checked and shrunk (`picture_images.prepare`, the item editor's rules: 20 MB, a picture, 1600 px /
400 KB stored) once per import, however many rows name it, while the rows are checked, so a missing
file, an address that does not answer, a file that is not a picture or is too large is a problem of
its row and column like any other bad cell, before anything is written. What was read waits in a
temporary folder (a file of 100,000 rows may name as many pictures: they are not kept in memory) until
the rows are written, then goes into `picture_blob` (content-addressed: a picture already stored is
not stored again) and the items' `item_picture` links in the import's transaction.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy import select

from stockdesk.db.picture_models import ItemPicture, PictureBlob
from stockdesk.domain.cells import FORMULA_START
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.ids import PictureId
from stockdesk.domain.messages import Message
from stockdesk.domain.pictures import picture_id
from stockdesk.private_files import atomic_private
from stockdesk.services.catalogue import picture_images
from stockdesk.services.uow import UnitOfWork

if TYPE_CHECKING:
    import http.client
    import urllib.request
    from typing import IO

    from stockdesk.services.exchange.import_checks import CheckedRow

REMOVE = "-"  # a cell that removes the item's picture (the packs column's `-` too)
URL_TIMEOUT = 15.0  # seconds a picture's address may take to answer (each read of it, not in total)
_READ_CHUNK = 64 * 1024
_CHUNK = 500  # ids per IN (...) read
_DATA_CHUNK = 16  # pictures' bytes per read: a stored picture is up to ~550,000 characters of base64
_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}


def picture_folder(csv_path: Path) -> Path:
    """Where an export to `csv_path` writes its pictures: `items.csv` -> `items-pictures/` beside it."""
    return csv_path.with_name(f"{csv_path.stem}-pictures")


# --- export -------------------------------------------------------------------------------------


class PictureExport:
    """The pictures of one items export: each written once into `picture_folder(csv_path)`.

    `cells` answers each item's cell; `discard` removes what this export wrote (a cancelled or failed
    export leaves neither its CSV nor its pictures behind).
    """

    def __init__(self, csv_path: Path) -> None:
        self.folder = picture_folder(Path(csv_path))
        # "-stock.csv" -> "./-stock-pictures/...": a cell starting "-" would reach the CSV as "'-stock..."
        # (formula-safe, csv_files.py), which the import would look for under that name.
        self._prefix = f"{self.folder.name}/"
        if self._prefix.startswith(FORMULA_START):
            self._prefix = "./" + self._prefix
        self._cells: dict[uuid.UUID, str] = {}  # blob id -> the cell naming its file
        self._written: list[Path] = []
        self._made_folder = False

    @property
    def files_written(self) -> int:
        return len(self._written)

    def cells(self, uow: UnitOfWork, item_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
        """Item id -> `FOLDER/NAME` for those of `item_ids` with a picture; writes those not written yet."""
        links = _links(uow, item_ids)
        missing = sorted({blob for blob, _sha, _mime in links.values() if blob not in self._cells})
        if missing:
            self._write(uow, missing)
        return {item: self._cells[blob] for item, (blob, _sha, _mime) in links.items()}

    def _write(self, uow: UnitOfWork, blob_ids: Sequence[uuid.UUID]) -> None:
        if not self.folder.is_dir():
            self.folder.mkdir(mode=0o700)  # private like the CSV (docs/security.md)
            self._made_folder = True
        with uow:
            for start in range(0, len(blob_ids), _DATA_CHUNK):
                chunk = blob_ids[start : start + _DATA_CHUNK]
                query = select(
                    PictureBlob.id, PictureBlob.sha256, PictureBlob.mime, PictureBlob.size, PictureBlob.data
                ).where(PictureBlob.id.in_(chunk))
                for blob_id, sha, mime, size, data in uow.session.execute(query):
                    name = f"{sha}{_EXTENSIONS.get(mime, '.img')}"
                    target = self.folder / name
                    # The name is the content: a file of that name and size is this picture already.
                    if not (target.is_file() and target.stat().st_size == size):
                        with atomic_private(target) as temp:
                            temp.write_bytes(base64.b64decode(data))
                        self._written.append(target)
                    self._cells[blob_id] = self._prefix + name

    def discard(self) -> None:
        """Remove the files this export wrote, and the folder if it made it and it is empty now."""
        for path in self._written:
            path.unlink(missing_ok=True)
        self._written.clear()
        if self._made_folder:
            try:
                self.folder.rmdir()
            except OSError:
                pass  # something else is in it: not ours to remove


def _links(uow: UnitOfWork, item_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, tuple[uuid.UUID, str, str]]:
    """Item id -> (blob id, sha256, mime) of its picture, for those of `item_ids` that have one."""
    ids = list(item_ids)
    found: dict[uuid.UUID, tuple[uuid.UUID, str, str]] = {}
    with uow:
        for start in range(0, len(ids), _CHUNK):
            rows = uow.session.execute(
                select(ItemPicture.item_id, PictureBlob.id, PictureBlob.sha256, PictureBlob.mime)
                .join(PictureBlob, PictureBlob.id == ItemPicture.blob_id)
                .where(
                    ItemPicture.item_id.in_(ids[start : start + _CHUNK]),
                    ItemPicture.position == 0,
                    ItemPicture.deleted.is_(False),
                )
            )
            found.update({item: (blob, sha, mime) for item, blob, sha, mime in rows})
    return found


# --- import -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadedPicture:
    """A picture an item file names, as it will be stored (its bytes wait in the spool folder)."""

    id: PictureId
    sha256: str
    mime: str
    width: int
    height: int
    size: int


class PictureSources:
    """The pictures one import reads: each source (a file or an address) read and shrunk once.

    `folder` is where relative paths are found (the item file's folder); None refuses relative paths.
    Use as a context manager: the spool folder of pictures read but not yet written goes at the end.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._known: dict[str, LoadedPicture | ValidationError] = {}  # source -> what reading it gave
        self._spool: Path | None = None
        self.reads = 0  # sources actually read (the rest came from `_known`)

    def __enter__(self) -> PictureSources:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._spool is not None:
            shutil.rmtree(self._spool, ignore_errors=True)
            self._spool = None

    def load(self, cell: str) -> LoadedPicture:
        """The picture `cell` names, read the first time it is named; ValidationError("picture", ...)."""
        source = self._source(cell)
        known = self._known.get(source)
        if known is None:
            try:
                known = self._read(source)
            except ValidationError as error:
                known = error  # a missing file named by 1,000 rows is looked for once, reported 1,000 times
            self._known[source] = known
        if isinstance(known, ValidationError):
            raise known
        return known

    def data(self, picture: LoadedPicture) -> bytes:
        assert self._spool is not None, "data() of a picture this import did not load"
        return (self._spool / picture.sha256).read_bytes()

    def _source(self, cell: str) -> str:
        text = cell.strip()
        if _is_address(text):
            return text
        path = Path(os.path.expanduser(text))
        if not path.is_absolute():
            if self.folder is None:
                raise ValidationError("picture", text, Message("picture.relative_no_folder"))
            path = self.folder / path
        if not path.exists() and "\\" in text and os.sep == "/":
            path = Path(str(path).replace("\\", "/"))  # a path written on Windows: items-pictures\x.jpg
        return str(path.resolve())  # "./a/../a/x.jpg" and "a/x.jpg" are one source

    def _read(self, source: str) -> LoadedPicture:
        self.reads += 1
        data = _fetch(source) if _is_address(source) else _read_file(Path(source))
        image = picture_images.prepare(data, source)
        sha = hashlib.sha256(image.data).hexdigest()
        if self._spool is None:
            self._spool = Path(tempfile.mkdtemp(prefix="stockdesk-import-pictures-"))
        spooled = self._spool / sha
        if not spooled.exists():  # two sources with the same content are one picture
            spooled.write_bytes(image.data)
        return LoadedPicture(picture_id(sha), sha, image.mime, image.width, image.height, len(image.data))


def _is_address(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _read_file(path: Path) -> bytes:
    try:
        if not path.is_file():
            raise ValidationError("picture", str(path), Message("picture.no_file", path=str(path)))
        picture_images.check_file_size(path.stat().st_size, path.name)  # refused before it is read
        with path.open("rb") as file:
            data = file.read(picture_images.MAX_FILE_BYTES + 1)
    except OSError as error:  # unreadable (permissions, a device): named like a missing file
        reason = error.strerror or str(error)
        unreadable = Message("picture.unreadable", path=str(path), error=reason)
        raise ValidationError("picture", str(path), unreadable) from None
    picture_images.check_file_size(len(data), path.name)  # grew since it was looked at
    return data


def _fetch(url: str) -> bytes:
    """The body at `url`, read in chunks: refused once it passes the limit, never read whole."""
    import http.client  # loaded by the first import that names an address, not with the window
    import urllib.error
    import urllib.request

    limit = picture_images.MAX_FILE_BYTES
    request = urllib.request.Request(url, headers={"User-Agent": "StockDesk item import"})
    try:
        with _opener().open(request, timeout=URL_TIMEOUT) as response:
            declared = response.headers.get("Content-Length", "")
            if declared.strip().isdigit():
                picture_images.check_file_size(int(declared), url)  # a declared 2 GB is refused unread
            parts: list[bytes] = []
            total = 0
            while chunk := response.read(_READ_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise ValidationError(
                        "picture", url, Message("picture.download_too_large", limit=limit // 1024 // 1024)
                    )
                parts.append(chunk)
            return b"".join(parts)
    except ValidationError:
        raise
    except urllib.error.HTTPError as error:
        raise _unreachable(url, f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise _unreachable(url, _reason(error.reason)) from None
    except (OSError, http.client.HTTPException, ValueError) as error:  # timeouts, resets, bad answers
        raise _unreachable(url, _reason(error)) from None


@functools.cache
def _opener() -> urllib.request.OpenerDirector:
    """urllib's opener whose redirects go to http(s) addresses only (its own would follow one to ftp:)."""
    import urllib.error
    import urllib.request

    class HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(
            self,
            req: urllib.request.Request,
            fp: IO[bytes],
            code: int,
            msg: str,
            headers: http.client.HTTPMessage,
            newurl: str,
        ) -> urllib.request.Request | None:
            if not _is_address(newurl):
                raise urllib.error.HTTPError(newurl, code, f"redirect to {newurl}", headers, fp)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(HttpOnlyRedirects)


def _reason(error: object) -> str:
    if isinstance(error, TimeoutError):
        return f"no answer within {URL_TIMEOUT:.0f} s"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def _unreachable(url: str, why: str) -> ValidationError:
    return ValidationError("picture", url, Message("picture.url_failed", error=why))


def check_rows(
    rows: Sequence[CheckedRow], column: str, sources: PictureSources, report: Callable[[int, int], None]
) -> None:
    """Read the picture each row names (once per source); a source that fails is its row's problem."""
    named = [r for r in rows if r.picture is not None and r.picture != REMOVE]
    if not named:
        return
    for done, row in enumerate(named, start=1):
        assert row.picture is not None
        try:
            sources.load(row.picture)
        except ValidationError as error:
            row.problem(column, row.picture, error.reason)
        if done % 100 == 0:
            report(done, len(named))
    report(len(named), len(named))


def write_pictures(uow: UnitOfWork, chosen: Mapping[uuid.UUID, str], sources: PictureSources) -> int:
    """Give each item the picture its cell names (`-`: none); returns how many items changed.

    Pictures not stored yet are added (a tombstoned one is restored); the item's link is added,
    pointed at the new picture or tombstoned, as `pictures.set_item_picture` would. The caller has
    checked that the actor may edit these items and commits.
    """
    wanted = {item: None if cell == REMOVE else sources.load(cell) for item, cell in chosen.items()}
    _store_blobs(uow, {p.id: p for p in wanted.values() if p is not None}, sources)
    session = uow.session
    items = list(wanted)
    changed = 0
    for start in range(0, len(items), _CHUNK):
        chunk = items[start : start + _CHUNK]
        links = {
            link.item_id: link
            for link in session.scalars(
                select(ItemPicture).where(ItemPicture.item_id.in_(chunk), ItemPicture.position == 0)
            )
        }
        for item in chunk:
            picture, link = wanted[item], links.get(item)
            if picture is None:
                if link is not None and not link.deleted:
                    link.deleted = True
                    changed += 1
            elif link is None:
                session.add(ItemPicture(item_id=item, blob_id=picture.id, position=0))
                changed += 1
            elif link.deleted or link.blob_id != picture.id:
                link.blob_id, link.deleted = picture.id, False
                changed += 1
        session.flush()
    return changed


def _store_blobs(
    uow: UnitOfWork, pictures: Mapping[PictureId, LoadedPicture], sources: PictureSources
) -> None:
    session = uow.session
    ids = list(pictures)
    for start in range(0, len(ids), _DATA_CHUNK):
        chunk = ids[start : start + _DATA_CHUNK]
        stored = dict(
            session.execute(select(PictureBlob.id, PictureBlob.deleted).where(PictureBlob.id.in_(chunk)))
            .tuples()
            .all()
        )
        added: list[PictureBlob] = []
        for ident in chunk:
            picture = pictures[ident]
            if ident not in stored:
                encoded = base64.b64encode(sources.data(picture)).decode("ascii")
                added.append(PictureBlob(
                    id=ident, sha256=picture.sha256, mime=picture.mime, width=picture.width,
                    height=picture.height, size=picture.size, data=encoded,
                ))  # fmt: skip
            elif stored[ident]:
                blob = session.get(PictureBlob, ident)
                assert blob is not None
                blob.deleted = False
        session.add_all(added)
        session.flush()
        for blob in added:
            session.expunge(blob)  # written: its half-megabyte of text need not stay in the session
