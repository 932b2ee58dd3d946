"""Synthetic camera footage of barcodes, for scanner tests and the decode benchmark.

Codes are drawn by the libraries a shop would print labels with (python-barcode, qrcode; zxing-cpp's
writer for UPC-E and DataMatrix), then placed on a 640x480 "desk" the way a hand holds them in front
of a webcam: tilted, in perspective, out of focus, noisy, in poor light. Everything is seeded, so a
failing test sees the same pixels again.
"""

from __future__ import annotations

import random
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import barcode
import cv2
import numpy as np
import qrcode
import zxingcpp
from barcode.writer import ImageWriter

from stockdesk.domain.gtin import compress_upca, expand_upce, gtin_check_digit

WIDTH, HEIGHT = 640, 480
SYMBOLOGIES = ("EAN13", "EAN8", "UPCA", "UPCE", "CODE128", "CODE39", "QRCODE", "DATAMATRIX")
_PYBARCODE = {"EAN13": "ean13", "EAN8": "ean8", "UPCA": "upca", "CODE128": "code128", "CODE39": "code39"}
_ZXING = {"UPCE": zxingcpp.BarcodeFormat.UPCE, "DATAMATRIX": zxingcpp.BarcodeFormat.DataMatrix}


@dataclass(frozen=True)
class Distortion:
    """How a code is shown: size on screen, pose and picture quality."""

    width_px: int = 300  # width of the code (quiet zone included) on the 640x480 frame
    angle_deg: float = 0.0
    perspective: float = 0.0  # each corner moved by up to this fraction of the width
    blur_sigma: float = 0.0
    noise_sigma: float = 0.0
    contrast: float = 1.0  # 1 = black on white; 0.3 = dark grey on light grey
    offset: tuple[int, int] = (0, 0)


CLEAN = Distortion()
VARIANTS: dict[str, Distortion] = {
    "clean": CLEAN,
    "blur": Distortion(blur_sigma=1.2),
    "noise": Distortion(noise_sigma=12.0),
    "rotation": Distortion(angle_deg=20.0),
    "perspective": Distortion(perspective=0.08),
    "low_contrast": Distortion(contrast=0.35),
}


def _render_pybarcode(symbology: str, code: str) -> np.ndarray:
    cls = barcode.get_barcode_class(_PYBARCODE[symbology])
    extra = {"add_checksum": False} if symbology == "CODE39" else {}
    body = code[:-1] if symbology in ("EAN13", "EAN8", "UPCA") else code
    image = cls(body, writer=ImageWriter(), **extra).render(
        {"write_text": False, "module_width": 0.3, "module_height": 15, "quiet_zone": 3, "dpi": 254}
    )
    return np.asarray(image.convert("L"))


def _render_qr(code: str) -> np.ndarray:
    qr = qrcode.QRCode(border=4, box_size=8)
    qr.add_data(code)
    qr.make(fit=True)
    return np.asarray(qr.make_image().get_image().convert("L"))


def _render_zxing(symbology: str, code: str) -> np.ndarray:
    symbol = zxingcpp.create_barcode(code, _ZXING[symbology])
    image = np.asarray(zxingcpp.write_barcode_to_image(symbol, scale=8, add_quiet_zones=True))
    if symbology == "UPCE":  # zxing draws linear codes one module per row: give the bars some height
        image = cv2.resize(image, (image.shape[1], image.shape[1] // 2), interpolation=cv2.INTER_NEAREST)
    return image


def render_code(symbology: str, code: str) -> np.ndarray:
    """The code as a crisp gray image with its quiet zone (black on white)."""
    if symbology in _PYBARCODE:
        return _render_pybarcode(symbology, code)
    if symbology == "QRCODE":
        return _render_qr(code)
    if symbology in _ZXING:
        return _render_zxing(symbology, code)
    raise ValueError(f"cannot draw {symbology}")


def _destination(w: int, h: int, d: Distortion, rng: random.Random) -> np.ndarray:
    """Where the code's four corners land on the frame (clockwise from top-left)."""
    scale = d.width_px / w
    half = np.array([[-w, -h], [w, -h], [w, h], [-w, h]], dtype=np.float64) * scale / 2
    theta = np.deg2rad(d.angle_deg)
    rot = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    corners = half @ rot.T
    jitter = d.perspective * d.width_px
    corners += np.array([[rng.uniform(-jitter, jitter) for _ in range(2)] for _ in range(4)])
    # Shrink if the pose does not fit; a code partly out of frame is a different test.
    span = np.abs(corners).max(axis=0)
    fit = min(1.0, (WIDTH / 2 - 8) / span[0], (HEIGHT / 2 - 8) / span[1])
    corners *= fit
    span *= fit
    cx = np.clip(WIDTH / 2 + d.offset[0], span[0] + 4, WIDTH - span[0] - 4)
    cy = np.clip(HEIGHT / 2 + d.offset[1], span[1] + 4, HEIGHT - span[1] - 4)
    return (corners + np.array([cx, cy])).astype(np.float32)


def compose_frame(symbol: np.ndarray, distortion: Distortion = CLEAN, *, seed: int = 0) -> np.ndarray:
    """A 640x480 BGR frame showing `symbol` (gray image) posed and degraded as `distortion` says."""
    rng = random.Random(seed)
    h, w = symbol.shape[:2]
    source = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(source, _destination(w, h, distortion, rng))
    paper = rng.randint(215, 245)
    frame = np.full((HEIGHT, WIDTH), paper, dtype=np.float32)
    frame += np.linspace(-12, 12, WIDTH, dtype=np.float32)  # uneven desk lighting
    warped = cv2.warpPerspective(
        symbol, matrix, (WIDTH, HEIGHT), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_CONSTANT, borderValue=255
    )
    mask = cv2.warpPerspective(np.ones_like(symbol), matrix, (WIDTH, HEIGHT), flags=cv2.INTER_NEAREST)
    frame = np.where(mask > 0, warped.astype(np.float32) * paper / 255.0, frame)
    mid = frame.mean()
    frame = mid + (frame - mid) * distortion.contrast
    if distortion.blur_sigma > 0:
        frame = cv2.GaussianBlur(frame, (0, 0), distortion.blur_sigma)
    if distortion.noise_sigma > 0:
        noise = np.random.default_rng(seed).normal(0, distortion.noise_sigma, frame.shape)
        frame = frame + noise.astype(np.float32)
    gray = np.clip(frame, 0, 255).astype(np.uint8)
    return cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)


def blank_frame(seed: int = 0) -> np.ndarray:
    """An empty desk: what the camera sees between two items."""
    return compose_frame(np.full((2, 2), 255, dtype=np.uint8), Distortion(width_px=2), seed=seed)


def random_code(symbology: str, rng: random.Random) -> str:
    """A random code that is valid for `symbology` (check digits included)."""
    digits = lambda n: "".join(rng.choice(string.digits) for _ in range(n))  # noqa: E731
    if symbology in ("EAN13", "EAN8", "UPCA"):
        body = {"EAN13": "4" + digits(11), "EAN8": "9" + digits(6), "UPCA": "0" + digits(10)}[symbology]
        return body + str(gtin_check_digit(body))
    if symbology == "UPCE":
        while True:  # some digit patterns have no zero-suppressed form (e.g. xxxx06): draw again
            body = "0" + digits(6)
            code = body + str(gtin_check_digit(expand_upce(body + "0")[:-1]))
            if compress_upca(expand_upce(code)) == code:
                return code
    if symbology == "CODE39":
        return "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(rng.randint(5, 9)))
    alphabet = string.ascii_letters + string.digits + "-"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(6, 14)))


def random_distortion(rng: random.Random) -> Distortion:
    """A plausible hand-held pose and picture quality, from good to poor."""
    return Distortion(
        width_px=rng.randint(180, 420),
        angle_deg=rng.uniform(-35, 35),
        perspective=rng.uniform(0, 0.12),
        blur_sigma=rng.choice([0, 0, rng.uniform(0.3, 2.5)]),
        noise_sigma=rng.uniform(0, 18),
        contrast=rng.uniform(0.25, 1.0),
        offset=(rng.randint(-120, 120), rng.randint(-90, 90)),
    )


def distorted_images(symbology: str, count: int, *, seed: int = 1) -> Iterator[tuple[np.ndarray, str]]:
    """`count` (frame, expected code) pairs of one symbology, each with a random distortion."""
    rng = random.Random(f"{symbology}-{seed}")
    for index in range(count):
        code = random_code(symbology, rng)
        pose = random_distortion(rng)
        frame = compose_frame(render_code(symbology, code), pose, seed=seed * 100_003 + index)
        yield frame, code


def write_video(
    path: Path,
    items: Sequence[tuple[str, str]],
    *,
    variant: str = "clean",
    fps: float = 30.0,
    frames_per_code: int = 12,
    gap_frames: int = 8,
) -> Path:
    """An MJPG .avi showing each (symbology, code) in turn, drifting slightly, with empty desk between.

    MJPG works in opencv-python-headless without extra codecs and its artefacts resemble a webcam's.
    """
    symbols = [render_code(symbology, code) for symbology, code in items]
    return write_symbol_video(
        path, symbols, variant=variant, fps=fps, frames_per_code=frames_per_code, gap_frames=gap_frames
    )


def write_symbol_video(
    path: Path,
    symbols: Sequence[np.ndarray],
    *,
    variant: str = "clean",
    fps: float = 30.0,
    frames_per_code: int = 12,
    gap_frames: int = 8,
) -> Path:
    """`write_video` of pictures already drawn (gray images: e.g. printed labels, rasterised)."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, (WIDTH, HEIGHT))
    if not writer.isOpened():
        raise RuntimeError(f"OpenCV cannot write {path}")
    base = VARIANTS[variant]
    try:
        for number, symbol in enumerate(symbols):
            for frame_no in range(frames_per_code):
                pose = Distortion(**{**base.__dict__, "offset": (frame_no * 2 - 10, frame_no - 5)})
                writer.write(compose_frame(symbol, pose, seed=number * 1000 + frame_no))
            for frame_no in range(gap_frames):
                writer.write(blank_frame(seed=number * 1000 + 500 + frame_no))
    finally:
        writer.release()
    return path


def write_images(folder: Path, items: Sequence[tuple[str, str]], *, variant: str = "clean") -> Path:
    """One PNG per (symbology, code), named in order, for ImageFolderSource."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, (symbology, code) in enumerate(items):
        frame = compose_frame(render_code(symbology, code), VARIANTS[variant], seed=number)
        cv2.imwrite(str(folder / f"{number:04d}.png"), frame)
    return folder


def printed_labels(pdf: Path, preset: str, count: int, *, dpi: int = 200) -> list[np.ndarray]:
    """The first `count` labels of a label sheet PDF (`reports.labels.write_labels`) as gray pictures,
    rasterised as a printer would and cut out along the sheet's layout: real labels for the camera."""
    import pypdfium2

    from stockdesk.reports.label_presets import preset_named

    sheet = preset_named(preset)
    page = pypdfium2.PdfDocument(str(pdf))[0]
    scale = dpi / 72
    image = np.asarray(page.render(scale=scale).to_pil().convert("L"))
    pictures = []
    for slot in range(count):
        x, y = sheet.origin(slot)  # bottom-left, PDF points from the bottom
        top = round((sheet.page[1] - y - sheet.height) * scale)
        left = round(x * scale)
        pictures.append(
            image[top : top + round(sheet.height * scale), left : left + round(sheet.width * scale)]
        )
    return pictures
