"""Where a frame that no decoder could read may still hold a code: cheap, so empty frames stay cheap.

A barcode is a patch of strong edges running one way (bars) or many short edges (2-D codes) with
little else; a desk, a hand or a face has far fewer edges packed that densely. On a copy whose longest
side is 160 px: the gradient magnitude, smoothed, thresholded, closed, and the connected patches big
enough to be a code kept, largest first. Costs about a tenth of a zxing-cpp pass on a 640x480 frame,
and only runs after the first pass found nothing.
"""

from __future__ import annotations

import cv2
import numpy as np

WORK_SIDE = 160
EDGE_THRESHOLD = 60  # mean smoothed gradient (0-255) of a patch of bars; paper, skin and wood stay well below
MIN_AREA_SHARE = 0.004  # of the frame: smaller patches are too small to decode even enlarged
MAX_REGIONS = 2

Box = tuple[int, int, int, int]  # left, top, right, bottom in full-frame pixels


def candidate_regions(gray: np.ndarray) -> list[Box]:
    """Boxes of dense edge patches that may be codes: all of them together, then the largest ones."""
    height, width = gray.shape[:2]
    scale = max(height, width) / WORK_SIDE
    # Every n-th pixel: averaging (INTER_AREA) costs more than the rest of the search together, and
    # the bars it would smooth are what we look for.
    step = max(int(scale), 1)
    small = gray[::step, ::step]
    scale = float(step)
    gx = cv2.Sobel(small, cv2.CV_16S, 1, 0, ksize=3)
    gy = cv2.Sobel(small, cv2.CV_16S, 0, 1, ksize=3)
    magnitude = cv2.addWeighted(cv2.convertScaleAbs(gx), 0.5, cv2.convertScaleAbs(gy), 0.5, 0)
    dense = cv2.blur(magnitude, (5, 5))
    if cv2.minMaxLoc(dense)[1] < EDGE_THRESHOLD:  # the usual empty frame ends here
        return []
    _, mask = cv2.threshold(dense, EDGE_THRESHOLD, 255, cv2.THRESH_BINARY)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (7, 7)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask)
    min_area = MIN_AREA_SHARE * small.shape[0] * small.shape[1]
    boxes = [
        (int(x * scale), int(y * scale), int((x + w) * scale), int((y + h) * scale), int(area))
        for x, y, w, h, area in stats[1:count]
        if area >= min_area
    ]
    boxes.sort(key=lambda box: box[4], reverse=True)
    found = [box[:4] for box in boxes[:MAX_REGIONS]]
    if len(boxes) > 1:  # a blurred EAN often falls apart at its centre guard: its halves together first
        found.insert(
            0,
            (
                min(b[0] for b in boxes),
                min(b[1] for b in boxes),
                max(b[2] for b in boxes),
                max(b[3] for b in boxes),
            ),
        )
    return found


def crop(gray: np.ndarray, box: Box, margin: float = 0.25) -> tuple[np.ndarray, int, int]:
    """The box with a margin (the quiet zone) cut from the frame, and its top-left corner."""
    left, top, right, bottom = box
    pad = int(max(right - left, bottom - top) * margin) + 8
    left, top = max(left - pad, 0), max(top - pad, 0)
    right, bottom = min(right + pad, gray.shape[1]), min(bottom + pad, gray.shape[0])
    return gray[top:bottom, left:right], left, top
